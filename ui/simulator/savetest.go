package simulator

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// recorded is a run as "Save as test" needs it.
type recorded struct {
	Trigger      engine.Trigger
	Options      engine.StartOptions
	Log          []entry
	Flow         *model.Flow
	Unreplayable string
	// Catalog is the run's widget catalog.
	Catalog *schemas.Catalog
}

// scenarioFor turns a recorded run into a scenario whose flow is flowRef.
// HTTP answers the run received (canned or real) become canned responses,
// so the test replays offline and the same way.
func scenarioFor(rec recorded, name, flowRef, subflows string) (*scenario.Scenario, error) {
	if rec.Unreplayable != "" {
		return nil, fmt.Errorf("this run cannot be replayed as a test: %s", rec.Unreplayable)
	}
	if rec.Flow == nil {
		return nil, errors.New("this run did not start")
	}
	t := rec.Trigger
	sc := &scenario.Scenario{
		Name: name, Flow: flowRef, Trigger: t.Event, From: t.From, To: t.To, Body: t.Body,
		Subflows: subflows, AskOutcomes: rec.Options.AskOutcomes,
	}
	if len(t.Parameters) > 0 {
		sc.Data = t.Parameters
	}
	for w, o := range rec.Options.Outcomes {
		if sc.Outcomes == nil {
			sc.Outcomes = map[string]scenario.OutcomeSpec{}
		}
		sc.Outcomes[w] = scenario.OutcomeSpec{Event: o.Event}
	}
	sc.HTTP = httpAnswers(rec)
	var pending []scenario.Step
	var passed []string
	flush := func(tail *scenario.Expect) {
		sc.Steps = append(sc.Steps, pending...)
		pending = nil
		if tail != nil {
			sc.Steps = append(sc.Steps, scenario.Step{Expect: tail})
		}
	}
	var at string
	for _, e := range rec.Log {
		if a := e.Action; a != nil {
			if at != "" {
				flush(&scenario.Expect{At: at})
				at = ""
			} else {
				flush(nil)
			}
			sc.Steps = append(sc.Steps, stepFor(*a))
			continue
		}
		ev := e.Event
		if exp := outputExpectation(*ev); exp != nil {
			pending = append(pending, scenario.Step{Expect: exp})
		}
		switch ev.Kind {
		case engine.EventStep:
			if ev.Step != nil && ev.Step.ExecutionSID == ev.Execution && !slices.Contains(passed, ev.Step.TransitionedFrom) && ev.Step.Type != model.TriggerType {
				passed = append(passed, ev.Step.TransitionedFrom)
			}
		case engine.EventWait:
			at = ev.Widget
		case engine.EventEnd:
			at = ""
			if ev.Ending != nil && ev.Execution == firstExecution(rec.Log) {
				flush(&scenario.Expect{Passed: passed, Ended: ev.Ending.Kind, Reason: reasonMatcher(ev.Ending.Reason)})
			}
		}
	}
	if at != "" {
		flush(&scenario.Expect{At: at, Passed: passed})
	} else {
		flush(nil)
	}
	return sc, nil
}

// firstExecution is the SID of the run's own execution (not a subflow's).
func firstExecution(log []entry) string {
	for _, e := range log {
		if e.Event != nil {
			return e.Event.Execution
		}
	}
	return ""
}

func stepFor(a action) scenario.Step {
	text := a.Text
	switch a.Kind {
	case engine.InputPress:
		return scenario.Step{Press: &text}
	case engine.InputSpeech:
		return scenario.Step{Say: &text}
	case engine.InputMessage:
		return scenario.Step{Reply: &text}
	case engine.InputHangup:
		return scenario.Step{Hangup: true}
	case engine.InputOutcome:
		return scenario.Step{Choose: a.Event}
	default:
		return scenario.Step{Silence: true}
	}
}

// reasonMatcher expects exactly the ending's reason, or nothing when there is none.
func reasonMatcher(reason string) *scenario.Matcher {
	if reason == "" {
		return nil
	}
	return &scenario.Matcher{Equals: &reason}
}

// sidPattern finds Twilio SIDs (two capitals and 32 hex digits): every run
// draws new ones, so a recorded text that holds one must match any SID.
var sidPattern = regexp.MustCompile(`\b[A-Z]{2}[0-9a-f]{32}\b`)

// textMatcher expects exactly the text the flow produced, except for the SIDs in it.
func textMatcher(text string) *scenario.Matcher {
	locs := sidPattern.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return &scenario.Matcher{Equals: &text}
	}
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, l := range locs {
		b.WriteString(regexp.QuoteMeta(text[last:l[0]]))
		b.WriteString(`[A-Z]{2}[0-9a-f]{32}`)
		last = l[1]
	}
	b.WriteString(regexp.QuoteMeta(text[last:]))
	b.WriteString("$")
	re := b.String()
	return &scenario.Matcher{Regex: &re}
}

func outputExpectation(ev engine.Event) *scenario.Expect {
	text := textMatcher(ev.Text)
	switch ev.Kind {
	case engine.EventSay:
		return &scenario.Expect{Say: text}
	case engine.EventPlay:
		return &scenario.Expect{Play: text}
	case engine.EventDigits:
		return &scenario.Expect{Digits: text}
	case engine.EventSend:
		return &scenario.Expect{SMS: text}
	case engine.EventDial:
		return &scenario.Expect{Dial: text}
	}
	return nil
}

// httpAnswers lists, per HTTP widget, the answers it got in the order it got them.
func httpAnswers(rec recorded) map[string]scenario.CannedList {
	out := map[string]scenario.CannedList{}
	for _, e := range rec.Log {
		ev := e.Event
		if ev == nil || ev.Kind != engine.EventStep || ev.Step == nil || !widgetType(rec.Catalog, ev.Step.Type).CallsHTTP() {
			continue
		}
		ex, ok := exchangeOf(rec.Catalog, ev.Step, nil)
		if !ok {
			continue
		}
		c := scenario.Canned{Status: ex.Status, ContentType: ex.ContentType, Body: ex.Body}
		if !ex.Answered {
			c = scenario.Canned{Error: ex.Failure}
		}
		out[ev.Step.TransitionedFrom] = append(out[ev.Step.TransitionedFrom], c)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// writeTest writes the run as a scenario at path, beside a copy of the flow
// as it ran (NAME.flow.json), both atomically.
func writeTest(rec recorded, path, subflowDir string) error {
	if rec.Flow == nil {
		return errors.New("save as test: this run did not start")
	}
	dir := filepath.Dir(path)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	flowFile := base + ".flow.json"
	subflows := ""
	if subflowDir != "" {
		rel, err := filepath.Rel(dir, subflowDir)
		if err != nil {
			rel = subflowDir
		}
		subflows = filepath.ToSlash(rel)
	}
	name := fmt.Sprintf("%s recorded in the simulator", triggerLabel(rec.Trigger.Event))
	sc, err := scenarioFor(rec, name, flowFile, subflows)
	if err != nil {
		return fmt.Errorf("save as test: %w", err)
	}
	var buf bytes.Buffer
	header := "Recorded in the Studioflow simulator; replay with `studioflow test " + filepath.Base(path) + "`."
	if err := scenario.Write(&buf, header, flowFile, []*scenario.Scenario{sc}); err != nil {
		return fmt.Errorf("save as test: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, flowFile), rec.Flow.Marshal()); err != nil {
		return fmt.Errorf("save as test: %w", err)
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return fmt.Errorf("save as test: %w", err)
	}
	return nil
}

package simulator

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
)

// recorded is a run as "Save as test" needs it.
type recorded struct {
	Trigger      engine.Trigger
	Options      engine.StartOptions
	Log          []entry
	Flow         *model.Flow
	Unreplayable string
}

// The scenario file's shape (engine/scenario/FORMAT.md), written in the
// format's own key order and leaving out what is not set.
type scenarioFile struct {
	Name        string                   `yaml:"name"`
	Flow        string                   `yaml:"flow"`
	Trigger     string                   `yaml:"trigger"`
	From        string                   `yaml:"from,omitempty"`
	To          string                   `yaml:"to,omitempty"`
	Body        string                   `yaml:"body,omitempty"`
	Data        map[string]any           `yaml:"data,omitempty"`
	Subflows    string                   `yaml:"subflows,omitempty"`
	HTTP        map[string][]cannedEntry `yaml:"http,omitempty"`
	Outcomes    map[string]string        `yaml:"outcomes,omitempty"`
	AskOutcomes bool                     `yaml:"ask_outcomes,omitempty"`
	Steps       []scenarioStep           `yaml:"steps"`
}

type cannedEntry struct {
	Status      int    `yaml:"status,omitempty"`
	ContentType string `yaml:"content_type,omitempty"`
	Body        string `yaml:"body,omitempty"`
	Error       string `yaml:"error,omitempty"`
}

type scenarioStep struct {
	Press   *string         `yaml:"press,omitempty"`
	Say     *string         `yaml:"say,omitempty"`
	Reply   *string         `yaml:"reply,omitempty"`
	Hangup  bool            `yaml:"hangup,omitempty"`
	Silence bool            `yaml:"silence,omitempty"`
	Choose  string          `yaml:"choose,omitempty"`
	Expect  *scenarioExpect `yaml:"expect,omitempty"`
}

type scenarioExpect struct {
	Say    *matcher `yaml:"say,omitempty"`
	Play   *matcher `yaml:"play,omitempty"`
	Digits *matcher `yaml:"digits,omitempty"`
	SMS    *matcher `yaml:"sms,omitempty"`
	Dial   *matcher `yaml:"dial,omitempty"`
	At     string   `yaml:"at,omitempty"`
	Passed []string `yaml:"passed,omitempty"`
	Ended  string   `yaml:"ended,omitempty"`
	Reason string   `yaml:"reason,omitempty"`
}

// scenarioFor turns a recorded run into a scenario whose flow is flowRef.
// HTTP answers the run received (canned or real) become canned responses,
// so the test replays offline and the same way.
func scenarioFor(rec recorded, name, flowRef, subflows string) (scenarioFile, error) {
	if rec.Unreplayable != "" {
		return scenarioFile{}, fmt.Errorf("this run cannot be replayed as a test: %s", rec.Unreplayable)
	}
	if rec.Flow == nil {
		return scenarioFile{}, errors.New("this run did not start")
	}
	t := rec.Trigger
	sc := scenarioFile{
		Name: name, Flow: flowRef, Trigger: t.Event, From: t.From, To: t.To, Body: t.Body,
		Subflows: subflows, AskOutcomes: rec.Options.AskOutcomes,
	}
	if len(t.Parameters) > 0 {
		sc.Data = t.Parameters
	}
	for w, o := range rec.Options.Outcomes {
		if sc.Outcomes == nil {
			sc.Outcomes = map[string]string{}
		}
		sc.Outcomes[w] = o.Event
	}
	sc.HTTP = httpAnswers(rec)
	var pending []scenarioStep
	var passed []string
	flush := func(tail *scenarioExpect) {
		sc.Steps = append(sc.Steps, pending...)
		pending = nil
		if tail != nil {
			sc.Steps = append(sc.Steps, scenarioStep{Expect: tail})
		}
	}
	var at string
	for _, e := range rec.Log {
		if a := e.Action; a != nil {
			if at != "" {
				flush(&scenarioExpect{At: at})
				at = ""
			} else {
				flush(nil)
			}
			sc.Steps = append(sc.Steps, stepFor(*a))
			continue
		}
		ev := e.Event
		if exp := outputExpectation(*ev); exp != nil {
			pending = append(pending, scenarioStep{Expect: exp})
		}
		switch ev.Kind {
		case engine.EventStep:
			if ev.Step != nil && ev.Step.ExecutionSID == ev.Execution && !slices.Contains(passed, ev.Step.TransitionedFrom) && ev.Step.Type != "trigger" {
				passed = append(passed, ev.Step.TransitionedFrom)
			}
		case engine.EventWait:
			at = ev.Widget
		case engine.EventEnd:
			at = ""
			if ev.Ending != nil && ev.Execution == firstExecution(rec.Log) {
				flush(&scenarioExpect{Passed: passed, Ended: ev.Ending.Kind, Reason: ev.Ending.Reason})
			}
		}
	}
	if at != "" {
		flush(&scenarioExpect{At: at, Passed: passed})
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

func stepFor(a action) scenarioStep {
	text := a.Text
	switch a.Kind {
	case engine.InputPress:
		return scenarioStep{Press: &text}
	case engine.InputSpeech:
		return scenarioStep{Say: &text}
	case engine.InputMessage:
		return scenarioStep{Reply: &text}
	case engine.InputHangup:
		return scenarioStep{Hangup: true}
	case engine.InputOutcome:
		return scenarioStep{Choose: a.Event}
	default:
		return scenarioStep{Silence: true}
	}
}

// matcher is a plain string (equals) or {regex: …}.
type matcher struct {
	Equals string
	Regex  string
}

// MarshalYAML writes the plain text, or the regex as a mapping.
func (m matcher) MarshalYAML() (any, error) {
	if m.Regex != "" {
		return map[string]string{"regex": m.Regex}, nil
	}
	return m.Equals, nil
}

// sidPattern finds Twilio SIDs (two capitals and 32 hex digits): every run
// draws new ones, so a recorded text that holds one must match any SID.
var sidPattern = regexp.MustCompile(`\b[A-Z]{2}[0-9a-f]{32}\b`)

// textMatcher expects exactly the text the flow produced, except for the SIDs in it.
func textMatcher(text string) *matcher {
	locs := sidPattern.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return &matcher{Equals: text}
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
	return &matcher{Regex: b.String()}
}

func outputExpectation(ev engine.Event) *scenarioExpect {
	text := textMatcher(ev.Text)
	switch ev.Kind {
	case engine.EventSay:
		return &scenarioExpect{Say: text}
	case engine.EventPlay:
		return &scenarioExpect{Play: text}
	case engine.EventDigits:
		return &scenarioExpect{Digits: text}
	case engine.EventSend:
		return &scenarioExpect{SMS: text}
	case engine.EventDial:
		return &scenarioExpect{Dial: text}
	}
	return nil
}

// httpAnswers lists, per HTTP widget, the answers it got in the order it got them.
func httpAnswers(rec recorded) map[string][]cannedEntry {
	out := map[string][]cannedEntry{}
	for _, e := range rec.Log {
		ev := e.Event
		if ev == nil || ev.Kind != engine.EventStep || ev.Step == nil || !isHTTPType(ev.Step.Type) {
			continue
		}
		ex, ok := exchangeOf(ev.Step, nil)
		if !ok {
			continue
		}
		c := cannedEntry{Status: ex.Status, ContentType: ex.ContentType, Body: ex.Body}
		if !ex.Answered {
			c = cannedEntry{Error: ex.Failure}
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
	buf.WriteString("# Recorded in the Studioflow simulator; replay with `studioflow test " + filepath.Base(path) + "`.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(sc); err != nil {
		return fmt.Errorf("save as test: encode: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("save as test: encode: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, flowFile), rec.Flow.Marshal()); err != nil {
		return fmt.Errorf("save as test: %w", err)
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return fmt.Errorf("save as test: %w", err)
	}
	return nil
}

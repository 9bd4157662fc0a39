package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// Options adjust how scenarios run.
type Options struct {
	HTTPClient  *http.Client  // default: real HTTP
	HTTPTimeout time.Duration // default: Studio's 10 s
	// Catalog is the widget catalog every scenario's engine reads. nil: Run
	// loads it for each scenario, RunFiles once for all.
	Catalog *schemas.Catalog
	// Coverage, when set, counts what every scenario RunFiles runs took
	// (failing ones too), per flow.
	Coverage *coverage.Set
	// JUnit, when set, gets every result RunFiles has (and every file it
	// cannot load).
	JUnit *JUnit
}

// Result is the outcome of one scenario.
type Result struct {
	Name      string
	File      string
	Passed    bool
	Failure   string // the expectation that failed and what happened instead
	Execution *engine.Execution
	FlowPath  string      // the flow file, as found from the scenario file
	Subflows  string      // the folder run-subflow looks in
	Flow      *model.Flow // nil when the flow could not be read
	Duration  time.Duration
}

// virtualStart is when every scenario's virtual clock starts, so runs repeat.
var virtualStart = time.Date(2024, 6, 3, 16, 0, 0, 0, time.UTC)

// Run runs one scenario.
func Run(s *Scenario, opts Options) Result {
	began := time.Now()
	res := run(s, opts)
	res.Duration = time.Since(began)
	return res
}

func run(s *Scenario, opts Options) Result {
	res := Result{Name: s.Name, File: s.file}
	fail := func(format string, args ...any) Result {
		res.Failure = fmt.Sprintf(format, args...)
		return res
	}
	flowPath := s.Flow
	if !filepath.IsAbs(flowPath) {
		flowPath = filepath.Join(filepath.Dir(s.file), flowPath)
	}
	res.FlowPath = filepath.Clean(flowPath)
	data, err := model.ReadFile(flowPath)
	if err != nil {
		return fail("cannot read the flow: %v", err)
	}
	flow, err := model.Parse(data)
	if err != nil {
		return fail("cannot parse the flow %s: %v", flowPath, err)
	}
	res.Flow = flow
	event := s.Trigger
	if event == "" {
		wired := engine.WiredTriggers(flow)
		if len(wired) == 0 {
			return fail("the flow wires no trigger; name one with trigger:")
		}
		event = wired[0]
	}
	subflows := s.Subflows
	if subflows == "" {
		subflows = filepath.Dir(flowPath)
	} else if !filepath.IsAbs(subflows) {
		subflows = filepath.Join(filepath.Dir(s.file), subflows)
	}
	res.Subflows = subflows
	clock := engine.NewVirtualClock(virtualStart)
	rt := engine.New(engine.Config{Clock: clock, HTTPClient: opts.HTTPClient, HTTPTimeout: opts.HTTPTimeout, Subflows: engine.FolderResolver(subflows), Catalog: opts.Catalog})
	host := engine.NewHost(rt)
	if err := s.checkWidgetNames(rt.WidgetNamer(flow)); err != nil {
		return fail("%v", err)
	}
	start, err := s.startOptions(flowPath)
	if err != nil {
		return fail("%v", err)
	}
	x, _, err := host.Deliver(flow, engine.Trigger{Event: event, From: s.From, To: s.To, Body: s.Body, Parameters: s.Data}, start)
	if err != nil {
		return fail("cannot start: %v", err)
	}
	res.Execution = x
	cursor := 0
	for i, step := range s.Steps {
		where := fmt.Sprintf("step %d (line %d)", i+1, step.line)
		if step.Wait != 0 {
			clock.Advance(time.Duration(step.Wait))
			continue
		}
		if step.Expect != nil {
			if msg := check(x, step.Expect, &cursor); msg != "" {
				return fail("%s: %s", where, msg)
			}
			continue
		}
		in := step.input()
		if x.Ended != nil {
			return fail("%s: %s: the execution has already ended (%s)", where, describeInput(in), x.Ended.Reason)
		}
		if _, err := host.Input(x.SID, in); err != nil {
			return fail("%s: %s: %v", where, describeInput(in), err)
		}
	}
	res.Passed = true
	return res
}

func (s *Scenario) startOptions(flowPath string) (engine.StartOptions, error) {
	sum := sha256.Sum256([]byte(flowPath))
	opts := engine.StartOptions{
		FlowSID: "FW" + hex.EncodeToString(sum[:16]), AskOutcomes: s.AskOutcomes,
		Outcomes: map[string]engine.Outcome{}, HTTP: map[string][]engine.CannedResponse{},
	}
	for widget, o := range s.Outcomes {
		opts.Outcomes[widget] = engine.Outcome{Event: o.Event, Outputs: o.Outputs}
	}
	for widget, list := range s.HTTP {
		for _, c := range list {
			body := c.Body
			contentType := c.ContentType
			if c.JSON != nil {
				b, err := json.Marshal(c.JSON)
				if err != nil {
					return opts, fmt.Errorf("http %s: json: %w", widget, err)
				}
				body = string(b)
				if contentType == "" {
					contentType = "application/json"
				}
			}
			opts.HTTP[widget] = append(opts.HTTP[widget], engine.CannedResponse{Status: c.Status, ContentType: contentType, Body: body, Error: c.Error})
		}
	}
	return opts, nil
}

// checkWidgetNames refuses, before the scenario starts, an expectation
// naming a widget that no run of the flow meets (at, passed, not_passed):
// not_passed would always hold, and passed or at would fail with a message
// that hides the typo.
func (s *Scenario) checkWidgetNames(known func(name string) error) error {
	for i, step := range s.Steps {
		e := step.Expect
		if e == nil {
			continue
		}
		var at []string
		if e.At != "" {
			at = []string{e.At}
		}
		for _, group := range []struct {
			key   string
			names []string
		}{{"at", at}, {"passed", e.Passed}, {"not_passed", e.NotPassed}} {
			for _, name := range group.names {
				if err := known(name); err != nil {
					return fmt.Errorf("step %d (line %d): expect %s: %w", i+1, step.line, group.key, err)
				}
			}
		}
	}
	return nil
}

func (s Step) input() engine.Input {
	switch {
	case s.Press != nil:
		return engine.Input{Kind: engine.InputPress, Text: *s.Press}
	case s.Say != nil:
		return engine.Input{Kind: engine.InputSpeech, Text: *s.Say}
	case s.Reply != nil:
		return engine.Input{Kind: engine.InputMessage, Text: *s.Reply}
	case s.Hangup:
		return engine.Input{Kind: engine.InputHangup}
	case s.Choose != "":
		return engine.Input{Kind: engine.InputOutcome, Event: s.Choose}
	default:
		return engine.Input{Kind: engine.InputTimeout}
	}
}

func describeInput(in engine.Input) string {
	switch in.Kind {
	case engine.InputTimeout:
		return "silence"
	case engine.InputHangup:
		return "hangup"
	case engine.InputOutcome:
		return "choose " + in.Event
	case engine.InputMessage:
		return fmt.Sprintf("reply %q", in.Text)
	}
	return fmt.Sprintf("%s %q", in.Kind, in.Text)
}

// check returns "" when every expectation holds, else what failed.
func check(x *engine.Execution, e *Expect, cursor *int) string {
	for _, o := range []struct {
		kind string
		m    *Matcher
	}{{"say", e.Say}, {"play", e.Play}, {"digits", e.Digits}, {"sms", e.SMS}, {"dial", e.Dial}} {
		if o.m == nil {
			continue
		}
		if msg := expectOutbound(x, o.kind, *o.m, cursor); msg != "" {
			return msg
		}
	}
	if e.At != "" {
		if x.Ended != nil {
			return fmt.Sprintf("expected the flow to wait at %s; it ended: %s", e.At, x.Ended.Reason)
		}
		if x.At() != e.At {
			return fmt.Sprintf("expected the flow to wait at %s; it waits at %s", e.At, x.At())
		}
	}
	passed := map[string]bool{}
	var order []string
	for _, s := range x.Steps {
		if !passed[s.TransitionedFrom] {
			order = append(order, s.TransitionedFrom)
		}
		passed[s.TransitionedFrom] = true
	}
	if w := x.At(); w != "" && !passed[w] {
		passed[w] = true
		order = append(order, w)
	}
	for _, w := range e.Passed {
		if !passed[w] {
			return fmt.Sprintf("expected the flow to pass through %s; it passed through %s", w, strings.Join(order, ", "))
		}
	}
	for _, w := range e.NotPassed {
		if passed[w] {
			return fmt.Sprintf("expected the flow not to pass through %s; it did (%s)", w, strings.Join(order, ", "))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(e.Variables)) {
		v, ok := x.Variables()[k]
		got := engine.Text(v)
		if !ok || !e.Variables[k].Match(got) {
			if !ok {
				return fmt.Sprintf("expected flow.variables.%s %s; it is not set (variables: %s)", k, e.Variables[k], engine.Text(x.Variables()))
			}
			return fmt.Sprintf("expected flow.variables.%s %s; it is %q", k, e.Variables[k], got)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(e.Context)) {
		v, missing := lookupPath(x.Context(), k)
		if missing != "" {
			return fmt.Sprintf("expected %s %s; it is not set (%s)", k, e.Context[k], missing)
		}
		if got := engine.Text(v); !e.Context[k].Match(got) {
			return fmt.Sprintf("expected %s %s; it is %q", k, e.Context[k], got)
		}
	}
	if e.Status != "" && x.Status != e.Status {
		return fmt.Sprintf("expected status %s; it is %s", e.Status, x.Status)
	}
	if e.Ended != "" || e.Reason != nil {
		if x.Ended == nil {
			return fmt.Sprintf("expected the execution to have ended; it waits at %s", x.At())
		}
		if e.Ended != "" && x.Ended.Kind != e.Ended {
			return fmt.Sprintf("expected it to end %s; it ended %s: %s", e.Ended, x.Ended.Kind, x.Ended.Reason)
		}
		if e.Reason != nil && !e.Reason.Match(x.Ended.Reason) {
			return fmt.Sprintf("expected an end reason %s; it is %q", e.Reason, x.Ended.Reason)
		}
	}
	return ""
}

// expectOutbound finds the next outbound entry of kind, from the cursor on,
// that matches m; the cursor then moves past it.
func expectOutbound(x *engine.Execution, kind string, m Matcher, cursor *int) string {
	var seen []string
	for i := *cursor; i < len(x.Transcript); i++ {
		t := x.Transcript[i]
		if t.Direction != "outbound" || t.Kind != kind {
			continue
		}
		if m.Match(t.Text) {
			*cursor = i + 1
			return ""
		}
		seen = append(seen, fmt.Sprintf("%q", t.Text))
	}
	verb := map[string]string{"say": "say", "play": "play", "digits": "send digits", "sms": "send an SMS", "dial": "dial"}[kind]
	if len(seen) == 0 {
		return fmt.Sprintf("expected the flow to %s %s; it did not %s anything more", verb, m, verb)
	}
	return fmt.Sprintf("expected the flow to %s %s; instead: %s", verb, m, strings.Join(seen, ", "))
}

// lookupPath finds the context value at a dotted path. When the context
// does not hold it, missing says where the path leaves the context (which
// members the last object it reached has), so that a misspelt path fails
// rather than comparing as "" (a value that is null is there: it prints "").
func lookupPath(root map[string]any, dotted string) (v any, missing string) {
	var cur any = root
	parts := strings.Split(dotted, ".")
	for i, k := range parts {
		next, ok := engine.Member(cur, k)
		if !ok {
			where := strings.Join(parts[:i], ".")
			keys, isObject := engine.Keys(cur)
			switch {
			case i == 0:
				return nil, fmt.Sprintf("the context holds %s", strings.Join(keys, ", "))
			case !isObject:
				return nil, fmt.Sprintf("%s is %s, not an object", where, describeValue(cur))
			case len(keys) == 0:
				return nil, fmt.Sprintf("%s holds nothing", where)
			}
			return nil, fmt.Sprintf("%s holds %s", where, strings.Join(keys, ", "))
		}
		cur = next
	}
	return cur, ""
}

// describeValue names a value that is not an object, for messages.
func describeValue(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%q", engine.Text(v))
}

// RunFiles runs every scenario of every file, prints a PASS or FAIL line per
// scenario (with the failure and the transcript so far), and returns the exit
// status: 0 all passed, 1 a scenario failed, 2 a file could not be loaded.
func RunFiles(paths []string, out io.Writer, opts Options) int {
	if opts.Catalog == nil {
		cat, err := schemas.Load()
		if err != nil {
			fmt.Fprintf(out, "ERROR load the widget catalog: %v\n", err)
			return 2
		}
		opts.Catalog = cat
	}
	status, passed, failed := 0, 0, 0
	for _, p := range paths {
		scenarios, err := Load(p)
		if err != nil {
			fmt.Fprintf(out, "ERROR %v\n", err)
			if opts.JUnit != nil {
				opts.JUnit.AddLoadError(p, err)
			}
			status = 2
			continue
		}
		for _, s := range scenarios {
			r := Run(s, opts)
			if opts.Coverage != nil && r.Flow != nil {
				opts.Coverage.Record(r.FlowPath, r.Flow, r.Execution)
				opts.Coverage.RecordSubflows(r.Execution, r.subflowFile)
			}
			if opts.JUnit != nil {
				opts.JUnit.Add(r)
			}
			if r.Passed {
				passed++
				fmt.Fprintf(out, "PASS  %s  (%s)\n", r.Name, r.File)
				continue
			}
			failed++
			if status == 0 {
				status = 1
			}
			fmt.Fprintf(out, "FAIL  %s  (%s)\n      %s\n", r.Name, r.File, r.Failure)
			if r.Execution != nil {
				fmt.Fprintln(out, "      transcript so far:")
				for _, t := range r.Execution.Transcript {
					fmt.Fprintf(out, "        %s\n", strings.ReplaceAll(TranscriptLine(t), "\n", "\n          "))
				}
				if r.Execution.Ended != nil {
					fmt.Fprintf(out, "        = ended (%s): %s\n", r.Execution.Ended.Kind, r.Execution.Ended.Reason)
				} else if r.Execution.Waiting != nil {
					fmt.Fprintf(out, "        … waiting at %s\n", r.Execution.At())
				}
			}
		}
	}
	fmt.Fprintf(out, "%d passed, %d failed\n", passed, failed)
	return status
}

// subflowFile finds a subflow's file as the run found it.
func (r Result) subflowFile(flowSID string) (string, error) {
	p, err := engine.SubflowFile(r.Subflows, flowSID)
	return filepath.Clean(p), err
}

// TranscriptLine renders one transcript entry: "> say: …" outbound, "< press: …" inbound.
func TranscriptLine(t engine.TranscriptEntry) string {
	arrow := ">"
	if t.Direction == "inbound" {
		arrow = "<"
	}
	if t.Text == "" {
		return fmt.Sprintf("%s %s (%s)", arrow, t.Kind, t.Widget)
	}
	return fmt.Sprintf("%s %s: %s", arrow, t.Kind, t.Text)
}

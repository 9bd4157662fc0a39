package scenario

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/engine/coverage"
)

// The scenario file's shape for writing, in the format's key order and
// leaving out what is not set (the reading types keep every key).
type fileScenario struct {
	Name        string                    `yaml:"name"`
	Flow        string                    `yaml:"flow"`
	Trigger     string                    `yaml:"trigger,omitempty"`
	From        string                    `yaml:"from,omitempty"`
	To          string                    `yaml:"to,omitempty"`
	Body        string                    `yaml:"body,omitempty"`
	Data        map[string]any            `yaml:"data,omitempty"`
	Subflows    string                    `yaml:"subflows,omitempty"`
	HTTP        map[string]fileCannedList `yaml:"http,omitempty"`
	Outcomes    map[string]fileOutcome    `yaml:"outcomes,omitempty"`
	AskOutcomes bool                      `yaml:"ask_outcomes,omitempty"`
	Steps       []fileStep                `yaml:"steps"`
}

type fileCanned struct {
	Status      int    `yaml:"status,omitempty"`
	ContentType string `yaml:"content_type,omitempty"`
	Body        string `yaml:"body,omitempty"`
	JSON        any    `yaml:"json,omitempty"`
	Error       string `yaml:"error,omitempty"`
}

// fileCannedList is written as one mapping when it holds one response, as
// a list otherwise (CannedList reads both).
type fileCannedList []fileCanned

// MarshalYAML writes a single response as a mapping.
func (l fileCannedList) MarshalYAML() (any, error) {
	if len(l) == 1 {
		return l[0], nil
	}
	return []fileCanned(l), nil
}

// fileOutcome is written as the event alone when there are no outputs.
type fileOutcome struct {
	Event   string         `yaml:"event"`
	Outputs map[string]any `yaml:"outputs,omitempty"`
}

// MarshalYAML writes "EVENT" or {event, outputs}.
func (o fileOutcome) MarshalYAML() (any, error) {
	if len(o.Outputs) == 0 {
		return o.Event, nil
	}
	type plain fileOutcome
	return plain(o), nil
}

type fileStep struct {
	Press   *text       `yaml:"press,omitempty"`
	Say     *text       `yaml:"say,omitempty"`
	Reply   *text       `yaml:"reply,omitempty"`
	Hangup  bool        `yaml:"hangup,omitempty"`
	Silence bool        `yaml:"silence,omitempty"`
	Choose  string      `yaml:"choose,omitempty"`
	Expect  *fileExpect `yaml:"expect,omitempty"`
}

type fileExpect struct {
	Say    *fileMatcher `yaml:"say,omitempty"`
	Play   *fileMatcher `yaml:"play,omitempty"`
	Digits *fileMatcher `yaml:"digits,omitempty"`
	SMS    *fileMatcher `yaml:"sms,omitempty"`
	Dial   *fileMatcher `yaml:"dial,omitempty"`
	At     string       `yaml:"at,omitempty"`
	Passed []string     `yaml:"passed,omitempty"`
	Ended  string       `yaml:"ended,omitempty"`
	Reason *fileMatcher `yaml:"reason,omitempty"`
}

// fileMatcher is written as the text alone for equals, as {contains: …} or
// {regex: …} otherwise.
type fileMatcher struct {
	Equals   *text `yaml:"equals,omitempty"`
	Contains *text `yaml:"contains,omitempty"`
	Regex    *text `yaml:"regex,omitempty"`
}

// MarshalYAML writes an equals matcher as a plain scalar.
func (m fileMatcher) MarshalYAML() (any, error) {
	if m.Equals != nil {
		return *m.Equals, nil
	}
	type plain fileMatcher
	return plain(m), nil
}

func matcherOf(m *Matcher) *fileMatcher {
	if m == nil || (m.Equals == nil && m.Contains == nil && m.Regex == nil) {
		return nil
	}
	return &fileMatcher{Equals: textOf(m.Equals), Contains: textOf(m.Contains), Regex: textOf(m.Regex)}
}

func textOf(s *string) *text {
	if s == nil {
		return nil
	}
	t := text(*s)
	return &t
}

// text is a string written so that it reads back the same: double-quoted
// when it begins or ends with white space (a flow's say text often starts
// with a newline), which yaml.v3's block styles lose.
type text string

// MarshalYAML writes the text as one scalar.
func (t text) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(t)}
	if string(t) != strings.TrimSpace(string(t)) || strings.Contains(string(t), "\n") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n, nil
}

// Write writes scenarios as YAML documents naming the flow flowRef, after
// header as comment lines. It writes what the reader reads: every canned
// response, matcher and expectation the Scenario holds, except waits,
// not_passed, variables, context and status, which no writer records.
// The scenario files of `studioflow test --generate` and the simulator's
// "Save as test" both come from here.
func Write(w io.Writer, header, flowRef string, scenarios []*Scenario) error {
	var buf bytes.Buffer
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		fmt.Fprintf(&buf, "# %s\n", line)
	}
	for i, s := range scenarios {
		if i > 0 {
			buf.WriteString("---\n")
		}
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(fileOf(s, flowRef)); err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func fileOf(s *Scenario, flowRef string) fileScenario {
	out := fileScenario{Name: s.Name, Flow: filepath.ToSlash(flowRef), Trigger: s.Trigger, From: s.From, To: s.To,
		Body: s.Body, Data: s.Data, Subflows: s.Subflows, AskOutcomes: s.AskOutcomes}
	if len(s.HTTP) > 0 {
		out.HTTP = map[string]fileCannedList{}
		for k, list := range s.HTTP {
			for _, c := range list {
				out.HTTP[k] = append(out.HTTP[k], fileCanned(c))
			}
		}
	}
	if len(s.Outcomes) > 0 {
		out.Outcomes = map[string]fileOutcome{}
		for k, o := range s.Outcomes {
			out.Outcomes[k] = fileOutcome(o)
		}
	}
	for _, st := range s.Steps {
		fs := fileStep{Press: textOf(st.Press), Say: textOf(st.Say), Reply: textOf(st.Reply), Hangup: st.Hangup,
			Silence: st.Silence, Choose: st.Choose}
		if e := st.Expect; e != nil {
			fs.Expect = &fileExpect{Say: matcherOf(e.Say), Play: matcherOf(e.Play), Digits: matcherOf(e.Digits),
				SMS: matcherOf(e.SMS), Dial: matcherOf(e.Dial), At: e.At, Passed: e.Passed, Ended: e.Ended,
				Reason: matcherOf(e.Reason)}
		}
		out.Steps = append(out.Steps, fs)
	}
	return out
}

// GenerateFiles generates scenarios for each flow into dir (one file per
// flow, named after it: FLOW.yaml) and prints, per flow, the file written,
// the transitions covered and each transition not reached with the reason.
// It returns 0, or 2 when a flow cannot be read or a file written.
func GenerateFiles(dir string, flows []string, out io.Writer, opts GenerateOptions) int {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(out, "ERROR create %s: %v\n", dir, err)
		return 2
	}
	status := 0
	for _, flowPath := range flows {
		gen, err := Generate(flowPath, opts)
		if err != nil {
			fmt.Fprintf(out, "ERROR %s: %v\n", flowPath, err)
			status = 2
			continue
		}
		taken, total := gen.Coverage.Transitions()
		if len(gen.Scenarios) == 0 {
			fmt.Fprintf(out, "no scenarios for %s: no run takes a transition\n", flowPath)
			reportUnreached(out, gen)
			continue
		}
		path, err := writeGenerated(dir, flowPath, gen)
		if err != nil {
			fmt.Fprintf(out, "ERROR %v\n", err)
			status = 2
			continue
		}
		fmt.Fprintf(out, "wrote %s: %d scenarios for %s\n", path, len(gen.Scenarios), flowPath)
		fmt.Fprintf(out, "  transitions: %d/%d (%s)\n", taken, total, coverage.Percent(taken, total))
		reportUnreached(out, gen)
	}
	return status
}

func reportUnreached(out io.Writer, gen *Generated) {
	if len(gen.Unreached) == 0 {
		return
	}
	fmt.Fprintln(out, "  not reached:")
	for _, u := range gen.Unreached {
		fmt.Fprintf(out, "    %s: %s\n", u.Branch, u.Reason)
	}
}

func writeGenerated(dir, flowPath string, gen *Generated) (string, error) {
	base := strings.TrimSuffix(filepath.Base(flowPath), filepath.Ext(flowPath))
	path := filepath.Join(dir, base+".yaml")
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	absFlow, err := filepath.Abs(flowPath)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	ref, err := filepath.Rel(absDir, absFlow)
	if err != nil {
		ref = absFlow
	}
	header := fmt.Sprintf("Generated by `studioflow test --generate` from %s.\nThe expectations are what the flow did: review them before relying on them.", filepath.Base(flowPath))
	var buf bytes.Buffer
	if err := Write(&buf, header, ref, gen.Scenarios); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

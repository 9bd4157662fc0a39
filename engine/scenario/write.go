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
	Name     string                 `yaml:"name"`
	Flow     string                 `yaml:"flow"`
	Trigger  string                 `yaml:"trigger,omitempty"`
	Body     string                 `yaml:"body,omitempty"`
	Data     map[string]any         `yaml:"data,omitempty"`
	HTTP     map[string]fileCanned  `yaml:"http,omitempty"`
	Outcomes map[string]fileOutcome `yaml:"outcomes,omitempty"`
	Steps    []fileStep             `yaml:"steps"`
}

type fileCanned struct {
	Status      int    `yaml:"status,omitempty"`
	ContentType string `yaml:"content_type,omitempty"`
	Body        string `yaml:"body,omitempty"`
	JSON        any    `yaml:"json,omitempty"`
	Error       string `yaml:"error,omitempty"`
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
	Expect  *fileExpect `yaml:"expect,omitempty"`
}

type fileExpect struct {
	Say    *text  `yaml:"say,omitempty"`
	Play   *text  `yaml:"play,omitempty"`
	Digits *text  `yaml:"digits,omitempty"`
	SMS    *text  `yaml:"sms,omitempty"`
	Dial   *text  `yaml:"dial,omitempty"`
	At     string `yaml:"at,omitempty"`
	Ended  string `yaml:"ended,omitempty"`
}

func equals(m *Matcher) *text {
	if m == nil || m.Equals == nil {
		return nil
	}
	return textOf(m.Equals)
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

// writeScenarios writes scenarios (each canned response single, each
// matcher an exact text) as YAML documents naming the flow flowRef.
func writeScenarios(w io.Writer, header, flowRef string, scenarios []*Scenario) error {
	var buf bytes.Buffer
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		fmt.Fprintf(&buf, "# %s\n", line)
	}
	for i, s := range scenarios {
		if i > 0 {
			buf.WriteString("---\n")
		}
		out := fileScenario{Name: s.Name, Flow: filepath.ToSlash(flowRef), Trigger: s.Trigger, Body: s.Body, Data: s.Data}
		if len(s.HTTP) > 0 {
			out.HTTP = map[string]fileCanned{}
			for k, list := range s.HTTP {
				c := list[0]
				out.HTTP[k] = fileCanned(c)
			}
		}
		if len(s.Outcomes) > 0 {
			out.Outcomes = map[string]fileOutcome{}
			for k, o := range s.Outcomes {
				out.Outcomes[k] = fileOutcome(o)
			}
		}
		for _, st := range s.Steps {
			fs := fileStep{Press: textOf(st.Press), Say: textOf(st.Say), Reply: textOf(st.Reply), Hangup: st.Hangup, Silence: st.Silence}
			if e := st.Expect; e != nil {
				fs.Expect = &fileExpect{Say: equals(e.Say), Play: equals(e.Play), Digits: equals(e.Digits), SMS: equals(e.SMS),
					Dial: equals(e.Dial), At: e.At, Ended: e.Ended}
			}
			out.Steps = append(out.Steps, fs)
		}
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
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
	if err := writeScenarios(&buf, header, ref, gen.Scenarios); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

// Package scenario runs conversation tests for Studio flows: YAML files that
// name a flow and a trigger, then alternate contact actions with
// expectations about what the flow says, sends and does. FORMAT.md describes
// the format.
package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/model"
)

// Scenario is one conversation test. The same types read and write the
// file (write.go): a key is left out when it is not set.
type Scenario struct {
	Name     string                 `yaml:"name"`
	Flow     string                 `yaml:"flow"`
	Trigger  string                 `yaml:"trigger,omitempty"`
	From     string                 `yaml:"from,omitempty"`
	To       string                 `yaml:"to,omitempty"`
	Body     string                 `yaml:"body,omitempty"`
	Data     Values                 `yaml:"data,omitempty"`
	Subflows string                 `yaml:"subflows,omitempty"`
	HTTP     map[string]CannedList  `yaml:"http,omitempty"`
	Outcomes map[string]OutcomeSpec `yaml:"outcomes,omitempty"`
	// AskOutcomes makes widgets without an outcomes entry wait for a choose step.
	AskOutcomes bool   `yaml:"ask_outcomes,omitempty"`
	Steps       []Step `yaml:"steps"`

	file string // the scenario file, for relative paths and reports
	doc  int    // 1-based document number within the file
}

// CannedList is one canned response or a list of them (consumed in turn).
type CannedList []Canned

// Canned is a canned HTTP response: body as text, or json as a value (read
// by freeValue: its numbers are json.Number, written as their literals).
type Canned struct {
	Status      int    `yaml:"status,omitempty"`
	ContentType string `yaml:"content_type,omitempty"`
	Body        string `yaml:"body,omitempty"`
	JSON        any    `yaml:"json,omitempty"`
	Error       string `yaml:"error,omitempty"`
}

// UnmarshalYAML accepts a single mapping or a list of them.
func (c *CannedList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		var one Canned
		if err := n.Decode(&one); err != nil {
			return err
		}
		*c = CannedList{one}
		return nil
	}
	var many []Canned
	if err := n.Decode(&many); err != nil {
		return err
	}
	*c = many
	return nil
}

// OutcomeSpec is an event name, or {event, outputs}.
type OutcomeSpec struct {
	Event   string `yaml:"event"`
	Outputs Values `yaml:"outputs,omitempty"`
}

// UnmarshalYAML accepts "EVENT" or a mapping.
func (o *OutcomeSpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		o.Event = n.Value
		return nil
	}
	type plain OutcomeSpec
	return strictDecode(n, (*plain)(o))
}

// Step is one contact action or one expectation.
type Step struct {
	Press   *string  `yaml:"press,omitempty"`
	Say     *string  `yaml:"say,omitempty"`
	Reply   *string  `yaml:"reply,omitempty"`
	Hangup  bool     `yaml:"hangup,omitempty"`
	Silence bool     `yaml:"silence,omitempty"`
	Wait    Duration `yaml:"wait,omitempty"`
	Choose  string   `yaml:"choose,omitempty"`
	Expect  *Expect  `yaml:"expect,omitempty"`

	line int
}

// Expect lists what must hold at this point of the conversation.
type Expect struct {
	Say       *Matcher           `yaml:"say,omitempty"`
	Play      *Matcher           `yaml:"play,omitempty"`
	Digits    *Matcher           `yaml:"digits,omitempty"`
	SMS       *Matcher           `yaml:"sms,omitempty"`
	Dial      *Matcher           `yaml:"dial,omitempty"`
	At        string             `yaml:"at,omitempty"`
	Passed    []string           `yaml:"passed,omitempty"`
	NotPassed []string           `yaml:"not_passed,omitempty"`
	Variables map[string]Matcher `yaml:"variables,omitempty"`
	Context   map[string]Matcher `yaml:"context,omitempty"`
	Status    string             `yaml:"status,omitempty"`
	Ended     string             `yaml:"ended,omitempty"`
	Reason    *Matcher           `yaml:"reason,omitempty"`
}

// Matcher compares text: equals (a plain scalar), contains, or regex (RE2,
// matching anywhere unless anchored).
type Matcher struct {
	Equals   *string `yaml:"equals,omitempty"`
	Contains *string `yaml:"contains,omitempty"`
	Regex    *string `yaml:"regex,omitempty"`
	re       *regexp.Regexp
}

// UnmarshalYAML accepts a scalar (equals) or a mapping with one key.
func (m *Matcher) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		v := n.Value
		m.Equals = &v
		return nil
	}
	type plain Matcher
	if err := strictDecode(n, (*plain)(m)); err != nil {
		return err
	}
	set := 0
	for _, p := range []*string{m.Equals, m.Contains, m.Regex} {
		if p != nil {
			set++
		}
	}
	if set != 1 {
		return fmt.Errorf("line %d: a matcher takes exactly one of equals, contains, regex", n.Line)
	}
	if m.Regex != nil {
		re, err := regexp.Compile(*m.Regex)
		if err != nil {
			return fmt.Errorf("line %d: regex %q: %w", n.Line, *m.Regex, err)
		}
		m.re = re
	}
	return nil
}

// IsZero reports whether the matcher has nothing to match (it is then
// left out of a file).
func (m Matcher) IsZero() bool {
	return m.Equals == nil && m.Contains == nil && m.Regex == nil
}

// Match reports whether s satisfies the matcher.
func (m Matcher) Match(s string) bool {
	switch {
	case m.Equals != nil:
		return s == *m.Equals
	case m.Contains != nil:
		return strings.Contains(s, *m.Contains)
	case m.re != nil:
		return m.re.MatchString(s)
	}
	return false
}

func (m Matcher) String() string {
	switch {
	case m.Equals != nil:
		return fmt.Sprintf("equal to %q", *m.Equals)
	case m.Contains != nil:
		return fmt.Sprintf("containing %q", *m.Contains)
	case m.Regex != nil:
		return fmt.Sprintf("matching /%s/", *m.Regex)
	}
	return "(empty matcher)"
}

// Duration is a Go duration ("3600s", "1h") or a number of seconds.
type Duration time.Duration

// maxWaitSeconds is the longest wait a time.Duration holds (about 292 years).
const maxWaitSeconds = float64(math.MaxInt64 / int64(time.Second))

// UnmarshalYAML reads "90s", "1h30m" or a bare number of seconds. The clock
// only moves forward, so a negative wait is refused, as is one too long to
// represent (converting it would wrap around to a negative duration).
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var secs float64
	if err := n.Decode(&secs); err == nil {
		if math.IsNaN(secs) || secs < 0 || secs > maxWaitSeconds {
			return fmt.Errorf("line %d: wait %s must be from 0 to %.0f seconds", n.Line, n.Value, maxWaitSeconds)
		}
		*d = Duration(time.Duration(secs * float64(time.Second)))
		return nil
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: wait %q is not a duration (e.g. 3600s)", n.Line, n.Value)
	}
	if v < 0 {
		return fmt.Errorf("line %d: wait %q is negative; the clock only moves forward", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// UnmarshalYAML records the step's line for reports.
func (s *Step) UnmarshalYAML(n *yaml.Node) error {
	type plain Step
	if err := strictDecode(n, (*plain)(s)); err != nil {
		return err
	}
	s.line = n.Line
	actions := 0
	for _, set := range []bool{s.Press != nil, s.Say != nil, s.Reply != nil, s.Hangup, s.Silence, s.Wait != 0, s.Choose != "", s.Expect != nil} {
		if set {
			actions++
		}
	}
	if actions != 1 {
		return fmt.Errorf("line %d: a step is exactly one of press, say, reply, hangup, silence, wait, choose, expect", n.Line)
	}
	if s.Expect != nil {
		if err := s.Expect.checksSomething(); err != nil {
			return fmt.Errorf("line %d: %w", n.Line, err)
		}
	}
	return nil
}

// checksSomething refuses an expectation that would always hold: YAML reads
// "say:" with no value as absent, so a forgotten value would otherwise pass.
func (e *Expect) checksSomething() error {
	for _, group := range []struct {
		name     string
		matchers map[string]Matcher
	}{{"variables", e.Variables}, {"context", e.Context}} {
		for _, k := range slices.Sorted(maps.Keys(group.matchers)) {
			if group.matchers[k].IsZero() {
				return fmt.Errorf("expect %s.%s has no value to match", group.name, k)
			}
		}
	}
	if e.Say == nil && e.Play == nil && e.Digits == nil && e.SMS == nil && e.Dial == nil && e.At == "" &&
		len(e.Passed) == 0 && len(e.NotPassed) == 0 && len(e.Variables) == 0 && len(e.Context) == 0 &&
		e.Status == "" && e.Ended == "" && e.Reason == nil {
		return errors.New("expect lists nothing to check (a key with no value counts as absent)")
	}
	return nil
}

// Load reads every scenario (YAML document) in a file.
func Load(path string) ([]*Scenario, error) {
	data, err := model.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read scenarios: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var out []*Scenario
	for doc := 1; ; doc++ {
		s := &Scenario{}
		err := dec.Decode(s)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s (document %d): %w", path, doc, err)
		}
		s.file, s.doc = path, doc
		if s.Flow == "" {
			return nil, fmt.Errorf("%s (document %d): no flow: name the flow file to run", path, doc)
		}
		if s.Name == "" {
			s.Name = fmt.Sprintf("scenario %d", doc)
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no scenarios", path)
	}
	return out, nil
}

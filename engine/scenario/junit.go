package scenario

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
)

// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub Actions
// reporters, Azure Pipelines): <testsuites> holding one <testsuite> per
// scenario file, one <testcase> per scenario, and a <failure> for a failed
// one whose text is the expectation, what happened and the transcript.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
	// SystemErr carries a file that could not be loaded (with an error case).
	SystemErr string `xml:"system-err,omitempty"`

	seconds float64
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit collects scenario results into JUnit XML.
type JUnit struct {
	suites []junitSuite
	index  map[string]int
}

// NewJUnit returns an empty report.
func NewJUnit() *JUnit { return &JUnit{index: map[string]int{}} }

func (j *JUnit) suite(file string) *junitSuite {
	i, ok := j.index[file]
	if !ok {
		i = len(j.suites)
		j.index[file] = i
		j.suites = append(j.suites, junitSuite{Name: file})
	}
	return &j.suites[i]
}

// Add records one scenario's result.
func (j *JUnit) Add(r Result) {
	s := j.suite(r.File)
	c := junitCase{Name: r.Name, Classname: r.File, Time: seconds(r.Duration.Seconds())}
	if !r.Passed {
		c.Failure = &junitProblem{Message: firstLine(r.Failure), Type: "scenario", Text: FailureText(r)}
		s.Failures++
	}
	s.Tests++
	s.seconds += r.Duration.Seconds()
	s.Time = seconds(s.seconds)
	s.Cases = append(s.Cases, c)
}

// AddLoadError records a file that is not a valid scenario file: an error
// case, so the run shows red in CI.
func (j *JUnit) AddLoadError(file string, err error) {
	s := j.suite(file)
	s.Tests++
	s.Errors++
	s.Time = seconds(s.seconds)
	s.Cases = append(s.Cases, junitCase{Name: "load " + file, Classname: file, Time: seconds(0),
		Error: &junitProblem{Message: firstLine(err.Error()), Type: "load", Text: err.Error()}})
}

// Write writes the XML document.
func (j *JUnit) Write(w io.Writer) error {
	root := junitSuites{Name: "studioflow test", Suites: j.suites}
	total := 0.0
	for _, s := range j.suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		total += s.seconds
	}
	root.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteFile writes the XML document to path.
func (j *JUnit) WriteFile(path string) error {
	var b strings.Builder
	if err := j.Write(&b); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}

// FailureText is what a failed scenario's report says: the expectation and
// what happened instead, then the transcript so far and how it ended.
func FailureText(r Result) string {
	var b strings.Builder
	b.WriteString(r.Failure)
	b.WriteString("\n")
	if x := r.Execution; x != nil {
		b.WriteString("transcript so far:\n")
		for _, t := range x.Transcript {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(TranscriptLine(t), "\n", "\n    "))
		}
		if x.Ended != nil {
			fmt.Fprintf(&b, "  = ended (%s): %s\n", x.Ended.Kind, x.Ended.Reason)
		} else if x.Waiting != nil {
			fmt.Fprintf(&b, "  … waiting at %s\n", x.At())
		}
	}
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }

package scenario

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The elements and attributes CI systems read from JUnit XML (the Jenkins
// JUnit schema that GitLab, GitHub reporters and Azure Pipelines follow).
type ciSuites struct {
	XMLName  xml.Name  `xml:"testsuites"`
	Tests    string    `xml:"tests,attr"`
	Failures string    `xml:"failures,attr"`
	Errors   string    `xml:"errors,attr"`
	Time     string    `xml:"time,attr"`
	Suites   []ciSuite `xml:"testsuite"`
}

type ciSuite struct {
	Name     string   `xml:"name,attr"`
	Tests    string   `xml:"tests,attr"`
	Failures string   `xml:"failures,attr"`
	Errors   string   `xml:"errors,attr"`
	Time     string   `xml:"time,attr"`
	Cases    []ciCase `xml:"testcase"`
}

type ciCase struct {
	Name      string     `xml:"name,attr"`
	Classname string     `xml:"classname,attr"`
	Time      string     `xml:"time,attr"`
	Failure   *ciProblem `xml:"failure"`
	Error     *ciProblem `xml:"error"`
}

type ciProblem struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func readJUnit(t *testing.T, path string) ciSuites {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "<?xml") {
		t.Errorf("no XML declaration: %.60s", data)
	}
	var doc ciSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not XML a CI system reads: %v\n%s", err, data)
	}
	for _, v := range []string{doc.Tests, doc.Failures, doc.Errors} {
		if _, err := strconv.Atoi(v); err != nil {
			t.Errorf("testsuites count %q is not a number", v)
		}
	}
	for _, s := range doc.Suites {
		for _, v := range []string{s.Time} {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.Errorf("suite %s time %q is not seconds", s.Name, v)
			}
		}
		for _, c := range s.Cases {
			if c.Name == "" || c.Classname == "" {
				t.Errorf("testcase without name or classname: %+v", c)
			}
			if _, err := strconv.ParseFloat(c.Time, 64); err != nil {
				t.Errorf("testcase %s time %q is not seconds", c.Name, c.Time)
			}
		}
	}
	return doc
}

func TestJUnitReportHasOneTestcasePerScenarioAndTheFailure(t *testing.T) {
	cat := loadTestCatalog(t)
	j := NewJUnit()
	var out strings.Builder
	file := filepath.Join("testdata", "cover", "mixed.yaml")
	bad := filepath.Join("testdata", "invalid.yaml")
	if status := RunFiles([]string{file, bad}, &out, Options{Catalog: cat, JUnit: j}); status != 2 {
		t.Fatalf("status %d\n%s", status, out.String())
	}
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := j.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	doc := readJUnit(t, path)
	if doc.Tests != "3" || doc.Failures != "1" || doc.Errors != "1" || len(doc.Suites) != 2 {
		t.Fatalf("tests %s failures %s errors %s suites %d", doc.Tests, doc.Failures, doc.Errors, len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != file || s.Tests != "2" || s.Failures != "1" || len(s.Cases) != 2 {
		t.Fatalf("suite %+v", s)
	}
	if c := s.Cases[0]; c.Name != "a caller asks for sales" || c.Failure != nil || c.Classname != file {
		t.Errorf("passing case %+v", c)
	}
	f := s.Cases[1].Failure
	if f == nil {
		t.Fatal("the failing scenario has no <failure>")
	}
	for _, want := range []string{
		`expected the flow to say containing "Bonjour"`,  // the expectation
		`instead: "Press 1 for sales`,                    // what happened
		"transcript so far:\n  > say: Press 1 for sales", // the transcript
		"… waiting at menu",
	} {
		if !strings.Contains(f.Text, want) {
			t.Errorf("failure text lacks %q:\n%s", want, f.Text)
		}
	}
	if !strings.HasPrefix(f.Message, "step 1 (line 11): expected") || strings.Contains(f.Message, "\n") {
		t.Errorf("failure message %q", f.Message)
	}
	if e := doc.Suites[1].Cases[0].Error; e == nil || !strings.Contains(e.Text, "invalid.yaml") {
		t.Errorf("the file that cannot be loaded is not an error case: %+v", doc.Suites[1])
	}
}

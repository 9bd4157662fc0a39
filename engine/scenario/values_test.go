package scenario

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/engine"
)

// A REST-triggered flow whose split tests a date sees the date a scenario's
// data gives as `run --data` gives it: YAML made 2024-06-03 a timestamp
// ("2024-06-03 00:00:00 +0000", so the split took the other branch), 02134
// the octal 1116 and 12345678901234567890 -6101065172474983726. Canned JSON
// and an outcome's outputs keep what the builder wrote the same way.
func TestScenarioValuesReachTheFlowAsWritten(t *testing.T) {
	var out strings.Builder
	file := filepath.Join("testdata", "values", "rest-values.yaml")
	if status := RunFiles([]string{file}, &out, Options{Catalog: loadTestCatalog(t), HTTPClient: refuseClient()}); status != 0 {
		t.Fatalf("status %d:\n%s", status, out.String())
	}
	scenarios, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	want, err := engine.ParseParameters(`{"appt": "2024-06-03", "id": 12345678901234567890, "zip": "02134", "n": 5, "list": ["007", 1.50, true, null]}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := map[string]any(scenarios[0].Data); !reflect.DeepEqual(got, want) {
		t.Errorf("data = %#v, want what run --data gives: %#v", got, want)
	}
}

// Every scalar of a free value reads as JSON would read what was written,
// or as its text.
func TestFreeValuesReadAsJSONWouldOrAsText(t *testing.T) {
	for text, want := range map[string]any{
		`2024-06-03`:           "2024-06-03",
		`2024-06-03T16:00:00Z`: "2024-06-03T16:00:00Z",
		`02134`:                "02134",
		`0o17`:                 "0o17",
		`0x1F`:                 "0x1F",
		`1_000`:                "1_000",
		`+1`:                   "+1",
		`.5`:                   ".5",
		`.inf`:                 ".inf",
		`.nan`:                 ".nan",
		`yes`:                  "yes",
		`off`:                  "off",
		`True`:                 "True",
		`NULL`:                 "NULL",
		`1:30`:                 "1:30",
		`12345678901234567890`: json.Number("12345678901234567890"),
		`-0`:                   json.Number("-0"),
		`5`:                    json.Number("5"),
		`1.50`:                 json.Number("1.50"),
		`1e3`:                  json.Number("1e3"),
		`true`:                 true,
		`false`:                false,
		`null`:                 nil,
		`~`:                    nil,
		`"5"`:                  "5",
		`'true'`:               "true",
		`!!str 5`:              "5",
		`!!int 5`:              json.Number("5"),
		`!!float 1.5`:          json.Number("1.5"),
		`!!bool true`:          true,
		`!!null null`:          nil,
		`[2024-06-03, 007]`:    []any{"2024-06-03", "007"},
		`{a: {b: 0777}}`:       map[string]any{"a": map[string]any{"b": "0777"}},
		`{2024-06-03: x}`:      map[string]any{"2024-06-03": "x"},
		"|\n  line 1\n  007\n": "line 1\n007\n",
		"[&z 02134, *z]":       []any{"02134", "02134"},
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(text), &n); err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		got, err := freeValue(&n)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s read as %#v, want %#v", text, got, want)
		}
	}
	for text, want := range map[string]string{
		`!!int 0x1F`:         "!!int",
		`!!int 1.5`:          "!!int",
		`!!bool yes`:         "!!bool",
		`!!timestamp 2024`:   "tag !!timestamp is not read here",
		`!!binary aGk=`:      "tag !!binary",
		`{a: 1, a: 2}`:       `key "a" appears twice`,
		`{[a]: 1}`:           "a key must be a name",
		"{<<: {a: 1}, b: 2}": "merge keys",
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(text), &n); err != nil {
			if strings.Contains(err.Error(), "already defined") {
				continue // yaml.v3 refuses it itself
			}
			t.Fatalf("%s: %v", text, err)
		}
		if _, err := freeValue(&n); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", text, err, want)
		}
	}
}

// The scenario's other fields that take free text keep it as written.
func TestTextFieldsKeepTheirText(t *testing.T) {
	scenarios, err := loadText(t, `flow: x.json
trigger: incomingRequest
from: +15551230002
to: 0044123
body: 2024-06-03
http:
  w: {status: 200, content_type: text/plain, body: 0777, error: 1e3}
outcomes:
  o: 0777
  p: {event: 2024-06-03, outputs: {zip: 02134, nested: {when: 2024-06-03, list: [007]}}}
steps:
  - press: 0123
  - say: 2024-06-03
  - reply: 1e3
  - choose: 0777
  - expect:
      say: 007
      sms: {contains: 2024-06-03}
      variables: {a: 0777, b: 12345678901234567890, c: true, d: 1.50}
      context: {flow.data.x: 2024-06-03, widgets.y.z: {regex: ^0\d+$}}
`)
	if err != nil {
		t.Fatal(err)
	}
	s := scenarios[0]
	if s.From != "+15551230002" || s.To != "0044123" || s.Body != "2024-06-03" {
		t.Errorf("from %q to %q body %q", s.From, s.To, s.Body)
	}
	if c := s.HTTP["w"][0]; c.Body != "0777" || c.Error != "1e3" {
		t.Errorf("canned %+v", c)
	}
	if s.Outcomes["o"].Event != "0777" || s.Outcomes["p"].Event != "2024-06-03" {
		t.Errorf("outcomes %+v", s.Outcomes)
	}
	wantOutputs := map[string]any{"zip": "02134", "nested": map[string]any{"when": "2024-06-03", "list": []any{"007"}}}
	if got := map[string]any(s.Outcomes["p"].Outputs); !reflect.DeepEqual(got, wantOutputs) {
		t.Errorf("outputs %#v", got)
	}
	if *s.Steps[0].Press != "0123" || *s.Steps[1].Say != "2024-06-03" || *s.Steps[2].Reply != "1e3" || s.Steps[3].Choose != "0777" {
		t.Errorf("actions %q %q %q %q", *s.Steps[0].Press, *s.Steps[1].Say, *s.Steps[2].Reply, s.Steps[3].Choose)
	}
	e := s.Steps[4].Expect
	for name, m := range map[string]Matcher{"say": *e.Say, "sms": *e.SMS, "a": e.Variables["a"], "b": e.Variables["b"], "c": e.Variables["c"], "d": e.Variables["d"], "flow.data.x": e.Context["flow.data.x"], "widgets.y.z": e.Context["widgets.y.z"]} {
		want := map[string]string{"say": `equal to "007"`, "sms": `containing "2024-06-03"`, "a": `equal to "0777"`, "b": `equal to "12345678901234567890"`, "c": `equal to "true"`, "d": `equal to "1.50"`, "flow.data.x": `equal to "2024-06-03"`, "widgets.y.z": `matching /^0\d+$/`}[name]
		if m.String() != want {
			t.Errorf("%s: %s, want %s", name, m, want)
		}
	}
}

// A canned JSON number is written back as its literal (not quoted) and
// read back as the same literal; Values are written as YAML reads them back.
func TestWriteKeepsFreeValues(t *testing.T) {
	s := &Scenario{Name: "n", Trigger: "incomingRequest",
		Data:     Values{"appt": "2024-06-03", "zip": "02134", "id": "12345678901234567890", "n": int64(5), "yes": "yes", "t": true, "nothing": nil},
		HTTP:     map[string]CannedList{"w": {{JSON: map[string]any{"id": json.Number("12345678901234567890"), "ratio": json.Number("1.50"), "zip": "02134", "list": []any{json.Number("-1e3"), "007"}}}}},
		Outcomes: map[string]OutcomeSpec{"o": {Event: "success", Outputs: Values{"when": "2024-06-03", "n": 1.5}}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "values", "flow.json", []*Scenario{s}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"id: 12345678901234567890\n", "ratio: 1.50\n", "- -1e3\n", `zip: "02134"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("written file lacks %q:\n%s", want, buf.String())
		}
	}
	back, err := loadText(t, buf.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	b := back[0]
	if !reflect.DeepEqual(b.Data, s.Data) || !reflect.DeepEqual(b.HTTP, s.HTTP) || !reflect.DeepEqual(b.Outcomes, s.Outcomes) {
		t.Errorf("read back\n%#v\n%#v\n%#v\nfrom\n%s", b.Data, b.HTTP, b.Outcomes, buf.String())
	}
}

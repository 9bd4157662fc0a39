package environments

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func writeValues(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Available lists what Find finds: the values files of environments/ beside
// the flow and above it, the nearest winning for a name.
func TestAvailableListsTheEnvironmentsFindFinds(t *testing.T) {
	root := t.TempDir()
	flowDir := filepath.Join(root, "flows", "ivr")
	writeValues(t, filepath.Join(root, Dir, "prod.yaml"), "greeting: far\n")
	writeValues(t, filepath.Join(root, Dir, "notes.txt"), "not values\n")
	writeValues(t, filepath.Join(flowDir, Dir, "prod.yml"), "greeting: near\n")
	writeValues(t, filepath.Join(flowDir, Dir, "dev.yaml"), "greeting: dev\n")
	got := Available(flowDir)
	if len(got) != 2 || got[0].Name != "dev" || got[1].Name != "prod" {
		t.Fatalf("Available = %+v; want dev and prod", got)
	}
	for _, c := range got {
		found, err := Find(filepath.Join(flowDir, "flow.json"), c.Name)
		if err != nil || found != c.Path {
			t.Errorf("%s: Available gives %s, Find gives %s (%v)", c.Name, c.Path, found, err)
		}
	}
	if got := Available(t.TempDir()); len(got) != 0 {
		t.Errorf("a folder without environments lists %+v", got)
	}
}

// Apply substitutes, leaves the flow alone without values, and refuses a
// placeholder the environment lacks.
func TestApplySubstitutesOrRefuses(t *testing.T) {
	f, err := model.Parse([]byte(`{"states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}},
{"name":"hi","type":"send-message","transitions":[],"properties":{"body":"${greeting} ${name}"}}],
"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	if same, err := Apply(f, nil); same != f || err != nil {
		t.Fatalf("Apply without values = %v, %v; want the flow itself", same, err)
	}
	v := &Values{Name: "prod", Path: "prod.yaml", Values: map[string]string{"greeting": "Hello", "name": "Ada"}}
	out, err := Apply(f, v)
	if err != nil || out.State("hi").StringProperty("body") != "Hello Ada" {
		t.Fatalf("Apply = %v, %v", out, err)
	}
	if f.State("hi").StringProperty("body") != "${greeting} ${name}" {
		t.Error("Apply changed the flow it was given")
	}
	delete(v.Values, "name")
	if _, err := Apply(f, v); !IsMissing(err) {
		t.Fatalf("Apply with a value missing: %v; want a MissingError", err)
	}
}

// Expand gives a text with its values, each missing name once, and the
// "$${" literal as "${".
func TestExpandFillsInOneText(t *testing.T) {
	v := &Values{Name: "prod", Values: map[string]string{"HOST": "https://x.twil.io"}}
	got, missing := Expand("${HOST}/a?k=${KEY}&again=${HOST}&k2=${KEY}&lit=$${HOST}", v)
	if got != "https://x.twil.io/a?k=${KEY}&again=https://x.twil.io&k2=${KEY}&lit=${HOST}" || len(missing) != 1 || missing[0] != "KEY" {
		t.Fatalf("Expand = %q, %q", got, missing)
	}
	if !HasPlaceholders("a ${B}") || HasPlaceholders("$${B} and {{flow.data}}") {
		t.Error("HasPlaceholders misreads")
	}
}

package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadText loads a scenario file written from text.
func loadText(t *testing.T, text string) ([]*Scenario, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

// yaml.v3 forgets KnownFields inside an UnmarshalYAML, so a typo in a step,
// an expect, a matcher, a canned response or an outcome was read as
// nothing: `not_pased: [x]` beside another check skipped its own.
func TestUnknownKeysInsideStepsAreErrors(t *testing.T) {
	for name, c := range map[string]struct{ yaml, want string }{
		"expect":  {"steps:\n  - expect: {say: hi, not_pased: [x]}\n", `line 3: unknown key "not_pased"`},
		"step":    {"steps:\n  - press: \"1\"\n    expct: {say: hi}\n", `line 4: unknown key "expct"`},
		"matcher": {"steps:\n  - expect: {say: {equals: hi, contans: x}}\n", `line 3: unknown key "contans"`},
		"context": {"steps:\n  - expect: {context: {a.b: {regx: x}}}\n", `line 3: unknown key "regx"`},
		"canned":  {"http:\n  w: {jsn: {a: 1}}\nsteps: []\n", `line 3: unknown key "jsn"`},
		"list":    {"http:\n  w:\n    - {status: 200}\n    - {stauts: 500}\nsteps: []\n", `line 5: unknown key "stauts"`},
		"outcome": {"outcomes:\n  w: {event: x, output: {a: 1}}\nsteps: []\n", `line 3: unknown key "output"`},
	} {
		_, err := loadText(t, "flow: x.json\n"+c.yaml)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

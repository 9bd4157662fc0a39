package liquid

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// goldenPath is golden-liquid, a language-agnostic conformance suite whose
// expectations come from Shopify's Ruby Liquid (the reference Studio follows).
const goldenPath = "../../../shared/conformance/golden-liquid/golden_liquid.json"

type goldenCase struct {
	Name      string            `json:"name"`
	Template  string            `json:"template"`
	Data      json.RawMessage   `json:"data"`
	Result    *string           `json:"result"`
	Results   []string          `json:"results"`
	Invalid   bool              `json:"invalid"`
	Templates map[string]string `json:"templates"`
	Tags      []string          `json:"tags"`
}

// goldenMinimum is the number of applicable cases that must render right.
const goldenMinimum = 970

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(goldenPath))
	if err != nil {
		t.Skip("golden-liquid not present (../shared/conformance): skipping the conformance suite")
	}
	var suite struct {
		Tests []goldenCase `json:"tests"`
	}
	if err := json.Unmarshal(data, &suite); err != nil {
		t.Fatalf("reading %s: %v", goldenPath, err)
	}
	return suite.Tests
}

// runGolden renders one case and reports whether the result matches.
func runGolden(e *Engine, c goldenCase) (got string, err error, ok bool) {
	vars := map[string]any{}
	if len(c.Data) > 0 && !bytes.Equal(c.Data, []byte("null")) {
		v, derr := DecodeJSON(c.Data)
		if derr != nil {
			return "", derr, false
		}
		if m, isMap := AsMap(v); isMap {
			vars = m
		}
	}
	got, err = e.Render(c.Template, vars)
	if c.Invalid {
		return got, err, err != nil
	}
	if err != nil {
		return got, err, false
	}
	if c.Result != nil && got == *c.Result {
		return got, nil, true
	}
	for _, r := range c.Results {
		if got == r {
			return got, nil, true
		}
	}
	return got, nil, false
}

// goldenUTC is the clock the suite's date cases assume: they were recorded
// with a UTC host, while Studio's date filters work in Pacific time.
func goldenEngine() *Engine {
	return New(func() time.Time { return time.Date(2024, 7, 4, 18, 30, 0, 0, time.UTC) })
}

func TestGoldenLiquid(t *testing.T) {
	cases := loadGolden(t)
	e := goldenEngine()
	passed, applicable, byShape := 0, 0, 0
	var unexpected []string
	seen := map[string]bool{}
	for _, c := range cases {
		if reason := excludedByShape(c); reason != "" {
			byShape++
			continue
		}
		applicable++
		if _, ok := goldenExclusions[c.Name]; ok {
			seen[c.Name] = true
			continue
		}
		got, err, ok := runGolden(e, c)
		if ok {
			passed++
			continue
		}
		want := "an error"
		if !c.Invalid {
			if c.Result != nil {
				want = *c.Result
			} else {
				want = strings.Join(c.Results, " or ")
			}
		}
		unexpected = append(unexpected, c.Name+"\n    template: "+c.Template+"\n    got: "+got+"\n    err: "+errString(err)+"\n    want: "+want)
	}
	t.Logf("golden-liquid: %d of the %d cases that apply to Studio right; %d listed exclusions; %d include/render cases do not apply", passed, applicable, len(seen), byShape)
	var stale []string
	for name := range goldenExclusions {
		if !seen[name] {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	for _, name := range stale {
		t.Errorf("exclusion %q names no case in the suite", name)
	}
	for _, u := range unexpected {
		t.Errorf("golden case failed: %s", u)
	}
	if passed < goldenMinimum {
		t.Errorf("only %d golden cases right, want at least %d", passed, goldenMinimum)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// excludedByShape names why a whole class of cases does not apply to Studio.
func excludedByShape(c goldenCase) string {
	for _, tag := range c.Tags {
		if tag == "include tag" || tag == "render tag" {
			return "Studio disables include and render: there are no template files"
		}
	}
	if len(c.Templates) > 0 {
		return "needs template files, which Studio does not have"
	}
	return ""
}

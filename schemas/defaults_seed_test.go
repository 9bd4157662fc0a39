package schemas

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

const samplesSeed = "001_ebebcfa6c3505d87.txt"

// missingComma matches a line that ends a member value and is followed by a
// line starting the next member: the gap seed 001's broken snippets leave.
var valueEnd = regexp.MustCompile(`("|\d|true|false|null|\]|\})$`)

// addMissingCommas inserts a comma wherever a member ends and the next member
// starts on the following line without one; it reports where it added them.
func addMissingCommas(lines []string) ([]string, []int) {
	out := append([]string(nil), lines...)
	var fixed []int
	for i := 0; i+1 < len(out); i++ {
		cur, next := strings.TrimSpace(out[i]), strings.TrimSpace(out[i+1])
		if valueEnd.MatchString(cur) && strings.HasPrefix(next, `"`) {
			out[i] += ","
			fixed = append(fixed, i+1)
		}
	}
	return out, fixed
}

func TestDefaultsMatchSeedSnippets(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range seedListings(t, samplesSeed) {
		var snippet any
		switch {
		case strings.HasPrefix(l.heading, "Snippet of JSON"):
			fixedLines, fixedAt := addMissingCommas(l.lines)
			_, rawErr := model.ParseValue([]byte(l.text()))
			v, err := model.ParseValue([]byte(strings.Join(fixedLines, "\n")))
			if err != nil {
				t.Fatalf("%q: still not JSON after adding commas at lines %v: %v", l.heading, fixedAt, err)
			}
			typ, _ := v.(*model.Object).String("type")
			var syn *model.SyntaxError
			if len(fixedAt) > 0 {
				if !errors.As(rawErr, &syn) || syn.Line != fixedAt[0] {
					t.Errorf("%s: the seed snippet should fail to parse at line %d (the first missing comma), got %v", typ, fixedAt[0], rawErr)
				}
			} else if rawErr != nil {
				t.Errorf("%s: snippet not JSON: %v", typ, rawErr)
			}
			if got := defaultsOriginOf(typ) == defaultsSeedCorrected; got != (len(fixedAt) > 0) {
				t.Errorf("%s: its WidgetEntry says corrected=%v, but the seed snippet misses %d commas", typ, got, len(fixedAt))
			}
			snippet = v
		case strings.HasPrefix(l.heading, "Blank Flow"):
			v, err := model.ParseValue([]byte(l.text()))
			if err != nil {
				t.Fatalf("blank flow: %v", err)
			}
			states, _ := v.(*model.Object).Get("states")
			snippet = states.([]any)[0]
		default:
			continue
		}
		typ, _ := snippet.(*model.Object).String("type")
		seen[typ] = true
		want := append(model.MarshalCanonical(snippet), '\n')
		file := filepath.Join("defaults", typ+".json")
		if *update {
			if err := os.WriteFile(file, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v", typ, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the seed 001 snippet:\n%s\nwant:\n%s", file, got, want)
		}
	}
	for _, e := range widgetTable {
		if e.defaultsFrom != defaultsOwn && !seen[e.Type] {
			t.Errorf("the WidgetEntry of %s says its defaults come from seed 001, which has no snippet for it", e.Type)
		}
	}
	for typ := range seen {
		if defaultsOriginOf(typ) == defaultsOwn {
			t.Errorf("seed 001 has a snippet for %s, but its WidgetEntry does not say its defaults come from it", typ)
		}
	}
}

func defaultsOriginOf(typ string) defaultsOrigin {
	for _, e := range widgetTable {
		if e.Type == typ {
			return e.defaultsFrom
		}
	}
	return defaultsOwn
}

package simulator

import (
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/schemas/liquid"
)

func decoded(t *testing.T, s string) any {
	t.Helper()
	v, err := liquid.DecodeJSON([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The context tree shows a parsed response's members in the response's
// order (as Liquid iterates them), and the diff sees inside it.
func TestContextTreeShowsAResponseInItsOrder(t *testing.T) {
	before := map[string]any{"widgets": map[string]any{"http": map[string]any{"parsed": decoded(t, `{"zeta":1,"alpha":{"y":2,"x":3},"mid":3}`)}}}
	after := map[string]any{"widgets": map[string]any{"http": map[string]any{"parsed": decoded(t, `{"zeta":1,"alpha":{"y":2,"x":4},"mid":3}`)}}}
	parsed := joinPath("widgets", "http", "parsed")
	var keys []string
	for _, id := range childIDs(after, parsed) {
		keys = append(keys, splitPath(id)[3])
	}
	if !slices.Equal(keys, []string{"zeta", "alpha", "mid"}) {
		t.Errorf("children of parsed = %v, want the response's order", keys)
	}
	if !isBranch(after, joinPath("widgets", "http", "parsed", "alpha")) {
		t.Error("a nested object is not a branch")
	}
	if got := nodeLabel(after, joinPath("widgets", "http", "parsed", "alpha", "x")); got != "x: 4" {
		t.Errorf("leaf label = %q", got)
	}
	if got := nodeLabel(after, parsed); got != "parsed  {3}" {
		t.Errorf("object label = %q", got)
	}
	got := changedPaths(before, after)
	for _, want := range []string{parsed, joinPath("widgets", "http", "parsed", "alpha"), joinPath("widgets", "http", "parsed", "alpha", "x")} {
		if !got[want] {
			t.Errorf("%q not marked", strings.ReplaceAll(want, pathSep, "."))
		}
	}
	if got[joinPath("widgets", "http", "parsed", "zeta")] || got[joinPath("widgets", "http", "parsed", "alpha", "y")] {
		t.Errorf("an unchanged member is marked: %v", got)
	}
}

package schemas

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// registryEvents are the event names the registry supplies through named
// attributes (ConditionEvent, UnmatchedEvent, CallEndedEvent): code outside
// this package asks for them instead of writing them out.
var registryEvents = []string{"match", "noMatch", "hangup"}

// writtenOutElsewhere are the places outside schemas/ allowed to write one
// of those names as a string literal, with how many times and why: none of
// them means a widget's event there.
var writtenOutElsewhere = map[string]struct {
	count  int
	reason string
}{
	"model/flowdiff/transitions.go|match":  {5, "model sits below schemas in the layering and compares two versions of a file without a catalog: the split's match transitions are told apart by their conditions"},
	"model/flowmerge/transitions.go|match": {2, "model sits below schemas in the layering and merges versions of a file without a catalog: the split's match transitions are keyed by their conditions"},
	"engine/events.go|hangup":              {1, "InputHangup, the name of the contact's action of hanging up (an input kind, also the transcript's), not the event a widget takes"},
	"engine/console/console.go|hangup":     {1, "the console's word for the caller hanging up, which it turns into engine.InputHangup"},
	"engine/scenario/run.go|hangup":        {1, "describes an InputHangup in the console's words"},
	"ui/finder.go|match":                   {1, `the English word in the finder's "3 matches"`},
}

// Outside this package, the split's event names and the call-ended event
// come from the registry: a string literal "match", "noMatch" or "hangup"
// in the program's code (tests aside) is one of the allowed places above,
// each as often as listed.
func TestRegistryEventNamesAreNotWrittenOutElsewhere(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	here, _ := filepath.Abs(".")
	found := map[string][]string{} // "path|name" → positions
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path == here || (path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "tools")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("parse %s: %w", path, err)
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if v, err := strconv.Unquote(lit.Value); err == nil && slices.Contains(registryEvents, v) {
				key := rel + "|" + v
				found[key] = append(found[key], fset.Position(lit.Pos()).String())
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatalf("read the program's code: %v", err)
	}
	for key, positions := range found {
		allowed, ok := writtenOutElsewhere[key]
		switch {
		case !ok:
			t.Errorf("%s: ask the registry (WidgetType.ConditionEvent, UnmatchedEvent, CallEndedEvent) instead of writing the event out, or add the place to writtenOutElsewhere with a reason", strings.Join(positions, ", "))
		case len(positions) != allowed.count:
			t.Errorf("%s is allowed %d times (%s) but appears %d times: %s", key, allowed.count, allowed.reason, len(positions), strings.Join(positions, ", "))
		}
	}
	for key := range writtenOutElsewhere {
		if _, ok := found[key]; !ok {
			t.Errorf("writtenOutElsewhere allows %s, which no longer appears: drop it", key)
		}
	}
}

package schemas

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// leaf is one failed keyword: where in the instance, and which keyword of
// which schema document.
type leaf struct{ instance, keyword string }

func leaves(err error, prefix string, into map[leaf]bool) {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return
	}
	if len(ve.Causes) == 0 {
		into[leaf{strings.TrimPrefix(ve.InstanceLocation, prefix), ve.AbsoluteKeywordLocation}] = true
	}
	for _, c := range ve.Causes {
		leaves(c, prefix, into)
	}
}

// mutations break one widget in ways its schema notices.
var mutations = []func(s *model.Object){
	func(s *model.Object) {},
	func(s *model.Object) { s.Set("properties", "text") },
	func(s *model.Object) {
		list, _ := s.Get("transitions")
		l, _ := list.([]any)
		s.Set("transitions", append(l, model.NewObject(model.Member{Key: "event", Value: "bogus-event"})))
	},
	func(s *model.Object) {
		list, _ := s.Get("transitions")
		if l, _ := list.([]any); len(l) > 0 {
			if t, ok := l[0].(*model.Object); ok {
				t.Set("next", model.Int(5))
			}
		}
	},
	func(s *model.Object) {
		if p, ok := s.Get("properties"); ok {
			p.(*model.Object).Set("timeout", true)
		}
	},
	func(s *model.Object) { s.Delete("transitions") },
	func(s *model.Object) {
		if p, ok := s.Get("properties"); ok {
			p.(*model.Object).Set("url", model.Int(7))
			p.(*model.Object).Delete("say")
		}
	},
}

// Layer 1 validates each widget against its own type's schema instead of
// the flow schema's 28-branch if/then. The failed keywords must be the same
// as when the whole flow schema validates the whole flow, on every shared
// export and on one broken variant of each of their widgets. The only
// difference is deliberate (QUIRKS.md 6-7): for a type missing from the flow
// schema's enum, the flow schema reports the enum and nothing else.
func TestLayerOneAgreesWithTheWholeFlowSchema(t *testing.T) {
	v := newTestValidator(t)
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	c := newCompiler(docs)
	whole, err := c.Compile(FlowSchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	enumLeaf := FlowSchemaURL + "#/properties/states/items/properties/type/enum"
	compared, withErrors := 0, 0
	mutated := 0
	for _, file := range flowFiles(t) {
		base := parseFile(t, file)
		mutated += base.Len()
		for i := 0; i < base.Len(); i++ {
			root := base.Root().Clone()
			states, _ := root.Get("states")
			mutate := mutations[i%len(mutations)]
			mutate(states.([]any)[i].(*model.Object))
			f, err := model.FromObject(root)
			if err != nil {
				t.Fatal(err)
			}
			generic := f.Generic().(map[string]any)
			genericStates := generic["states"].([]any)
			for k := range genericStates {
				genericStates[k] = schemaInstance(f.StateAt(k))
			}
			wholeLeaves := map[leaf]bool{}
			leaves(whole.Validate(generic), "", wholeLeaves)
			for k := 0; k < f.Len(); k++ {
				prefix := "/states/" + strconv.Itoa(k)
				fromWhole := map[leaf]bool{}
				for l := range wholeLeaves {
					if l.instance == prefix || strings.HasPrefix(l.instance, prefix+"/") {
						fromWhole[leaf{strings.TrimPrefix(l.instance, prefix), l.keyword}] = true
					}
				}
				s := f.StateAt(k)
				perType := map[leaf]bool{}
				_, err := v.validateAgainstType(s)
				leaves(err, "", perType)
				if !v.typeEnum[s.Type()] {
					want := map[leaf]bool{{"/type", enumLeaf}: true}
					if !mapsEqual(fromWhole, want) {
						t.Errorf("%s, widget %d (%s): flow schema found %v, want only the type enum", filepath.Base(file), k, s.Type(), sortedLeaves(fromWhole))
					}
					continue
				}
				compared++
				if len(perType) > 0 {
					withErrors++
				}
				if !mapsEqual(fromWhole, perType) {
					t.Errorf("%s, widget %d (%s), mutation %d:\nflow schema: %v\nper type:    %v", filepath.Base(file), k, s.Type(), i%len(mutations), sortedLeaves(fromWhole), sortedLeaves(perType))
				}
			}
		}
	}
	// One widget is mutated per copy; most mutations must be schema errors.
	if withErrors*2 < mutated {
		t.Errorf("only %d of %d comparisons had schema errors over %d mutated widgets; the mutations do not exercise layer 1", withErrors, compared, mutated)
	}
	t.Logf("%d widget validations compared, %d with schema errors, %d widgets mutated", compared, withErrors, mutated)
}

func mapsEqual(a, b map[leaf]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func sortedLeaves(m map[leaf]bool) []string {
	var out []string
	for l := range m {
		out = append(out, fmt.Sprintf("%s@%s", l.instance, strings.TrimPrefix(l.keyword, schemaBase)))
	}
	slices.Sort(out)
	return out
}

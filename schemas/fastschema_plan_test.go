package schemas

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// allFastNodes walks every node reachable from the catalog's types.
func allFastNodes(t *testing.T) []*fastSchema {
	v := newTestValidator(t)
	seen := map[*fastSchema]bool{}
	var out []*fastSchema
	var walk func(n *fastSchema)
	walk = func(n *fastSchema) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, n)
		for _, c := range append(n.inPlace(), n.descendants()...) {
			walk(c)
		}
	}
	for _, typ := range v.cat.order {
		w, _ := v.cat.typeOf(typ)
		walk(fastOf(t, w))
	}
	walk(v.condition.fast)
	return out
}

// Picking anyOf/oneOf branches by their pinned member counts the same
// matches as asking every branch, whatever the member holds.
func TestPinDispatchCountsAsAskingEveryBranch(t *testing.T) {
	dispatched := 0
	for _, n := range allFastNodes(t) {
		for _, set := range []struct {
			branches []*fastSchema
			d        *pinDispatch
		}{{n.anyOf, n.anyOfBy}, {n.oneOf, n.oneOfBy}} {
			if set.d == nil {
				continue
			}
			dispatched++
			var values []any
			for _, pinned := range set.d.values {
				values = append(values, pinned)
			}
			values = append(values, "no-such-value", "", json.Number("5"), nil, true, []any{"x"})
			objects := []*model.Object{model.NewObject(model.Member{Key: "next", Value: "w2"})}
			for _, val := range values {
				objects = append(objects,
					model.NewObject(model.Member{Key: set.d.key, Value: val}),
					model.NewObject(model.Member{Key: set.d.key, Value: val}, model.Member{Key: "next", Value: "w2"}),
					model.NewObject(model.Member{Key: set.d.key, Value: val}, model.Member{Key: "next", Value: nil},
						model.Member{Key: "conditions", Value: []any{}}))
			}
			for _, o := range objects {
				for _, limit := range []int{1, 2} {
					if got, want := matches(set.branches, set.d, o, limit), matches(set.branches, nil, o, limit); got != want {
						t.Errorf("%s on %s (limit %d): dispatched %d matches, asked %d", set.d.key, model.MarshalCanonical(o), limit, got, want)
					}
				}
			}
		}
	}
	if dispatched < 10 {
		t.Errorf("only %d anyOf/oneOf lists are dispatched; the transitions' should be", dispatched)
	}
}

// A node planned to check only a type, to stand for its $ref, to merge its
// $ref and allOf, to look up its required names, to check a string, an
// object or a list alone, or to apply only anyOf, oneOf, not or if,
// decides as the general walk does.
func TestPlannedKindsDecideAsTheGeneralWalk(t *testing.T) {
	values := []any{nil, true, "", "text", json.Number("1"), json.Number("1.5"), json.Number("1e400"),
		model.NewObject(), model.NewObject(model.Member{Key: "x", Value: json.Number("1")}), []any{}, []any{"a"}}
	// Transition-like objects, for the merged plans of event definitions.
	for _, event := range []any{"sent", "failed", "incomingMessage", "timeout", "match", "noMatch", "", "other", json.Number("1"), nil} {
		for _, next := range []any{"w2", nil, json.Number("3"), model.NewObject()} {
			values = append(values,
				model.NewObject(model.Member{Key: "event", Value: event}),
				model.NewObject(model.Member{Key: "next", Value: next}, model.Member{Key: "event", Value: event}),
				model.NewObject(model.Member{Key: "event", Value: event}, model.Member{Key: "next", Value: next},
					model.Member{Key: "event", Value: "sent"}, model.Member{Key: "conditions", Value: []any{}}))
		}
	}
	for _, val := range values[:len(values):len(values)] { // lists of each, as transitions are
		values = append(values, []any{val}, []any{val, "x"})
	}
	kinds := map[nodeKind]int{}
	for _, n := range allFastNodes(t) {
		if n.kind == kindGeneral {
			continue
		}
		kinds[n.kind]++
		general := *n
		general.kind = kindGeneral
		cases := values
		if len(n.required) > 0 || len(n.properties) > 0 {
			// Objects holding all, all but one, or none of its names,
			// each with a string, a number or null.
			for _, value := range []any{"x", json.Number("2"), nil} {
				var all []model.Member
				for _, r := range n.required {
					all = append(all, model.Member{Key: r, Value: value})
				}
				for _, p := range n.properties {
					all = append(all, model.Member{Key: p.name, Value: value})
				}
				cases = append(cases, model.NewObject(all...), model.NewObject(append(all, model.Member{Key: "other", Value: nil})...))
				for k := range all {
					cases = append(cases, model.NewObject(append(all[:k:k], all[k+1:]...)...))
				}
			}
		}
		for _, c := range n.strings { // a kindString node's const or enum
			cases = append(cases, c, c+"x", strings.ToUpper(c))
		}
		for _, val := range cases {
			if got, want := n.valid(val), general.valid(val); got != want {
				t.Errorf("kind %d node on %v: %v, the general walk %v", n.kind, val, got, want)
			}
		}
	}
	if kinds[kindTypes] == 0 || kinds[kindAlias] == 0 || kinds[kindMerged] == 0 || kinds[kindRequired] == 0 ||
		kinds[kindString] == 0 || kinds[kindObject] == 0 || kinds[kindArray] == 0 || kinds[kindApplicators] == 0 {
		t.Errorf("planned kinds %v; each should occur in the catalog", kinds)
	}
}

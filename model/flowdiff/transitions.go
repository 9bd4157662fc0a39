package flowdiff

import (
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// compareTransitions pairs the two versions' transitions (by event; a
// split's "match" transitions by identical conditions, then by friendly
// name, then by target) and reports rewired, added, removed
// and changed ones, and a new order of a split's conditions (which decides
// which matches first). Targets of renamed widgets follow their rename.
func compareTransitions(old, new *model.State, m *matching) []TransitionChange {
	ot, nt := old.Transitions(), new.Transitions()
	for i := range ot {
		ot[i].Next = m.follow(ot[i].Next)
	}
	partner := PairTransitions(ot, nt) // new index → old index, -1 when added
	var out []TransitionChange
	usedOld := make([]bool, len(ot))
	var matchOrder []int
	for ni, t := range nt {
		oi := partner[ni]
		if oi < 0 {
			out = append(out, TransitionChange{Event: t.Event, Label: Label(t), Kind: TransitionAdded, NewNext: t.Next})
			continue
		}
		usedOld[oi] = true
		o := ot[oi]
		if t.Event == "match" {
			matchOrder = append(matchOrder, oi)
		}
		if o.Next != t.Next {
			out = append(out, TransitionChange{Event: t.Event, Label: Label(t), Kind: TransitionRewired, OldNext: o.Next, NewNext: t.Next})
		}
		if !SameValue(any(o.Conditions), any(t.Conditions)) && (o.Conditions != nil || t.Conditions != nil) {
			var cs []Change
			diffValue("conditions", conditionsValue(o.Conditions), conditionsValue(t.Conditions), m, &cs)
			if len(cs) > 0 {
				out = append(out, TransitionChange{Event: t.Event, Label: Label(t), Kind: TransitionConditions, Conditions: cs})
			}
		}
	}
	for oi, t := range ot {
		if !usedOld[oi] {
			out = append(out, TransitionChange{Event: t.Event, Label: Label(t), Kind: TransitionRemoved, OldNext: t.Next})
		}
	}
	for i := 1; i < len(matchOrder); i++ {
		if matchOrder[i] < matchOrder[i-1] {
			tc := TransitionChange{Event: "match", Kind: TransitionReordered}
			for _, t := range nt {
				if t.Event == "match" {
					tc.Order = append(tc.Order, Label(t))
				}
			}
			out = append(out, tc)
			break
		}
	}
	return out
}

func conditionsValue(c []any) any {
	if c == nil {
		return []any{}
	}
	return c
}

// pairTransitions returns, for each new transition, the index of its old
// self or -1.
func PairTransitions(ot, nt []model.Transition) []int {
	partner := make([]int, len(nt))
	for i := range partner {
		partner[i] = -1
	}
	used := make([]bool, len(ot))
	try := func(same func(o, n model.Transition) bool) {
		for ni, n := range nt {
			if partner[ni] >= 0 {
				continue
			}
			for oi, o := range ot {
				if !used[oi] && o.Event == n.Event && same(o, n) {
					partner[ni], used[oi] = oi, true
					break
				}
			}
		}
	}
	try(func(o, n model.Transition) bool {
		return n.Event != "match" || SameValue(any(o.Conditions), any(n.Conditions))
	})
	try(func(o, n model.Transition) bool {
		return Label(o) != "" && Label(o) == Label(n) && friendlyName(o) != ""
	})
	// A condition whose test changed and whose target changed too is
	// another condition: it stays unpaired, so removed and added.
	try(func(o, n model.Transition) bool { return o.Next == n.Next && o.Next != "" })
	return partner
}

// Label tells a split's "match" transitions apart: the first condition's
// friendly name, or its test and value.
func Label(t model.Transition) string {
	if t.Event != "match" {
		return ""
	}
	if fn := friendlyName(t); fn != "" {
		return fn
	}
	var parts []string
	for _, c := range t.Conditions {
		obj, ok := c.(*model.Object)
		if !ok {
			continue
		}
		typ, _ := obj.String("type")
		val, _ := obj.Get("value")
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %v", typ, model.ToGeneric(val))))
	}
	return strings.Join(parts, " and ")
}

func friendlyName(t model.Transition) string {
	for _, c := range t.Conditions {
		if obj, ok := c.(*model.Object); ok {
			if fn, _ := obj.String("friendly_name"); fn != "" {
				return fn
			}
		}
	}
	return ""
}

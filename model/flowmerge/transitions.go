package flowmerge

import (
	"fmt"
	"strconv"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// keyedTransition is a transition with the key that says which transition
// of the base (or of no base) it is.
type keyedTransition struct {
	key, label string
	raw        *model.Object
}

// transitions merges a widget's transitions one by one: the same event,
// or for a split's "match" transitions the same condition (see
// flowdiff.PairTransitions). The result has our order, with transitions
// only they added after.
func (m *merger) transitions(widget string, b, o, t []any) []any {
	bt, ok1 := asTransitions(b)
	ot, ok2 := asTransitions(o)
	tt, ok3 := asTransitions(t)
	if !ok1 || !ok2 || !ok3 {
		m.conflict(widget, "transitions", opt{b, b != nil}, opt{o, true}, opt{t, true})
		return model.CloneValue(o).([]any)
	}
	baseKeys := keysOf(b, bt, nil, nil, "")
	ok := keysOf(o, ot, bt, baseKeys, "ours")
	tk := keysOf(t, tt, bt, baseKeys, "theirs")
	find := func(list []keyedTransition, key string) opt {
		for _, k := range list {
			if k.key == key {
				return opt{k.raw, true}
			}
		}
		return opt{}
	}
	labels := map[string]string{}
	var order []string
	for _, list := range [][]keyedTransition{ok, tk, baseKeys} {
		for _, k := range list {
			if _, seen := labels[k.key]; !seen {
				labels[k.key] = k.label
				order = append(order, k.key)
			}
		}
	}
	out := []any{}
	for _, key := range order {
		r := m.value(widget, "transitions["+labels[key]+"]", find(baseKeys, key), find(ok, key), find(tk, key))
		if r.ok {
			out = append(out, r.v)
		}
	}
	return out
}

func asTransitions(list []any) ([]model.Transition, bool) {
	out := make([]model.Transition, len(list))
	for i, e := range list {
		obj, ok := e.(*model.Object)
		if !ok {
			return nil, false
		}
		out[i].Event, _ = obj.String("event")
		out[i].Next, _ = obj.String("next")
		if cv, ok := obj.Get("conditions"); ok {
			out[i].Conditions, _ = cv.([]any)
		}
	}
	return out, true
}

// keysOf keys a side's transitions by the base transition each is (base
// and baseKeys nil: keys the base itself). Events other than "match" are
// keyed by event and occurrence; a "match" transition new on this side gets
// a key of its own.
func keysOf(raw []any, list, base []model.Transition, baseKeys []keyedTransition, sideName string) []keyedTransition {
	isBase := baseKeys == nil && sideName == ""
	var partner []int
	if !isBase {
		partner = flowdiff.PairTransitions(base, list)
	}
	count := map[string]int{}
	out := make([]keyedTransition, len(list))
	for i, t := range list {
		label := t.Event
		if l := flowdiff.Label(t); l != "" {
			label += " " + strconv.Quote(l)
		}
		var key string
		switch {
		case isBase && t.Event == "match":
			key = fmt.Sprintf("match#%d", i)
		case isBase:
			count[t.Event]++
			key = fmt.Sprintf("%s#%d", t.Event, count[t.Event])
		case partner[i] >= 0:
			key = baseKeys[partner[i]].key
		case t.Event == "match":
			key = fmt.Sprintf("%s:match#%d", sideName, i)
		default:
			// The same new event added on both sides is one transition.
			count[t.Event]++
			key = fmt.Sprintf("%s#new#%d", t.Event, count[t.Event])
		}
		out[i] = keyedTransition{key: key, label: label, raw: raw[i].(*model.Object)}
	}
	return out
}

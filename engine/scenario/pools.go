package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// pools holds, per slot, the texts worth trying there: one that satisfies
// each split condition testing it, and one that satisfies none of them (for
// No Condition Matches).
type pools struct {
	values     map[string][]string // slot key → texts, in flow order
	splitSlots map[string][]slot   // split widget → the slots its conditions test
	parsed     map[string][]slot   // HTTP or product widget → the fields of its response or outputs splits test
	reasons    map[string]string   // branch id → why no text takes it
}

func buildPools(f *model.Flow, k widgetKinds) pools {
	p := pools{values: map[string][]string{}, splitSlots: map[string][]slot{}, parsed: map[string][]slot{}, reasons: map[string]string{}}
	for _, st := range f.States() {
		w := k.of(st)
		match, tests := w.ConditionEvent()
		if !tests {
			continue
		}
		bySlot := map[string][]condition{}
		for i, t := range st.Transitions() {
			if t.Event != match || len(t.Conditions) == 0 {
				continue
			}
			id := branchID(st.Name(), match, i+1)
			conds := conditionsOf(st, t)
			sl, why := p.slotOfAll(f, conds, k)
			if why != "" {
				p.reasons[id] = why
				continue
			}
			p.addSplitSlot(st.Name(), sl)
			bySlot[sl.key()] = append(bySlot[sl.key()], conds...)
			v, why := solve(conds)
			switch {
			case why != "":
				p.reasons[id] = why
			case sl.kind == "press" && !isKeys(v):
				p.reasons[id] = fmt.Sprintf("it needs the keys %q, which a phone cannot press", v)
			default:
				p.add(sl, v)
			}
		}
		unmatched, _ := w.UnmatchedEvent()
		noMatch := branchID(st.Name(), unmatched, 0)
		if len(p.splitSlots[st.Name()]) == 0 {
			if _, why := slotOf(f, st.StringProperty("input"), 0, k); why != "" {
				p.reasons[noMatch] = why
			}
		}
		for _, sl := range p.splitSlots[st.Name()] {
			if v, ok := failsAll(bySlot[sl.key()], sl.kind == "press"); ok {
				p.add(sl, v)
			} else if _, set := p.reasons[noMatch]; !set {
				p.reasons[noMatch] = "every text tried satisfies one of its conditions"
			}
		}
	}
	return p
}

// slotOfAll is the one slot all conditions test.
func (p *pools) slotOfAll(f *model.Flow, conds []condition, k widgetKinds) (slot, string) {
	first, why := slotOf(f, conds[0].subject, 0, k)
	if why != "" {
		return slot{}, why
	}
	for _, c := range conds[1:] {
		if sl, _ := slotOf(f, c.subject, 0, k); sl != first {
			return slot{}, "its conditions test different inputs"
		}
	}
	return first, ""
}

func (p *pools) addSplitSlot(split string, sl slot) {
	if !slices.Contains(p.splitSlots[split], sl) {
		p.splitSlots[split] = append(p.splitSlots[split], sl)
	}
	if (sl.kind == "parsed" || sl.kind == "httpbody" || sl.kind == "outputs") && !slices.Contains(p.parsed[sl.widget], sl) {
		p.parsed[sl.widget] = append(p.parsed[sl.widget], sl)
	}
}

func (p *pools) add(sl slot, v string) {
	if !slices.Contains(p.values[sl.key()], v) {
		p.values[sl.key()] = append(p.values[sl.key()], v)
	}
}

func (p *pools) valuesOr(sl slot, def string) []string {
	if vs := p.values[sl.key()]; len(vs) > 0 {
		return vs
	}
	return []string{def}
}

func (p *pools) first(sl slot, def string) string { return p.valuesOr(sl, def)[0] }

// responses lists the canned responses worth trying for an HTTP widget
// besides the default (200 with an empty JSON object): a server error, and
// a JSON object holding each value its splits test.
func (p *pools) responses(widget string) []Canned {
	out := []Canned{{Status: 500, ContentType: "text/plain", Body: "Internal Server Error"}}
	for _, sl := range p.parsed[widget] {
		for _, v := range p.values[sl.key()] {
			switch sl.kind {
			case "parsed":
				out = append(out, Canned{Status: 200, JSON: nested(strings.Split(sl.path, "."), v)})
			case "httpbody":
				out = append(out, Canned{Status: 200, ContentType: "text/plain", Body: v})
			}
		}
	}
	return out
}

// outputs lists the outputs worth giving a product widget's outcome: each
// value its splits test.
func (p *pools) outputs(widget string) []map[string]any {
	var out []map[string]any
	for _, sl := range p.parsed[widget] {
		if sl.kind != "outputs" {
			continue
		}
		for _, v := range p.values[sl.key()] {
			out = append(out, nested(strings.Split(sl.path, "."), v))
		}
	}
	return out
}

// nested builds {"a": {"b": v}} for the path a.b.
func nested(path []string, v string) map[string]any {
	if len(path) == 1 {
		return map[string]any{path[0]: v}
	}
	return map[string]any{path[0]: nested(path[1:], v)}
}

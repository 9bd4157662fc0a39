package flowdiff

import (
	"sort"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// RenameThreshold is how alike (0 to 1) two widgets of one type must be
// for a widget missing under its old name and one new under another name to
// count as one widget renamed. Likeness counts the properties (offset
// included) and transitions the two have the same.
const RenameThreshold = 0.6

// pair is a widget of the new flow and its old self (nil when added).
type pair struct {
	old, new *model.State
}

// matching says which widget of the old flow each widget of the new flow is.
type matching struct {
	pairs   []pair            // in the new flow's order
	removed []*model.State    // old widgets with no new self, in old order
	renamed map[string]string // old name → new name
}

// follow gives the new name of a widget the old flow named name.
func (m *matching) follow(name string) string {
	if n, ok := m.renamed[name]; ok {
		return n
	}
	return name
}

// Match pairs the widgets of two versions by identity: by name first, then
// a widget gone under one name and one new under another of the same type
// and alike enough (see RenameThreshold) are one widget renamed. It returns
// the renames, old name → new name.
func Match(old, new *model.Flow) map[string]string {
	return matchWidgets(old, new).renamed
}

func matchWidgets(old, new *model.Flow) *matching {
	m := &matching{renamed: map[string]string{}}
	oldOf := make(map[*model.State]*model.State)
	usedOld := make(map[*model.State]bool)
	var newLeft []*model.State
	for _, s := range new.States() {
		if o := old.State(s.Name()); o != nil && !usedOld[o] {
			oldOf[s] = o
			usedOld[o] = true
			continue
		}
		newLeft = append(newLeft, s)
	}
	var oldLeft []*model.State
	for _, s := range old.States() {
		if !usedOld[s] {
			oldLeft = append(oldLeft, s)
		}
	}

	type candidate struct {
		o, n  *model.State
		score float64
	}
	var cands []candidate
	for _, o := range oldLeft {
		for _, n := range newLeft {
			if o.Type() != n.Type() {
				continue
			}
			if sc := likeness(o, n, oldLeft, newLeft); sc >= RenameThreshold {
				cands = append(cands, candidate{o, n, sc})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	for _, c := range cands {
		if usedOld[c.o] || oldOf[c.n] != nil {
			continue
		}
		usedOld[c.o] = true
		oldOf[c.n] = c.o
		m.renamed[c.o.Name()] = c.n.Name()
	}
	for _, s := range new.States() {
		m.pairs = append(m.pairs, pair{old: oldOf[s], new: s})
	}
	for _, s := range old.States() {
		if !usedOld[s] {
			m.removed = append(m.removed, s)
		}
	}
	return m
}

// likeness is the share of properties and transitions two widgets have the
// same. A transition target counts as the same when it is, or when both
// targets are among the widgets still unmatched (they may be renamed too).
func likeness(o, n *model.State, oldLeft, newLeft []*model.State) float64 {
	same, total := 0, 0
	op, np := o.Properties(), n.Properties()
	op.Range(func(k string, v any) bool {
		total++
		if nv, ok := np.Get(k); ok && SameValue(v, nv) {
			same++
		}
		return true
	})
	np.Range(func(k string, _ any) bool {
		if !op.Has(k) {
			total++
		}
		return true
	})
	unmatchedOld, unmatchedNew := names(oldLeft), names(newLeft)
	ot, nt := o.Transitions(), n.Transitions()
	for i, t := range ot {
		total++
		if i < len(nt) && nt[i].Event == t.Event {
			if nt[i].Next == t.Next || (unmatchedOld[t.Next] && unmatchedNew[nt[i].Next]) {
				same++
			}
		}
	}
	if len(nt) > len(ot) {
		total += len(nt) - len(ot)
	}
	if total == 0 {
		return 1
	}
	return float64(same) / float64(total)
}

func names(states []*model.State) map[string]bool {
	m := make(map[string]bool, len(states))
	for _, s := range states {
		m[s.Name()] = true
	}
	return m
}

// followText rewrites Liquid references to renamed widgets
// ("widgets.OLD.body") in an old value, so that a reference which followed
// its widget's rename is not a change.
func (m *matching) followText(s string) string {
	return RenameReferences(s, m.renamed)
}

// RenameReferences rewrites the Liquid references "widgets.OLD" in s to
// "widgets.NEW" for each rename OLD → NEW.
func RenameReferences(s string, renamed map[string]string) string {
	if len(renamed) == 0 || !strings.Contains(s, "widgets.") {
		return s
	}
	const prefix = "widgets."
	var b strings.Builder
	for {
		i := strings.Index(s, prefix)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		start := i + len(prefix)
		end := start
		for end < len(s) && model.IsNameByte(s[end]) {
			end++
		}
		b.WriteString(s[:start])
		name := s[start:end]
		if n, ok := renamed[name]; ok {
			name = n
		}
		b.WriteString(name)
		s = s[end:]
	}
}

// Package coverage counts which widgets and transitions of a flow executions
// took, as `go test -cover` counts statements: the branches of a flow are its
// widgets' events, a split's condition transitions counted one by one (with
// No Condition Matches on its own), a gather's keypress, speech and timeout,
// and each outcome of a product widget. A Set gathers the counts of many
// executions per flow; a Profile is their JSON form (--coverprofile).
package coverage

import (
	"fmt"
	"math"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// Branch is one way out of a widget: an event, or one condition of a split.
type Branch struct {
	Widget string `json:"widget"`
	Event  string `json:"event"`
	// Index is, for a split's condition, its 1-based position among the
	// widget's transitions (0 for every other branch).
	Index int `json:"index,omitempty"`
	// Condition is the condition's friendly name (a split's match).
	Condition string `json:"condition,omitempty"`
	// Next is the widget the transition leads to ("" when the flow ends there).
	Next  string `json:"next,omitempty"`
	Count int    `json:"count"`
}

// String names the branch for people: `check  match "is 1" → say_one`.
func (b Branch) String() string {
	ev := b.Event
	if b.Index > 0 {
		label := b.Condition
		if label == "" {
			label = fmt.Sprintf("condition %d", b.Index)
		}
		ev = fmt.Sprintf("%s %q", b.Event, label)
	}
	next := b.Next
	if next == "" {
		next = "(end)"
	}
	return fmt.Sprintf("%s  %s → %s", b.Widget, ev, next)
}

// Widget is one widget and how many times executions reached it.
type Widget struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Count int    `json:"count"`
}

// Flow is the coverage of one flow definition.
type Flow struct {
	Path     string   `json:"flow"`
	Widgets  []Widget `json:"widgets"`
	Branches []Branch `json:"transitions"`

	widget map[string]int // name → index in Widgets
}

// NewFlow lists the widgets and branches of f, none taken yet: the ports
// each widget shows, as the canvas draws them (the trigger's wired entry
// points; a split's No Condition Matches and each of its conditions).
func NewFlow(path string, f *model.Flow, cat *schemas.Catalog) *Flow {
	c := &Flow{Path: path, widget: map[string]int{}}
	for _, st := range f.States() {
		c.widget[st.Name()] = len(c.Widgets)
		c.Widgets = append(c.Widgets, Widget{Name: st.Name(), Type: st.Type()})
		c.Branches = append(c.Branches, branchesOf(st, cat)...)
	}
	return c
}

func branchesOf(st *model.State, cat *schemas.Catalog) []Branch {
	var out []Branch
	add := func(event string, index int, condition, next string) {
		out = append(out, Branch{Widget: st.Name(), Event: event, Index: index, Condition: condition, Next: next})
	}
	if st.IsTrigger() {
		// Only the trigger events the flow wires are its ways in.
		for _, t := range st.Transitions() {
			if t.Next != "" {
				add(t.Event, 0, "", t.Next)
			}
		}
		return out
	}
	if w, ok := cat.Lookup(st.Type()); ok && w.TestsConditions() {
		// Each condition is a branch of its own, and so is No Condition
		// Matches (the catalog's condition and unmatched events).
		match, _ := w.ConditionEvent()
		noMatch, _ := w.UnmatchedEvent()
		next, _ := st.Next(noMatch)
		add(noMatch, 0, "", next)
		for i, t := range st.Transitions() {
			if t.Event == match && len(t.Conditions) > 0 {
				add(match, i+1, conditionName(t.Conditions), t.Next)
			}
		}
		return out
	}
	// The ports the widget shows: the events its transitions name (Studio
	// lists every event of the type there, but not hangup, which a widget
	// that does not wait can never take), once each.
	seen := map[string]bool{}
	for _, t := range st.Transitions() {
		if !seen[t.Event] {
			seen[t.Event] = true
			add(t.Event, 0, "", t.Next)
		}
	}
	return out
}

// conditionName is the friendly name of a transition's first condition.
func conditionName(conditions []any) string {
	if len(conditions) == 0 {
		return ""
	}
	obj, ok := conditions[0].(*model.Object)
	if !ok {
		return ""
	}
	v, _ := obj.Get("friendly_name")
	s, _ := v.(string)
	return s
}

// Record counts what x did in this flow: the steps of its own flow (a
// subflow's steps belong to the subflow), the widget it waits in and the
// widget whose error ended it.
func (c *Flow) Record(x *engine.Execution) {
	var own []*engine.Step
	for _, s := range x.Steps {
		if s.ExecutionSID == x.SID {
			own = append(own, s)
		}
	}
	c.RecordSteps(own, x.FlowSID)
	if w := x.WaitingIn(); w != "" {
		c.reach(w, "")
	}
	if x.Ended != nil && x.Ended.Widget != "" {
		c.reach(x.Ended.Widget, "")
	}
}

// RecordSteps counts the steps of the flow flowSID among steps (a
// subflow's, taken while its parent ran).
func (c *Flow) RecordSteps(steps []*engine.Step, flowSID string) {
	for _, s := range steps {
		if s.FlowSID != flowSID {
			continue
		}
		c.reach(s.TransitionedFrom, s.Type)
		for i := range c.Branches {
			b := &c.Branches[i]
			if b.Widget == s.TransitionedFrom && b.Event == s.Name && b.Index == s.Branch {
				b.Count++
				break
			}
		}
	}
}

// reach counts a widget reached; typ, when given, must agree (a subflow's
// widget of the same name is not this flow's).
func (c *Flow) reach(name, typ string) {
	i, ok := c.widget[name]
	if !ok || (typ != "" && c.Widgets[i].Type != typ) {
		return
	}
	c.Widgets[i].Count++
}

// Reindex rebuilds the name index after c was read from JSON.
func (c *Flow) reindex() {
	c.widget = map[string]int{}
	for i, w := range c.Widgets {
		c.widget[w.Name] = i
	}
}

// Transitions returns how many branches were taken and how many there are.
func (c *Flow) Transitions() (taken, total int) {
	for _, b := range c.Branches {
		if b.Count > 0 {
			taken++
		}
	}
	return taken, len(c.Branches)
}

// WidgetsReached returns how many widgets were reached and how many there are.
func (c *Flow) WidgetsReached() (reached, total int) {
	for _, w := range c.Widgets {
		if w.Count > 0 {
			reached++
		}
	}
	return reached, len(c.Widgets)
}

// NeverTaken lists the branches no execution took, in flow order.
func (c *Flow) NeverTaken() []Branch {
	var out []Branch
	for _, b := range c.Branches {
		if b.Count == 0 {
			out = append(out, b)
		}
	}
	return out
}

// Taken reports whether the branch of widget on event (index for a split's
// condition) was taken.
func (c *Flow) Taken(widget, event string, index int) bool {
	for _, b := range c.Branches {
		if b.Widget == widget && b.Event == event && b.Index == index {
			return b.Count > 0
		}
	}
	return false
}

// Reached reports whether any execution reached the widget.
func (c *Flow) Reached(widget string) bool {
	i, ok := c.widget[widget]
	return ok && c.Widgets[i].Count > 0
}

// Percent formats n of total as go test does, rounded, never claiming 100%
// while something is missing: "83%".
func Percent(n, total int) string {
	if total == 0 {
		return "100%"
	}
	p := int(math.Round(100 * float64(n) / float64(total)))
	if p == 100 && n < total {
		p = 99
	}
	return fmt.Sprintf("%d%%", p)
}

// Port reports, for transition i of widget as the flow lists it (event is
// its event), whether the coverage counts it and whether it was taken. The
// port is the branch of its event that is either no condition (Index 0) or
// its own condition (Index i+1): a split's condition event is counted per
// transition, every other event once.
func (c *Flow) Port(widget string, i int, event string) (taken, counted bool) {
	for _, b := range c.Branches {
		if b.Widget == widget && b.Event == event && (b.Index == 0 || b.Index == i+1) {
			return b.Count > 0, true
		}
	}
	return false, false
}

package model

import (
	"fmt"
	"slices"
)

// Change tells views what an operation (or its undo) changed.
type Change struct {
	Label     string
	Widgets   []string // widgets whose content changed, by their current names
	Added     []string
	Removed   []string
	Renamed   []Rename
	Structure bool // widgets or wires were added, removed or reconnected
	FlowLevel bool // description, initial_state, flags, or the whole flow
	Undo      bool // this change came from Undo
	Redo      bool // this change came from Redo
}

// Rename is one widget rename inside a Change.
type Rename struct{ Old, New string }

func (c *Change) merge(o Change) {
	c.Widgets = appendUnique(c.Widgets, o.Widgets...)
	c.Added = appendUnique(c.Added, o.Added...)
	c.Removed = appendUnique(c.Removed, o.Removed...)
	c.Renamed = append(c.Renamed, o.Renamed...)
	c.Structure = c.Structure || o.Structure
	c.FlowLevel = c.FlowLevel || o.FlowLevel
}

func appendUnique(list []string, more ...string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
}

// Op is an edit of a flow. Ops are built with this package's constructors
// (AddWidget, SetProperty, Batch, …) and applied through a Document.
type Op interface {
	Label() string
	apply(f *Flow) (inverse Op, change Change, err error)
}

// historyEntry holds the op that goes the other way: on the undo stack the
// inverse of what was done, on the redo stack the op that re-does it.
type historyEntry struct {
	inverse     Op
	label       string
	coalesceKey string
}

// Document is an open flow with its undo history. It is used from one
// goroutine (the UI's); listeners run synchronously after each change.
type Document struct {
	flow      *Flow
	undo      []historyEntry
	redo      []historyEntry
	listeners map[int]func(Change)
	nextID    int
	version   uint64 // counts every change, undo and redo
	// position identifies the state in the history (undo decrements it), so
	// that undoing back to the saved state makes the document clean again.
	position int
	saved    int
	// savedValid is false once the saved state can no longer be reached by
	// undo or redo (history was discarded past it).
	savedValid bool
}

// MaxHistory bounds the undo history.
const MaxHistory = 1000

// NewDocument wraps a flow for editing. The document owns the flow from now on.
func NewDocument(f *Flow) *Document {
	return &Document{flow: f, listeners: map[int]func(Change){}, savedValid: true}
}

// Flow returns the current flow (read-only: edit through Apply).
func (d *Document) Flow() *Flow { return d.flow }

// Version increases with every change, undo and redo.
func (d *Document) Version() uint64 { return d.version }

// Dirty reports whether the flow differs from the last MarkSaved.
func (d *Document) Dirty() bool { return !d.savedValid || d.position != d.saved }

// MarkSaved records that the current state was written to disk.
func (d *Document) MarkSaved() {
	d.saved = d.position
	d.savedValid = true
}

// MarkUnsaved records that the current state is stored nowhere yet (an
// imported flow): the document stays dirty until the next MarkSaved.
func (d *Document) MarkUnsaved() { d.savedValid = false }

// Subscribe registers fn to hear every change; call the returned function to stop.
func (d *Document) Subscribe(fn func(Change)) (cancel func()) {
	id := d.nextID
	d.nextID++
	d.listeners[id] = fn
	return func() { delete(d.listeners, id) }
}

// reshape moves the flow's ShapeVersion past before (its value before the
// change, which a replaced flow may not carry on) when c touched the graph.
func (d *Document) reshape(before uint64, c Change) {
	if c.Structure || c.FlowLevel || len(c.Added) > 0 || len(c.Removed) > 0 || len(c.Renamed) > 0 {
		d.flow.shape = max(before, d.flow.shape) + 1
	}
}

func (d *Document) notify(c Change) {
	ids := make([]int, 0, len(d.listeners))
	for id := range d.listeners {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if fn, ok := d.listeners[id]; ok {
			fn(c)
		}
	}
}

// Apply performs op as one undoable step.
func (d *Document) Apply(op Op) error {
	return d.apply(op, "")
}

// ApplyCoalesced performs op and merges it into the previous undo step when
// that step was applied with the same key and nothing came between, so that
// the many moves of one drag, or the keystrokes typed into one field, undo as
// one step.
func (d *Document) ApplyCoalesced(op Op, key string) error {
	return d.apply(op, key)
}

func (d *Document) apply(op Op, key string) error {
	shape := d.flow.shape
	inverse, change, err := op.apply(d.flow)
	if err != nil {
		return err
	}
	d.reshape(shape, change)
	change.Label = op.Label()
	d.version++
	if n := len(d.undo); key != "" && n > 0 && d.undo[n-1].coalesceKey == key && len(d.redo) == 0 && d.position != d.saved {
		// Keep the oldest inverse: undo returns to before the first op.
		d.notify(change)
		return nil
	}
	if len(d.redo) > 0 && d.saved > d.position {
		d.savedValid = false // the saved state was on the discarded redo branch
	}
	d.redo = d.redo[:0]
	d.position++
	d.undo = append(d.undo, historyEntry{inverse: inverse, label: op.Label(), coalesceKey: key})
	if len(d.undo) > MaxHistory {
		d.undo = d.undo[1:]
		if d.saved < d.position-len(d.undo) {
			d.savedValid = false
		}
	}
	d.notify(change)
	return nil
}

// CanUndo reports whether there is a step to undo, and its label.
func (d *Document) CanUndo() (string, bool) {
	if len(d.undo) == 0 {
		return "", false
	}
	return d.undo[len(d.undo)-1].label, true
}

// CanRedo reports whether there is a step to redo, and its label.
func (d *Document) CanRedo() (string, bool) {
	if len(d.redo) == 0 {
		return "", false
	}
	return d.redo[len(d.redo)-1].label, true
}

// Undo reverts the last step. It returns false when there is nothing to undo.
func (d *Document) Undo() (bool, error) {
	return d.replay(&d.undo, &d.redo, "undo", -1)
}

// Redo re-applies the last undone step.
func (d *Document) Redo() (bool, error) {
	return d.replay(&d.redo, &d.undo, "redo", +1)
}

// replay applies the last entry of history from (undo's or redo's), moves
// the position by step and pushes the entry that reverts it onto to.
func (d *Document) replay(from, to *[]historyEntry, verb string, step int) (bool, error) {
	if len(*from) == 0 {
		return false, nil
	}
	e := (*from)[len(*from)-1]
	shape := d.flow.shape
	inverse, change, err := e.inverse.apply(d.flow)
	if err != nil {
		return false, fmt.Errorf("%s %s: %w", verb, e.label, err)
	}
	d.reshape(shape, change)
	*from = (*from)[:len(*from)-1]
	*to = append(*to, historyEntry{inverse: inverse, label: e.label})
	d.version++
	d.position += step
	change.Label = e.label
	change.Undo, change.Redo = step < 0, step > 0
	d.notify(change)
	return true, nil
}

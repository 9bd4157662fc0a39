package ui

import (
	"slices"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// liveValidation keeps the diagnostics of the open flow current while it is
// edited. A keystroke in one widget re-runs that widget's rules on the UI
// goroutine (ValidateWidget + MergeWidget: well under a millisecond); a
// change to the graph runs a full ValidateFlow on a copy of the flow on
// another goroutine and hands the result back through the editor's Poster.
type liveValidation struct {
	v     *schemas.Validator
	doc   *model.Document
	diags []schemas.Diagnostic
	// round numbers full validations; a result that is not the latest
	// round's is dropped.
	round int
	// editedSince lists the widgets edited since the latest full
	// validation started: its result predates their edits and is refreshed
	// for them when it arrives.
	editedSince []string
	running     bool
	// again is set when the flow's structure changed while a full
	// validation was running: one more runs when it ends, so a burst of
	// changes costs two validations, not one per change.
	again    bool
	onChange func([]schemas.Diagnostic)
	// sync runs full validations on the calling goroutine (tests).
	sync bool
	// post hands a result to the UI goroutine.
	post uiloop.Poster
}

func newLiveValidation(v *schemas.Validator, onChange func([]schemas.Diagnostic), post uiloop.Poster) *liveValidation {
	return &liveValidation{v: v, onChange: onChange, post: post}
}

// reset validates another document from scratch.
func (l *liveValidation) reset(doc *model.Document) {
	l.doc = doc
	l.diags = nil
	l.running, l.again = false, false
	l.full()
}

// Diagnostics returns the current result.
func (l *liveValidation) Diagnostics() []schemas.Diagnostic { return l.diags }

// changed reacts to a change of the document.
func (l *liveValidation) changed(c model.Change) {
	if c.Structure || c.FlowLevel || len(c.Added) > 0 || len(c.Removed) > 0 || len(c.Renamed) > 0 {
		l.full()
		return
	}
	others := false
	for _, w := range c.Widgets {
		l.widget(w)
		others = others || l.v.EditReachesOthers(l.doc.Flow(), w)
	}
	if others { // a Set Variables: what other widgets read changed
		l.full()
	}
}

// widget re-validates one widget in place: the per-keystroke path.
func (l *liveValidation) widget(name string) {
	l.diags = schemas.MergeWidget(l.diags, name, l.v.ValidateWidget(l.doc.Flow(), name))
	if l.running && !slices.Contains(l.editedSince, name) {
		l.editedSince = append(l.editedSince, name)
	}
	if l.onChange != nil {
		l.onChange(l.diags)
	}
}

// full starts a validation of the whole flow on a copy of it.
func (l *liveValidation) full() {
	if l.running {
		l.again = true
		return
	}
	f := l.doc.Flow()
	l.round++
	round := l.round
	l.editedSince = l.editedSince[:0]
	if l.sync {
		l.finish(round, l.v.ValidateFlow(f))
		return
	}
	l.running = true
	snapshot := f.Clone()
	go func() {
		diags := l.v.ValidateFlow(snapshot)
		l.post.Post(func() { l.finish(round, diags) })
	}()
}

func (l *liveValidation) finish(round int, diags []schemas.Diagnostic) {
	if round != l.round {
		return
	}
	l.running = false
	for _, name := range l.editedSince {
		diags = schemas.MergeWidget(diags, name, l.v.ValidateWidget(l.doc.Flow(), name))
	}
	l.editedSince = l.editedSince[:0]
	l.diags = diags
	if l.onChange != nil {
		l.onChange(l.diags)
	}
	if l.again {
		l.again = false
		l.full()
	}
}

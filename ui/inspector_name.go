package ui

import (
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
)

// The inspector's Name field: the one field that applies its edit only
// when it is left, submitted, or committed by a command.

// nameEdit is a rename typed into the Name field: applied by commit when
// it is a valid new name, pending meanwhile.
type nameEdit struct {
	commit  func()
	pending func() bool
}

// nameField edits the widget's name: checked on every keystroke, renamed
// (with every reference to it) when Enter is pressed, the field is left,
// or a command that reads or writes the whole flow runs (CommitPending).
func (in *Inspector) nameField(s *model.State) fyne.CanvasObject {
	e := newTextField(false, in.keys)
	e.SetText(s.Name())
	current := s.Name()
	problem := ""
	check := func(text string) string {
		if text == current {
			return ""
		}
		if err := model.ValidateName(text); err != nil {
			return err.Error()
		}
		if in.doc.Flow().IndexOf(text) >= 0 {
			return fmt.Sprintf("another widget is already named %q", text)
		}
		return ""
	}
	doc := in.doc
	// done: this field's rename was applied. A commit posted when the
	// field lost the keyboard may run after that (a toolbar click takes
	// the keyboard, then its command commits), even after an Undo brought
	// the old name back: it must not rename again.
	done := false
	// Nothing is pending once another flow is open, or once the widget is
	// gone (the click that took the keyboard deleted it).
	pending := func() bool {
		return !done && in.doc == doc && doc.Flow().State(current) != nil && e.Text != current && check(e.Text) == ""
	}
	// commit renames and does nothing else: the selection follows the
	// rename by itself (canvas and inspector map the old name to the new).
	// Selecting the renamed widget here would undo the click that ended
	// the edit when it selected another one.
	commit := func() {
		if !pending() {
			return
		}
		done = true
		if err := doc.Apply(model.RenameWidget(current, e.Text)); err != nil {
			done = false
			if in.OnError != nil {
				in.OnError(err)
			}
		}
	}
	in.name = nameEdit{commit: commit, pending: pending}
	e.OnChanged = func(text string) {
		problem = check(text)
		in.refreshLocalErrors()
		if in.OnNameTyped != nil {
			in.OnNameTyped()
		}
	}
	e.OnSubmitted = func(string) { commit() }
	// Leaving the field by a click: rename once the focus has moved (and
	// the click has done what it does), so the rebuilt form can give the
	// focus back to a field clicked in it.
	e.onFocusLost = func() { in.post.Post(commit) }
	return in.addRow("/name", "Widget name", true, propertyEditor{object: e, focus: e, localError: func() string { return problem }})
}

// CommitPending applies a rename typed into the Name field and not yet
// applied. A name that cannot be applied (taken, malformed) is left in the
// field with its problem shown.
func (in *Inspector) CommitPending() {
	if in.name.commit != nil {
		in.name.commit()
	}
}

// RenamePending tells whether the Name field holds a valid new name not
// yet applied.
func (in *Inspector) RenamePending() bool {
	return in.name.pending != nil && in.name.pending()
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

// inspectorButton is the shown form's button named id (Inspector.control).
func inspectorButton(t *testing.T, e *Editor, id string) *kbd.Button {
	t.Helper()
	b, ok := e.inspector.controls.Get(e.inspector.shown + "\x00" + id).(*kbd.Button)
	if !ok || b == nil {
		t.Fatalf("the form has no button %q", id)
	}
	return b
}

// pressFromKeyboard focuses b and presses Space on it, as a keyboard user
// reaching it with Tab would.
func pressFromKeyboard(e *Editor, b *kbd.Button) {
	e.win.Canvas().Focus(b)
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
}

// holds checks that the keyboard is on want and that want is shown in the
// inspector (not a button of the form before it was rebuilt).
func holds(t *testing.T, e *Editor, want fyne.Focusable, what string) {
	t.Helper()
	got := e.win.Canvas().Focused()
	if got != want {
		t.Fatalf("%s: the keyboard is on %T %q, want %q (a button of the rebuilt form)", what, got, e.inspector.controls.Name(got), e.inspector.controls.Name(want))
	}
	if kbd.PathTo(e.inspector.Object(), want.(fyne.CanvasObject)) == nil {
		t.Fatalf("%s: the keyboard is on a button no longer in the inspector", what)
	}
}

// Removing a variable from the keyboard leaves the keyboard on the same
// place (the next row's Remove), then on Add row when the last one goes;
// moving a row keeps it on the moved row's button; Add row keeps it.
func TestKeyValueRowButtonsKeepOrPassOnTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "set-variables")
	sv := names[0]
	doc := model.NewDocument(f)
	vars := []any{}
	for _, k := range []string{"a", "b", "c"} {
		vars = append(vars, model.NewObject(model.Member{Key: "key", Value: k}, model.Member{Key: "value", Value: k + "1"}))
	}
	if err := doc.Apply(model.SetProperty(sv, "variables", vars)); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: doc.Flow()})
	e.selectWidgets([]string{sv})
	keys := func() string {
		v, _ := e.doc.Flow().State(sv).Property("variables")
		out := ""
		for _, o := range v.([]any) {
			k, _ := o.(*model.Object).String("key")
			out += k
		}
		return out
	}

	old := inspectorButton(t, e, "variables/1/remove")
	pressFromKeyboard(e, old)
	if keys() != "ac" {
		t.Fatalf("after removing row 1 the variables are %q", keys())
	}
	next := inspectorButton(t, e, "variables/1/remove")
	if next == old {
		t.Fatal("the form was not rebuilt")
	}
	holds(t, e, next, "Remove on the middle row")

	// Moving the first row down: the keyboard follows it.
	pressFromKeyboard(e, inspectorButton(t, e, "variables/0/down"))
	if keys() != "ca" {
		t.Fatalf("after moving row 0 down the variables are %q", keys())
	}
	// The moved row is last now: its Down is disabled, so its Up.
	holds(t, e, inspectorButton(t, e, "variables/1/up"), "Down on the first row")

	pressFromKeyboard(e, inspectorButton(t, e, "variables/1/remove"))
	holds(t, e, inspectorButton(t, e, "variables/-1/add"), "Remove on the last row")

	pressFromKeyboard(e, inspectorButton(t, e, "variables/-1/add"))
	if v, _ := e.doc.Flow().State(sv).Property("variables"); len(v.([]any)) != 2 {
		t.Fatalf("after Add row the variables are %v", v)
	}
	holds(t, e, inspectorButton(t, e, "variables/-1/add"), "Add row")
}

// Removing a split's condition from the keyboard leaves the keyboard on the
// next condition's Remove, then on Add condition.
func TestConditionButtonsKeepOrPassOnTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "split-based-on")
	e := newTestEditor(t, a, Options{Flow: f})
	split := names[0]
	e.selectWidgets([]string{split})
	count := func() int { return e.doc.Flow().State(split).TransitionCount() }
	n := count()
	if n < 3 {
		t.Fatalf("fixture: the split has %d transitions, want noMatch and two conditions", n)
	}
	// Move the first condition down: the keyboard stays on its button.
	pressFromKeyboard(e, inspectorButton(t, e, "transitions/1/down"))
	holds(t, e, inspectorButton(t, e, "transitions/2/down"), "Down on condition 1")

	pressFromKeyboard(e, inspectorButton(t, e, "transitions/1/remove"))
	if count() != n-1 {
		t.Fatalf("%d transitions after Remove, want %d", count(), n-1)
	}
	holds(t, e, inspectorButton(t, e, "transitions/1/remove"), "Remove on condition 1")
	for count() > 1 {
		pressFromKeyboard(e, inspectorButton(t, e, "transitions/1/remove"))
	}
	holds(t, e, inspectorButton(t, e, "transitions/add"), "Remove on the last condition")
	pressFromKeyboard(e, inspectorButton(t, e, "transitions/add"))
	if count() != 2 {
		t.Fatalf("%d transitions after Add condition", count())
	}
	holds(t, e, inspectorButton(t, e, "transitions/add"), "Add condition")
}

// Settling a merge conflict from the keyboard leaves it on the next
// conflict's button; settling the last gives it to the canvas.
func TestConflictButtonsPassTheKeyboardOn(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: conflictedFlow(t)})
	c := e.win.Canvas()
	b := conflictButton(t, e, "Take theirs", 0)
	c.Focus(b)
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(e.conflicts.Conflicts()) != 1 {
		t.Fatalf("%d conflicts left", len(e.conflicts.Conflicts()))
	}
	if next := conflictButton(t, e, "Take theirs", 0); c.Focused() != next || next == b {
		t.Fatalf("after settling the first conflict the keyboard is on %T", c.Focused())
	}
	ours := conflictButton(t, e, "Keep ours", 0)
	c.Focus(ours)
	ours.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(e.conflicts.Conflicts()) != 0 {
		t.Fatal("the last conflict was not settled")
	}
	if c.Focused() != e.canvas.Object().(fyne.Focusable) {
		t.Fatalf("after the last conflict the keyboard is on %T, want the canvas", c.Focused())
	}
}

// The secondary windows (the Flows home, a compare window) draw the focus
// ring around what holds their keyboard, as the editor's window does, and
// it follows the keyboard into their dialogs.
func TestSecondaryWindowsDrawTheFocusRing(t *testing.T) {
	e, _, _ := workspaceEditor(t)
	e.FlowsHome()
	if e.ws.win == nil {
		t.Fatal("the Flows home did not open")
	}
	compare := NewCompare(e.app, e.cat, e.doc.Flow(), e.doc.Flow().Clone(), "a", "b")
	for name, w := range map[string]fyne.Window{"the Flows home": e.ws.win, "a compare window": compare.Window()} {
		ring := kbd.Of(w)
		if ring == nil {
			t.Fatalf("%s has no focus ring", name)
		}
		w.Resize(fyne.NewSize(1000, 700))
		b := firstButton(w.Content())
		if b == nil {
			t.Fatalf("%s shows no button", name)
		}
		w.Canvas().Focus(b)
		kbd.TrackWindows()
		pos, size, shown := ring.Shown()
		// Where b is on the window's canvas (the test driver answers
		// AbsolutePositionForObject for its last window only).
		at, _ := kbd.PositionIn(w.Content(), b)
		at = at.Add(w.Content().Position())
		if !shown || pos != at.SubtractXY(kbd.Gap, kbd.Gap) || size != b.Size().AddWidthHeight(2*kbd.Gap, 2*kbd.Gap) {
			t.Errorf("%s: ring shown=%v at %v %v, want around %q at %v %v", name, shown, pos, size, b.Text, at, b.Size())
		}
	}
}

// firstButton is the first shown kbd.Button under o.
func firstButton(o fyne.CanvasObject) *kbd.Button {
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*kbd.Button); ok && b.Visible() && !b.Disabled() {
			return b
		}
	}
	return nil
}

// Window keys pressed while an inspector button holds the keyboard reach
// the editor's handler (kbd.PassKey): F6 goes to the first pane, as with
// nothing focused; F10 goes there too (it opens the menu bar where the
// driver draws one).
func TestWindowKeysReachTheEditorFromAFocusedButton(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "split-based-on")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	c := e.win.Canvas()
	add := inspectorButton(t, e, "transitions/add")
	c.Focus(add)
	add.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	if c.Focused() != e.library.search {
		t.Fatalf("F6 on Add condition put the keyboard on %T, want the library's search", c.Focused())
	}
	var heard []fyne.KeyName
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { heard = append(heard, ev.Name); prev(ev) })
	c.Focus(add)
	add.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	if len(heard) != 1 || heard[0] != fyne.KeyF10 {
		t.Fatalf("F10 on Add condition: the window heard %v", heard)
	}
}

// When the widget shown changes under a form button holding the keyboard
// (Ctrl+Z undoing a rename), the keyboard moves to the new form's first
// field: it is never left on a button of the form that is gone, where
// Space would still act on the old widget.
func TestShownWidgetChangingUnderAButtonMovesTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "set-variables")
	sv := names[0]
	doc := model.NewDocument(f)
	row := model.NewObject(model.Member{Key: "key", Value: "a"}, model.Member{Key: "value", Value: "1"})
	if err := doc.Apply(model.SetProperty(sv, "variables", []any{row})); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: doc.Flow()})
	e.selectWidgets([]string{sv})
	if err := e.doc.Apply(model.RenameWidget(sv, "renamed")); err != nil {
		t.Fatal(err)
	}
	if e.inspector.Shown() != "renamed" {
		t.Fatalf("the inspector shows %q after the rename", e.inspector.Shown())
	}
	old := inspectorButton(t, e, "variables/0/remove")
	e.win.Canvas().Focus(old)
	e.Undo()
	if e.inspector.Shown() != sv {
		t.Fatalf("the inspector shows %q after undoing the rename, want %q", e.inspector.Shown(), sv)
	}
	got := e.win.Canvas().Focused()
	if got == fyne.Focusable(old) {
		t.Fatal("the keyboard stayed on the Remove button of the form before the undo")
	}
	if got == nil || kbd.PathTo(e.inspector.Object(), got.(fyne.CanvasObject)) == nil {
		t.Fatalf("the keyboard is on %T, want a field of the form shown", got)
	}
	if first := e.inspector.rows[0].focus; got != first {
		t.Errorf("the keyboard is on %T, want the form's first field %T", got, first)
	}
	old.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if v, _ := e.doc.Flow().State(sv).Property("variables"); len(v.([]any)) != 1 {
		t.Errorf("Space on the old form's button changed the variables: %v", v)
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/canvas"
)

// The name field renames when it loses the keyboard, once the focus has
// moved: on the desktop after the click or key that took the focus has
// done what it does. These tests run the editor's queue only after that
// click or key, as the desktop driver does.

// renameInProgress opens two Send Message widgets, one above the other,
// and types a new name for the first into its Name field without
// committing it. It returns the editor, the canvas and the two names.
func renameInProgress(t *testing.T, newName string) (*Editor, *canvas.Editor, []string) {
	t.Helper()
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "send-message", "send-message")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names[:1])
	typeInto(t, e, "/name", newName)
	return e, e.canvas.Object().(*canvas.Editor), names
}

// tapWidget clicks the middle of a widget on the canvas.
func tapWidget(t *testing.T, ed *canvas.Editor, name string) {
	t.Helper()
	label := ed.DescribeWidget(name)
	for _, p := range ed.AccessibleParts() {
		if p.Label == label {
			test.TapAt(ed, p.Pos.AddXY(p.Size.Width/2, p.Size.Height/2))
			return
		}
	}
	t.Fatalf("%s is not shown on the canvas", name)
}

// wantRenamedAndOn checks that the first widget was renamed and that the
// selection, the inspector and what is typed next are on the other.
func wantRenamedAndOn(t *testing.T, e *Editor, oldName, newName, other string) {
	t.Helper()
	if e.doc.Flow().State(newName) == nil || e.doc.Flow().State(oldName) != nil {
		t.Fatalf("%s was not renamed %s", oldName, newName)
	}
	if sel := e.canvas.Selection(); len(sel) != 1 || sel[0] != other {
		t.Errorf("the selection is %v, want [%s]", sel, other)
	}
	if e.inspector.Shown() != other {
		t.Errorf("the inspector shows %q, want %q", e.inspector.Shown(), other)
	}
	before := e.doc.Flow().State(newName).StringProperty("body")
	typeInto(t, e, "/properties/body", "See you soon")
	if got := e.doc.Flow().State(other).StringProperty("body"); got != "See you soon" {
		t.Errorf("%s's body is %q after typing into the body shown", other, got)
	}
	if got := e.doc.Flow().State(newName).StringProperty("body"); got != before {
		t.Errorf("the renamed widget's body is %q: the keys went to it", got)
	}
}

func TestClickingAnotherWidgetAfterTypingANameRenamesAndSelectsTheOneClicked(t *testing.T) {
	e, ed, names := renameInProgress(t, "welcome")
	tapWidget(t, ed, names[1])
	uiQueue(e).Run()
	wantRenamedAndOn(t, e, names[0], "welcome", names[1])
}

func TestArrowingToAnotherWidgetAfterTypingANameRenamesAndSelectsIt(t *testing.T) {
	e, ed, names := renameInProgress(t, "welcome")
	e.win.Canvas().Focus(ed)
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	uiQueue(e).Run()
	wantRenamedAndOn(t, e, names[0], "welcome", names[1])
}

func TestDeletingTheWidgetWhoseNameIsTypedLeavesNoRenameToFail(t *testing.T) {
	e, ed, names := renameInProgress(t, "welcome")
	var refused []error
	e.inspector.OnError = func(err error) { refused = append(refused, err) }
	e.win.Canvas().Focus(ed)
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	uiQueue(e).Run()
	if len(refused) > 0 {
		t.Errorf("the rename of the deleted widget was tried: %v", refused)
	}
	if e.doc.Flow().State(names[0]) != nil || e.doc.Flow().State("welcome") != nil {
		t.Errorf("the widget is still there after Delete")
	}
}

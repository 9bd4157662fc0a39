package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/canvas"
)

// inView reports whether the canvas shows the whole of widget name.
func inView(e *Editor, name string) (bool, string) {
	size := e.canvas.Object().Size()
	for _, p := range e.canvas.Object().(*canvas.Editor).AccessibleParts() {
		if !strings.Contains(p.Label, name) || p.Size.Height < nodeHeight/2 {
			continue
		}
		ok := p.Pos.X >= 0 && p.Pos.Y >= 0 && p.Pos.X+p.Size.Width <= size.Width && p.Pos.Y+p.Size.Height <= size.Height
		return ok, p.Label
	}
	return false, "not drawn"
}

// validateLater makes the editor validate whole flows off the UI goroutine,
// as the application does, so that the Problems list opens after the
// change that caused its problems has been handled.
func validateLater(e *Editor) { e.live.sync = false }

// waitValidated runs the editor's posted work until no validation runs.
func waitValidated(t *testing.T, e *Editor) {
	t.Helper()
	q := uiQueue(e)
	q.Run()
	for e.live.running {
		select {
		case <-q.Posted():
			q.Run()
		case <-time.After(10 * time.Second):
			t.Fatal("no validation result in 10 s")
		}
	}
}

func TestAWidgetDroppedNearTheBottomStaysInViewWhenProblemsOpen(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, "demo-line.json")})
	validateLater(e)
	if e.dock.Open() {
		t.Fatal("the Problems list is open on a clean flow")
	}
	obj := e.canvas.Object()
	// Released near the bottom edge, the widget's lower half past it: the
	// view moves the least that shows it.
	abs := a.Driver().AbsolutePositionForObject(obj).Add(fyne.NewPos(obj.Size().Width/2, obj.Size().Height-8))
	if !e.dropFromLibrary("send-message", abs) {
		t.Fatal("the drop added nothing")
	}
	name := e.canvas.Selection()[0]
	if ok, why := inView(e, name); !ok {
		t.Errorf("%s is not in view right after the drop: %s", name, why)
	}
	// Dropped whole inside the bottom edge: in view already.
	abs = a.Driver().AbsolutePositionForObject(obj).Add(fyne.NewPos(obj.Size().Width/4, obj.Size().Height-nodeHeight))
	if !e.dropFromLibrary("send-message", abs) {
		t.Fatal("the drop added nothing")
	}
	name = e.canvas.Selection()[0]
	if ok, why := inView(e, name); !ok {
		t.Fatalf("%s is not in view right after the drop: %s", name, why)
	}
	waitValidated(t, e)
	if !e.dock.Open() {
		t.Fatal("the Problems list did not open on the new widget's warning")
	}
	if ok, why := inView(e, name); !ok {
		t.Errorf("%s went out of view when the Problems list opened: %s (canvas %v)", name, why, obj.Size())
	}
}

// Enter in the Library's search adds below the selection: wherever that
// is, the new widget is in view once the Problems list has opened on its
// warning.
func TestAWidgetAddedWithEnterInTheLibraryIsInView(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, "joke-line.json")
	for i := range f.Len() {
		below := f.StateAt(i).Name()
		e := newTestEditor(t, a, Options{Flow: f.Clone()})
		validateLater(e)
		e.selectWidgets([]string{below})
		test.Type(e.library.search, "send message")
		e.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		sel := e.canvas.Selection()
		if len(sel) != 1 || sel[0] == below {
			t.Fatalf("selection %v after Enter", sel)
		}
		waitValidated(t, e)
		if !e.dock.Open() {
			t.Fatal("the Problems list did not open on the new widget's warning")
		}
		if ok, why := inView(e, sel[0]); !ok {
			t.Errorf("added below %s: %s is not in view (%s)", below, sel[0], why)
		}
		e.closeNow()
	}
}

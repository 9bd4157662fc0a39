package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

// ringAround checks that the ring is drawn just outside obj.
func ringAround(t *testing.T, e *Editor, obj fyne.CanvasObject, what string) {
	t.Helper()
	e.ring.Track()
	pos, size, shown := e.ring.Shown()
	if !shown {
		t.Fatalf("%s focused: no focus ring", what)
	}
	d := fyne.CurrentApp().Driver()
	want := d.AbsolutePositionForObject(obj).SubtractXY(kbd.Gap, kbd.Gap)
	wantSize := obj.Size().AddWidthHeight(2*kbd.Gap, 2*kbd.Gap)
	near := func(a, b float32) bool { return a-b < 0.01 && b-a < 0.01 }
	if !near(pos.X, want.X) || !near(pos.Y, want.Y) || !near(size.Width, wantSize.Width) || !near(size.Height, wantSize.Height) {
		t.Errorf("%s focused: ring at %v %v, want %v %v", what, pos, size, want, wantSize)
	}
}

func TestFocusRingSurroundsEveryKindOfFocusedElement(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "gather-input-on-call")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	c := e.win.Canvas()

	e.ring.Track()
	if _, _, shown := e.ring.Shown(); shown {
		t.Error("a ring with nothing focused")
	}
	canvasObj := e.canvas.Object()
	c.Focus(canvasObj.(fyne.Focusable))
	ringAround(t, e, canvasObj, "the canvas")

	c.Focus(e.library.search)
	ringAround(t, e, e.library.search, "the library's search entry")

	// The problems list, empty, once its dock is open.
	e.dock.setOpen(true)
	if e.dock.Open() {
		c.Focus(e.problems.list)
		ringAround(t, e, e.problems.list, "the empty problems list")
	}

	// A select, a check in the inspector: whatever kinds its form holds.
	kinds := map[string]bool{}
	for _, r := range e.inspector.rows {
		obj, ok := r.focus.(fyne.CanvasObject)
		if !ok {
			continue
		}
		var kind string
		switch r.focus.(type) {
		case *kbd.Select:
			kind = "select"
		case *kbd.Check:
			kind = "check"
		case *textField:
			kind = "entry"
		default:
			continue
		}
		if kinds[kind] {
			continue
		}
		kinds[kind] = true
		c.Focus(r.focus)
		ringAround(t, e, obj, "the inspector's "+kind+" "+r.path)
	}
	if !kinds["entry"] {
		t.Errorf("the Gather's form offered no entry; kinds: %v", kinds)
	}

	c.Unfocus()
	e.ring.Track()
	if _, _, shown := e.ring.Shown(); shown {
		t.Error("the ring stays after the focus left")
	}
}

// A primary (blue) button keeps a ring outside its fill.
func TestFocusRingSurroundsAPrimaryButton(t *testing.T) {
	a := test.NewTempApp(t)
	btn := widget.NewButton("Start", nil)
	btn.Importance = widget.HighImportance
	w := a.NewWindow("ring")
	holder := container.NewVBox(widget.NewLabel("above"), btn)
	ring := kbd.NewRing(w.Canvas(), holder)
	w.SetContent(container.NewStack(holder, ring.Layer()))
	w.Resize(fyne.NewSize(300, 200))
	w.Canvas().Focus(btn)
	ring.Track()
	pos, size, shown := ring.Shown()
	if !shown {
		t.Fatal("no ring around the focused primary button")
	}
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(btn)
	if pos.X >= at.X || pos.Y >= at.Y || size.Width <= btn.Size().Width || size.Height <= btn.Size().Height {
		t.Errorf("ring %v %v does not enclose the button at %v %v", pos, size, at, btn.Size())
	}
}

// Focusing a field below the fold scrolls the inspector to it.
func TestFocusedInspectorFieldIsScrolledIntoView(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "gather-input-on-call")
	e := newTestEditor(t, a, Options{Flow: f})
	e.win.Resize(fyne.NewSize(1280, 420))
	e.selectWidgets(names)
	s := e.inspector.scroll
	if s.Content.Size().Height <= s.Size().Height {
		t.Fatalf("the form (%v) fits its scroll (%v); the test needs one that does not", s.Content.Size(), s.Size())
	}
	last := e.inspector.rows[len(e.inspector.rows)-1]
	obj := last.focus.(fyne.CanvasObject)
	e.win.Canvas().Focus(last.focus)
	e.ring.Track()
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(s).Y
	if top < 0 || top+obj.Size().Height > s.Size().Height {
		t.Errorf("the focused field %s is at %v..%v of a %v high inspector (offset %v)", last.path, top, top+obj.Size().Height, s.Size().Height, s.Offset)
	}
	if _, _, shown := e.ring.Shown(); !shown {
		t.Error("no ring around the scrolled-to field")
	}
	// Back to the first: scrolled back up.
	first := e.inspector.rows[0]
	e.win.Canvas().Focus(first.focus)
	e.ring.Track()
	if top := d.AbsolutePositionForObject(first.focus.(fyne.CanvasObject)).Y - d.AbsolutePositionForObject(s).Y; top < 0 || top > s.Size().Height {
		t.Errorf("the first field is at %v of a %v high inspector after focusing it (offset %v)", top, s.Size().Height, s.Offset)
	}
}

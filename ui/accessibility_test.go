package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestScreenReadersFindTheCanvasWidgetsPortsAndWires(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.canvas.ZoomToFit()
	src, ok := e.canvas.Object().(partsSource)
	if !ok {
		t.Fatal("the canvas lists no parts for screen readers")
	}
	e.reader.update(src)
	read := e.reader.read()
	joined := strings.Join(read, "\n")
	for _, st := range e.doc.Flow().States() {
		if !strings.Contains(joined, " widget “"+st.Name()+"”") {
			t.Errorf("no description of %s among %d read", st.Name(), len(read))
		}
	}
	if !strings.Contains(joined, "\nWire from “") || !strings.Contains(joined, "\nTransition “") {
		t.Errorf("no wire or port read:\n%s", joined)
	}
	// Every proxy lies over the canvas, and is a leaf a screen reader reads.
	d := fyne.CurrentApp().Driver()
	cpos, csize := d.AbsolutePositionForObject(src), src.Size()
	for _, p := range e.reader.proxies {
		if !p.Visible() {
			continue
		}
		at := d.AbsolutePositionForObject(p)
		if at.X < cpos.X-0.5 || at.Y < cpos.Y-0.5 || at.X+p.Size().Width > cpos.X+csize.Width+0.5 || at.Y+p.Size().Height > cpos.Y+csize.Height+0.5 {
			t.Errorf("%q at %v %v lies outside the canvas %v %v", p.label, at, p.Size(), cpos, csize)
		}
		if p.AccessibilityLabel() == "" || p.AccessibilityRole() == fyne.AccessibleRoleContainer {
			t.Errorf("proxy %q has role %q", p.label, p.AccessibilityRole())
		}
	}
	// Selecting a widget is said on the canvas itself and on its proxy.
	name := e.doc.Flow().States()[1].Name()
	e.selectWidgets([]string{name})
	e.reader.update(src)
	acc, ok := e.canvas.Object().(fyne.Accessible)
	if !ok || !strings.Contains(acc.AccessibilityLabel(), "selected: ") || !strings.Contains(acc.AccessibilityLabel(), name) {
		t.Errorf("the canvas reads %v", acc)
	}
	said := false
	for _, l := range e.reader.read() {
		said = said || (strings.Contains(l, " widget “"+name+"”") && strings.HasSuffix(l, ", selected"))
	}
	if !said {
		t.Errorf("the selected %s's proxy does not say so", name)
	}
}

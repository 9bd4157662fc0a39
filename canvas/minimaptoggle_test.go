package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model/modeltest"
)

// A hidden minimap is neither drawn nor in the way of the pointer.
func TestHiddenMinimapIsNotDrawnAndTakesNoClicks(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, modeltest.GenerateFlow(40), fyne.NewSize(1000, 700))
	if !hasObject(r, e.mini.back) {
		t.Fatal("the minimap is not drawn to begin with")
	}
	pos, size := e.mini.bounds(e.size)
	corner := pos.AddXY(size.Width/2, size.Height/2)
	if !e.mini.contains(corner) {
		t.Fatal("the minimap's middle is not in it")
	}
	e.SetMinimapShown(false)
	if hasObject(r, e.mini.back) || hasObject(r, e.mini.picture) {
		t.Error("a hidden minimap is drawn")
	}
	if e.mini.contains(corner) {
		t.Error("a hidden minimap still takes the pointer")
	}
	e.SetMinimapShown(true)
	if !hasObject(r, e.mini.back) || !e.MinimapShown() {
		t.Error("the minimap does not come back")
	}
}

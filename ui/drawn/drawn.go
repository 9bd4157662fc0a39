// Package drawn reads back what a widget draws: the canvas objects its
// renderer holds. Fyne offers this only through its test package
// (fyne.io/fyne/v2/test.WidgetRenderer, which returns the renderer the
// driver cached for the widget); its own renderer cache is internal.
//
// Linking fyne.io/fyne/v2/test has a side effect on every run of the
// binary, CLI commands included: the test package's init() calls
// test.NewApp(), which makes an in-memory test app fyne.CurrentApp() (and
// clears Fyne's font and theme caches) before main runs. The windowed
// commands (edit, diff --view) replace it with the real app before they
// build any widget; the other commands never ask for fyne.CurrentApp().
// This package is the only production code importing fyne/v2/test, so the
// side effect is named, and removed, in one place (drawn_test.go checks).
package drawn

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Children is what o shows directly: a container's objects, or the objects
// of the renderer a widget is drawn with (the one the driver made for it,
// or a new one when it has not been drawn yet). Other objects have none.
func Children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch v := o.(type) {
	case *fyne.Container:
		return v.Objects
	case fyne.Widget:
		if r := test.WidgetRenderer(v); r != nil {
			return r.Objects()
		}
	}
	return nil
}

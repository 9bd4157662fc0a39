package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/studioflow/studioflow/internal/prefstore"
)

// Preference keys of the editor window's layout, remembered between runs.
const (
	prefWindowWidth   = "layout.window.width"
	prefWindowHeight  = "layout.window.height"
	prefLibraryShare  = "layout.split.library"
	prefCanvasShare   = "layout.split.canvas"
	prefProblemsShare = "layout.split.problems"
	prefMinimap       = "view.minimap"
)

// The side panels' widths until the user moves their dividers.
const (
	libraryWidth   = 215
	inspectorWidth = 280
)

// The window's size the first time, and the smallest one restored.
var (
	defaultWindowSize = fyne.NewSize(1280, 800)
	minWindowSize     = fyne.NewSize(640, 480)
)

// restoreLayout sizes the window and its panes as they were when an editor
// window last closed (its place on the screen: restorePosition, once shown).
func (e *Editor) restoreLayout() {
	p := e.prefs
	size := fyne.NewSize(
		float32(p.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))),
		float32(p.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))),
	)
	size = size.Max(minWindowSize)
	e.win.Resize(size)
	// Until the user moves them, the side panels take the width their
	// content reads well at (library names whole), not a share that
	// shrinks with the window.
	e.mainSplit.SetOffset(min(float64(libraryWidth/size.Width), 0.3))
	rest := size.Width - libraryWidth
	e.center.SetOffset(max(float64((rest-inspectorWidth)/rest), 0.5))
	restoreShare(p, prefLibraryShare, e.mainSplit)
	restoreShare(p, prefCanvasShare, e.center)
	restoreShare(p, prefProblemsShare, e.dock.split)
	e.canvas.SetMinimapShown(p.BoolWithFallback(prefMinimap, true))
	e.layoutSaved = map[string]float64{}
	for _, key := range []string{prefWindowWidth, prefWindowHeight, prefLibraryShare, prefCanvasShare, prefProblemsShare} {
		if v := p.FloatWithFallback(key, math.NaN()); !math.IsNaN(v) {
			e.layoutSaved[key] = v
		}
	}
}

func restoreShare(p *prefstore.Store, key string, s *container.Split) {
	if v := p.FloatWithFallback(key, -1); v > 0 && v < 1 {
		s.SetOffset(v)
	}
}

// saveLayout remembers the window's size and place and its panes' shares.
// It runs on every autosave tick as well as on closing, and saves only
// what this window changed (rememberLayout).
func (e *Editor) saveLayout() {
	normal := e.savePosition()
	if size := e.win.Canvas().Size(); normal && size.Width > 0 && size.Height > 0 {
		e.rememberLayout(prefWindowWidth, float64(size.Width))
		e.rememberLayout(prefWindowHeight, float64(size.Height))
	}
	e.rememberLayout(prefLibraryShare, e.mainSplit.Offset)
	e.rememberLayout(prefCanvasShare, e.center.Offset)
	e.rememberLayout(prefProblemsShare, e.dock.split.Offset)
}

// rememberLayout saves one value of the window's layout when this window
// changed it since it last read (restoreLayout, restorePosition) or saved
// it. With two windows open, one nobody touches does not write its layout
// over the other's on every tick: the next window opens like the one
// changed last.
func (e *Editor) rememberLayout(key string, v float64) {
	if old, ok := e.layoutSaved[key]; ok && old == v {
		return
	}
	e.layoutSaved[key] = v
	e.prefs.SetFloat(key, v)
}

// SetMinimapShown shows or hides the canvas's minimap and remembers it.
func (e *Editor) SetMinimapShown(shown bool) {
	e.canvas.SetMinimapShown(shown)
	e.prefs.SetBool(prefMinimap, shown)
	e.refreshMenus()
}

// MinimapShown reports whether the minimap is on.
func (e *Editor) MinimapShown() bool { return e.canvas.MinimapShown() }

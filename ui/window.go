// Package ui builds Studioflow's windows around the canvas.
package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// AppName is the name shown in window titles.
const AppName = "Studioflow"

// Largest and smallest size a new window opens at; in between it fits the flow.
var (
	maxInitialSize = fyne.NewSize(1200, 760)
	minInitialSize = fyne.NewSize(640, 420)
)

// NewViewerWindow makes a window that shows flow f read-only. source is the
// file the flow came from (or the example's name) and appears in the title.
// Ctrl+Q quits the application and Ctrl+W closes the window.
func NewViewerWindow(a fyne.App, f *model.Flow, cat *schemas.Catalog, source string) fyne.Window {
	w := a.NewWindow(WindowTitle(f, source))
	view := canvas.NewFlowView(f, cat)
	status := widget.NewLabel(statusText(f, source))
	status.Truncation = fyne.TextTruncateEllipsis
	w.SetContent(container.NewBorder(nil, status, nil, nil, container.NewScroll(view)))
	// Room for the flow, the status line and the window's padding, so a flow
	// that fits opens without scroll bars.
	content := view.ContentSize().AddWidthHeight(4*theme.Padding(), status.MinSize().Height+4*theme.Padding())
	w.Resize(fyne.NewSize(
		clamp(content.Width, minInitialSize.Width, maxInitialSize.Width),
		clamp(content.Height, minInitialSize.Height, maxInitialSize.Height)))
	addWindowShortcuts(a, w)
	return w
}

// WindowTitle names the flow (its description, which Studio's "A New Flow"
// fills in) and the file it came from.
func WindowTitle(f *model.Flow, source string) string {
	file := filepath.Base(source)
	if d := f.Description(); d != "" && d != file {
		return fmt.Sprintf("%s (%s) — %s", d, file, AppName)
	}
	return fmt.Sprintf("%s — %s", file, AppName)
}

func statusText(f *model.Flow, source string) string {
	connected := 0
	for _, s := range f.States() {
		for _, t := range s.Transitions() {
			if t.Next != "" {
				connected++
			}
		}
	}
	return fmt.Sprintf("%s · %d widgets · %d connections · read-only", source, f.Len(), connected)
}

func addWindowShortcuts(a fyne.App, w fyne.Window) {
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { a.Quit() })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.Close() })
}

func clamp(v, lo, hi float32) float32 { return min(max(v, lo), hi) }

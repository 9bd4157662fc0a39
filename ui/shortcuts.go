package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

// shortcutLine is one row of the keyboard reference.
type shortcutLine struct {
	action, keys string
}

// shortcutLines lists every command with a key, from the one command
// table (commands), sorted by action.
func (e *Editor) shortcutLines() []shortcutLine {
	var out []shortcutLine
	for _, c := range e.commands() {
		keys := shortcutText(c.shortcut)
		if keys == "" {
			keys = c.keys
		}
		if keys == "" {
			continue
		}
		out = append(out, shortcutLine{action: strings.TrimSuffix(c.label, "…"), keys: keys})
	}
	if e.win != nil {
		out = append(out, e.mnemonics.lines(e.win.MainMenu())...)
	}
	slices.SortFunc(out, func(a, b shortcutLine) int { return strings.Compare(a.action, b.action) })
	return out
}

// shortcutsMarkdown is the keyboard reference as the README's table.
func shortcutsMarkdown(lines []shortcutLine) string {
	var b strings.Builder
	b.WriteString("| Action | Keys |\n|---|---|\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "| %s | %s |\n", l.action, strings.ReplaceAll(l.keys, "|", `\|`))
	}
	return b.String()
}

// ShowShortcuts shows the keyboard reference (Help ▸ Keyboard Shortcuts).
func (e *Editor) ShowShortcuts() {
	lines := e.shortcutLines()
	// Each column as wide as its own longest text; a long key sequence
	// (drawing a wire) takes a line per step instead of widening both.
	grid := container.New(layout.NewFormLayout())
	for _, l := range lines {
		grid.Add(widget.NewLabel(l.action))
		keys := strings.ReplaceAll(l.keys, "; ", "\n")
		grid.Add(widget.NewLabelWithStyle(keys, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
	}
	// It takes the keyboard on opening: arrows, Page Up/Down, Home and
	// End scroll it; Tab reaches Close; Escape closes it.
	scroll := kbd.NewVScroll(grid)
	d := kbd.NewMessage("Keyboard Shortcuts", "Close", scroll, e.win)
	fitDialog(d, scroll, grid.MinSize(), e.win)
	d.Show()
}

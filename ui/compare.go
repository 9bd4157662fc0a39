package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
	"github.com/studioflow/studioflow/ui/workspace"
)

// Compare is a window comparing two versions of a flow on one canvas: the
// new flow, with removed widgets back as ghosts at their old places; each
// changed widget carries a marker (red for removed, amber otherwise) whose
// messages are its changes, rewired and added transitions are drawn as
// taken, and Previous / Next (or the arrow keys) step through the changes,
// showing each one's property diff beside the canvas.
type Compare struct {
	win      fyne.Window
	view     *canvas.FlowView
	marks    []flowdiff.Mark
	at       int
	oldLabel string
	newLabel string
	detail   *widget.Label
	position *widget.Label
	wires    []canvas.WireRef
}

// NewCompare opens nothing yet: it builds the window comparing old (named
// oldLabel) with new (newLabel). Show it with Window().Show().
func NewCompare(a fyne.App, cat *schemas.Catalog, old, new *model.Flow, oldLabel, newLabel string) *Compare {
	d := flowdiff.Compare(old, new)
	overlay, marks := flowdiff.Overlay(old, new, d)
	c := &Compare{win: a.NewWindow(""), marks: marks, oldLabel: oldLabel, newLabel: newLabel}
	c.view = canvas.NewFlowView(overlay, cat)
	c.view.SetDiagnostics(markDiagnostics(marks))
	for _, m := range marks {
		for _, i := range m.Wires {
			c.wires = append(c.wires, canvas.WireRef{From: m.Widget, Transition: i})
		}
	}
	c.view.OnSelectionChanged = func(names []string) {
		if len(names) != 1 {
			return
		}
		for i, m := range c.marks {
			if m.Widget == names[0] && i != c.at {
				c.show(i)
				return
			}
		}
	}
	c.detail = widget.NewLabel("")
	c.detail.TextStyle = fyne.TextStyle{Monospace: true}
	c.detail.Wrapping = fyne.TextWrapWord
	c.position = widget.NewLabel("")
	prev := kbd.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), c.Previous)
	next := kbd.NewButtonWithIcon("Next", theme.NavigateNextIcon(), c.Next)
	header := container.NewBorder(nil, nil, container.NewHBox(prev, next), nil, c.position)
	split := container.NewHSplit(c.view, container.NewVScroll(c.detail))
	split.Offset = 0.7
	c.win.SetContent(container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, split))
	c.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown, fyne.KeyN:
			c.Next()
		case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyP:
			c.Previous()
		}
	})
	workspace.CloseOnKeys(c.win) // Escape and Ctrl+W close it
	kbd.Install(c.win)           // the focus ring
	c.win.Resize(compareSize)
	c.show(0)
	return c
}

// compareSize is the compare window's size where the screen has room.
var compareSize = fyne.NewSize(1200, 800)

// ShowOver shows the compare window, no larger than parent, the window it
// was opened from (a fixed size could open cut off on a small screen).
func (c *Compare) ShowOver(parent fyne.Window) {
	c.win.Resize(secondarySize(parent, compareSize))
	c.win.Show()
}

// Window returns the compare window.
func (c *Compare) Window() fyne.Window { return c.win }

// Marks returns the changes the window steps through.
func (c *Compare) Marks() []flowdiff.Mark { return c.marks }

// Current returns the index of the change shown (0 when there is none).
func (c *Compare) Current() int { return c.at }

// Next shows the next change, wrapping round.
func (c *Compare) Next() {
	if len(c.marks) > 0 {
		c.show((c.at + 1) % len(c.marks))
	}
}

// Previous shows the previous change, wrapping round.
func (c *Compare) Previous() {
	if len(c.marks) > 0 {
		c.show((c.at + len(c.marks) - 1) % len(c.marks))
	}
}

func (c *Compare) show(i int) {
	c.at = i
	if len(c.marks) == 0 {
		c.position.SetText("No differences")
		c.detail.SetText("The two versions are the same flow.")
		c.win.SetTitle(fmt.Sprintf("Compare %s → %s — no differences — Studioflow", c.oldLabel, c.newLabel))
		return
	}
	m := c.marks[i]
	what := "flow settings"
	if m.Widget != "" {
		what = fmt.Sprintf("%s %s", m.Widget, m.Kind)
	}
	c.position.SetText(fmt.Sprintf("Change %d of %d: %s", i+1, len(c.marks), what))
	c.detail.SetText(m.Text)
	c.win.SetTitle(fmt.Sprintf("Compare %s → %s — change %d of %d (%s) — Studioflow", c.oldLabel, c.newLabel, i+1, len(c.marks), what))
	c.view.SetHighlight(canvas.Highlight{Active: m.Widget, Taken: c.wires})
	if m.Widget != "" {
		c.view.SetSelection([]string{m.Widget})
		c.view.Reveal(m.Widget)
	} else {
		c.view.SetSelection(nil)
	}
}

// markDiagnostics turns the marks into canvas markers: the messages are
// the changes, shown when the marker is hovered or the widget selected.
func markDiagnostics(marks []flowdiff.Mark) []schemas.Diagnostic {
	var out []schemas.Diagnostic
	for _, m := range marks {
		if m.Widget == "" {
			continue
		}
		sev := schemas.Warning
		if m.Kind == flowdiff.MarkRemoved {
			sev = schemas.Error
		}
		for _, line := range changeLines(m.Text) {
			out = append(out, schemas.Diagnostic{Severity: sev, Widget: m.Widget, Message: line})
		}
	}
	return out
}

// changeLines picks the changes out of a widget's diff text, one a line
// (markers show one message a line): not the section titles, nor the
// widget's own line in "widgets changed".
func changeLines(text string) []string {
	var out []string
	section := ""
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
		case !strings.HasPrefix(line, " "):
			section = strings.TrimSuffix(trimmed, ":")
		case section == "widgets changed" && !strings.HasPrefix(line, "   "):
		case section == "widgets changed":
			out = append(out, trimmed)
		default:
			out = append(out, section+": "+trimmed)
		}
	}
	return out
}

// CompareWithSaved opens a compare window: the flow's file as saved
// against the flow on screen.
func (e *Editor) CompareWithSaved() {
	if e.path == "" {
		e.showError(fmt.Errorf("compare with saved: the flow has no file yet; save it first"))
		return
	}
	e.compareWithPath(e.path, "saved", "on screen")
}

// CompareWithFile asks for a flow file and opens a compare window: that
// file against the flow on screen.
func (e *Editor) CompareWithFile() {
	filedialog.Open(e.win, e.prefs, filedialog.Options{
		Title: "Compare with flow", Purpose: filedialog.Flows, Extensions: []string{".json"}, Dir: e.fileDir(),
	}, func(path string) { e.compareWithPath(path, filepath.Base(path), "on screen") })
}

func (e *Editor) compareWithPath(path, oldLabel, newLabel string) {
	old, err := readFlowFile(path)
	if err != nil {
		e.showError(err)
		return
	}
	NewCompare(e.app, e.cat, old, e.doc.Flow().Clone(), oldLabel, newLabel).ShowOver(e.win)
}

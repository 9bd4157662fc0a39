package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

// tipLayer draws tooltips over a window's content. It holds only canvas
// primitives, which take no pointer events, so the object under the
// pointer keeps its hover while its tip shows. Long tips wrap.
type tipLayer struct {
	root  *fyne.Container
	back  *fynecanvas.Rectangle
	lines []*fynecanvas.Text
	text  string
}

// maxTipWidth is the widest a tip grows before it wraps.
const maxTipWidth = 520

func newTipLayer() *tipLayer {
	l := &tipLayer{back: fynecanvas.NewRectangle(nil)}
	l.back.CornerRadius = 4
	l.back.Hide()
	l.root = container.NewWithoutLayout(l.back)
	return l
}

// showBelow shows text under obj (any object of the window), or above it
// when there is no room below.
func (l *tipLayer) showBelow(obj fyne.CanvasObject, text string) {
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(l.root))
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameCaptionText)
	l.back.FillColor = th.Color(theme.ColorNameMenuBackground, v)
	l.back.StrokeColor, l.back.StrokeWidth = th.Color(theme.ColorNameInputBorder, v), 1
	wrapped := wrapText(text, size, maxTipWidth)
	for len(l.lines) < len(wrapped) {
		t := fynecanvas.NewText("", nil)
		l.lines = append(l.lines, t)
		l.root.Add(t)
	}
	lineH := fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
	width := float32(0)
	for _, s := range wrapped {
		width = max(width, fyne.MeasureText(s, size, fyne.TextStyle{}).Width)
	}
	pad := float32(6)
	box := fyne.NewSize(width+2*pad, lineH*float32(len(wrapped))+2*pad)
	pos := at.AddXY(0, obj.Size().Height+2)
	room := l.root.Size()
	if room.Width > 0 && pos.X+box.Width > room.Width {
		pos.X = max(room.Width-box.Width, 0)
	}
	if room.Height > 0 && pos.Y+box.Height > room.Height {
		pos.Y = max(at.Y-box.Height-2, 0)
	}
	l.back.Move(pos)
	l.back.Resize(box)
	l.back.Show()
	for i, t := range l.lines {
		if i >= len(wrapped) {
			t.Hide()
			continue
		}
		t.Text, t.TextSize, t.Color = wrapped[i], size, th.Color(theme.ColorNameForeground, v)
		t.Move(pos.AddXY(pad, pad+lineH*float32(i)))
		t.Resize(fyne.NewSize(width, lineH))
		t.Show()
	}
	l.text = text
	l.root.Refresh()
}

// showBy shows text under obj, or hides the tip when text is "": what a
// list reports as the pointer moves over its rows.
func (l *tipLayer) showBy(text string, obj fyne.CanvasObject) {
	if text == "" {
		l.hide()
	} else {
		l.showBelow(obj, text)
	}
}

func (l *tipLayer) hide() {
	l.back.Hide()
	for _, t := range l.lines {
		t.Hide()
	}
	l.text = ""
	l.root.Refresh()
}

// Text is the tip showing ("" when none).
func (l *tipLayer) Text() string { return l.text }

// wrapText breaks text into lines no wider than width at that size.
func wrapText(text string, size, width float32) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && fyne.MeasureText(try, size, fyne.TextStyle{}).Width > width {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// tipButton is a toolbar button that shows its tip while hovered.
type tipButton struct {
	kbd.Button
	tip   string
	layer *tipLayer
}

func newTipButton(icon fyne.Resource, tip string, layer *tipLayer, run func()) *tipButton {
	b := &tipButton{tip: tip, layer: layer}
	b.Icon, b.OnTapped, b.Importance = icon, run, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn is part of desktop.Hoverable.
func (b *tipButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	b.layer.showBelow(b, b.tip)
}

// MouseOut is part of desktop.Hoverable.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	b.layer.hide()
}

// Tapped hides the tip (the action may open a window or dialog) and acts.
func (b *tipButton) Tapped(ev *fyne.PointEvent) {
	b.layer.hide()
	b.Button.Tapped(ev)
}

// TypedKey hides the tip when the keyboard presses the button (kbd.Button:
// the keyboard stays on it).
func (b *tipButton) TypedKey(ev *fyne.KeyEvent) {
	if kbd.IsPress(ev) {
		b.layer.hide()
	}
	b.Button.TypedKey(ev)
}

// toolbarTip is a fyne.ToolbarItem for a tipButton.
type toolbarTip struct{ b *tipButton }

func (t toolbarTip) ToolbarObject() fyne.CanvasObject { return t.b }

// tipText is a command's tooltip: its name (without the ellipsis) and its
// shortcut.
func tipText(c command) string {
	name := strings.TrimSuffix(c.label, "…")
	s := shortcutText(c.shortcut)
	if s == "" {
		s = c.keys
	}
	if s != "" {
		return fmt.Sprintf("%s (%s)", name, s)
	}
	return name
}

// shortcutText words a shortcut as menus print it: "Ctrl+Shift+F".
func shortcutText(s fyne.Shortcut) string {
	mod := "Ctrl+"
	if fyne.KeyModifierShortcutDefault == fyne.KeyModifierSuper {
		mod = "Cmd+"
	}
	switch sc := s.(type) {
	case nil:
		return ""
	case *desktop.CustomShortcut:
		var b strings.Builder
		if sc.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
			b.WriteString(mod)
		}
		if sc.Modifier&fyne.KeyModifierAlt != 0 {
			b.WriteString("Alt+")
		}
		if sc.Modifier&fyne.KeyModifierShift != 0 {
			b.WriteString("Shift+")
		}
		key := string(sc.KeyName)
		switch sc.KeyName {
		case fyne.KeyEqual:
			key = "="
		case fyne.KeyMinus:
			key = "-"
		}
		b.WriteString(key)
		return b.String()
	case *fyne.ShortcutUndo:
		return mod + "Z"
	case *fyne.ShortcutRedo:
		return mod + "Shift+Z"
	case *fyne.ShortcutCut:
		return mod + "X"
	case *fyne.ShortcutCopy:
		return mod + "C"
	case *fyne.ShortcutPaste:
		return mod + "V"
	case *fyne.ShortcutSelectAll:
		return mod + "A"
	}
	return ""
}

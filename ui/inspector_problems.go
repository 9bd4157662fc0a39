package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// showDiagnostics puts the shown widget's problems under their fields.
func (in *Inspector) showDiagnostics() {
	in.holdHeights()
	byRow := map[*fieldRow][]string{}
	var general []string
	severe := map[*fieldRow]bool{}
	generalSevere := false
	prefix := ""
	if in.shown != "" {
		if i := in.doc.Flow().IndexOf(in.shown); i >= 0 {
			prefix = fmt.Sprintf("/states/%d", i)
		}
	}
	for _, d := range in.diags {
		if d.Widget != in.shown || (in.shown != "" && prefix == "") {
			continue
		}
		rel := d.Path
		if prefix != "" {
			var ok bool
			rel, ok = strings.CutPrefix(d.Path, prefix)
			if !ok {
				continue
			}
		}
		if r := in.rowFor(rel); r != nil {
			byRow[r] = append(byRow[r], d.Message)
			severe[r] = severe[r] || d.Severity == schemas.Error
		} else {
			general = append(general, d.Message)
			generalSevere = generalSevere || d.Severity == schemas.Error
		}
	}
	for _, r := range in.rows {
		msgs := byRow[r]
		if r.local != nil {
			if m := r.local(); m != "" {
				msgs = append([]string{m}, msgs...)
				severe[r] = true
			}
		}
		r.slot.set(msgs, severe[r], in.held[r.path])
	}
	if in.general != nil {
		in.general.set(general, generalSevere, in.held[""])
	}
}

// holdHeights records the height of each problem line shown, which it
// keeps when its problems go.
func (in *Inspector) holdHeights() {
	if in.held == nil {
		in.held = map[string]float32{}
	}
	if in.general != nil {
		in.held[""] = max(in.held[""], in.general.shownHeight())
	}
	for _, r := range in.rows {
		in.held[r.path] = max(in.held[r.path], r.slot.shownHeight())
	}
}

// closeHeldSpace lets the problem lines and the form take only the room
// they need: another selection is shown.
func (in *Inspector) closeHeldSpace() {
	in.held = nil
	in.slack.Hide()
	in.slack.SetMinSize(fyne.Size{})
}

// keepPlace runs change (problems shown anew, the form laid out) keeping the field that holds
// the keyboard where it is on screen: a line growing above it scrolls the
// form by as much, with room added under the form when it is too short to
// scroll that far.
func (in *Inspector) keepPlace(change func()) {
	r := in.focusedRow()
	if r == nil {
		change()
		return
	}
	before, ok := kbd.PositionIn(in.scroll.Content, r.box)
	change()
	if !ok {
		return
	}
	after, ok := kbd.PositionIn(in.scroll.Content, r.box)
	if !ok || after.Y == before.Y {
		return
	}
	y := max(0, in.scroll.Offset.Y+after.Y-before.Y)
	if short := y + in.scroll.Size().Height - in.scroll.Content.MinSize().Height; short > 0 {
		in.slack.SetMinSize(fyne.NewSize(0, in.slack.MinSize().Height+short))
		in.slack.Show()
		in.scroll.Refresh()
	}
	in.scroll.ScrollToOffset(fyne.NewPos(in.scroll.Offset.X, y))
}

// setErrorText shows problems under a field: red when one is an error,
// amber when all are warnings.
func setErrorText(l *widget.Label, msgs []string, severe bool) {
	if len(msgs) == 0 {
		if l.Visible() {
			l.Hide()
		}
		return
	}
	text := "⚠ " + strings.Join(msgs, "\n⚠ ")
	importance := widget.WarningImportance
	if severe {
		importance = widget.DangerImportance
	}
	if l.Text != text || l.Importance != importance {
		l.Importance = importance
		l.SetText(text)
	}
	if !l.Visible() {
		l.Show()
	}
}

// rowFor finds the field a relative JSON pointer belongs to: the row whose
// path is the longest prefix of it.
func (in *Inspector) rowFor(rel string) *fieldRow {
	var best *fieldRow
	for _, r := range in.rows {
		if rel == r.path || strings.HasPrefix(rel, r.path+"/") {
			if best == nil || len(r.path) > len(best.path) {
				best = r
			}
		}
	}
	return best
}

// SetDiagnostics updates the problems shown under the fields.
func (in *Inspector) SetDiagnostics(ds []schemas.Diagnostic) {
	in.diags = ds
	in.keepPlace(func() {
		in.showDiagnostics()
		// A line shown or hidden changes the form's height: lay it out
		// now, not at the next frame, so that places measured are true.
		in.scroll.Refresh()
		in.scroll.Content.Refresh()
	})
}

func (in *Inspector) refreshLocalErrors() { in.showDiagnostics() }

// FocusProblem scrolls the field a diagnostic points at to the top and
// focuses it; it reports whether there is such a field.
func (in *Inspector) FocusProblem(d schemas.Diagnostic) bool {
	rel := d.Path
	if i := in.doc.Flow().IndexOf(d.Widget); i >= 0 && d.Widget != "" {
		rel = strings.TrimPrefix(d.Path, fmt.Sprintf("/states/%d", i))
	}
	r := in.rowFor(rel)
	if r == nil {
		return false
	}
	// A row may sit inside a card (a split's condition): its place is the
	// sum of the positions down to it, not its own position.
	in.scroll.Refresh()
	if at, ok := kbd.PositionIn(in.scroll.Content, r.box); ok {
		in.scroll.ScrollToOffset(fyne.NewPos(0, at.Y))
	}
	if r.focus != nil && in.canvas != nil {
		if c := in.canvas(); c != nil {
			c.Focus(r.focus)
		}
	}
	return true
}

// FocusName scrolls the inspector to the top and puts the keyboard focus in
// the shown widget's name field, its text selected so that typing replaces
// it (a new widget's "send_message_1"); Tab goes on through its fields.
func (in *Inspector) FocusName() {
	f := in.field("/name")
	if f == nil || in.canvas == nil {
		return
	}
	in.scroll.ScrollToTop()
	if c := in.canvas(); c != nil {
		c.Focus(f)
		if s, ok := f.(fyne.Shortcutable); ok {
			s.TypedShortcut(&fyne.ShortcutSelectAll{})
		}
	}
}

// FieldError returns the error text shown under the field at path
// (relative to the widget), "" when there is none.
func (in *Inspector) FieldError(path string) string {
	for _, r := range in.rows {
		if r.path == path && r.errLabel.Visible() {
			return r.errLabel.Text
		}
	}
	return ""
}

// field returns the control of the field at path (relative to the
// widget), or nil.
func (in *Inspector) field(path string) fyne.Focusable {
	for _, r := range in.rows {
		if r.path == path {
			return r.focus
		}
	}
	return nil
}

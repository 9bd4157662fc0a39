package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/schemas"
)

// Hovering a Liquid reference in an inspector field shows, in a tip, its
// value from the simulator's last run at that widget (or where it comes
// from, before any run). Fyne does not say which character is under the
// pointer, so the field's drawn rows are read back: each row the entry
// draws is a text object whose place and words are known, and the
// characters of a row are measured with the row's own font size and style
// (as Fyne places the cursor on a click). Wrapped and scrolled text is
// handled because the rows are the ones drawn; when the drawn rows cannot
// be matched to the field's text (a tab shown as spaces, a concealed
// field), no tip shows and the listing under the field still gives the
// values.

// textRow is one row of a field's text as drawn.
type textRow struct {
	text string
	// at is the row's top-left corner, relative to the field; height is
	// its height.
	at     fyne.Position
	height float32
	// width measures the drawn width of a prefix of the row.
	width func(prefix string) float32
}

// textOffsetAt is the byte offset in text of the character drawn under p
// (relative to the field), given the rows drawn; ok is false when p is
// over no character or the rows are not the text's.
func textOffsetAt(text string, rows []textRow, p fyne.Position) (int, bool) {
	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.text
	}
	starts, ok := rowStarts(text, texts)
	if !ok {
		return 0, false
	}
	for i, r := range rows {
		rowStart := starts[i]
		if p.Y < r.at.Y || p.Y >= r.at.Y+r.height || p.X < r.at.X {
			continue
		}
		x := p.X - r.at.X
		for j := range r.text {
			_, n := utf8.DecodeRuneInString(r.text[j:])
			if x < r.width(r.text[:j+n]) {
				return rowStart + j, true
			}
		}
		return 0, false
	}
	return 0, false
}

// rowColOffset is the byte offset in text of column col (in characters)
// of row (rows are the text's rows in order, as drawn or as lines); ok is
// false when the rows are not the text's. A row or column past the end
// is the end of the last row or of the row.
func rowColOffset(text string, rows []string, row, col int) (int, bool) {
	starts, ok := rowStarts(text, rows)
	if !ok || len(rows) == 0 {
		return 0, false
	}
	row = min(max(row, 0), len(rows)-1)
	runes := []rune(rows[row])
	return starts[row] + len(string(runes[:min(max(col, 0), len(runes))])), true
}

// rowStarts is where each row starts in text; ok is false unless the rows
// are the whole text in order, apart from the blanks and line breaks
// between them (rows drawn before the text last changed are not).
func rowStarts(text string, rows []string) ([]int, bool) {
	starts := make([]int, len(rows))
	start := 0
	for i, r := range rows {
		j := strings.Index(text[start:], r)
		if j < 0 || strings.TrimSpace(text[start:start+j]) != "" {
			return nil, false
		}
		starts[i] = start + j
		start = starts[i] + len(r)
	}
	return starts, strings.TrimSpace(text[start:]) == ""
}

// referenceUnder is the reference drawn at byte offset off: its path, or
// the braces of the output tag holding it.
func referenceUnder(text string, off int) (schemas.Reference, bool) {
	for _, r := range schemas.References(text) {
		from, to := r.Start, r.End
		if open := strings.LastIndex(text[:r.Start], "{{"); open >= 0 && !strings.Contains(text[open:r.Start], "}}") {
			if end := strings.Index(text[r.End:], "}}"); end >= 0 && !strings.Contains(text[r.End:r.End+end], "{{") {
				from, to = open, r.End+end+2
			}
		}
		if off >= from && off < to {
			return r, true
		}
	}
	return schemas.Reference{}, false
}

// drawnRows reads back the rows of text the field draws now, relative to
// the field, in order. The placeholder is not among them while the field
// holds text (it is hidden then).
func drawnRows(field fyne.Widget) []textRow {
	d := fyne.CurrentApp().Driver()
	origin := d.AbsolutePositionForObject(field)
	var rows []textRow
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *fynecanvas.Text:
			size, style := v.TextSize, v.TextStyle
			rows = append(rows, textRow{
				text: v.Text, at: d.AbsolutePositionForObject(v).Subtract(origin), height: v.Size().Height,
				width: func(s string) float32 { return fyne.MeasureText(s, size, style).Width },
			})
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			// Fyne offers no other way to read a widget's drawn objects.
			if r := test.WidgetRenderer(v); r != nil {
				for _, c := range r.Objects() {
					walk(c)
				}
			}
		}
	}
	walk(field)
	return rows
}

// hover shows the tip for the reference under p (relative to the field),
// or hides it.
func (a *liquidAssist) hover(p fyne.Position) {
	text := ""
	if !a.field.Password && a.field.Text != "" {
		if off, ok := textOffsetAt(a.field.Text, drawnRows(a.field), p); ok {
			if r, ok := referenceUnder(a.field.Text, off); ok {
				text = a.hoverText(r)
			}
		}
	}
	if text == "" {
		if a.e.tips.Text() != "" && a.hovering {
			a.e.tips.hide()
		}
		a.hovering = false
		return
	}
	if a.e.tips.Text() != text || !a.hovering {
		a.e.tips.showBelow(a.field, text)
	}
	a.hovering = true
}

// hoverText is what hovering r says: its value in the last run at this
// widget, or where it comes from before any run.
func (a *liquidAssist) hoverText(r schemas.Reference) string {
	if ctx := runContextAt(a.e.lastRun, a.widget); ctx != nil {
		if v, ok := lookupDotted(ctx, r.Path); ok {
			return fmt.Sprintf("{{%s}} = %s (last run)", r.Path, truncate(engine.Text(v), 200))
		}
		return fmt.Sprintf("{{%s}} had no value in the last run", r.Path)
	}
	src := schemas.Provenance(a.e.doc.Flow(), a.e.cat, a.widget, r)
	if src.Problem != "" {
		return fmt.Sprintf("{{%s}}: %s", r.Path, src.Problem)
	}
	var from []string
	for _, o := range src.Origins {
		from = append(from, o.Widget)
	}
	if len(from) == 0 {
		return fmt.Sprintf("{{%s}}: run the simulator to see its value", r.Path)
	}
	return fmt.Sprintf("{{%s}} comes from %s: run the simulator to see its value", r.Path, strings.Join(from, ", "))
}

// MouseIn is part of desktop.Hoverable: fields with Liquid assistance show
// the value of the reference under the pointer.
func (t *textField) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable.
func (t *textField) MouseMoved(ev *desktop.MouseEvent) {
	if t.assist != nil {
		t.assist.hover(ev.Position)
	}
}

// MouseOut is part of desktop.Hoverable.
func (t *textField) MouseOut() {
	if t.assist != nil && t.assist.hovering {
		t.assist.hovering = false
		t.assist.e.tips.hide()
	}
}

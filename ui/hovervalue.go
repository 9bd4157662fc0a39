package ui

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/drawn"
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
		if j, ok := charAtX(r, p.X-r.at.X); ok {
			return rowStart + j, true
		}
		return 0, false
	}
	return 0, false
}

// charAtX is the byte offset in r's text of the character drawn across x
// (from the row's start). A prefix is never narrower than a shorter one,
// so the first character whose end is past x is found by halving.
func charAtX(r textRow, x float32) (int, bool) {
	var ends []int // the byte offset after each character
	for j, c := range r.text {
		ends = append(ends, j+utf8.RuneLen(c))
	}
	k := sort.Search(len(ends), func(k int) bool { return x < r.width(r.text[:ends[k]]) })
	if k == len(ends) {
		return 0, false
	}
	if k == 0 {
		return 0, true
	}
	return ends[k-1], true
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

// referenceUnder is the reference drawn at byte offset off: the one whose
// path is there, or else the first in the markup ({{ … }} or {% … %})
// holding off, its delimiters included.
func referenceUnder(text string, off int) (schemas.Reference, bool) {
	refs := schemas.References(text)
	for _, r := range refs {
		if off >= r.Start && off < r.End {
			return r, true
		}
	}
	for _, r := range refs {
		if off >= r.TagStart && off < r.TagEnd {
			return r, true
		}
	}
	return schemas.Reference{}, false
}

// drawnRows reads back the rows of text the field draws now, relative to
// the field, in order. The placeholder is not among them while the field
// holds text (it is hidden then).
//
// Each object's place is its parent's plus its own position (relative to
// the parent), summed on the way down from the field, rather than asked of
// the driver, which walks the window's whole tree for each.
func drawnRows(field fyne.Widget) []textRow {
	var rows []textRow
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		if v, ok := o.(*fynecanvas.Text); ok {
			size, style := v.TextSize, v.TextStyle
			rows = append(rows, textRow{
				text: v.Text, at: at, height: v.Size().Height,
				width: func(s string) float32 { return fyne.MeasureText(s, size, style).Width },
			})
			return
		}
		for _, c := range drawn.Children(o) {
			walk(c, at.Add(c.Position()))
		}
	}
	walk(field, fyne.Position{})
	return rows
}

// hover shows the tip for the reference under p (relative to the field),
// or hides it.
func (a *liquidAssist) hover(p fyne.Position) {
	a.at = p
	text := ""
	if !a.field.Password && a.field.Text != "" {
		if off, ok := textOffsetAt(a.field.Text, drawnRows(a.field), p); ok {
			text = a.tipAt(off)
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

// refreshTip words the tip showing afresh, at the pointer's last place,
// after the field's text or the flow changed under a pointer that did not
// move: the problem or value it told of may be gone. While the field has
// not yet drawn its new text, no character is found there and the tip
// hides.
func (a *liquidAssist) refreshTip() {
	if a.hovering {
		a.hover(a.at)
	}
}

// tipKey is what a hover tip depends on: the flow's version, the run its
// values come from, the field's text and the offset in it.
type tipKey struct {
	version uint64
	run     *engine.Execution
	text    string
	off     int
}

// tipAt is the tip for byte offset off of the field's text, "" when no
// reference is there; the last one is kept, as the pointer moves within a
// character or stays on one between events.
func (a *liquidAssist) tipAt(off int) string {
	key := tipKey{version: a.e.doc.Version(), run: a.e.lastRun, text: a.field.Text, off: off}
	if a.tip.ok && a.tip.key == key {
		return a.tip.text
	}
	text := ""
	if r, ok := referenceUnder(a.field.Text, off); ok {
		text = a.hoverText(r)
	}
	a.tip.key, a.tip.text, a.tip.ok = key, text, true
	return text
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

package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// monoRows lays text out as rows of 10-pixel characters, 20 pixels high,
// from (5, 4), breaking it where each row ends.
func monoRows(rows ...string) []textRow {
	var out []textRow
	for i, r := range rows {
		out = append(out, textRow{text: r, at: fyne.NewPos(5, 4+20*float32(i)), height: 20,
			width: func(s string) float32 { return 10 * float32(utf8.RuneCountInString(s)) }})
	}
	return out
}

func TestThePointerMapsToTheReferenceUnderIt(t *testing.T) {
	text := "Hi {{flow.variables.name}}, your\norder is {{ widgets.lookup.parsed.status | downcase }} é {{trigger.call.From}}"
	rows := monoRows("Hi {{flow.variables.name}},", "your", "order is {{ widgets.lookup.parsed.status | ", "downcase }} é {{trigger.call.From}}")
	at := func(row, col int) fyne.Position { return fyne.NewPos(5+10*float32(col)+5, 4+20*float32(row)+10) }
	for _, c := range []struct {
		row, col int
		want     string
	}{
		{0, 0, ""},                              // "H"
		{0, 3, "flow.variables.name"},           // the opening braces
		{0, 12, "flow.variables.name"},          // inside the path
		{0, 25, "flow.variables.name"},          // the closing braces
		{0, 26, ""},                             // the comma after them
		{1, 2, ""},                              // "your", wrapped
		{2, 14, "widgets.lookup.parsed.status"}, // a path with blanks and a filter, wrapped mid-tag
		{3, 3, "widgets.lookup.parsed.status"},  // the filter, on the next row
		{3, 12, ""},                             // é
		{3, 16, "trigger.call.From"},            // after a multi-byte character
		{3, 40, ""},                             // past the row's end
		{5, 1, ""},                              // below the text
	} {
		got := ""
		if off, ok := textOffsetAt(text, rows, at(c.row, c.col)); ok {
			if r, ok := referenceUnder(text, off); ok {
				got = r.Path
			}
		}
		if got != c.want {
			t.Errorf("row %d column %d: %q, want %q", c.row, c.col, got, c.want)
		}
	}
	// Rows that are not the text's (a tab drawn as spaces) give no offset
	// rather than a wrong one.
	if _, ok := textOffsetAt("a\tb {{flow.data.x}}", monoRows("a    b {{flow.data.x}}"), at(0, 10)); ok {
		t.Error("rows that do not match the text gave an offset")
	}
	// Rows drawn before the text changed (they hold only its start) give
	// no offset either.
	if _, ok := textOffsetAt("{{flow.data.x}} and more", monoRows("{{flow.data.x}}"), at(0, 3)); ok {
		t.Error("rows of an older text gave an offset")
	}
}

// hoverAt moves the pointer over the middle of the character at byte
// index i of field's text, as the field draws it now.
func hoverAt(t *testing.T, f *textField, i int) {
	t.Helper()
	start := 0
	for _, r := range drawnRows(f) {
		j := strings.Index(f.Text[start:], r.text)
		if j < 0 {
			t.Fatalf("the drawn row %q is not in the field's text", r.text)
		}
		rowStart := start + j
		start = rowStart + len(r.text)
		if i >= rowStart && i < start {
			k := i - rowStart
			x := r.at.X + (r.width(r.text[:k])+r.width(r.text[:k+1]))/2
			f.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, r.at.Y+r.height/2)}})
			return
		}
	}
	t.Fatalf("byte %d of %q is on no drawn row", i, f.Text)
}

func TestHoveringAReferenceShowsItsValueFromTheLastRun(t *testing.T) {
	e := provenanceEditor(t)
	say := e.inspector.field("/properties/say").(*textField)
	rows := drawnRows(say)
	if len(rows) < 2 {
		t.Fatalf("the say field draws %d row(s) of %q: the test needs it wrapped", len(rows), say.Text)
	}
	lookup := strings.Index(say.Text, "lookup")
	hoverAt(t, say, lookup)
	if got, want := e.tips.Text(), "{{widgets.lookup.parsed.status}} comes from lookup"; !strings.HasPrefix(got, want) {
		t.Errorf("before a run the tip says %q, want %q…", got, want)
	}

	runProvenanceFlow(t, e)
	hoverAt(t, say, lookup)
	if got, want := e.tips.Text(), "{{widgets.lookup.parsed.status}} = Shipped (last run)"; got != want {
		t.Errorf("tip %q, want %q", got, want)
	}
	hoverAt(t, say, strings.Index(say.Text, "choice"))
	if got, want := e.tips.Text(), "{{flow.variables.choice}} = 7 (last run)"; got != want {
		t.Errorf("tip %q, want %q", got, want)
	}
	hoverAt(t, say, strings.Index(say.Text, "Order"))
	if got := e.tips.Text(); got != "" {
		t.Errorf("over plain words the tip says %q", got)
	}
	hoverAt(t, say, strings.Index(say.Text, "choice"))
	say.MouseOut()
	if got := e.tips.Text(); got != "" {
		t.Errorf("after the pointer left the tip says %q", got)
	}

	// Scrolled: many lines before the reference, the cursor at the end so
	// the field scrolls down to it.
	say.SetText(strings.Repeat("line\n", 12) + "Order {{flow.variables.choice}}")
	say.CursorRow = 20
	say.Refresh()
	rows = drawnRows(say)
	if rows[0].at.Y >= 0 {
		t.Fatalf("the field did not scroll: its first row is drawn at %v", rows[0].at)
	}
	hoverAt(t, say, strings.Index(say.Text, "choice"))
	if got, want := e.tips.Text(), "{{flow.variables.choice}} = 7 (last run)"; got != want {
		t.Errorf("scrolled: tip %q, want %q", got, want)
	}
}

// Ctrl+click on a reference on a wrapped row jumps to its origin, by the
// pointer or by the cursor: the entry counts its cursor row among the
// drawn (wrapped) rows, not the text's lines.
func TestCtrlClickOnAWrappedRowJumpsToTheReferenceClicked(t *testing.T) {
	e := provenanceEditor(t)
	say := e.inspector.field("/properties/say").(*textField)
	rows := drawnRows(say)
	target := strings.Index(say.Text, "lookup.parsed")
	if len(rows) < 2 || strings.Contains(rows[0].text, "lookup.parsed") {
		t.Fatalf("the test needs widgets.lookup.parsed.status on a wrapped row; the rows are %q", rowTexts(rows))
	}
	start := 0
	for _, r := range rows {
		j := strings.Index(say.Text[start:], r.text)
		rowStart := start + j
		start = rowStart + len(r.text)
		if target >= rowStart && target < start {
			k := target - rowStart + 2
			at := fyne.NewPos(r.at.X+(r.width(r.text[:k])+r.width(r.text[:k+1]))/2, r.at.Y+r.height/2)
			say.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShortcutDefault})
			break
		}
	}
	if sel := e.canvas.Selection(); !slices.Equal(sel, []string{"lookup"}) {
		t.Errorf("Ctrl+click on widgets.lookup.parsed.status selected %v", sel)
	}
}

func rowTexts(rows []textRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.text)
	}
	return out
}

// cursorAt puts f's cursor before byte i of its text, counting rows as the
// entry does: the rows it draws, wrapped.
func cursorAt(t *testing.T, f *textField, i int) {
	t.Helper()
	rows := drawnRows(f)
	starts, ok := rowStarts(f.Text, rowTexts(rows))
	if !ok {
		t.Fatalf("the drawn rows %q are not the text %q", rowTexts(rows), f.Text)
	}
	row := 0
	for r, s := range starts {
		if s <= i {
			row = r
		}
	}
	f.CursorRow, f.CursorColumn = row, len([]rune(f.Text[starts[row]:i]))
}

// The reference under the pointer is the one whose path is there, else the
// first of the markup around it, read as the engine reads markup: a "{{"
// inside an output's quotes opens nothing.
func TestTheReferenceUnderIsTheOneThereOrTheMarkupsFirst(t *testing.T) {
	text := `x {{ "{{" | append: flow.data.a | append: flow.data.b }} y`
	for _, c := range []struct {
		at   string
		want string
	}{
		{`{{ "`, "flow.data.a"}, // the output's opening braces, before the quoted ones
		{`"{{"`, "flow.data.a"}, // the quoted braces
		{"a |", "flow.data.a"},
		{"b }}", "flow.data.b"}, // the second path is its own, not the markup's first
		{"| append: flow.data.b", "flow.data.a"},
		{"}} y", "flow.data.a"}, // the closing braces
		{" y", ""},
	} {
		got := ""
		if r, ok := referenceUnder(text, strings.Index(text, c.at)); ok {
			got = r.Path
		}
		if got != c.want {
			t.Errorf("at %q: %q, want %q", c.at, got, c.want)
		}
	}
}

// Finding the character under the pointer on a long row measures a few
// prefixes, not every prefix up to the pointer.
func TestTheCharacterUnderThePointerIsFoundInFewMeasures(t *testing.T) {
	text := strings.Repeat("abcdefghij", 50)
	measured := 0
	row := textRow{text: text, height: 20, width: func(s string) float32 {
		measured++
		return 10 * float32(utf8.RuneCountInString(s))
	}}
	for _, col := range []int{0, 1, 250, 499} {
		measured = 0
		off, ok := textOffsetAt(text, []textRow{row}, fyne.NewPos(10*float32(col)+5, 10))
		if !ok || off != col {
			t.Errorf("column %d: offset %d %v", col, off, ok)
		}
		if measured > 12 {
			t.Errorf("column %d of a %d-character row: %d prefixes measured", col, len(text), measured)
		}
	}
	if _, ok := textOffsetAt(text, []textRow{row}, fyne.NewPos(5000+3, 10)); ok {
		t.Error("past the row's end gave an offset")
	}
}

// A reference's tooltip over an inspector field goes with the problem it
// tells of: typing the widget's name right, the pointer resting on the
// reference, leaves no tip saying the widget does not exist.
func TestAReferencesTooltipGoesWhenItsProblemIsFixed(t *testing.T) {
	e := provenanceEditor(t)
	say := typeInto(t, e, "/properties/say", "Your order is {{widgets.lookp.parsed.status}}.")
	uiQueue(e).Run()
	hoverAt(t, say, strings.Index(say.Text, "lookp"))
	stale := e.tips.Text()
	if !strings.HasPrefix(stale, "{{widgets.lookp.parsed.status}}: ") {
		t.Fatalf("hovering the unknown widget's reference shows %q", stale)
	}
	typeInto(t, e, "/properties/say", "Your order is {{widgets.lookup.parsed.status}}.")
	uiQueue(e).Run()
	if got := e.tips.Text(); got == stale || strings.Contains(got, "lookp") {
		t.Errorf("after the reference was fixed the tooltip still says %q", got)
	}
	if got := e.tips.Text(); got == "" && tipShows(e) {
		t.Error("the tip layer draws a tip it holds no text for")
	}
}

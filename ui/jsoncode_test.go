package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestJSONTokensColourKeysStringsNumbersAndLiterals(t *testing.T) {
	line := []rune(`  "timeout": "5", "loop": 1, "on": true, "x": null`)
	kinds := jsonTokens([][]rune{line})[0]
	at := func(sub string) jsonToken { return kinds[strings.Index(string(line), sub)] }
	for sub, want := range map[string]jsonToken{`"timeout"`: tokKey, `"5"`: tokString, `1,`: tokNumber, `true`: tokLiteral, `null`: tokLiteral, `:`: tokPlain} {
		if got := at(sub); got != want {
			t.Errorf("%s: kind %d, want %d", sub, got, want)
		}
	}
}

// Show Flow JSON opens as a code view (line numbers, colours); a syntax
// error on Apply puts the caret at it in the editable text.
func TestShowFlowJSONIsALineNumberedColouredViewWithApply(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	e.ShowFlowJSON()
	j := e.lastJSON
	if j.code == nil || !j.code.ShowLineNumbers || j.editing {
		t.Fatal("Show Flow JSON does not open on a line-numbered view")
	}
	if min := j.code.MinSize(); min.Height > e.win.Canvas().Size().Height/2 {
		t.Errorf("the code view wants %v: it does not scroll", min)
	}
	if len(j.code.Rows) != strings.Count(j.entry.Text, "\n")+1 {
		t.Errorf("%d rows for %d lines", len(j.code.Rows), strings.Count(j.entry.Text, "\n")+1)
	}
	keyColour := theme.Current().Color(theme.ColorNamePrimary, a.Settings().ThemeVariant())
	coloured := false
	for _, c := range j.code.Rows[1].Cells {
		if st, ok := c.Style.(*widget.CustomTextGridStyle); ok && st.FGColor == keyColour {
			coloured = true
		}
	}
	if !coloured {
		t.Errorf("no key coloured on line 2 %q", j.code.Rows[1].Cells)
	}
	if b := dialogButton(t, e.win, "Apply"); b == nil {
		t.Fatal("no Apply button")
	}
	test.Tap(dialogButton(t, e.win, "Edit"))
	if !j.editing {
		t.Fatal("Edit does not make the text editable")
	}
	lines := strings.Split(j.entry.Text, "\n")
	lines[4] += " oops"
	j.entry.SetText(strings.Join(lines, "\n"))
	test.Tap(dialogButton(t, e.win, "View"))
	test.Tap(dialogButton(t, e.win, "Apply"))
	if !j.editing || j.entry.CursorRow != 4 {
		t.Errorf("after a syntax error: editing %v, caret on row %d, want row 4", j.editing, j.entry.CursorRow)
	}
}

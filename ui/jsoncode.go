package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// jsonToken is the kind of a stretch of JSON text, for syntax colours.
type jsonToken int

const (
	tokPlain jsonToken = iota // punctuation and spaces
	tokKey
	tokString
	tokNumber
	tokLiteral // true, false, null
)

// jsonTokens gives the kind of every rune of each line of text. It reads
// leniently: text being edited may not be valid JSON.
func jsonTokens(lines [][]rune) [][]jsonToken {
	out := make([][]jsonToken, len(lines))
	for r, line := range lines {
		kinds := make([]jsonToken, len(line))
		for i := 0; i < len(line); {
			c := line[i]
			switch {
			case c == '"':
				j := i + 1
				for j < len(line) && line[j] != '"' {
					if line[j] == '\\' {
						j++
					}
					j++
				}
				end := min(j+1, len(line))
				kind := tokString
				// A key is a string followed by a colon.
				k := end
				for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
					k++
				}
				if k < len(line) && line[k] == ':' {
					kind = tokKey
				}
				for x := i; x < end; x++ {
					kinds[x] = kind
				}
				i = end
			case c == '-' || (c >= '0' && c <= '9'):
				j := i
				for j < len(line) && (line[j] == '-' || line[j] == '+' || line[j] == '.' || line[j] == 'e' || line[j] == 'E' || (line[j] >= '0' && line[j] <= '9')) {
					kinds[j] = tokNumber
					j++
				}
				i = j
			case c >= 'a' && c <= 'z':
				j := i
				for j < len(line) && line[j] >= 'a' && line[j] <= 'z' {
					j++
				}
				if w := string(line[i:j]); w == "true" || w == "false" || w == "null" {
					for x := i; x < j; x++ {
						kinds[x] = tokLiteral
					}
				}
				i = j
			default:
				i++
			}
		}
		out[r] = kinds
	}
	return out
}

// tokenColor is the theme colour of a token kind: colours the theme has
// already checked for contrast on the editor's background.
func tokenColor(k jsonToken) fyne.ThemeColorName {
	switch k {
	case tokKey:
		return theme.ColorNamePrimary
	case tokString:
		return theme.ColorNameSuccess
	case tokNumber, tokLiteral:
		return theme.ColorNameWarning
	}
	return theme.ColorNameForeground
}

// newJSONCodeView is a read-only, line-numbered, syntax-coloured view of
// JSON text.
func newJSONCodeView() *widget.TextGrid {
	g := widget.NewTextGrid()
	g.ShowLineNumbers = true
	g.Scroll = fyne.ScrollBoth // a grid does not scroll by default
	return g
}

// setJSON shows text in the code view with its syntax colours.
func setJSON(g *widget.TextGrid, text string) {
	g.SetText(text)
	lines := make([][]rune, len(g.Rows))
	for r, row := range g.Rows {
		lines[r] = make([]rune, len(row.Cells))
		for c, cell := range row.Cells {
			lines[r][c] = cell.Rune
		}
	}
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	styles := map[jsonToken]*widget.CustomTextGridStyle{}
	style := func(k jsonToken) *widget.CustomTextGridStyle {
		s, ok := styles[k]
		if !ok {
			s = &widget.CustomTextGridStyle{TextStyle: fyne.TextStyle{Monospace: true}, FGColor: th.Color(tokenColor(k), v), BGColor: color.Transparent}
			styles[k] = s
		}
		return s
	}
	for r, kinds := range jsonTokens(lines) {
		for c, k := range kinds {
			if k != tokPlain {
				g.Rows[r].Cells[c].Style = style(k)
			}
		}
	}
	g.Refresh()
}

// codeKeys makes the code view take the keyboard: Escape closes the dialog,
// typing a character switches to editing and types it there (at the
// caret), Ctrl+C copies the whole text.
// Other keys (arrows, the modifiers pressed for a shortcut, function keys)
// and shortcuts (Ctrl+F: there is no find in the view) leave it as it is.
type codeKeys struct {
	widget.BaseWidget
	grid   *widget.TextGrid
	escape func()
	// edit switches to editing and types r in the text.
	edit func(r rune)
	// copy puts the whole text on the clipboard (nil: Ctrl+C does nothing).
	copy func()
}

func newCodeKeys(grid *widget.TextGrid, escape func(), edit func(r rune)) *codeKeys {
	k := &codeKeys{grid: grid, escape: escape, edit: edit}
	k.ExtendBaseWidget(k)
	return k
}

// CreateRenderer is part of fyne.Widget.
func (k *codeKeys) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(k.grid) }

// FocusGained is part of fyne.Focusable.
func (k *codeKeys) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (k *codeKeys) FocusLost() {}

// TypedKey is part of fyne.Focusable. The desktop driver also types the
// modifier keys themselves (Ctrl pressed for Ctrl+F): they must not start
// editing.
func (k *codeKeys) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		k.escape()
	}
}

// TypedRune is part of fyne.Focusable.
func (k *codeKeys) TypedRune(r rune) { k.edit(r) }

// TypedShortcut is part of fyne.Shortcutable.
func (k *codeKeys) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutCopy); ok && k.copy != nil {
		k.copy()
	}
}

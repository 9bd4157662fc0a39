package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mutedLabel is secondary text (hints, counts, section names) in the
// theme's placeholder grey, which stays readable in light and dark themes
// (a low-importance label uses the disabled colour, too faint on light).
type mutedLabel struct {
	*widget.RichText
	seg *widget.TextSegment
}

func newMutedLabel(text string, size fyne.ThemeSizeName, bold bool) *mutedLabel {
	seg := &widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder,
		SizeName:  size,
		TextStyle: fyne.TextStyle{Bold: bold},
		Inline:    true,
	}}
	rt := widget.NewRichText(seg)
	rt.Wrapping = fyne.TextWrapWord
	return &mutedLabel{RichText: rt, seg: seg}
}

// hintLabel is a wrapped muted sentence at body size.
func hintLabel(text string) *mutedLabel { return newMutedLabel(text, theme.SizeNameText, false) }

// SetText replaces the text.
func (m *mutedLabel) SetText(text string) {
	if m.seg.Text == text {
		return
	}
	m.seg.Text = text
	m.Refresh()
}

// Text returns the text shown.
func (m *mutedLabel) Text() string { return m.seg.Text }

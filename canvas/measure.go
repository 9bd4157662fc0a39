package canvas

import (
	"fyne.io/fyne/v2"
)

// textMeasurer remembers text widths and fitted labels: measuring text is
// far too slow to repeat for every widget of a large flow on every rebuild.
type textMeasurer struct {
	widths  map[measureKey]float32
	fitted  map[fitKey]string
	heights map[float32]float32
}

type measureKey struct {
	text  string
	size  float32
	style fyne.TextStyle
}

type fitKey struct {
	measureKey
	width float32
}

func newTextMeasurer() *textMeasurer {
	return &textMeasurer{widths: map[measureKey]float32{}, fitted: map[fitKey]string{}, heights: map[float32]float32{}}
}

func (m *textMeasurer) width(s string, size float32, style fyne.TextStyle) float32 {
	k := measureKey{s, size, style}
	if w, ok := m.widths[k]; ok {
		return w
	}
	w := fyne.MeasureText(s, size, style).Width
	m.widths[k] = w
	return w
}

// lineHeight is the height Fyne gives one line of text at that size.
func (m *textMeasurer) lineHeight(size float32) float32 {
	if h, ok := m.heights[size]; ok {
		return h
	}
	h := fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
	m.heights[size] = h
	return h
}

// fit shortens s with an ellipsis until it fits the width.
func (m *textMeasurer) fit(s string, width, size float32, style fyne.TextStyle) string {
	k := fitKey{measureKey{s, size, style}, width}
	if out, ok := m.fitted[k]; ok {
		return out
	}
	out := ""
	if m.width(s, size, style) <= width {
		out = s
	} else {
		runes := []rune(s)
		for len(runes) > 0 {
			runes = runes[:len(runes)-1]
			if try := string(runes) + "…"; fyne.MeasureText(try, size, style).Width <= width {
				out = try
				break
			}
		}
	}
	m.fitted[k] = out
	return out
}

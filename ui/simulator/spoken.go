package simulator

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// spokenLabel is a label that tells a screen reader (Fyne's
// accessibility build) more than it shows: the phone's call state speaks
// for the whole phone, an SMS bubble says who wrote it.
type spokenLabel struct {
	widget.Label
	spoken func() string
}

var _ fyne.Accessible = (*spokenLabel)(nil)

func newSpokenLabel(text string, spoken func() string) *spokenLabel {
	l := &spokenLabel{spoken: spoken}
	l.Text = text
	l.ExtendBaseWidget(l)
	return l
}

// AccessibilityLabel is part of fyne.Accessible.
func (l *spokenLabel) AccessibilityLabel() string {
	if l.spoken != nil {
		if s := l.spoken(); s != "" {
			return s
		}
	}
	return l.Label.AccessibilityLabel()
}

// describe words the phone as a screen reader says it: the call state, its
// time, what the keypad is collecting and the last thing said.
func (v *phoneView) describe() string {
	parts := []string{"Phone: " + v.state.Text}
	if v.clock.Text != "" && v.hangupBtn != nil && !v.hangupBtn.Disabled() {
		parts = append(parts, v.clock.Text)
	}
	if k := strings.TrimSpace(v.keys.Text); k != "" {
		parts = append(parts, k)
	}
	if n := len(v.transcript.Objects); n > 0 {
		if l, ok := v.transcript.Objects[n-1].(*widget.Label); ok && l.Text != "" {
			parts = append(parts, "last: "+l.Text)
		}
	}
	return strings.Join(parts, "; ")
}

// bubbleSpeech is what a screen reader says of a message in the thread.
func bubbleSpeech(text string, fromContact bool) string {
	if fromContact {
		return "You wrote: " + text
	}
	return "The flow wrote: " + text
}

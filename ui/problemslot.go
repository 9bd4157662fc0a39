package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// problemSlot is the place of a problem line in the inspector: under a
// field, or the widget's own line under its heading. A line that goes
// (the widget wired, so "no path from the Trigger" is gone) leaves its
// height behind while the same widget stays shown, so that the fields
// below do not move up under a pointer on its way to one of them; the
// space closes when another selection is shown.
type problemSlot struct {
	label *widget.Label
	hold  float32
	box   *fyne.Container
}

func newProblemSlot() *problemSlot {
	s := &problemSlot{label: newErrorLabel()}
	s.box = container.New(s, s.label)
	s.box.Hide()
	return s
}

// MinSize is part of fyne.Layout.
func (s *problemSlot) MinSize([]fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	if s.label.Visible() {
		m = s.label.MinSize()
	}
	m.Height = max(m.Height, s.hold)
	return m
}

// Layout is part of fyne.Layout.
func (s *problemSlot) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	s.label.Move(fyne.Position{})
	s.label.Resize(size)
}

// shownHeight is the height of the line shown, 0 when there is none. A
// wrapped label knows its height only once it has a width.
func (s *problemSlot) shownHeight() float32 {
	if !s.label.Visible() || s.label.Size().Width <= 0 {
		return 0
	}
	return s.label.MinSize().Height
}

// set shows msgs (none: an empty line hold high, or nothing).
func (s *problemSlot) set(msgs []string, severe bool, hold float32) {
	setErrorText(s.label, msgs, severe)
	if s.hold != hold {
		s.hold = hold
		s.box.Refresh()
	}
	if show := s.label.Visible() || hold > 0; show != s.box.Visible() {
		if show {
			s.box.Show()
		} else {
			s.box.Hide()
		}
	}
}

package ui

import (
	"time"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/ui/drawn"
)

// focusRing draws one ring, in look.FocusRing's colour, around whatever
// holds the keyboard in a window's content: a button (the blue primary
// ones too), a select, a check, an entry, a list (an empty one too) or the
// canvas. Fyne's own focus marks are faint fills; the ring is the same on
// every kind of element. It also scrolls the scrolls holding the focused
// element so that it shows. Like the tooltips it holds only a canvas
// primitive, which takes no pointer events.
//
// Fyne tells nobody when the focus moves (Tab is handled inside the
// driver), so the window's ticker calls track a few times a second; it
// repaints only when the ring moves.
type focusRing struct {
	content func() fyne.CanvasObject // the window's content under the ring
	focused func() fyne.Focusable
	post    uiloop.Poster // run's ticks reach the UI goroutine through it
	root    *fyne.Container
	ring    *fynecanvas.Rectangle

	last fyne.Focusable
	path []fyne.CanvasObject // from the content down to last; nil when not in it
}

// focusRingInterval is how often the ring looks where the focus is.
const focusRingInterval = 80 * time.Millisecond

// ringGap is how far outside the element the ring is drawn, and
// ringWidth its stroke.
const (
	ringGap   = 2
	ringWidth = 2
)

func newFocusRing(content func() fyne.CanvasObject, focused func() fyne.Focusable, post uiloop.Poster) *focusRing {
	r := &focusRing{content: content, focused: focused, post: post, ring: fynecanvas.NewRectangle(nil)}
	r.ring.StrokeWidth = ringWidth
	r.ring.CornerRadius = theme.InputRadiusSize() + ringGap
	r.ring.Hide()
	r.root = container.NewWithoutLayout(r.ring)
	return r
}

// run tracks the focus, and calls also (when not nil) as often, until
// stop closes.
func (r *focusRing) run(stop <-chan struct{}, also func()) {
	t := time.NewTicker(focusRingInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			r.post.Post(func() {
				r.track()
				if also != nil {
					also()
				}
			})
		}
	}
}

// track follows the focus: on a change it finds where the focused element
// sits and scrolls it into view; every time it puts the ring around it,
// clipped to the scrolls it is in, or hides the ring when the element is
// not in the content (a dialog's) or not shown.
func (r *focusRing) track() {
	f := r.focused()
	if f != r.last {
		r.last = f
		r.path = nil
		if obj, ok := f.(fyne.CanvasObject); ok && obj != nil {
			r.path = pathTo(r.content(), obj)
			revealPath(r.path)
		}
	}
	pos, size, ok := shownRect(r.path)
	if !ok {
		if r.ring.Visible() {
			r.ring.Hide()
			r.root.Refresh()
		}
		return
	}
	pos = pos.SubtractXY(ringGap, ringGap)
	size = size.AddWidthHeight(2*ringGap, 2*ringGap)
	col := look.FocusRing(theme.Current(), fyne.CurrentApp().Settings().ThemeVariant())
	if r.ring.Visible() && r.ring.Position() == pos && r.ring.Size() == size && r.ring.StrokeColor == col {
		return
	}
	r.ring.StrokeColor = col
	r.ring.FillColor = nil
	r.ring.Move(pos)
	r.ring.Resize(size)
	r.ring.Show()
	r.root.Refresh()
}

// Shown reports whether the ring is drawn, and where (for tests).
func (r *focusRing) shown() (fyne.Position, fyne.Size, bool) {
	return r.ring.Position(), r.ring.Size(), r.ring.Visible()
}

// pathTo is the chain of shown objects from root down to target, nil when
// target is not shown under root.
func pathTo(root, target fyne.CanvasObject) []fyne.CanvasObject {
	if root == nil || !root.Visible() {
		return nil
	}
	if root == target {
		return []fyne.CanvasObject{root}
	}
	for _, c := range drawn.Children(root) {
		if p := pathTo(c, target); p != nil {
			return append([]fyne.CanvasObject{root}, p...)
		}
	}
	return nil
}

// shownRect is where the last object of path is drawn, relative to the
// first, cut to the scrolls it is in; ok is false when none of it shows.
func shownRect(path []fyne.CanvasObject) (fyne.Position, fyne.Size, bool) {
	if len(path) == 0 {
		return fyne.Position{}, fyne.Size{}, false
	}
	x0, y0 := float32(0), float32(0)
	x1, y1 := path[0].Size().Width, path[0].Size().Height
	var at fyne.Position
	for i, o := range path {
		if !o.Visible() {
			return fyne.Position{}, fyne.Size{}, false
		}
		if i > 0 {
			at = at.Add(o.Position())
		}
		if _, ok := o.(*container.Scroll); ok && i < len(path)-1 {
			x0, y0 = max(x0, at.X), max(y0, at.Y)
			x1, y1 = min(x1, at.X+o.Size().Width), min(y1, at.Y+o.Size().Height)
		}
	}
	last := path[len(path)-1].Size()
	ox0, oy0 := max(x0, at.X), max(y0, at.Y)
	ox1, oy1 := min(x1, at.X+last.Width), min(y1, at.Y+last.Height)
	if ox1 <= ox0 || oy1 <= oy0 {
		return fyne.Position{}, fyne.Size{}, false
	}
	return fyne.NewPos(ox0, oy0), fyne.NewSize(ox1-ox0, oy1-oy0), true
}

// revealPath scrolls every scroll on the path, innermost first, so that
// the path's last object shows (its top when it is taller than the scroll).
func revealPath(path []fyne.CanvasObject) {
	if len(path) < 2 {
		return
	}
	target := path[len(path)-1]
	for i := len(path) - 2; i >= 0; i-- {
		s, ok := path[i].(*container.Scroll)
		if !ok || i+1 >= len(path) || path[i+1] != s.Content {
			continue
		}
		// Content just rebuilt may not be laid out at its new size yet.
		s.Refresh()
		// The target's place in the scroll's content.
		var at fyne.Position
		for _, o := range path[i+2:] {
			at = at.Add(o.Position())
		}
		off := s.Offset
		off.Y = revealAxis(off.Y, at.Y, target.Size().Height, s.Size().Height, s.Content.Size().Height)
		off.X = revealAxis(off.X, at.X, target.Size().Width, s.Size().Width, s.Content.Size().Width)
		if off != s.Offset {
			s.ScrollToOffset(off)
			s.Refresh()
		}
	}
}

// revealAxis is the offset along one axis that shows [at, at+length) in a
// view of that size over content of that length, moving as little as it can.
func revealAxis(offset, at, length, view, content float32) float32 {
	const margin = 2 * ringGap
	// The content reaches at least past the target (a form just rebuilt
	// may report its old size).
	content = max(content, at+length+margin)
	if view <= 0 || content <= view {
		return offset
	}
	switch {
	case at-margin < offset:
		offset = at - margin
	case at+length+margin > offset+view:
		offset = min(at+length+margin-view, at-margin)
	}
	return max(0, min(offset, content-view))
}

package kbd

import (
	"time"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/ui/drawn"
)

// Ring draws one ring, in look.FocusRing's colour, around whatever holds
// the keyboard in a window: a button (the blue primary ones too), a select,
// a check, an entry, a list (an empty one too) or the canvas, in the
// window's content or in the dialog shown over it (a Dialog carries a Layer
// of its own, since a dialog is drawn over the window's layer). Fyne's own
// focus marks are faint fills; the ring is the same on every kind of
// element. It also scrolls the scrolls holding the focused element so that
// it shows. A Layer holds only a canvas primitive, which takes no pointer
// events.
//
// Fyne tells nobody when the focus moves (Tab is handled inside the
// driver), so a ticker calls Track a few times a second (Run, TrackWindows);
// it repaints only when the ring moves.
type Ring struct {
	canvas  fyne.Canvas
	content fyne.CanvasObject // the window's content under the ring
	main    *Layer

	last    fyne.Focusable
	lastTop fyne.CanvasObject
	root    fyne.CanvasObject   // content, or the dialog over it
	layer   *Layer              // where the ring is drawn: main, or the dialog's
	path    []fyne.CanvasObject // from root down to last; nil when not in it
}

// Interval is how often the ring looks where the focus is.
const Interval = 80 * time.Millisecond

// Gap is how far outside the element the ring is drawn, and Width its
// stroke.
const (
	Gap   = 2
	Width = 2
)

// NewRing returns the ring of canvas c over content. Put Layer() above
// content (container.NewStack(content, ring.Layer())) as the window's
// content, or use Install.
func NewRing(c fyne.Canvas, content fyne.CanvasObject) *Ring {
	r := &Ring{canvas: c, content: content, main: NewLayer()}
	r.main.ring = r
	return r
}

// Install puts a ring over w's content (call it after SetContent) and
// returns it. TrackWindows tracks it.
func Install(w fyne.Window) *Ring {
	content := w.Content()
	r := NewRing(w.Canvas(), content)
	w.SetContent(container.NewStack(content, r.Layer()))
	return r
}

// Layer is the layer the ring is drawn on, above the content.
func (r *Ring) Layer() fyne.CanvasObject { return r.main }

// Content is the window content the ring looks in.
func (r *Ring) Content() fyne.CanvasObject { return r.content }

// Of returns the ring installed in w (Install, or a Layer of NewRing
// directly in w's content), nil when it has none.
func Of(w fyne.Window) *Ring {
	c, ok := w.Content().(*fyne.Container)
	if !ok {
		return nil
	}
	for _, o := range c.Objects {
		if l, ok := o.(*Layer); ok && l.ring != nil {
			return l.ring
		}
	}
	return nil
}

// TrackWindows tracks the ring of every window of the app that has one.
// Call it on the UI goroutine.
func TrackWindows() {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	for _, w := range a.Driver().AllWindows() {
		if r := Of(w); r != nil {
			r.Track()
		}
	}
}

// Run calls TrackWindows, and also (when not nil), every Interval on the UI
// goroutine, through post, until stop closes.
func Run(stop <-chan struct{}, post uiloop.Poster, also func()) {
	uiloop.Every(stop, post, Interval, func() {
		TrackWindows()
		if also != nil {
			also()
		}
	})
}

// Track follows the focus: on a change it finds where the focused element
// sits (in the dialog on top when one is up) and scrolls it into view;
// every time it puts the ring around it, clipped to the scrolls it is in,
// or hides the ring when the element is not shown.
func (r *Ring) Track() {
	f := r.canvas.Focused()
	top := r.canvas.Overlays().Top()
	if f != r.last || top != r.lastTop {
		r.last, r.lastTop = f, top
		root, layer := r.content, r.main
		if top != nil {
			root, layer = top, layerIn(top)
		}
		if layer != r.layer && r.layer != nil {
			r.layer.hide()
		}
		r.root, r.layer, r.path = root, layer, nil
		if obj, ok := f.(fyne.CanvasObject); ok && obj != nil && layer != nil {
			r.path = PathTo(root, obj)
			RevealPath(r.path)
		}
	}
	if r.layer == nil {
		return
	}
	pos, size, ok := shownRect(r.path)
	if !ok {
		r.layer.hide()
		return
	}
	// The window's layer lies over the content; a dialog's is inside it.
	if r.layer != r.main {
		at, _ := PositionIn(r.root, r.layer)
		pos = pos.Subtract(at)
	}
	r.layer.draw(pos.SubtractXY(Gap, Gap), size.AddWidthHeight(2*Gap, 2*Gap))
}

// Shown reports whether the ring is drawn, and where on the canvas.
func (r *Ring) Shown() (fyne.Position, fyne.Size, bool) {
	if r.layer == nil || !r.layer.rect.Visible() {
		return fyne.Position{}, fyne.Size{}, false
	}
	at := r.layer.rect.Position()
	if r.layer == r.main {
		if c := r.canvas.Content(); c != nil {
			in, _ := PositionIn(c, r.main)
			at = at.Add(in).Add(c.Position())
		}
	} else {
		in, _ := PositionIn(r.root, r.layer)
		at = at.Add(in).Add(r.root.Position())
	}
	return at, r.layer.rect.Size(), true
}

// PositionIn is where o is drawn relative to root, and whether it is shown
// under root. Unlike the driver's AbsolutePositionForObject it holds in any
// window (Fyne's test driver answers for its last window only).
func PositionIn(root, o fyne.CanvasObject) (fyne.Position, bool) {
	path := PathTo(root, o)
	if path == nil {
		return fyne.Position{}, false
	}
	var at fyne.Position
	for _, p := range path[1:] {
		at = at.Add(p.Position())
	}
	return at, true
}

// Layer is a transparent layer the ring is drawn on: a window's, above its
// content, or a dialog's, in its content (it draws outside its own bounds,
// around the dialog's buttons too, as nothing clips it).
type Layer struct {
	widget.BaseWidget
	rect *fynecanvas.Rectangle
	box  *fyne.Container
	ring *Ring // the window's ring, for a window's layer
	// dialog is the Dialog whose content holds the layer (nil for a
	// window's layer).
	dialog *Dialog
}

// NewLayer is an empty layer for a dialog's content.
func NewLayer() *Layer {
	l := &Layer{rect: fynecanvas.NewRectangle(nil)}
	l.rect.StrokeWidth = Width
	l.rect.CornerRadius = theme.InputRadiusSize() + Gap
	l.rect.Hide()
	l.box = container.NewWithoutLayout(l.rect)
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer is part of fyne.Widget.
func (l *Layer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(l.box)
}

// MinSize is part of fyne.CanvasObject: a layer asks for no room.
func (l *Layer) MinSize() fyne.Size { return fyne.Size{} }

func (l *Layer) hide() {
	if l.rect.Visible() {
		l.rect.Hide()
		l.box.Refresh()
	}
}

func (l *Layer) draw(pos fyne.Position, size fyne.Size) {
	col := look.FocusRing(theme.Current(), fyne.CurrentApp().Settings().ThemeVariant())
	if l.rect.Visible() && l.rect.Position() == pos && l.rect.Size() == size && l.rect.StrokeColor == col {
		return
	}
	l.rect.StrokeColor = col
	l.rect.FillColor = nil
	l.rect.Move(pos)
	l.rect.Resize(size)
	l.rect.Show()
	l.box.Refresh()
}

// layerIn is the ring layer inside a dialog's overlay, nil when it has
// none (a pop-up menu, a dialog not made here).
func layerIn(o fyne.CanvasObject) *Layer {
	if l, ok := o.(*Layer); ok {
		return l
	}
	for _, c := range drawn.Children(o) {
		if l := layerIn(c); l != nil {
			return l
		}
	}
	return nil
}

// PathTo is the chain of shown objects from root down to target, nil when
// target is not shown under root.
func PathTo(root, target fyne.CanvasObject) []fyne.CanvasObject {
	if root == nil || !root.Visible() {
		return nil
	}
	if root == target {
		return []fyne.CanvasObject{root}
	}
	for _, c := range drawn.Children(root) {
		if p := PathTo(c, target); p != nil {
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

// RevealPath scrolls every scroll on the path, innermost first, so that
// the path's last object shows (its top when it is taller than the scroll).
func RevealPath(path []fyne.CanvasObject) {
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
	const margin = 2 * Gap
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

package layout

import (
	"math"

	"github.com/studioflow/studioflow/model"
)

// Defaults used where Options leaves a field zero.
const (
	DefaultNodeWidth      = 220.0
	DefaultNodeBaseHeight = 60.0
	DefaultPortHeight     = 22.0
	DefaultNodeGap        = 60.0
	DefaultLayerGap       = 80.0
)

// Options tune a layout. The zero value lays out the whole flow with the
// default node sizes and gaps, without grid snapping.
type Options struct {
	// NodeSize gives a widget's width and height in world units. Nil, or a
	// size that is not a positive finite number, means DefaultSize.
	NodeSize func(name string) (w, h float64)
	// PortX gives where transition number port leaves the widget, measured
	// from its left edge. Nil means the ports share the width evenly, in
	// transition order.
	PortX func(name string, port int) float64
	// NodeGap is the horizontal space between neighbouring widgets.
	NodeGap float64
	// LayerGap is the vertical space between one layer's tallest widget and
	// the next layer.
	LayerGap float64
	// Grid snaps every position to multiples of it; zero or less snaps to
	// whole units only (Studio stores whole numbers).
	Grid float64
	// Only, when not nil, lays out just the widgets it names, among
	// themselves, around where they were; other widgets are not moved and
	// are left out of the result.
	Only map[string]bool
}

// DefaultSize is the size assumed for a widget with that many transitions
// when Options.NodeSize is nil.
func DefaultSize(transitions int) (w, h float64) {
	return DefaultNodeWidth, DefaultNodeBaseHeight + DefaultPortHeight*float64(transitions)
}

func (o Options) nodeGap() float64  { return positiveOr(o.NodeGap, DefaultNodeGap) }
func (o Options) layerGap() float64 { return positiveOr(o.LayerGap, DefaultLayerGap) }

func (o Options) grid() float64 {
	if o.Grid > 0 && !math.IsInf(o.Grid, 0) {
		return o.Grid
	}
	return 1
}

func positiveOr(v, fallback float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return fallback
}

// sizer answers the sizes and port places of widgets from Options.
type sizer struct{ opts Options }

func (z sizer) size(s *model.State) (w, h float64) {
	dw, dh := DefaultSize(s.TransitionCount())
	if z.opts.NodeSize == nil {
		return dw, dh
	}
	w, h = z.opts.NodeSize(s.Name())
	return positiveOr(w, dw), positiveOr(h, dh)
}

// ports returns each transition's place across the node, as a fraction of
// its width w.
func (z sizer) ports(s *model.State, w float64) []float64 {
	n := s.TransitionCount()
	fr := make([]float64, n)
	for k := range n {
		fr[k] = (float64(k) + 0.5) / float64(n)
		if z.opts.PortX != nil {
			if x := z.opts.PortX(s.Name(), k); x >= 0 && x <= w {
				fr[k] = x / w
			}
		}
	}
	return fr
}

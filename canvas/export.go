package canvas

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"

	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/assets/icons"
)

// The largest exported image: 40 megapixels (160 MB while encoding), and
// no side over 16384 pixels, which image viewers refuse. Larger flows are
// exported at a smaller scale.
const (
	maxExportPixels = 40e6
	maxExportSide   = 16384
)

// ExportSnapshot is everything Export PNG draws, copied from the editor:
// node and wire geometry, colours, texts, icons and fonts. Take it on the
// UI goroutine (it is cheap); WritePNG then paints it on any goroutine,
// sharing nothing with the live editor, so the window stays responsive.
type ExportSnapshot struct {
	origin worldPoint
	zoom   float64
	width  int
	height int

	background, body, border, text, muted, wire color.NRGBA
	nodes                                       []exportNode
	wires                                       []exportWire
	icons                                       map[string][]byte
	regularFont, boldFont                       []byte
}

type exportNode struct {
	rect        worldRect
	header      color.NRGBA
	stroke      color.NRGBA
	strokeWidth float64
	icon        string
	title, name string
	ports       []exportPort
	badge       int
	badgeColor  color.NRGBA
	breakpoint  bool
}

type exportPort struct {
	center, width float64 // from the node's left edge
	label         string
	connected     bool
	dangling      bool
}

type exportWire struct {
	path  []segment
	color color.NRGBA
	width float64
}

// ExportSnapshot copies what the whole flow's image shows, with the current
// markers and highlight, at zoom 1 when it fits the limits above. Call it on
// the UI goroutine.
func (e *Editor) ExportSnapshot() (*ExportSnapshot, error) {
	g := e.graph
	// The cached bounds only grow as widgets move: measure them afresh so
	// the image has no margin left behind by a tidy-up or a drag.
	g.extentValid = false
	b := g.bounds()
	if b.empty() {
		return nil, errors.New("export image: the flow has no widgets to draw")
	}
	b = b.grow(viewMargin)
	zoom := min(1, math.Sqrt(maxExportPixels/(b.width()*b.height())), maxExportSide/b.width(), maxExportSide/b.height())
	pal := currentPalette()
	s := &ExportSnapshot{
		origin: worldPoint{b.X0, b.Y0}, zoom: zoom,
		width: int(math.Ceil(b.width() * zoom)), height: int(math.Ceil(b.height() * zoom)),
		background: toNRGBA(pal.background), body: toNRGBA(pal.body), border: toNRGBA(pal.border),
		text: toNRGBA(pal.text), muted: toNRGBA(pal.muted), wire: toNRGBA(pal.wire),
		nodes: make([]exportNode, len(g.nodes)), wires: make([]exportWire, len(g.wires)),
		icons:       map[string][]byte{},
		regularFont: theme.TextFont().Content(), boldFont: theme.TextBoldFont().Content(),
	}
	wireWidth := max(2*zoom, 1.2)
	for i := range g.wires {
		w := &g.wires[i]
		ew := exportWire{path: slices.Clone(w.path), color: s.wire, width: wireWidth}
		if e.highlight.wireTaken(g.nodes[w.from].name, g.nodes[w.from].ports[w.port].transition) {
			ew.color, ew.width = takenColor, wireWidth*1.8
		}
		s.wires[i] = ew
	}
	for i := range g.nodes {
		n := &g.nodes[i]
		d := e.diags[n.name]
		en := exportNode{
			rect: n.rect(), header: headerColor(n), stroke: s.border, strokeWidth: 1,
			icon: n.icon, title: n.title, name: n.fitName, badge: d.errors + d.warnings, badgeColor: warningColor,
			breakpoint: e.highlight.breakpoints[n.name],
		}
		if d.errors > 0 {
			en.badgeColor = errorColor
		}
		switch {
		case n.name == e.highlight.Active:
			en.stroke, en.strokeWidth = activeColor, 4
		case n.name == e.highlight.Waiting:
			en.stroke, en.strokeWidth = waitingColor, 4
		case d.errors > 0:
			en.stroke, en.strokeWidth = errorColor, 1.5
		}
		for _, p := range n.ports {
			en.ports = append(en.ports, exportPort{center: p.center, width: p.width, label: p.fitLabel, connected: p.next != "", dangling: p.dangling})
		}
		if _, ok := s.icons[n.icon]; !ok {
			data, ok := icons.SVG(n.icon)
			if !ok {
				data, _ = icons.SVG("legacy")
			}
			s.icons[n.icon] = data
		}
		s.nodes[i] = en
	}
	return s, nil
}

// Size is the image's size in pixels.
func (s *ExportSnapshot) Size() (width, height int) { return s.width, s.height }

// ExportPNG writes the whole flow as a PNG image (see ExportSnapshot). It
// paints on the calling goroutine; the ui paints off the UI goroutine with
// ExportSnapshot and WritePNG.
func (e *Editor) ExportPNG(w io.Writer) error {
	s, err := e.ExportSnapshot()
	if err != nil {
		return err
	}
	return s.WritePNG(context.Background(), w, nil)
}

// WritePNG paints the snapshot and encodes it as PNG to w. progress, when
// not nil, is called from this goroutine with the share done so far (0 to
// 1). Cancelling ctx stops the painting and returns ctx's error.
func (s *ExportSnapshot) WritePNG(ctx context.Context, w io.Writer, progress func(float64)) error {
	img, err := s.paint(ctx, progress)
	if err != nil {
		return fmt.Errorf("export image: %w", err)
	}
	if err := encodePNG(w, img); err != nil {
		return fmt.Errorf("export image: %w", err)
	}
	if progress != nil {
		progress(1)
	}
	return nil
}

// toPixel maps a world point into the image.
func (s *ExportSnapshot) toPixel(p worldPoint) (float64, float64) {
	return (p.X - s.origin.X) * s.zoom, (p.Y - s.origin.Y) * s.zoom
}

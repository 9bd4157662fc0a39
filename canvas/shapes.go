package canvas

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"

	"github.com/studioflow/studioflow/assets/icons"
)

// nodeShape is the canvas objects of one node drawn in detail. Shapes are
// pooled: a frame binds the k-th shape to the k-th node in view, so
// panning allocates nothing once the pool is warm.
type nodeShape struct {
	body, header *fynecanvas.Rectangle
	icon         *fynecanvas.Image
	iconName     string
	title, name  *fynecanvas.Text
	ports        []portShape
	badge        *fynecanvas.Circle
	badgeText    *fynecanvas.Text
	breakpoint   *fynecanvas.Circle
	waitBack     *fynecanvas.Rectangle
	waitText     *fynecanvas.Text
}

type portShape struct {
	dot   *fynecanvas.Circle
	label *fynecanvas.Text
}

func newNodeShape() *nodeShape {
	return &nodeShape{
		body:       &fynecanvas.Rectangle{},
		header:     &fynecanvas.Rectangle{},
		icon:       &fynecanvas.Image{FillMode: fynecanvas.ImageFillContain},
		title:      &fynecanvas.Text{TextStyle: fyne.TextStyle{Bold: true}, Color: headerText},
		name:       &fynecanvas.Text{},
		badge:      &fynecanvas.Circle{},
		badgeText:  &fynecanvas.Text{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}, Color: headerText},
		breakpoint: &fynecanvas.Circle{FillColor: breakColor, StrokeColor: headerText},
		waitBack:   &fynecanvas.Rectangle{FillColor: waitingColor},
		waitText:   &fynecanvas.Text{Color: color.Black},
	}
}

// nodeLook is everything about a node's state that changes its drawing.
type nodeLook struct {
	selected, target, active, waiting, breakpoint bool
	waitingFor                                    string
	diags                                         nodeDiagnostics
}

// place draws node n at screen position at and scale z, appending its
// objects to objs.
func (s *nodeShape) place(r *editorRenderer, n *node, look nodeLook, at fyne.Position, z float32, lod detailLevel, objs []fyne.CanvasObject) []fyne.CanvasObject {
	pal := r.pal
	w, h := float32(n.width)*z, float32(nodeHeight)*z
	radius := cornerRadius * z
	s.body.Move(at)
	s.body.Resize(fyne.NewSize(w, h))
	s.body.CornerRadius = radius
	s.body.FillColor, s.body.StrokeColor, s.body.StrokeWidth = pal.body, pal.border, 1
	switch {
	case look.active:
		s.body.StrokeColor, s.body.StrokeWidth = activeColor, 4
	case look.waiting:
		s.body.StrokeColor, s.body.StrokeWidth = waitingColor, 4
	case look.selected || look.target:
		s.body.StrokeColor, s.body.StrokeWidth = pal.primary, 2.5
	case look.diags.errors > 0:
		s.body.StrokeColor, s.body.StrokeWidth = errorColor, 1.5
	}
	s.header.Move(at)
	s.header.Resize(fyne.NewSize(w, headerHeight*z))
	s.header.TopLeftCornerRadius, s.header.TopRightCornerRadius = radius, radius
	s.header.FillColor = headerColor(n)
	objs = append(objs, s.body, s.header)

	s.icon.Move(at.AddXY(nodePadding*z, (headerHeight-iconSize)/2*z))
	s.icon.Resize(fyne.NewSquareSize(iconSize * z))
	if s.iconName != n.icon {
		// Image.Refresh rasterises the new SVG (at the size just set).
		s.iconName = n.icon
		s.icon.Resource = r.icon(n.icon)
		s.icon.Refresh()
	}
	objs = append(objs, s.icon)

	m := r.e.measurer
	textWidth := float32(n.width-2*nodePadding) * z
	s.title.Text, s.title.TextSize = n.title, titleTextSize*z
	titleX := (nodePadding + iconSize + 5) * z
	placeLine(m, s.title, at.AddXY(titleX, 0), textWidth-titleX, headerHeight*z)
	s.name.Text, s.name.TextSize, s.name.Color = n.fitName, nameTextSize*z, pal.text
	placeLine(m, s.name, at.AddXY(nodePadding*z, headerHeight*z), textWidth, nameHeight*z)
	objs = append(objs, s.title, s.name)

	for len(s.ports) < len(n.ports) {
		s.ports = append(s.ports, portShape{
			dot:   &fynecanvas.Circle{},
			label: &fynecanvas.Text{Alignment: fyne.TextAlignCenter},
		})
	}
	for j := range n.ports {
		p, ps := &n.ports[j], s.ports[j]
		anchor := at.AddXY(float32(p.center)*z, h)
		d := max(portDot*z, 5)
		ps.dot.Move(anchor.SubtractXY(d/2, d/2))
		ps.dot.Resize(fyne.NewSquareSize(d))
		ps.dot.StrokeWidth = 1.5
		ps.dot.StrokeColor, ps.dot.FillColor = pal.wire, pal.body
		ps.label.Color = pal.muted
		switch {
		case p.dangling:
			ps.dot.StrokeColor, ps.label.Color = errorColor, errorColor
		case p.next != "":
			ps.dot.FillColor = pal.wire
		}
		ps.label.Text, ps.label.TextSize = p.fitLabel, portLabelSize(z)
		pw := float32(p.width) * z
		placeLine(m, ps.label, fyne.NewPos(anchor.X-pw/2, anchor.Y-portRowHeight*z), pw, (portRowHeight-portDot/2)*z)
		objs = append(objs, ps.dot)
		if lod == detailFull {
			objs = append(objs, ps.label)
		}
	}

	if count := look.diags.errors + look.diags.warnings; count > 0 {
		d := max(22*z, 14)
		s.badge.FillColor = warningColor
		if look.diags.errors > 0 {
			s.badge.FillColor = errorColor
		}
		s.badge.StrokeColor, s.badge.StrokeWidth = headerText, 1.5
		// Over the node's top-right corner, like a notification badge, so
		// that it stands out whatever the header's colour.
		s.badge.Move(at.AddXY(w-d*0.7, -d*0.3))
		s.badge.Resize(fyne.NewSquareSize(d))
		s.badgeText.Text, s.badgeText.TextSize = fmt.Sprint(count), d*0.55
		placeLine(m, s.badgeText, s.badge.Position(), d, d)
		objs = append(objs, s.badge, s.badgeText)
	}
	if look.breakpoint {
		d := max(12*z, 9)
		s.breakpoint.StrokeWidth = 1.5
		s.breakpoint.Move(at.AddXY(-d/2, (headerHeight*z-d)/2))
		s.breakpoint.Resize(fyne.NewSquareSize(d))
		objs = append(objs, s.breakpoint)
	}
	if look.waiting {
		label := "Waiting"
		if look.waitingFor != "" {
			label = "Waiting for " + look.waitingFor
		}
		s.waitText.Text, s.waitText.TextSize = label, captionTextSize*z
		// Measured at the size drawn: small text is not the full-size width
		// scaled down, and the pill must hold it at every zoom.
		tw := fyne.MeasureText(label, captionTextSize*z, fyne.TextStyle{}).Width + 12*z
		th := 18 * z
		s.waitBack.CornerRadius = th / 2
		s.waitBack.Move(at.AddXY(w-tw, -th-4*z))
		s.waitBack.Resize(fyne.NewSize(tw, th))
		placeLine(m, s.waitText, s.waitBack.Position().AddXY(6*z, 0), tw, th)
		objs = append(objs, s.waitBack, s.waitText)
	}
	return objs
}

// portLabelSize is the text size of port labels at zoom z. Fyne draws
// small text at whole sizes, rounding up, so a label scaled to a size
// between two would come out wider than its port allows and run into its
// neighbour: below zoom 1 it is drawn at the whole size under the scaled one.
func portLabelSize(z float32) float32 {
	if z >= 1 {
		return portTextSize * z
	}
	return max(float32(math.Floor(float64(portTextSize*z))), 1)
}

// placeLine puts a one-line text at the left of a row, centred vertically.
func placeLine(m *textMeasurer, t *fynecanvas.Text, at fyne.Position, width, height float32) {
	lh := m.lineHeight(t.TextSize)
	t.Move(at.AddXY(0, (height-lh)/2))
	t.Resize(fyne.NewSize(width, lh))
}

// wireShape draws a wire as one curve per segment of its path, ending in an
// arrowhead that shows its direction.
type wireShape struct {
	curves []*fynecanvas.BezierCurve
	arrow  *fynecanvas.ArbitraryPolygon
}

func newWireShape() *wireShape {
	return &wireShape{
		arrow: &fynecanvas.ArbitraryPolygon{Points: []fyne.Position{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 5, Y: 9}}},
	}
}

func (s *wireShape) place(v viewport, path []segment, c color.Color, width float32, objs []fyne.CanvasObject) []fyne.CanvasObject {
	for len(s.curves) < len(path) {
		s.curves = append(s.curves, &fynecanvas.BezierCurve{})
	}
	for k, seg := range path {
		curve := s.curves[k]
		placeCurve(curve, v.toScreen(seg.start), v.toScreen(seg.c1), v.toScreen(seg.c2), v.toScreen(seg.end))
		curve.StrokeColor, curve.StrokeWidth = c, width
		objs = append(objs, curve)
	}
	return s.placeArrow(v, path[len(path)-1].end, c, objs)
}

// placeArrow draws the arrowhead that ends a wire at end (world).
func (s *wireShape) placeArrow(v viewport, tip worldPoint, c color.Color, objs []fyne.CanvasObject) []fyne.CanvasObject {
	end := v.toScreen(tip)
	z := float32(v.zoom)
	aw, al := max(arrowWidth*z, 5), max(arrowLength*z, 4.5)
	s.arrow.Points[1], s.arrow.Points[2] = fyne.NewPos(aw, 0), fyne.NewPos(aw/2, al)
	s.arrow.FillColor = c
	s.arrow.Move(end.SubtractXY(aw/2, al))
	s.arrow.Resize(fyne.NewSize(aw, al))
	return append(objs, s.arrow)
}

// placeCurve sizes a curve to the box around its points, which Fyne's
// BezierCurve wants relative to its own position.
func placeCurve(c *fynecanvas.BezierCurve, start, c1, c2, end fyne.Position) {
	pos, box := boundingBox(start, c1, c2, end)
	c.Move(pos)
	c.Resize(box)
	c.StartPoint, c.EndPoint = start.Subtract(pos), end.Subtract(pos)
	if len(c.ControlPoints) != 2 {
		c.ControlPoints = make([]fyne.Position, 2)
	}
	c.ControlPoints[0], c.ControlPoints[1] = c1.Subtract(pos), c2.Subtract(pos)
}

// iconResource wraps an embedded icon for Fyne, once per name.
func iconResource(name string) fyne.Resource {
	data, ok := icons.SVG(name)
	if !ok {
		data, _ = icons.SVG("legacy")
	}
	return fyne.NewStaticResource(name+".svg", data)
}

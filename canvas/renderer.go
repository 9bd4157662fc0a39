package canvas

import (
	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/schemas"
)

type flowRenderer struct {
	view    *FlowView
	built   uint64 // the view generation the objects were made for
	nodes   []nodeShape
	wires   []wireShape
	objects []fyne.CanvasObject
}

type nodeShape struct {
	body, header *fynecanvas.Rectangle
	title, name  *fynecanvas.Text
	ports        []portShape
}

type portShape struct {
	dot   *fynecanvas.Circle
	label *fynecanvas.Text
}

// wireShape draws a wire as one curve, or two for a back edge (the second
// is hidden otherwise), ending in an arrowhead.
type wireShape struct {
	curves [2]*fynecanvas.BezierCurve
	arrow  *fynecanvas.ArbitraryPolygon
}

// rebuild makes one set of canvas objects for the current graph; Layout
// then only moves them. Wires go first so nodes draw over their ends.
func (r *flowRenderer) rebuild() {
	g := r.view.graph
	r.built = r.view.generation
	r.nodes = make([]nodeShape, len(g.nodes))
	r.wires = make([]wireShape, len(g.wires))
	r.objects = nil // Fyne may still hold the previous slice
	for i := range g.wires {
		w := wireShape{
			curves: [2]*fynecanvas.BezierCurve{{StrokeWidth: 2}, {StrokeWidth: 2}},
			arrow:  &fynecanvas.ArbitraryPolygon{Points: []fyne.Position{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 5, Y: 8}}},
		}
		r.wires[i] = w
		r.objects = append(r.objects, w.curves[0], w.curves[1], w.arrow)
	}
	for i, n := range g.nodes {
		s := nodeShape{
			body:   &fynecanvas.Rectangle{CornerRadius: cornerRadius, StrokeWidth: 1},
			header: &fynecanvas.Rectangle{TopLeftCornerRadius: cornerRadius, TopRightCornerRadius: cornerRadius},
			title:  &fynecanvas.Text{TextSize: titleTextSize, TextStyle: fyne.TextStyle{Bold: true}},
			name:   &fynecanvas.Text{TextSize: nameTextSize},
		}
		// Node widths are fixed per flow, so texts are shortened once here.
		textWidth := nodeSize(n).Width - 2*nodePadding
		s.title.Text = fitText(displayTitle(n), textWidth, s.title.TextSize, s.title.TextStyle)
		s.name.Text = fitText(n.name, textWidth, s.name.TextSize, s.name.TextStyle)
		r.objects = append(r.objects, s.body, s.header, s.title, s.name)
		for j, p := range n.ports {
			ps := portShape{
				dot: &fynecanvas.Circle{StrokeWidth: 1.5},
				label: &fynecanvas.Text{TextSize: portTextSize, Alignment: fyne.TextAlignCenter,
					Text: fitText(p.label, n.portWidths[j]-portGap, portTextSize, fyne.TextStyle{})},
			}
			s.ports = append(s.ports, ps)
			r.objects = append(r.objects, ps.dot, ps.label)
		}
		r.nodes[i] = s
	}
	r.applyColors()
}

func (r *flowRenderer) applyColors() {
	g := r.view.graph
	fg := themeColor(theme.ColorNameForeground)
	body := themeColor(theme.ColorNameOverlayBackground)
	border := themeColor(theme.ColorNameInputBorder)
	wireColor := themeColor(theme.ColorNamePlaceHolder)
	danglingColor := themeColor(theme.ColorNameError)
	for i, s := range r.nodes {
		n := g.nodes[i]
		s.body.FillColor, s.body.StrokeColor = body, border
		s.header.FillColor = headerColor(n)
		s.title.Color = headerText
		s.name.Color = fg
		for j, p := range s.ports {
			p.label.Color = wireColor
			p.dot.StrokeColor = wireColor
			p.dot.FillColor = body
			switch {
			case n.ports[j].dangling:
				p.dot.StrokeColor, p.label.Color = danglingColor, danglingColor
			case n.ports[j].next != "":
				p.dot.FillColor = wireColor
			}
		}
	}
	for _, w := range r.wires {
		w.curves[0].StrokeColor, w.curves[1].StrokeColor = wireColor, wireColor
		w.arrow.FillColor = wireColor
	}
}

func (r *flowRenderer) Layout(size fyne.Size) {
	g := r.view.graph
	for i, s := range r.nodes {
		n := g.nodes[i]
		at := r.view.toScreen(n.pos, size)
		sz := nodeSize(n)
		s.body.Move(at)
		s.body.Resize(sz)
		s.header.Move(at)
		s.header.Resize(fyne.NewSize(sz.Width, headerHeight))
		textWidth := sz.Width - 2*nodePadding
		placeText(s.title, at.AddXY(nodePadding, 0), textWidth, headerHeight)
		placeText(s.name, at.AddXY(nodePadding, headerHeight), textWidth, nameHeight)
		for j, p := range s.ports {
			anchor := at.Add(portAnchor(n, j))
			p.dot.Move(anchor.SubtractXY(portDot/2, portDot/2))
			p.dot.Resize(fyne.NewSquareSize(portDot))
			w := n.portWidths[j]
			placeText(p.label, fyne.NewPos(anchor.X-w/2, anchor.Y-portRowHeight), w, portRowHeight-portDot/2)
		}
	}
	for i, ws := range r.wires {
		wire := g.wires[i]
		from, to := g.nodes[wire.from], g.nodes[wire.to]
		start := r.view.toScreen(from.pos, size).Add(portAnchor(from, wire.port)).AddXY(0, portDot/2)
		end := r.view.toScreen(to.pos, size).Add(inputAnchor(to))
		aside := r.view.toScreen(worldPoint{wire.aside, 0}, size).X
		route := wireRoute(start, end, wire.back, aside)
		for k, curve := range ws.curves {
			if k >= len(route) {
				curve.Hide()
				continue
			}
			placeCurve(curve, route[k])
			curve.Show()
		}
		ws.arrow.Move(end.SubtractXY(5, 8))
		ws.arrow.Resize(fyne.NewSize(10, 8))
	}
}

// placeCurve sizes a curve to the box around its points, which Fyne's
// BezierCurve wants relative to its own position.
func placeCurve(c *fynecanvas.BezierCurve, b bezier) {
	pos, box := boundingBox(b.start, b.c1, b.c2, b.end)
	c.Move(pos)
	c.Resize(box)
	c.StartPoint, c.EndPoint = b.start.Subtract(pos), b.end.Subtract(pos)
	c.ControlPoints = []fyne.Position{b.c1.Subtract(pos), b.c2.Subtract(pos)}
}

// displayTitle marks the types a user should not build on: ones Studio no
// longer offers and ones nobody knows.
func displayTitle(n node) string {
	switch {
	case n.trigger:
		return n.title
	case !n.known:
		return n.title + " (unknown type)"
	case n.maturity == schemas.EndOfLife:
		return n.title + " (end of life)"
	case n.maturity == schemas.Legacy:
		return n.title + " (legacy)"
	}
	return n.title
}

// placeText centres a text vertically in a row of the given height.
func placeText(t *fynecanvas.Text, at fyne.Position, width, height float32) {
	h := t.MinSize().Height
	t.Move(at.AddXY(0, (height-h)/2))
	t.Resize(fyne.NewSize(width, h))
}

// fitText shortens s with an ellipsis until it fits the width.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		if out := string(runes) + "…"; fyne.MeasureText(out, size, style).Width <= width {
			return out
		}
	}
	return ""
}

func (r *flowRenderer) MinSize() fyne.Size { return r.view.ContentSize() }

func (r *flowRenderer) Refresh() {
	if r.built != r.view.generation {
		r.rebuild()
	} else {
		r.applyColors()
	}
	r.Layout(r.view.Size())
	fynecanvas.Refresh(r.view)
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *flowRenderer) Destroy() {}

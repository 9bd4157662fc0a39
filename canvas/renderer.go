package canvas

import (
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
)

// editorRenderer draws only what is in view: it asks the spatial indexes
// for the nodes and wires inside the visible rectangle and binds pooled
// canvas objects to them, in detail when zoomed in, as plain boxes and
// straight lines when zoomed out. Objects() is exactly what is in view, so
// Fyne paints and hit-tests nothing else.
type editorRenderer struct {
	e   *Editor
	pal palette

	background *fynecanvas.Rectangle
	nodeShapes []*nodeShape
	wireShapes []*wireShape
	boxes      []*fynecanvas.Rectangle
	lines      []*fynecanvas.Line
	grid       []*fynecanvas.Line
	icons      map[string]fyne.Resource
	focusRing  *fynecanvas.Rectangle
	overview   *overview

	preview   *wireShape
	keyWire   *wireShape // the wire drawn from the keyboard
	selectBox *fynecanvas.Rectangle
	tip       *tooltip

	// Two object lists, alternated per frame, so the list Fyne may still be
	// walking is never overwritten in place.
	objects [2][]fyne.CanvasObject
	flip    int

	visibleNodes, visibleWires []int

	cover coverageShapes // the test coverage overlay's dashes and veils
}

func newEditorRenderer(e *Editor) *editorRenderer {
	r := &editorRenderer{
		e:          e,
		background: &fynecanvas.Rectangle{},
		icons:      map[string]fyne.Resource{},
		preview:    newWireShape(),
		keyWire:    newWireShape(),
		selectBox:  &fynecanvas.Rectangle{StrokeWidth: 1},
		tip:        newTooltip(),
		focusRing:  &fynecanvas.Rectangle{StrokeWidth: 1.5},
		overview:   newOverview(e),
	}
	r.pal = currentPalette()
	return r
}

func (r *editorRenderer) icon(name string) fyne.Resource {
	res, ok := r.icons[name]
	if !ok {
		res = iconResource(name)
		r.icons[name] = res
	}
	return res
}

func (r *editorRenderer) Layout(size fyne.Size) {
	e := r.e
	resized := size != e.size
	// The selection in view stays in view when the canvas shrinks (the
	// Problems list opening under a widget just added). Moving the canvas
	// into another container lays it out at 0×0 first: compare with the
	// last size it was shown at.
	sel := e.selectionBounds()
	shown := size.Width > 0 && size.Height > 0
	selShown := shown && size != e.shownSize && e.view.showsWhole(sel, e.shownSize)
	e.size = size
	if shown {
		e.shownSize = size
	}
	// Until the user moves the view, a new size (the window opening, then
	// maximised) places the flow anew.
	if (!e.initialView || resized && !e.viewTouched) && size.Width > 0 && size.Height > 0 {
		e.placeInitialView(size)
	}
	if selShown && e.view.panToShow(sel, size) {
		e.viewTouched = true
	}
	r.draw(size)
}

// draw binds canvas objects to what is in view.
func (r *editorRenderer) draw(size fyne.Size) {
	e, g, v := r.e, r.e.graph, r.e.view
	pal := r.pal
	r.flip ^= 1
	objs := r.objects[r.flip][:0]
	r.background.FillColor = pal.background
	r.background.Move(fyne.Position{})
	r.background.Resize(size)
	objs = append(objs, r.background)
	r.visibleNodes, r.visibleWires = r.visibleNodes[:0], r.visibleWires[:0]
	if v.zoom < overviewZoom {
		objs = r.overview.draw(r, size, objs)
		objs = r.drawGesture(objs)
		r.finish(size, objs)
		return
	}
	objs = r.drawGrid(size, objs)

	area := v.visible(size).grow(arrowWidth)
	g.nodeIndex.query(area, func(i int) {
		if g.nodes[i].rect().intersects(area) {
			r.visibleNodes = append(r.visibleNodes, i)
		}
	})
	g.wireIndex.query(area, func(i int) {
		if g.wires[i].box.intersects(area) {
			r.visibleWires = append(r.visibleWires, i)
		}
	})
	slices.Sort(r.visibleNodes)
	slices.Sort(r.visibleWires)

	z := float32(v.zoom)
	lod := v.detail()
	detail := lod > detailBoxes
	wireWidth := max(wireStroke*z, minWireStroke)
	lines := 0
	r.cover.reset()
	for k, wi := range r.visibleWires {
		w := &g.wires[wi]
		c, width := r.wireLook(w, wireWidth)
		from, transition := g.nodes[w.from].name, g.nodes[w.from].ports[w.port].transition
		dashed := false
		if !e.highlight.wireTaken(from, transition) {
			if cc, d, ok := e.coverage.wire(from, transition, c); ok {
				c, dashed = cc, d
				if cc == takenColor {
					width *= 1.5
				}
			}
		}
		if detail {
			if k == len(r.wireShapes) {
				r.wireShapes = append(r.wireShapes, newWireShape())
			}
			if dashed {
				objs = r.cover.dashedPath(v, w.path, c, width, objs)
				objs = r.wireShapes[k].placeArrow(v, w.path[len(w.path)-1].end, c, objs)
				continue
			}
			objs = r.wireShapes[k].place(v, w.path, c, width, objs)
			continue
		}
		// Straight pieces between the path's joints: a routed wire keeps
		// to its channels and lanes when drawn plainly too.
		for _, seg := range w.path {
			if lines == len(r.lines) {
				r.lines = append(r.lines, &fynecanvas.Line{})
			}
			l := r.lines[lines]
			lines++
			l.Position1, l.Position2 = v.toScreen(seg.start), v.toScreen(seg.end)
			l.StrokeColor, l.StrokeWidth = c, max(width*0.75, 1.5)
			objs = append(objs, l)
		}
	}

	target := ""
	if gs := e.gesture; gs != nil && gs.kind == gestureWire && !gs.cancelled {
		target = gs.target
	}
	if kw := e.wiring; kw != nil {
		target = kw.target
	}
	for k, ni := range r.visibleNodes {
		n := &g.nodes[ni]
		look := nodeLook{
			selected: e.selected[n.name], target: n.name == target,
			active: n.name == e.highlight.Active, waiting: n.name == e.highlight.Waiting,
			waitingFor: e.highlight.WaitingFor, breakpoint: e.highlight.breakpoints[n.name],
			diags: e.diags[n.name],
		}
		at := v.toScreen(n.pos)
		if detail {
			if k == len(r.nodeShapes) {
				r.nodeShapes = append(r.nodeShapes, newNodeShape())
			}
			objs = r.nodeShapes[k].place(r, n, look, at, z, lod, objs)
			if e.coverage.unreached[n.name] {
				objs = r.cover.dimNode(v, n, pal.background, objs)
			}
			continue
		}
		if k == len(r.boxes) {
			r.boxes = append(r.boxes, &fynecanvas.Rectangle{})
		}
		b := r.boxes[k]
		b.Move(at)
		b.Resize(fyne.NewSize(float32(n.width)*z, nodeHeight*z))
		b.FillColor, b.StrokeWidth = headerColor(n), 0
		switch {
		case look.active:
			b.StrokeColor, b.StrokeWidth = activeColor, 3
		case look.waiting:
			b.StrokeColor, b.StrokeWidth = waitingColor, 3
		case look.selected || look.target:
			b.StrokeColor, b.StrokeWidth = pal.primary, 2
		case look.diags.errors > 0:
			b.StrokeColor, b.StrokeWidth = errorColor, 2
		case look.diags.warnings > 0:
			b.StrokeColor, b.StrokeWidth = warningColor, 2
		}
		objs = append(objs, b)
		if e.coverage.unreached[n.name] {
			objs = r.cover.dimNode(v, n, pal.background, objs)
		}
	}

	objs = r.drawGesture(objs)
	r.finish(size, objs)
}

// Wire strokes: world width at zoom 1, and the thinnest drawn on screen.
const (
	wireStroke    = 2.5
	minWireStroke = 2
)

// wireLook is a wire's colour and width by its state: taken by a run,
// invalid (an error is about its transition), touching a selected widget,
// or plain.
func (r *editorRenderer) wireLook(w *wire, width float32) (color.Color, float32) {
	e, g := r.e, r.e.graph
	from, to := g.nodes[w.from].name, g.nodes[w.to].name
	transition := g.nodes[w.from].ports[w.port].transition
	switch {
	case e.highlight.wireTaken(from, transition):
		return takenColor, width * 1.8
	case e.diags[from].badPorts[transition]:
		return errorColor, width * 1.4
	case e.selected[from] || e.selected[to]:
		return r.pal.primary, width * 1.4
	}
	return r.pal.wire, width
}

// finish adds what sits over the flow (minimap, then the messages tooltip,
// which must not be hidden under it, then the focus ring) and keeps the
// frame's objects.
func (r *editorRenderer) finish(size fyne.Size, objs []fyne.CanvasObject) {
	e := r.e
	if e.mini != nil {
		objs = e.mini.draw(r, size, objs)
	}
	objs = r.tip.draw(r, size, objs)
	if e.focused {
		// Keys (Delete, arrows, zoom) go to the canvas: say so.
		r.focusRing.FillColor, r.focusRing.StrokeColor = color.Transparent, r.pal.primary
		r.focusRing.Move(fyne.Position{})
		r.focusRing.Resize(size)
		objs = append(objs, r.focusRing)
	}
	r.objects[r.flip] = objs
}

// drawGesture adds what a drag in progress shows: the wire being connected
// or the box being drawn; and the wire being drawn from the keyboard.
func (r *editorRenderer) drawGesture(objs []fyne.CanvasObject) []fyne.CanvasObject {
	v := r.e.view
	if path, ok := r.e.keyWirePath(); ok {
		objs = r.keyWire.place(v, path, r.pal.primary, max(2*float32(v.zoom), 1.5), objs)
	}
	gs := r.e.gesture
	if gs == nil || gs.cancelled {
		return objs
	}
	switch gs.kind {
	case gestureWire:
		i, ok := r.e.graph.byName[gs.from]
		if !ok || gs.port >= len(r.e.graph.nodes[i].ports) {
			return objs
		}
		n := &r.e.graph.nodes[i]
		start := n.portAnchor(gs.port)
		end := v.toWorld(gs.current)
		bend := max(math.Abs(end.Y-start.Y)/2, 30)
		path := []segment{{start, start.add(0, bend), end.add(0, -bend), end}}
		return r.preview.place(v, path, r.pal.primary, max(2*float32(v.zoom), 1.5), objs)
	case gestureBox:
		lo, size := boundingBox(gs.start, gs.current)
		r.selectBox.Move(lo)
		r.selectBox.Resize(size)
		r.selectBox.FillColor, r.selectBox.StrokeColor = r.pal.selectFill, r.pal.primary
		return append(objs, r.selectBox)
	}
	return objs
}

func (r *editorRenderer) MinSize() fyne.Size { return r.e.MinSize() }

// Refresh redraws after a change. Only the background is refreshed on the
// canvas: that repaints the frame without discarding the cached textures of
// every node's text and icon.
func (r *editorRenderer) Refresh() {
	r.pal = currentPalette()
	r.Layout(r.e.Size())
	fynecanvas.Refresh(r.background)
}

func (r *editorRenderer) Objects() []fyne.CanvasObject { return r.objects[r.flip] }

func (r *editorRenderer) Destroy() {}

// Grid lines: every gridLine world units, spaced out by fives when zoomed
// out so that they stay at least minGridGap pixels apart.
const (
	gridLine   = 50
	minGridGap = 18
	maxGrid    = 400 // lines at most, whatever the view's size
)

// drawGrid draws the faint background grid that widgets snap to.
func (r *editorRenderer) drawGrid(size fyne.Size, objs []fyne.CanvasObject) []fyne.CanvasObject {
	v := r.e.view
	step := float64(gridLine)
	for step*v.zoom < minGridGap {
		step *= 5
	}
	vis := v.visible(size)
	c := r.pal.grid
	k := 0
	line := func() *fynecanvas.Line {
		if k == len(r.grid) {
			r.grid = append(r.grid, &fynecanvas.Line{StrokeWidth: 1})
		}
		l := r.grid[k]
		k++
		l.StrokeColor = c
		return l
	}
	for x := math.Ceil(vis.X0/step) * step; x <= vis.X1 && k < maxGrid; x += step {
		l := line()
		sx := v.toScreen(worldPoint{x, 0}).X
		l.Position1, l.Position2 = fyne.NewPos(sx, 0), fyne.NewPos(sx, size.Height)
		objs = append(objs, l)
	}
	for y := math.Ceil(vis.Y0/step) * step; y <= vis.Y1 && k < maxGrid; y += step {
		l := line()
		sy := v.toScreen(worldPoint{0, y}).Y
		l.Position1, l.Position2 = fyne.NewPos(0, sy), fyne.NewPos(size.Width, sy)
		objs = append(objs, l)
	}
	return objs
}

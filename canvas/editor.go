// Package canvas draws a Studio flow as a node graph and lets a user shape
// it: each widget a node at its offset, each connected transition a wire
// from its port to the next widget. Editor keeps the widget's state (view,
// selection, gestures); editorRenderer turns what is in view into Fyne
// canvas objects, the split Fyne's own widgets use. Every change goes
// through the document's undoable operations: the editor keeps no copy of
// the flow beyond what it derives for drawing.
package canvas

import (
	"maps"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// gridSize is the snapping grid, in world units.
const gridSize = 10

// Editor is the interactive graph of one document. Use it from the UI
// goroutine; its own ticker goroutine goes through its Poster.
type Editor struct {
	widget.BaseWidget

	// OnSelectionChanged is called with the sorted selected widget names
	// whenever the selection changes.
	OnSelectionChanged func(names []string)
	// OnWidgetSecondaryTap is called on a right click on a node, with the
	// node's widget name and the click's position in the editor's own
	// coordinates (as DropWidget takes them).
	OnWidgetSecondaryTap func(name string, at fyne.Position)
	// OnCyclePanes is called on F6 (back: Shift+F6) to move the keyboard
	// to the window's next pane.
	OnCyclePanes func(back bool)
	// OnEditWidget is called when Enter or F2 is pressed with one widget
	// selected: the keyboard's way into its inspector.
	OnEditWidget func(name string)
	// OnHint is called with a line saying what the keys do while a wire is
	// drawn from the keyboard (W), and with "" when it ends.
	OnHint func(text string)

	doc     *model.Document
	catalog *schemas.Catalog
	// post hands the auto-scrolling ticker's steps to the UI goroutine.
	post     uiloop.Poster
	cancel   func()
	measurer *textMeasurer
	graph    *graph
	// readOnly editors (FlowView) pan, zoom and select but take no edits;
	// placement then holds a layout for flows that need one.
	readOnly  bool
	placement map[string]model.Position
	// bends are the long wires' routes from the last tidy-up.
	bends bendTable

	view viewport
	// coverage is the test coverage overlay (SetCoverage).
	coverage coverageState
	// initialView is false until the first layout with a real size has
	// placed the view.
	initialView bool
	// viewTouched is set once the user (or the ui) pans or zooms.
	viewTouched bool
	size        fyne.Size
	// shownSize is the last size the editor was laid out at that was not
	// empty.
	shownSize fyne.Size

	selected  map[string]bool
	snap      bool
	diags     map[string]nodeDiagnostics
	highlight highlightState

	inputState
	mini *minimap

	// version counts changes to what is drawn, so the renderer redraws
	// the minimap only when something moved.
	version uint64
}

// inputState is what the pointer and keyboard are doing to the editor
// right now: focus, held modifiers, a press or drag under way, the hovered
// node or port, and the menu a dropped wire opened.
type inputState struct {
	focused  bool
	mods     fyne.KeyModifier
	press    pressState
	gesture  *gesture
	gestures int
	hover    string
	overPort bool
	// autoPanStop ends the ticker that scrolls the view while a drag holds
	// the pointer at its edge; nil when none runs.
	autoPanStop chan struct{}
	// menu is the new-widget picker open after a wire was dropped on empty
	// space, if any.
	menu      *widget.PopUpMenu
	menuModel *fyne.Menu
	// wiring is the wire being drawn from the keyboard (W), if any;
	// hintLeft is set while the hint line says why W drew none, until the
	// next key.
	wiring   *keyWire
	hintLeft bool
}

// NewEditor returns an editor of doc. The catalog supplies titles, port
// labels, icons and colours. A flow whose widgets have no usable offsets
// (or all sit on one spot) is tidied up at once, as an undoable step.
// post runs the editor's background updates on the UI goroutine (nil:
// Fyne's, uiloop.Fyne).
func NewEditor(doc *model.Document, cat *schemas.Catalog, post uiloop.Poster) *Editor {
	e := newEditor(cat, false, post)
	e.SetDocument(doc)
	return e
}

func newEditor(cat *schemas.Catalog, readOnly bool, post uiloop.Poster) *Editor {
	e := &Editor{
		catalog: cat, readOnly: readOnly, post: uiloop.Or(post), measurer: newTextMeasurer(),
		view: viewport{zoom: 1}, selected: map[string]bool{}, snap: true,
		diags: map[string]nodeDiagnostics{},
	}
	e.mini = newMinimap(e)
	e.ExtendBaseWidget(e)
	return e
}

// SetDocument shows another document (another flow opened in the same
// window). Selection, markers and highlight are cleared and the view is
// placed anew.
func (e *Editor) SetDocument(doc *model.Document) {
	if e.cancel != nil {
		e.cancel()
	}
	e.doc = doc
	e.selected = map[string]bool{}
	e.diags = map[string]nodeDiagnostics{}
	e.highlight = highlightState{}
	e.gesture = nil
	e.stopAutoPan()
	e.hover = ""
	e.initialView, e.viewTouched = false, false
	e.placement = nil
	e.bends = bendTable{}
	if e.readOnly && layout.NeedsLayout(doc.Flow()) {
		e.graph = buildGraph(doc.Flow(), e.catalog, e.measurer, nil, nil)
		res := layout.Compute(doc.Flow(), e.layoutOptions(nil))
		e.placement = res.Positions
		e.bends.keep(doc.Flow(), res)
	}
	e.graph = buildGraph(doc.Flow(), e.catalog, e.measurer, e.placement, e.bends)
	e.cancel = doc.Subscribe(e.onChange)
	if !e.readOnly && layout.NeedsLayout(doc.Flow()) {
		if err := e.applyLayout(nil); err != nil {
			fyne.LogError("tidy up a flow without a usable layout", err)
		}
	}
	e.changed()
	e.notifySelection()
}

// Document returns the document shown.
func (e *Editor) Document() *model.Document { return e.doc }

// onChange follows the document: a move or an edit inside widgets patches
// their nodes (cheap whatever the flow's size, so dragging stays fast);
// anything structural rebuilds the graph.
func (e *Editor) onChange(c model.Change) {
	if c.Structure || c.FlowLevel || len(c.Added) > 0 || len(c.Removed) > 0 || len(c.Renamed) > 0 {
		e.rebuild(c.Renamed)
	} else {
		for _, name := range c.Widgets {
			e.refreshWidget(name)
		}
	}
	e.changed()
}

func (e *Editor) rebuild(renamed []model.Rename) {
	e.graph = buildGraph(e.doc.Flow(), e.catalog, e.measurer, e.placement, e.bends)
	before := len(e.selected)
	for _, r := range renamed {
		if e.selected[r.Old] {
			delete(e.selected, r.Old)
			e.selected[r.New] = true
		}
	}
	changed := len(renamed) > 0
	for name := range e.selected {
		if _, ok := e.graph.byName[name]; !ok {
			delete(e.selected, name)
		}
	}
	if changed || len(e.selected) != before {
		e.notifySelection()
	}
}

// refreshWidget re-reads one widget whose content changed without changing
// its wires: its offset, and labels that may have been edited.
func (e *Editor) refreshWidget(name string) {
	i, ok := e.graph.byName[name]
	s := e.doc.Flow().State(name)
	if !ok || s == nil {
		e.rebuild(nil)
		return
	}
	old := &e.graph.nodes[i]
	fresh := readNode(s, e.catalog, e.measurer)
	if len(fresh.ports) != len(old.ports) {
		e.rebuild(nil)
		return
	}
	for p := range fresh.ports {
		fresh.ports[p].wire, fresh.ports[p].dangling = old.ports[p].wire, old.ports[p].dangling
	}
	fresh.in = old.in
	pos := fresh.pos
	if p, ok := e.placement[name]; ok {
		pos = worldPoint{p.X, p.Y}
	} else if !fresh.placed {
		pos = old.pos
	}
	*old = fresh
	e.graph.moveNode(i, pos)
}

// changed records that the flow changed (the minimap redraws its picture)
// and refreshes the drawing once. Changes of view, selection or markers
// only Refresh.
func (e *Editor) changed() {
	e.version++
	e.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	return newEditorRenderer(e)
}

// MinSize is small: the editor pans and zooms over a flow of any size (in
// a scroll container it fills the view and scrolls itself).
func (e *Editor) MinSize() fyne.Size {
	return fyne.NewSize(120, 90)
}

// ContentSize is the size the whole flow takes at zoom 1, margins included.
func (e *Editor) ContentSize() fyne.Size {
	b := e.graph.bounds()
	if b.empty() {
		return fyne.NewSize(2*viewMargin, 2*viewMargin)
	}
	return fyne.NewSize(float32(b.width())+2*viewMargin, float32(b.height())+2*viewMargin)
}

// placeInitialView shows a new flow: whole if it fits at a readable zoom,
// otherwise its top at the smallest readable zoom, around the trigger.
func (e *Editor) placeInitialView(size fyne.Size) {
	e.initialView = true
	b := e.graph.bounds()
	if b.empty() {
		e.view = viewport{zoom: 1, origin: worldPoint{-viewMargin, -viewMargin}}
		return
	}
	e.view.fit(b, size, 1)
	if e.view.zoom >= readableZoom {
		return
	}
	e.view.zoom = readableZoom
	top := worldPoint{b.center().X, b.Y0}
	if t := e.doc.Flow().Trigger(); t != nil {
		if i, ok := e.graph.byName[t.Name()]; ok {
			top = worldPoint{e.graph.nodes[i].rect().center().X, e.graph.nodes[i].pos.Y}
		}
	}
	// Across, show as much of the flow as the width allows: all of it,
	// centred, when it fits without margins; otherwise around the trigger,
	// but never past the flow's own edges.
	visW := float64(size.Width) / e.view.zoom
	x := top.X - visW/2
	if b.width() <= visW {
		x = b.center().X - visW/2
	} else {
		x = min(max(x, b.X0-viewMargin), b.X1+viewMargin-visW)
	}
	e.view.origin = worldPoint{x, top.Y - viewMargin}
}

// layoutOptions tells the tidy-up layout the nodes' real sizes and ports.
func (e *Editor) layoutOptions(only map[string]bool) layout.Options {
	g := e.graph
	opts := layout.Options{
		NodeSize: func(name string) (float64, float64) {
			if i, ok := g.byName[name]; ok {
				return g.nodes[i].width, nodeHeight
			}
			return minNodeWidth, nodeHeight
		},
		PortX: func(name string, t int) float64 {
			if i, ok := g.byName[name]; ok {
				if p := g.nodes[i].portOf(t); p >= 0 {
					return g.nodes[i].ports[p].center
				}
			}
			return minNodeWidth / 2
		},
		LayerGap: 90,
		NodeGap:  50,
		Only:     only,
	}
	if e.snap {
		opts.Grid = gridSize
	}
	return opts
}

// SetSnapToGrid turns snapping of dragged and nudged widgets to the grid on
// or off.
func (e *Editor) SetSnapToGrid(on bool) { e.snap = on }

func (e *Editor) snapped(p worldPoint) worldPoint {
	if !e.snap {
		return p
	}
	return worldPoint{roundTo(p.X, gridSize), roundTo(p.Y, gridSize)}
}

func roundTo(v, step float64) float64 {
	return math.Round(v/step) * step
}

// Selection returns the selected widget names, sorted.
func (e *Editor) Selection() []string {
	return slices.Sorted(maps.Keys(e.selected))
}

// SetSelection selects exactly the named widgets (unknown names are
// ignored).
func (e *Editor) SetSelection(names []string) {
	next := map[string]bool{}
	for _, n := range names {
		if _, ok := e.graph.byName[n]; ok {
			next[n] = true
		}
	}
	e.replaceSelection(next)
}

func (e *Editor) replaceSelection(next map[string]bool) {
	same := len(next) == len(e.selected)
	for n := range next {
		same = same && e.selected[n]
	}
	e.selected = next
	if !same {
		e.notifySelection()
		e.Refresh()
	}
}

func (e *Editor) notifySelection() {
	if e.OnSelectionChanged != nil {
		e.OnSelectionChanged(e.Selection())
	}
}

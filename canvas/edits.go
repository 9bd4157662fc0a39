package canvas

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// DeleteSelection removes the selected widgets (never the trigger) as one
// step; transitions that pointed at them are left unconnected.
func (e *Editor) DeleteSelection() {
	if e.readOnly {
		return
	}
	var names []string
	for _, n := range e.Selection() {
		if i, ok := e.graph.byName[n]; ok && !e.graph.nodes[i].trigger {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return
	}
	e.apply(model.RemoveWidgets(names...))
}

// nudge moves the selection by (dx, dy) world units; presses in a row undo
// as one step.
func (e *Editor) nudge(dx, dy float64) {
	if e.readOnly || len(e.selected) == 0 {
		return
	}
	positions := make(map[string]model.Position, len(e.selected))
	for n := range e.selected {
		if i, ok := e.graph.byName[n]; ok {
			p := e.graph.nodes[i].pos
			positions[n] = model.Position{X: p.X + dx, Y: p.Y + dy}
		}
	}
	// Presses in a row on the same selection are one step.
	key := fmt.Sprintf("canvas-nudge-%p-%s", e, strings.Join(e.Selection(), "\x00"))
	if err := e.doc.ApplyCoalesced(model.MoveWidgets(positions), key); err != nil {
		fyne.LogError("move widgets", err)
	}
}

// DropWidget adds a widget of type typ with the catalog's defaults, its
// top-left corner at the world point under at (a position in the editor's
// own coordinates), as one undoable step, and selects it.
func (e *Editor) DropWidget(typ string, at fyne.Position) (string, error) {
	if e.readOnly {
		return "", errors.New("this view of the flow is read-only")
	}
	wt, ok := lookup(e.catalog, typ)
	if !ok {
		return "", fmt.Errorf("add widget: %q is not a widget type Studio knows", typ)
	}
	w := e.view.toWorld(at)
	name := model.FreshName(e.doc.Flow(), wt.NameBase)
	if err := e.doc.Apply(model.AddWidget(wt.NewState(name, roundTo(w.X, 1), roundTo(w.Y, 1)), -1)); err != nil {
		return "", fmt.Errorf("add %s: %w", wt.Title, err)
	}
	e.SetSelection([]string{name})
	e.keepInView(name)
	return name, nil
}

// createConnected adds a widget of type typ below the dropped wire's end,
// with the port from/port connected to it, as one undoable step.
func (e *Editor) createConnected(from string, port int, typ string, at worldPoint) (string, error) {
	wt, ok := lookup(e.catalog, typ)
	if !ok {
		return "", fmt.Errorf("add widget: %q is not a widget type Studio knows", typ)
	}
	name := model.FreshName(e.doc.Flow(), wt.NameBase)
	corner := e.snapped(at.add(-minNodeWidth/2, 0))
	op := model.Batch(fmt.Sprintf("Add %s after %s", name, from),
		model.AddWidget(wt.NewState(name, corner.X, corner.Y), -1),
		e.connectOp(from, port, name))
	if err := e.doc.Apply(op); err != nil {
		return "", fmt.Errorf("add %s after %s: %w", wt.Title, from, err)
	}
	e.SetSelection([]string{name})
	return name, nil
}

// compatibleTypes lists the library types that can follow port `port` of
// node n: no voice widgets after a messaging start and the reverse (the
// channel a trigger port starts is the catalog's).
func (e *Editor) compatibleTypes(n *node, port int) []schemas.WidgetType {
	if e.catalog == nil {
		return nil
	}
	channel := schemas.AnyChannel
	if wt, ok := lookup(e.catalog, n.typ); ok {
		channel = wt.Channel
	}
	if n.trigger && port < len(n.ports) {
		channel = schemas.EntryChannel(n.ports[port].event)
	}
	var out []schemas.WidgetType
	for _, sec := range e.catalog.Library() {
		for _, wt := range sec.Types {
			switch {
			case channel == schemas.VoiceChannel && wt.Channel == schemas.MessagingChannel,
				channel == schemas.MessagingChannel && wt.Channel == schemas.VoiceChannel:
				continue
			}
			out = append(out, wt)
		}
	}
	return out
}

// showNewWidgetMenu offers, where an open port's wire was dropped, the
// widgets that can follow it; picking one creates it already connected.
func (e *Editor) showNewWidgetMenu(from string, port int, at fyne.Position) {
	i, ok := e.graph.byName[from]
	if !ok {
		return
	}
	world := e.view.toWorld(at)
	var items []*fyne.MenuItem
	var section schemas.Category
	for _, wt := range e.compatibleTypes(&e.graph.nodes[i], port) {
		if wt.Category != section {
			if section != "" {
				items = append(items, fyne.NewMenuItemSeparator())
			}
			section = wt.Category
			items = append(items, &fyne.MenuItem{Label: string(section), Disabled: true})
		}
		typ := wt.Type
		items = append(items, fyne.NewMenuItem(wt.Title, func() {
			e.menu = nil
			if _, err := e.createConnected(from, port, typ, world); err != nil {
				fyne.LogError("add a connected widget", err)
			}
		}))
	}
	app := fyne.CurrentApp()
	c := app.Driver().CanvasForObject(e)
	if c == nil || len(items) == 0 {
		return
	}
	e.menuModel = fyne.NewMenu("Add widget", items...)
	e.menu = widget.NewPopUpMenu(e.menuModel, c)
	e.menu.ShowAtPosition(app.Driver().AbsolutePositionForObject(e).Add(at))
}

package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/assets/icons"
	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/schemas"
)

// Library is the widget palette: the catalog's sections with a search box.
// An item dragged onto the canvas is dropped there; a double-click (or
// Enter in the search box) adds it in free space near the selection.
type Library struct {
	cat     *schemas.Catalog
	search  *textField
	list    *fyne.Container
	object  fyne.CanvasObject
	items   []*libraryItem
	headers map[schemas.Category]fyne.CanvasObject
	keys    *libraryKeys

	// OnAdd adds a widget in free space near the selection or the view's
	// centre (double-click or Enter).
	OnAdd func(typ string)
	// OnEnter adds the first match of the search when Enter is pressed in
	// it (the window also takes the keyboard on to the new widget's
	// inspector); OnAdd when nil.
	OnEnter func(typ string)
	// OnDrop is called when an item is released at an absolute window
	// position; it reports whether it landed on the canvas.
	OnDrop func(typ string, abs fyne.Position) bool
	// OnDragMove follows the pointer while an item is dragged (the type's
	// title and the absolute position), to draw the drag ghost; dragging
	// is false when the drag ended.
	OnDragMove func(title string, abs fyne.Position, dragging bool)
}

// categoryColor tints each library section as the canvas colours node
// headers and the inspector its type tile: one colour per category.
func categoryColor(c schemas.Category) color.Color { return look.CategoryColor(c) }

// NewLibrary builds the palette from the catalog's library sections.
func NewLibrary(cat *schemas.Catalog) *Library {
	l := &Library{cat: cat, headers: map[schemas.Category]fyne.CanvasObject{}}
	l.search = newTextField(false, nil)
	l.search.SetPlaceHolder("Search widgets")
	l.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.search.OnChanged = l.filter
	l.search.OnSubmitted = func(string) {
		for _, it := range l.items {
			if !it.Visible() {
				continue
			}
			l.add(it.wt.Type)
			return
		}
	}
	l.list = container.NewVBox()
	for _, sec := range cat.Library() {
		if len(sec.Types) == 0 {
			continue
		}
		h := newMutedLabel(strings.ToUpper(string(sec.Category)), theme.SizeNameText, true)
		l.headers[sec.Category] = h
		l.list.Add(h)
		for _, wt := range sec.Types {
			it := newLibraryItem(l, wt)
			l.items = append(l.items, it)
			l.list.Add(it)
		}
	}
	l.keys = newLibraryKeys(l, l.list)
	hint := hintLabel("Drag onto the canvas, or double-click to add.")
	title := heading("Widget library")
	l.object = borderInOrder(container.NewVBox(title, l.search), hint, container.NewVScroll(l.keys))
	return l
}

// Object is the palette's view.
func (l *Library) Object() fyne.CanvasObject { return l.object }

// filter shows the items whose title, type or section contains the text.
func (l *Library) filter(text string) {
	text = strings.ToLower(strings.TrimSpace(text))
	shown := map[schemas.Category]bool{}
	for _, it := range l.items {
		match := text == "" || strings.Contains(strings.ToLower(it.wt.Title), text) ||
			strings.Contains(it.wt.Type, text) || strings.Contains(strings.ToLower(string(it.wt.Category)), text)
		if match {
			it.Show()
			shown[it.wt.Category] = true
		} else {
			it.Hide()
		}
	}
	for c, h := range l.headers {
		if shown[c] {
			h.Show()
		} else {
			h.Hide()
		}
	}
	l.list.Refresh()
}

// VisibleTypes lists the types the search leaves visible, in order.
func (l *Library) VisibleTypes() []string {
	var out []string
	for _, it := range l.items {
		if it.Visible() {
			out = append(out, it.wt.Type)
		}
	}
	return out
}

// libraryItem is one draggable entry of the palette.
type libraryItem struct {
	widget.BaseWidget
	lib     *Library
	wt      schemas.WidgetType
	dragged bool
	last    fyne.Position // absolute pointer position during a drag
	bg      *fynecanvas.Rectangle
	keyed   bool // the keyboard is on it (libraryKeys)
}

func newLibraryItem(l *Library, wt schemas.WidgetType) *libraryItem {
	it := &libraryItem{lib: l, wt: wt}
	it.ExtendBaseWidget(it)
	return it
}

func (it *libraryItem) CreateRenderer() fyne.WidgetRenderer {
	it.bg = fynecanvas.NewRectangle(color.Transparent)
	it.bg.CornerRadius = theme.InputRadiusSize()
	if on := it.keyed; on {
		it.keyed = false
		defer it.setKeyed(on)
	}
	title := widget.NewLabel(it.wt.Title)
	// A long name wraps rather than widening the library or being cut:
	// at 1024×700 "Send & Wait For Reply" takes two lines.
	title.Wrapping = fyne.TextWrapWord
	row := container.NewBorder(nil, nil, container.NewCenter(typeTile(it.wt)), nil, title)
	return widget.NewSimpleRenderer(container.NewStack(it.bg, container.NewPadded(row)))
}

// typeTile is the widget type's icon, white on its section's colour, as
// the canvas draws it in node headers.
func typeTile(wt schemas.WidgetType) fyne.CanvasObject {
	bg := fynecanvas.NewRectangle(categoryColor(wt.Category))
	bg.CornerRadius = 5
	const side = 26
	bg.SetMinSize(fyne.NewSize(side, side))
	svg, ok := icons.SVG(wt.Icon)
	if !ok {
		return bg
	}
	img := fynecanvas.NewImageFromResource(fyne.NewStaticResource(wt.Icon+".svg", svg))
	img.FillMode = fynecanvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(side-10, side-10))
	return container.NewStack(bg, container.NewCenter(img))
}

// Tapped is part of fyne.Tappable (a click alone does nothing; the item
// needs a drag or a double-click).
func (it *libraryItem) Tapped(*fyne.PointEvent) {}

// DoubleTapped adds the widget in free space (see Library.OnAdd).
func (it *libraryItem) DoubleTapped(*fyne.PointEvent) {
	if it.lib.OnAdd != nil {
		it.lib.OnAdd(it.wt.Type)
	}
}

// Dragged is part of fyne.Draggable.
func (it *libraryItem) Dragged(e *fyne.DragEvent) {
	it.dragged = true
	it.last = e.AbsolutePosition
	if it.lib.OnDragMove != nil {
		it.lib.OnDragMove(it.wt.Title, e.AbsolutePosition, true)
	}
}

// DragEnd drops the widget where the pointer was released.
func (it *libraryItem) DragEnd() {
	if !it.dragged {
		return
	}
	it.dragged = false
	if it.lib.OnDragMove != nil {
		it.lib.OnDragMove(it.wt.Title, it.last, false)
	}
	if it.lib.OnDrop != nil {
		it.lib.OnDrop(it.wt.Type, it.last)
	}
}

// MouseIn, MouseMoved and MouseOut highlight the item under the pointer.
func (it *libraryItem) MouseIn(*desktop.MouseEvent) { it.setHovered(true) }

// MouseMoved is part of desktop.Hoverable.
func (it *libraryItem) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (it *libraryItem) MouseOut() { it.setHovered(false) }

func (it *libraryItem) setHovered(on bool) {
	if it.bg == nil {
		return
	}
	if on {
		it.bg.FillColor = theme.Color(theme.ColorNameHover)
	} else {
		it.bg.FillColor = color.Transparent
	}
	it.bg.Refresh()
}

package kbd

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Radio is a radio group for the keyboard. Fyne's RadioGroup gives the
// keyboard to items of its own that swallow every key; Radio's items take
// Space (choose this one) and the arrows (choose the previous or next one,
// and take the keyboard there), and pass every other key (Escape to close
// a dialog, F6, F10…) on to the window's key handler. Choosing the chosen
// option again keeps it (as RadioGroup's Required): only SetSelected("")
// clears the choice.
type Radio struct {
	widget.BaseWidget
	Options    []string
	Selected   string
	Horizontal bool
	OnChanged  func(string)

	items []*radioItem
	box   *fyne.Container
}

// NewRadio is widget.NewRadioGroup as a Radio.
func NewRadio(options []string, changed func(string)) *Radio {
	return extended(&Radio{Options: options, OnChanged: changed})
}

// SetSelected chooses the option (none when it is not one), calling
// OnChanged when that changes the choice.
func (r *Radio) SetSelected(option string) {
	if !slices.Contains(r.Options, option) {
		option = ""
	}
	if r.Selected == option {
		return
	}
	r.Selected = option
	r.Refresh()
	if r.OnChanged != nil {
		r.OnChanged(option)
	}
}

// Items are the focusable items, one per option, for tests and focus.
func (r *Radio) Items() []fyne.Focusable {
	r.sync()
	out := make([]fyne.Focusable, len(r.items))
	for i, it := range r.items {
		out[i] = it
	}
	return out
}

// CreateRenderer is part of fyne.Widget.
func (r *Radio) CreateRenderer() fyne.WidgetRenderer {
	r.sync()
	return &radioRenderer{r: r}
}

// Refresh is part of fyne.Widget.
func (r *Radio) Refresh() {
	r.sync()
	r.BaseWidget.Refresh()
}

// sync makes one item per option, in a row when Horizontal.
func (r *Radio) sync() {
	if r.box == nil {
		r.box = container.NewVBox()
	}
	if len(r.items) != len(r.Options) {
		r.items = make([]*radioItem, len(r.Options))
		for i := range r.Options {
			r.items[i] = newRadioItem(r, i)
		}
	}
	objs := make([]fyne.CanvasObject, len(r.items))
	for i, it := range r.items {
		it.show(r.Options[i], r.Options[i] == r.Selected)
		objs[i] = it
	}
	r.box.Objects = objs
	if r.Horizontal {
		r.box.Layout = layout.NewHBoxLayout()
	} else {
		r.box.Layout = layout.NewVBoxLayout()
	}
}

// step chooses the option n places from item i (wrapping round) and gives
// its item the keyboard.
func (r *Radio) step(i, n int) {
	if len(r.items) == 0 {
		return
	}
	j := ((i+n)%len(r.items) + len(r.items)) % len(r.items)
	r.SetSelected(r.Options[j])
	if c := CanvasOf(r); c != nil {
		c.Focus(r.items[j])
	}
}

type radioRenderer struct{ r *Radio }

func (rr *radioRenderer) Layout(s fyne.Size)           { rr.r.box.Resize(s) }
func (rr *radioRenderer) MinSize() fyne.Size           { return rr.r.box.MinSize() }
func (rr *radioRenderer) Refresh()                     { rr.r.box.Refresh() }
func (rr *radioRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{rr.r.box} }
func (rr *radioRenderer) Destroy()                     {}

// radioItem is one option of a Radio: its mark and its label.
type radioItem struct {
	widget.BaseWidget
	group *Radio
	at    int
	icon  *widget.Icon
	label *widget.Label
}

func newRadioItem(g *Radio, at int) *radioItem {
	return extended(&radioItem{group: g, at: at, icon: widget.NewIcon(theme.RadioButtonIcon()), label: widget.NewLabel("")})
}

func (it *radioItem) show(text string, chosen bool) {
	res := theme.RadioButtonIcon()
	if chosen {
		res = theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon())
	}
	it.icon.SetResource(res)
	it.label.SetText(text)
}

// CreateRenderer is part of fyne.Widget.
func (it *radioItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewHBox(it.icon, it.label))
}

// Tapped chooses the item and gives it the keyboard.
func (it *radioItem) Tapped(*fyne.PointEvent) { it.group.step(it.at, 0) }

// FocusGained is part of fyne.Focusable (the Ring shows the focus).
func (it *radioItem) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (it *radioItem) FocusLost() {}

// TypedRune chooses the item on Space.
func (it *radioItem) TypedRune(r rune) {
	if r == ' ' {
		it.group.SetSelected(it.group.Options[it.at])
	}
}

// TypedKey moves the choice with the arrows and passes the other keys on.
func (it *radioItem) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyLeft:
		it.group.step(it.at, -1)
	case fyne.KeyDown, fyne.KeyRight:
		it.group.step(it.at, 1)
	case fyne.KeySpace: // comes again as a rune
	default:
		PassKey(it, ev)
	}
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// keyMenuGeometry is where the keyboard menu's boxes and rows are, in the
// window's coordinates, for drawing and for the mouse.
type keyMenuGeometry struct {
	boxes []menuBox
}

type menuBox struct {
	pos, size fyne.Position
	rows      []menuRow
}

type menuRow struct {
	top, height float32
}

// hit finds the box and row at p: inside is false outside every box; row
// is -1 on a box's margin.
func (g keyMenuGeometry) hit(p fyne.Position) (level, row int, inside bool) {
	for l := len(g.boxes) - 1; l >= 0; l-- {
		b := g.boxes[l]
		if p.X < b.pos.X || p.Y < b.pos.Y || p.X >= b.pos.X+b.size.X || p.Y >= b.pos.Y+b.size.Y {
			continue
		}
		for i, r := range b.rows {
			if r.height > 0 && p.Y >= b.pos.Y+r.top && p.Y < b.pos.Y+r.top+r.height {
				return l, i, true
			}
		}
		return l, -1, true
	}
	return 0, -1, false
}

// barHeight is the height of the menu bar Fyne draws above the content (0
// where it draws none, as in the test driver).
func (k *keyMenu) barHeight() float32 {
	if c := k.canvas.Content(); c != nil {
		return c.Position().Y
	}
	return 0
}

func textWidth(s string) float32 {
	return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width
}

// titleLeft is where Fyne 2.8.1's menu bar puts title i: its items sit
// InnerPadding in, Padding apart, each its text plus InnerPadding a side.
func (k *keyMenu) titleLeft(i int) (left, width float32) {
	in, pad := theme.InnerPadding(), theme.Padding()
	left = in
	for j := 0; j < i && j < len(k.menus); j++ {
		left += textWidth(k.menus[j].Label) + 2*in + pad
	}
	return left, textWidth(k.menus[i].Label) + 2*in
}

// titleAt is the index of the bar's title at p, or -1.
func (k *keyMenu) titleAt(p fyne.Position) int {
	if p.Y < 0 || p.Y >= k.barHeight() {
		return -1
	}
	for i := range k.menus {
		if left, w := k.titleLeft(i); p.X >= left && p.X < left+w {
			return i
		}
	}
	return -1
}

type keyMenuRenderer struct {
	k    *keyMenu
	objs []fyne.CanvasObject
}

func (r *keyMenuRenderer) Destroy()                     {}
func (r *keyMenuRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *keyMenuRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *keyMenuRenderer) Objects() []fyne.CanvasObject { return r.objs }

// Refresh redraws the bar's titles with their letters underlined, the
// open menu's title highlighted, and each open menu box.
func (r *keyMenuRenderer) Refresh() {
	k := r.k
	r.objs = r.objs[:0]
	k.geo = keyMenuGeometry{}
	if !k.shown || len(k.levels) == 0 {
		return
	}
	in := theme.InnerPadding()
	fg := theme.Color(theme.ColorNameForeground)
	bar := k.barHeight()
	if bar > 0 {
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		bg.Resize(fyne.NewSize(k.Size().Width, bar))
		r.objs = append(r.objs, bg)
		for i, m := range k.menus {
			left, w := k.titleLeft(i)
			if i == k.at {
				hl := canvas.NewRectangle(theme.Color(theme.ColorNameFocus))
				hl.CornerRadius = theme.SelectionRadiusSize()
				hl.Move(fyne.NewPos(left, 0))
				hl.Resize(fyne.NewSize(w, bar))
				r.objs = append(r.objs, hl)
			}
			t := canvas.NewText(underlined(m.Label, k.letters.title(m)), fg)
			t.Move(fyne.NewPos(left+in, in/2))
			t.Resize(t.MinSize())
			r.objs = append(r.objs, t)
		}
	}
	left, _ := k.titleLeft(k.at)
	pos := fyne.NewPos(left, bar)
	for l, level := range k.levels {
		if l > 0 {
			prev := k.geo.boxes[l-1]
			row := prev.rows[k.levels[l-1].active]
			pos = fyne.NewPos(prev.pos.X+prev.size.X, prev.pos.Y+row.top)
		}
		pos = r.drawBox(level, pos)
	}
}

// drawBox draws one menu box at pos (moved in to fit the window) and
// records its geometry; it returns where it went.
func (r *keyMenuRenderer) drawBox(level *menuLevel, pos fyne.Position) fyne.Position {
	k := r.k
	in, pad := theme.InnerPadding(), theme.Padding()
	icon := theme.IconInlineSize()
	textH := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height
	rowH := textH + 2*in

	checkSpace, child := float32(0), false
	var textW, keysW float32
	for _, it := range level.menu.Items {
		if it.Checked {
			checkSpace = icon + in
		}
		child = child || it.ChildMenu != nil
		textW = max(textW, textWidth(it.Label))
		keysW = max(keysW, textWidth(shortcutText(it.Shortcut)))
	}
	width := in + checkSpace + textW + in
	if keysW > 0 {
		width += in + keysW
	}
	if child {
		width += icon
	}
	box := menuBox{}
	height := pad / 2
	for _, it := range level.menu.Items {
		h := rowH
		if it.IsSeparator {
			h = pad
		}
		box.rows = append(box.rows, menuRow{top: height, height: h})
		height += h
	}
	height += pad / 2
	area := k.Size()
	pos.X = max(0, min(pos.X, area.Width-width))
	pos.Y = max(0, min(pos.Y, area.Height-height))
	box.pos, box.size = pos, fyne.NewPos(width, height)
	k.geo.boxes = append(k.geo.boxes, box)

	bg := canvas.NewRectangle(theme.Color(theme.ColorNameMenuBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameMenuRadius)
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.Move(pos)
	bg.Resize(fyne.NewSize(width, height))
	r.objs = append(r.objs, bg)

	for i, it := range level.menu.Items {
		row := box.rows[i]
		top := pos.Y + row.top
		if it.IsSeparator {
			line := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
			line.Move(fyne.NewPos(pos.X, top+pad/2))
			line.Resize(fyne.NewSize(width, 1))
			r.objs = append(r.objs, line)
			continue
		}
		if i == level.active {
			hl := canvas.NewRectangle(theme.Color(theme.ColorNameFocus))
			hl.CornerRadius = theme.Size(theme.SizeNameMenuRadius)
			hl.Move(fyne.NewPos(pos.X+pad/2, top))
			hl.Resize(fyne.NewSize(width-pad, row.height))
			r.objs = append(r.objs, hl)
		}
		fg := theme.Color(theme.ColorNameForeground)
		if it.Disabled {
			fg = theme.Color(theme.ColorNameDisabled)
		}
		if it.Checked {
			img := canvas.NewImageFromResource(theme.ConfirmIcon())
			img.Move(fyne.NewPos(pos.X+in, top+(row.height-icon)/2))
			img.Resize(fyne.NewSquareSize(icon))
			r.objs = append(r.objs, img)
		}
		t := canvas.NewText(underlined(it.Label, k.letters.of(it)), fg)
		t.Move(fyne.NewPos(pos.X+in+checkSpace, top+in))
		t.Resize(t.MinSize())
		r.objs = append(r.objs, t)
		if s := shortcutText(it.Shortcut); s != "" {
			st := canvas.NewText(s, theme.Color(theme.ColorNamePlaceHolder))
			st.Resize(st.MinSize())
			right := pos.X + width - in
			if child {
				right -= icon
			}
			st.Move(fyne.NewPos(right-st.MinSize().Width, top+in))
			r.objs = append(r.objs, st)
		}
		if it.ChildMenu != nil {
			img := canvas.NewImageFromResource(theme.MenuExpandIcon())
			img.Move(fyne.NewPos(pos.X+width-in/2-icon, top+(row.height-icon)/2))
			img.Resize(fyne.NewSquareSize(icon))
			r.objs = append(r.objs, img)
		}
	}
	return pos
}

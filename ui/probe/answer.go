package probe

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Answer answers one request line (on the UI goroutine).
func Answer(a fyne.App, request string) string {
	fields := strings.Split(request, "\t")
	if fields[0] == "windows" && len(fields) == 1 {
		titles := []string{"windows"}
		for _, w := range a.Driver().AllWindows() {
			titles = append(titles, clean(w.Title()))
		}
		return strings.Join(titles, "\t")
	}
	answer := windowRequest(fields[0], len(fields)-1)
	if answer == nil {
		return "error\tunknown request " + clean(request)
	}
	w := window(a, fields[1])
	if w == nil {
		return "error\tno window titled " + fields[1]
	}
	return answer(a, w, fields[2:])
}

// windowAnswer answers a request about window w; args are the request's
// fields after the window's title.
type windowAnswer func(a fyne.App, w fyne.Window, args []string) string

// windowRequest is the answer to the request named name about one window
// (its title the first of n arguments), nil when there is no such request
// or n does not fit it.
func windowRequest(name string, n int) windowAnswer {
	switch {
	case name == "texts" && n == 1:
		return answerTexts
	case name == "focused" && n == 1:
		return answerFocused
	case name == "focusbox" && n == 1:
		return answerFocusBox
	case name == "checked" && n == 2:
		return answerChecked
	case name == "box" && n == 2:
		return answerBox
	case name == "where" && (n == 2 || n == 3):
		return answerWhere
	}
	return nil
}

// answerTexts: every text w shows.
func answerTexts(_ fyne.App, w fyne.Window, _ []string) string {
	texts := []string{"texts"}
	visit(w, func(o fyne.CanvasObject, text string) bool {
		texts = append(texts, clean(text))
		return false
	})
	return strings.Join(texts, "\t")
}

// focusedIn is the object holding the keyboard in w; false when none does.
func focusedIn(w fyne.Window) (fyne.CanvasObject, bool) {
	f, ok := w.Canvas().Focused().(fyne.CanvasObject)
	return f, ok
}

// answerFocused: what the focused object shows, else its Go type.
func answerFocused(_ fyne.App, w fyne.Window, _ []string) string {
	f, ok := focusedIn(w)
	if !ok {
		return "error\tnothing focused in " + w.Title()
	}
	if e := embeddedEntry(f); e != nil {
		f = e
	}
	text, ok := textOf(f)
	if !ok {
		text = fmt.Sprintf("%T", f) // nothing to read: say what it is
	}
	return "focused\t" + clean(text)
}

// answerFocusBox: the focused object's Go type and the part of its box the
// scrolls around it show.
func answerFocusBox(a fyne.App, w fyne.Window, _ []string) string {
	f, ok := focusedIn(w)
	if !ok {
		return "error\tnothing focused in " + w.Title()
	}
	// The part of it that shows: cut to the scrolls around it.
	d := a.Driver()
	at := d.AbsolutePositionForObject(f)
	end := at.Add(fyne.NewPos(f.Size().Width, f.Size().Height))
	for _, s := range scrollsAround(w, f) {
		sAt := d.AbsolutePositionForObject(s)
		at = fyne.NewPos(max(at.X, sAt.X), max(at.Y, sAt.Y))
		end = fyne.NewPos(min(end.X, sAt.X+s.Size().Width), min(end.Y, sAt.Y+s.Size().Height))
	}
	scale := w.Canvas().Scale()
	return fmt.Sprintf("focusbox\t%T\t%d\t%d\t%d\t%d", f, int(at.X*scale), int(at.Y*scale), int(max(0, end.X-at.X)*scale), int(max(0, end.Y-at.Y)*scale))
}

// answerChecked: whether the check box labelled args[0] is checked.
func answerChecked(_ fyne.App, w fyne.Window, args []string) string {
	var box *widget.Check
	visit(w, func(o fyne.CanvasObject, text string) bool {
		if c := checkOf(o); c != nil && text == args[0] {
			box = c
		}
		return box != nil
	})
	if box == nil {
		return "error\tno check box " + args[0] + " in " + w.Title()
	}
	return fmt.Sprintf("checked\t%v", box.Checked)
}

// answerBox: where the field holding args[0] is, else the first object
// showing it, and its size.
func answerBox(a fyne.App, w fyne.Window, args []string) string {
	var found fyne.CanvasObject
	walkAll(w, func(o fyne.CanvasObject) bool {
		if e := embeddedEntry(o); e != nil && e.Text == args[0] {
			found = o
		}
		return found != nil
	})
	if found == nil {
		found = find(w, args[0], 1)
	}
	if found == nil {
		return "error\tno " + args[0] + " in " + w.Title()
	}
	at := a.Driver().AbsolutePositionForObject(found)
	scale := w.Canvas().Scale()
	px := func(v float32) string { return fmt.Sprint(int(v * scale)) }
	return strings.Join([]string{"box", px(at.X), px(at.Y), px(found.Size().Width), px(found.Size().Height)}, "\t")
}

// answerWhere: the centre of the first (or args[1]th) object showing
// args[0], and whether a scroll hides it.
func answerWhere(a fyne.App, w fyne.Window, args []string) string {
	nth := 1
	if len(args) == 2 {
		if _, err := fmt.Sscan(args[1], &nth); err != nil || nth < 1 {
			return "error\tnot a match number: " + clean(args[1])
		}
	}
	found := find(w, args[0], nth)
	if found == nil {
		return "error\tno " + args[0] + " in " + w.Title()
	}
	d := a.Driver()
	pos := d.AbsolutePositionForObject(found).Add(fyne.NewPos(found.Size().Width/2, found.Size().Height/2))
	if c := checkOf(found); c != nil { // its box, at the left
		pos = d.AbsolutePositionForObject(found).Add(fyne.NewPos(c.Size().Height/2, c.Size().Height/2))
	}
	scale := w.Canvas().Scale()
	px := func(p fyne.Position) string { return fmt.Sprintf("%d\t%d", int(p.X*scale), int(p.Y*scale)) }
	for _, s := range scrollsAround(w, found) { // outermost first
		at := d.AbsolutePositionForObject(s)
		if !inside(pos, at, s.Size()) {
			return "at\t" + px(pos) + "\thidden\t" + px(at.Add(fyne.NewPos(s.Size().Width-4, s.Size().Height/2)))
		}
	}
	shown := "shown"
	if !inside(pos, fyne.NewPos(0, 0), w.Canvas().Size()) {
		shown = "hidden"
	}
	return "at\t" + px(pos) + "\t" + shown
}

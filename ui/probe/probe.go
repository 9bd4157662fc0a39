// Package probe lets an end-to-end test see what the running application
// shows: which windows are open, the texts they show, and where a text is,
// so the test can click it with real X events and wait on what the window
// says instead of on time. It only observes. The application serves it
// only when STUDIOFLOW_PROBE names a Unix socket to listen on (the e2e
// tests set it); otherwise it does nothing.
//
// The protocol is one request line, one answer line, fields separated by
// tabs:
//
//	windows                → windows	TITLE	TITLE…
//	texts	TITLE          → texts	TEXT	TEXT…   (the first window whose title contains TITLE)
//	where	TITLE	TEXT [N] → at	X	Y	SHOWN [WX	WY]  (the centre of the first, or Nth, object
//	                   showing TEXT, in window pixels; SHOWN is "hidden" when a scroll hides it,
//	                   and WX WY is then a point on that scroll's right edge for the mouse wheel)
//	focused	TITLE          → focused	TEXT         (what the focused entry, or a widget extending
//	                   widget.Entry, shows, or its placeholder; a focused button's label;
//	                   else the focused object's Go type, as *canvas.Editor)
//	checked	TITLE	TEXT   → checked	true|false   (the check box labelled TEXT)
//	focusbox	TITLE        → focusbox	TYPE	X	Y	W	H  (the focused object's Go type and the
//	                   part of its box the scrolls around it show, in window pixels)
//	box	TITLE	TEXT       → box	X	Y	W	H   (the field extending widget.Entry that holds TEXT, or
//	                   else the first object showing TEXT: its top-left corner and size, in window pixels)
//
// An answer "error	…" says what went wrong; a window or text not shown
// yet is an error, and the test asks again.
package probe

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/drawn"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Env is the variable naming the socket.
const Env = "STUDIOFLOW_PROBE"

// ServeFromEnv serves the probe for a on the socket STUDIOFLOW_PROBE names,
// if it names one; it returns at once and ends with the process.
func ServeFromEnv(a fyne.App) error {
	path := os.Getenv(Env)
	if path == "" {
		return nil
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("probe: listen on %s: %w", path, err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serve(a, c)
		}
	}()
	return nil
}

func serve(a fyne.App, c net.Conn) {
	defer c.Close()
	in := bufio.NewScanner(c)
	for in.Scan() {
		var answer string
		fyne.DoAndWait(func() { answer = Answer(a, in.Text()) })
		if _, err := fmt.Fprintln(c, answer); err != nil {
			return
		}
	}
}

// find returns the nth object showing text: buttons, checks, entries and
// labels first, a plain text of the same words (a canvas port label, a
// tab) only when none shows it.
func find(w fyne.Window, text string, nth int) fyne.CanvasObject {
	var found fyne.CanvasObject
	for _, widgetsOnly := range []bool{true, false} {
		seen := 0
		visit(w, func(o fyne.CanvasObject, shown string) bool {
			if _, plain := o.(*canvas.Text); shown == text && !(widgetsOnly && plain) {
				if seen++; seen == nth {
					found = o
				}
			}
			return found != nil
		})
		if found != nil {
			break
		}
	}
	return found
}

// walkAll calls f with every visible object, the top overlay first, until
// f says stop.
func walkAll(w fyne.Window, f func(o fyne.CanvasObject) bool) {
	var each func(o fyne.CanvasObject) bool
	each = func(o fyne.CanvasObject) bool {
		if o == nil || !o.Visible() {
			return false
		}
		if f(o) {
			return true
		}
		for _, c := range children(o) {
			if each(c) {
				return true
			}
		}
		return false
	}
	if top := w.Canvas().Overlays().Top(); top != nil && each(top) {
		return
	}
	each(w.Content())
}

func inside(p, at fyne.Position, size fyne.Size) bool {
	return p.X >= at.X && p.Y >= at.Y && p.X < at.X+size.Width && p.Y < at.Y+size.Height
}

// scrollsAround returns the scroll containers that hold o.
func scrollsAround(w fyne.Window, o fyne.CanvasObject) []*container.Scroll {
	var path []*container.Scroll
	var found bool
	var walkScrolls func(c fyne.CanvasObject, outer []*container.Scroll)
	walkScrolls = func(c fyne.CanvasObject, outer []*container.Scroll) {
		if found || c == nil || !c.Visible() {
			return
		}
		if s, ok := c.(*container.Scroll); ok {
			outer = append(outer[:len(outer):len(outer)], s)
		}
		if c == o {
			path, found = outer, true
			return
		}
		for _, child := range children(c) {
			walkScrolls(child, outer)
		}
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		walkScrolls(top, nil)
	}
	walkScrolls(w.Content(), nil)
	return path
}

func children(o fyne.CanvasObject) []fyne.CanvasObject { return drawn.Children(o) }

func window(a fyne.App, title string) fyne.Window {
	for _, w := range a.Driver().AllWindows() {
		if strings.Contains(w.Title(), title) {
			return w
		}
	}
	return nil
}

// visit calls f with every visible object showing a text, the top overlay
// (a dialog) first, then the window's content; it stops when f says so.
func visit(w fyne.Window, f func(o fyne.CanvasObject, text string) bool) {
	var roots []fyne.CanvasObject
	if top := w.Canvas().Overlays().Top(); top != nil {
		roots = append(roots, top)
	}
	roots = append(roots, w.Content())
	for _, root := range roots {
		if walk(root, f) {
			return
		}
	}
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject, string) bool) bool {
	if o == nil || !o.Visible() {
		return false
	}
	if text, ok := textOf(o); ok && text != "" && f(o, text) {
		return true
	}
	for _, c := range children(o) {
		if walk(c, f) {
			return true
		}
	}
	return false
}

// textOf is the text an object shows: a button's or check's label, a
// label's whole text (its lines are also plain texts), an entry's text (its
// placeholder while empty, always for a password), a plain text.
func textOf(o fyne.CanvasObject) (string, bool) {
	switch v := o.(type) {
	case *widget.Button:
		return v.Text, true
	case *kbd.Button:
		return v.Text, true
	case *widget.Check:
		return v.Text, true
	case *widget.Label:
		return v.Text, true
	case *kbd.Entry: // an entry letting the window's keys through
		return textOf(&v.Entry)
	case *widget.Entry:
		if v.Text == "" || v.Password {
			return v.PlaceHolder, true
		}
		return v.Text, true
	case *canvas.Text:
		return v.Text, true
	}
	if l := embedded[widget.Label](o, "Label"); l != nil {
		return l.Text, true
	}
	if b := embedded[widget.Button](o, "Button"); b != nil {
		return textOf(b)
	}
	if b := embedded[kbd.Button](o, "Button"); b != nil {
		return textOf(b)
	}
	if c := checkOf(o); c != nil {
		return c.Text, true
	}
	return "", false
}

// checkOf is o as a check: a widget.Check, or a type extending one
// (kbd.Check).
func checkOf(o fyne.CanvasObject) *widget.Check {
	if c, ok := o.(*widget.Check); ok {
		return c
	}
	return embedded[widget.Check](o, "Check")
}

// embeddedEntry is the widget.Entry that o's own type extends (struct
// { widget.Entry; … }, as the inspector's fields are), or nil.
func embeddedEntry(o fyne.CanvasObject) *widget.Entry {
	return embedded[widget.Entry](o, "Entry")
}

// embedded is the T, named name, that o's own type extends (struct { T;
// … }, as the simulator's dial pad keys extend kbd.Button), or nil.
func embedded[T any](o fyne.CanvasObject, name string) *T {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	field, ok := v.Elem().Type().FieldByName(name)
	if !ok || !field.Anonymous || field.Type != reflect.TypeFor[T]() {
		return nil
	}
	return v.Elem().FieldByIndex(field.Index).Addr().Interface().(*T)
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " / ").Replace(s)
}

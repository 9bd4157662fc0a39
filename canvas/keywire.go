package canvas

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// keyWire is a wire being drawn from the keyboard: W on the one selected
// widget starts it from the widget's next free transition; Space and
// Shift+Space pick another transition, arrows or typing a name pick the
// target, Enter connects (one undoable step) and Escape gives up. Widgets
// are held by name: the graph may be rebuilt meanwhile.
type keyWire struct {
	from   string
	port   int
	target string
	// typed is the part of a target's name typed so far.
	typed string
}

// wireKeysHelp is what the hint line says the keys do while a wire is drawn.
const wireKeysHelp = "Space: transition · arrows or a name: target · Enter: connect · Esc: cancel"

// startKeyWire begins a keyboard wire from the one selected widget.
func (e *Editor) startKeyWire() {
	if e.readOnly {
		return
	}
	sel := e.Selection()
	if len(sel) != 1 {
		e.refuseKeyWire("Select one widget, then W draws a wire from it")
		return
	}
	i, ok := e.graph.byName[sel[0]]
	if !ok {
		return
	}
	n := &e.graph.nodes[i]
	if len(n.ports) == 0 {
		e.refuseKeyWire(n.name + " has no transitions to wire")
		return
	}
	port := slices.IndexFunc(n.ports, func(p port) bool { return p.next == "" })
	if port < 0 {
		port = 0 // all are connected: reconnect the first
	}
	kw := &keyWire{from: n.name, port: port}
	e.wiring = kw
	e.Reveal(n.name)
	kw.target = n.ports[port].next
	if !e.wireTarget(kw.target) {
		kw.target = e.nearestFrom(n.rect(), 0, 1, e.notWireTarget)
	}
	e.showKeyWire()
}

// refuseKeyWire says in the hint line why W draws no wire, until the next key.
func (e *Editor) refuseKeyWire(why string) {
	e.hint(why)
	e.hintLeft = true
}

// clearLeftHint clears what refuseKeyWire said.
func (e *Editor) clearLeftHint() {
	if e.hintLeft {
		e.hintLeft = false
		e.hint("")
	}
}

// keyWireNode is the node the keyboard wire leaves, with the port still
// there; nil (and the wire ended) when an undo took it away.
func (e *Editor) keyWireNode() *node {
	kw := e.wiring
	if kw == nil {
		return nil
	}
	i, ok := e.graph.byName[kw.from]
	if !ok || kw.port >= len(e.graph.nodes[i].ports) {
		e.endKeyWire()
		return nil
	}
	return &e.graph.nodes[i]
}

// wireTarget reports whether name is a widget a keyboard wire may end on:
// any but the trigger and the wire's own widget.
func (e *Editor) wireTarget(name string) bool {
	i, ok := e.graph.byName[name]
	return ok && !e.notWireTarget(&e.graph.nodes[i])
}

func (e *Editor) notWireTarget(n *node) bool {
	return n.trigger || e.wiring == nil || n.name == e.wiring.from
}

// keyWireKey handles a key while a keyboard wire is drawn; it reports
// whether the key was for the wire.
func (e *Editor) keyWireKey(ev *fyne.KeyEvent) bool {
	n := e.keyWireNode()
	if n == nil {
		return false
	}
	kw := e.wiring
	if dx, dy, ok := arrowDirection(ev.Name); ok {
		from := n.rect()
		if i, ok := e.graph.byName[kw.target]; ok {
			from = e.graph.nodes[i].rect()
		}
		if next := e.nearestFrom(from, dx, dy, func(c *node) bool { return e.notWireTarget(c) || c.name == kw.target }); next != "" {
			kw.target, kw.typed = next, ""
		}
		e.showKeyWire()
		return true
	}
	switch ev.Name {
	case fyne.KeySpace:
		step := 1
		if e.modifiers()&fyne.KeyModifierShift != 0 {
			step = len(n.ports) - 1
		}
		kw.port = (kw.port + step) % len(n.ports)
		if next := n.ports[kw.port].next; e.wireTarget(next) {
			kw.target, kw.typed = next, ""
		}
		e.showKeyWire()
	case fyne.KeyBackspace:
		if kw.typed != "" {
			_, size := utf8.DecodeLastRuneInString(kw.typed)
			kw.typed = kw.typed[:len(kw.typed)-size]
			if kw.typed != "" {
				kw.target = e.wireTargetNamed(kw.typed)
			}
		}
		e.showKeyWire()
	case fyne.KeyReturn, fyne.KeyEnter:
		e.connectKeyWire(n)
	case fyne.KeyEscape:
		e.endKeyWire()
	case fyne.KeyDelete:
		// Never delete the widget being wired from.
	default:
		return false
	}
	return true
}

// keyWireRune adds r to the name being typed and targets the widget it
// names best.
func (e *Editor) keyWireRune(r rune) {
	if e.keyWireNode() == nil || r == ' ' {
		return
	}
	kw := e.wiring
	kw.typed += string(r)
	kw.target = e.wireTargetNamed(kw.typed)
	e.showKeyWire()
}

// wireTargetNamed is the widget a typed name picks, ignoring case: the one
// named so, else the first by name that starts so, else the first whose
// name holds it; "" for none.
func (e *Editor) wireTargetNamed(typed string) string {
	typed = strings.ToLower(typed)
	var names []string
	for i := range e.graph.nodes {
		if n := &e.graph.nodes[i]; !e.notWireTarget(n) {
			names = append(names, n.name)
		}
	}
	slices.Sort(names)
	for _, match := range []func(string) bool{
		func(s string) bool { return s == typed },
		func(s string) bool { return strings.HasPrefix(s, typed) },
		func(s string) bool { return strings.Contains(s, typed) },
	} {
		for _, name := range names {
			if match(strings.ToLower(name)) {
				return name
			}
		}
	}
	return ""
}

// connectKeyWire points the wire's transition at its target, as one
// undoable step, and ends the wire.
func (e *Editor) connectKeyWire(n *node) {
	kw := e.wiring
	if !e.wireTarget(kw.target) {
		e.hint(e.keyWireText(n) + " — pick a target first (" + wireKeysHelp + ")")
		return
	}
	e.endKeyWire()
	if n.ports[kw.port].next == kw.target {
		return
	}
	e.apply(e.connectOp(kw.from, kw.port, kw.target))
}

// endKeyWire stops drawing the keyboard wire, changing nothing.
func (e *Editor) endKeyWire() {
	if e.wiring == nil {
		return
	}
	e.wiring = nil
	e.hint("")
	e.Refresh()
}

// showKeyWire brings the wire's ends into view, says where it stands and
// redraws it.
func (e *Editor) showKeyWire() {
	n := e.keyWireNode()
	if n == nil {
		return
	}
	if e.wiring.target != "" {
		e.Reveal(e.wiring.target)
	}
	e.hint(e.keyWireText(n) + " — " + wireKeysHelp)
	e.Refresh()
}

// keyWireText words the wire: its widget, transition and target.
func (e *Editor) keyWireText(n *node) string {
	kw := e.wiring
	p := n.ports[kw.port]
	text := fmt.Sprintf("Wire from %s · %s (%d of %d) ", n.name, p.label, kw.port+1, len(n.ports))
	switch {
	case kw.target != "":
		return text + "to " + kw.target
	case kw.typed != "":
		return text + "— no widget matches “" + kw.typed + "”"
	}
	return text + "— no target yet"
}

// hint tells the window's hint line (OnHint) what the keys do now; "" clears it.
func (e *Editor) hint(text string) {
	if e.OnHint != nil {
		e.OnHint(text)
	}
}

// keyWirePath is the keyboard wire's curve: from its port to the top of
// its target, or a short stub down while it has none.
func (e *Editor) keyWirePath() ([]segment, bool) {
	kw := e.wiring
	if kw == nil {
		return nil, false
	}
	i, ok := e.graph.byName[kw.from]
	if !ok || kw.port >= len(e.graph.nodes[i].ports) {
		return nil, false
	}
	start := e.graph.nodes[i].portAnchor(kw.port)
	end := start.add(0, 60)
	if j, ok := e.graph.byName[kw.target]; ok {
		t := &e.graph.nodes[j]
		end = t.pos.add(t.width/2, 0)
	}
	bend := max(math.Abs(end.Y-start.Y)/2, 30)
	return []segment{{start, start.add(0, bend), end.add(0, -bend), end}}, true
}

package canvas

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// botFlow is an SMS bot with nothing wired: a question, a split on the
// answer below it and two replies below that, "yes" on the left.
const botFlow = `{"description":"bot","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger",
"states":[
 {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage"},{"event":"incomingCall"}],"properties":{"offset":{"x":0,"y":0}}},
 {"name":"ask","type":"send-and-wait-for-reply","transitions":[{"event":"incomingMessage"},{"event":"timeout"},{"event":"deliveryFailure"}],"properties":{"body":"Yes or no?","timeout":"3600","offset":{"x":0,"y":250}}},
 {"name":"route","type":"split-based-on","transitions":[{"event":"noMatch"},{"event":"match","conditions":[{"friendly_name":"If value equal_to yes","arguments":["{{widgets.ask.inbound.Body}}"],"type":"equal_to","value":"yes"}]}],"properties":{"input":"{{widgets.ask.inbound.Body}}","offset":{"x":0,"y":500}}},
 {"name":"yes_reply","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"body":"Great.","offset":{"x":-350,"y":800}}},
 {"name":"no_reply","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"body":"Pity.","offset":{"x":350,"y":820}}}
]}`

// openBot shows botFlow in a focused editor, recording its hint line.
func openBot(t *testing.T) (*Editor, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	f, err := model.Parse([]byte(botFlow))
	if err != nil {
		t.Fatal(err)
	}
	e, _, w := openEditor(t, f, editorSize)
	w.Canvas().Focus(e)
	var hints []string
	e.OnHint = func(s string) { hints = append(hints, s) }
	return e, &hints
}

func press(e *Editor, keys ...fyne.KeyName) {
	for _, k := range keys {
		e.TypedKey(&fyne.KeyEvent{Name: k})
	}
}

func typeRunes(e *Editor, s string) {
	for _, r := range s {
		e.TypedRune(r)
	}
}

func lastHint(hints *[]string) string {
	if len(*hints) == 0 {
		return ""
	}
	return (*hints)[len(*hints)-1]
}

// W on the trigger starts at its first free entry point aimed at the
// widget below; Enter connects it as one undoable step and the hint line
// clears.
func TestWDrawsAWireFromTheNextFreeTransitionAndEnterConnectsItAsOneStep(t *testing.T) {
	e, hints := openBot(t)
	before := e.doc.Flow().Marshal()
	e.SetSelection([]string{"Trigger"})
	typeRunes(e, "w")
	if e.wiring == nil {
		t.Fatal("W did not start a wire")
	}
	if h := lastHint(hints); !strings.Contains(h, "Wire from Trigger · Incoming Message") || !strings.Contains(h, "(1 of 5) to ask") || !strings.Contains(h, "Enter: connect") {
		t.Errorf("hint %q", h)
	}
	if path, ok := e.keyWirePath(); !ok || len(path) != 1 {
		t.Errorf("no wire drawn while picking: %v", path)
	}
	press(e, fyne.KeyReturn)
	if got := next(t, e, "Trigger", 0); got != "ask" {
		t.Fatalf("Trigger's Incoming Message goes to %q, want ask", got)
	}
	if e.wiring != nil || lastHint(hints) != "" {
		t.Errorf("the wire is still being drawn after Enter (hint %q)", lastHint(hints))
	}
	if sel := e.Selection(); len(sel) != 1 || sel[0] != "Trigger" {
		t.Errorf("selection %v after connecting, want the trigger kept", sel)
	}
	undoRestores(t, e, before)

	// Connected now, the next W starts from the next free one: Incoming Call.
	e.SetSelection([]string{"Trigger"})
	typeRunes(e, "w")
	press(e, fyne.KeyReturn)
	typeRunes(e, "w")
	if h := lastHint(hints); !strings.Contains(h, "Incoming Call") {
		t.Errorf("second W: hint %q, want the next free transition", h)
	}

	// Conversation, an entry point the file does not list: wiring it adds
	// its transition.
	press(e, fyne.KeySpace)
	if h := lastHint(hints); !strings.Contains(h, "Conversation (3 of 5)") {
		t.Fatalf("Space: hint %q", h)
	}
	typeRunes(e, "ask")
	press(e, fyne.KeyReturn)
	if got, ok := e.doc.Flow().State("Trigger").Next("incomingConversationMessage"); !ok || got != "ask" {
		t.Errorf("the Conversation entry point goes to %q (listed: %v), want ask", got, ok)
	}
}

// Arrows move the target from widget to widget that way, typing picks it
// by name (Backspace takes back a letter), Space and Shift+Space go
// through the transitions; none of it touches the flow until Enter.
func TestArrowsNamesAndSpacePickTheTargetAndTheTransition(t *testing.T) {
	e, hints := openBot(t)
	before := string(e.doc.Flow().Marshal())
	e.SetSelection([]string{"route"})
	typeRunes(e, "W")
	kw := e.wiring
	if kw == nil || kw.port != 0 {
		t.Fatalf("wire %+v, want from No Condition Matches", kw)
	}
	if kw.target != "yes_reply" && kw.target != "no_reply" {
		t.Fatalf("first target %q, want a widget below", kw.target)
	}
	press(e, fyne.KeyRight)
	if kw.target != "no_reply" {
		t.Errorf("→ targets %q, want no_reply", kw.target)
	}
	press(e, fyne.KeyLeft)
	if kw.target != "yes_reply" {
		t.Errorf("← targets %q, want yes_reply", kw.target)
	}
	press(e, fyne.KeyUp)
	if kw.target != "ask" {
		t.Errorf("↑ from yes_reply targets %q, want ask (never the wire's own widget)", kw.target)
	}
	typeRunes(e, "NO")
	if kw.target != "no_reply" {
		t.Errorf("typing NO targets %q", kw.target)
	}
	typeRunes(e, "x")
	if kw.target != "" || !strings.Contains(lastHint(hints), "no widget matches “NOx”") {
		t.Errorf("typing NOx: target %q, hint %q", kw.target, lastHint(hints))
	}
	press(e, fyne.KeyBackspace)
	if kw.target != "no_reply" {
		t.Errorf("Backspace back to NO targets %q", kw.target)
	}
	typeRunes(e, "_rep")
	press(e, fyne.KeySpace)
	if kw.port != 1 || kw.target != "no_reply" {
		t.Errorf("Space: port %d target %q, want the match transition, target kept", kw.port, kw.target)
	}
	if h := lastHint(hints); !strings.Contains(h, "If value equal to yes (2 of 2)") {
		t.Errorf("hint %q after Space", h)
	}
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	press(e, fyne.KeySpace)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if kw.port != 0 {
		t.Errorf("Shift+Space: port %d, want back to 0", kw.port)
	}
	press(e, fyne.KeyDelete)
	if e.doc.Flow().State("route") == nil {
		t.Fatal("Delete while wiring removed the widget")
	}
	if got := string(e.doc.Flow().Marshal()); got != before {
		t.Fatalf("picking changed the flow:\n%s", got)
	}
	press(e, fyne.KeySpace, fyne.KeyReturn)
	if got := next(t, e, "route", 1); got != "no_reply" {
		t.Errorf("route's match goes to %q, want no_reply", got)
	}
	if got := next(t, e, "route", 0); got != "" {
		t.Errorf("route's No Condition Matches goes to %q, want unchanged", got)
	}
	undoRestores(t, e, []byte(before))
}

// Escape, losing the focus or a mouse drag end the wire and change
// nothing; Enter with no target connects nothing and says why; W needs
// one selected widget, and a read-only view draws no wire.
func TestAKeyboardWireEndsWithoutChangeOnEscapeFocusLossOrNoTarget(t *testing.T) {
	e, hints := openBot(t)
	before := string(e.doc.Flow().Marshal())
	e.SetSelection([]string{"ask"})
	typeRunes(e, "w")
	press(e, fyne.KeyEscape)
	if e.wiring != nil || lastHint(hints) != "" {
		t.Error("Escape did not end the wire")
	}
	if sel := e.Selection(); len(sel) != 1 {
		t.Errorf("Escape while wiring cleared the selection: %v", sel)
	}

	typeRunes(e, "w")
	e.FocusLost()
	if e.wiring != nil {
		t.Error("the wire survived the focus leaving the canvas")
	}
	e.FocusGained()

	typeRunes(e, "wzzz")
	press(e, fyne.KeyReturn)
	if e.wiring == nil || !strings.Contains(lastHint(hints), "pick a target first") {
		t.Errorf("Enter without a target: wiring %v, hint %q", e.wiring != nil, lastHint(hints))
	}
	drag(e, fyne.NewPos(5, 5), fyne.NewPos(60, 60), desktop.MouseButtonPrimary, 0)
	if e.wiring != nil {
		t.Error("a mouse drag left the keyboard wire drawn")
	}
	if got := string(e.doc.Flow().Marshal()); got != before {
		t.Fatalf("an abandoned wire changed the flow:\n%s", got)
	}

	e.SetSelection([]string{"ask", "route"})
	typeRunes(e, "w")
	if e.wiring != nil || !strings.Contains(lastHint(hints), "Select one widget") {
		t.Errorf("W with two selected: wiring %v, hint %q", e.wiring != nil, lastHint(hints))
	}
	press(e, fyne.KeyEscape)
	if h := lastHint(hints); h != "" {
		t.Errorf("the next key left the hint %q", h)
	}

	f, _ := model.Parse([]byte(botFlow))
	ro := NewFlowView(f, loadCatalog(t))
	ro.SetSelection([]string{"ask"})
	ro.TypedRune('w')
	if ro.wiring != nil {
		t.Error("a read-only view started a wire")
	}
}

package canvas

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

func TestEscapeDuringADragPutsTheNodeBack(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w)
	before := e.doc.Flow().Marshal()
	from := center(e, nodeNamed(t, e, "error"))
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(60, 60)}, Dragged: fyne.NewDelta(60, 60)})
	if bytes.Equal(e.doc.Flow().Marshal(), before) {
		t.Fatal("the drag moved nothing")
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(90, 90)}, Dragged: fyne.NewDelta(30, 30)})
	e.DragEnd()
	if !bytes.Equal(e.doc.Flow().Marshal(), before) {
		t.Fatal("Escape did not put the node back")
	}
	if _, ok := e.doc.CanUndo(); ok {
		t.Error("a cancelled drag left an undo step")
	}
}

func TestSecondaryTapReportsTheWidgetAndSelectsIt(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	var name string
	var at fyne.Position
	e.OnWidgetSecondaryTap = func(n string, p fyne.Position) { name, at = n, p }
	p := center(e, nodeNamed(t, e, "order_lookup"))
	test.TapSecondaryAt(e, p)
	if name != "order_lookup" || at != p {
		t.Fatalf("secondary tap reported %q at %v, want order_lookup at %v", name, at, p)
	}
	if got := e.Selection(); len(got) != 1 || got[0] != "order_lookup" {
		t.Errorf("selection %v", got)
	}
}

func TestRevealPansToAWidgetOutOfView(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, testflows.StandbyList), fyne.NewSize(800, 500))
	e.ZoomReset()
	zoom := e.view.zoom
	r := nodeNamed(t, e, "Goodbye").rect()
	if e.view.visible(e.size).contains(worldPoint{r.X0, r.Y0}) {
		t.Fatal("Goodbye already in view")
	}
	e.Reveal("Goodbye")
	vis := e.view.visible(e.size)
	if !vis.contains(worldPoint{r.X0, r.Y0}) || !vis.contains(worldPoint{r.X1, r.Y1}) {
		t.Fatalf("after Reveal, Goodbye %v is not in view %v", r, vis)
	}
	if e.view.zoom != zoom {
		t.Errorf("Reveal zoomed from %v to %v though the widget fits", zoom, e.view.zoom)
	}
}

func TestSetDocumentShowsAnotherFlowAndFollowsItsChanges(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	e.SetSelection([]string{"error"})
	doc := model.NewDocument(readFlow(t, testflows.Handoff))
	e.SetDocument(doc)
	if len(e.graph.nodes) != 3 || len(e.Selection()) != 0 {
		t.Fatalf("after SetDocument: %d nodes, selection %v", len(e.graph.nodes), e.Selection())
	}
	e.ZoomToFit()
	if len(r.visibleNodes) != 3 {
		t.Fatalf("%d nodes drawn", len(r.visibleNodes))
	}
	// An edit made elsewhere (the inspector, undo) shows at once.
	name := doc.Flow().StateAt(1).Name()
	if err := doc.Apply(model.MoveWidget(name, 1234, 567)); err != nil {
		t.Fatal(err)
	}
	if p := nodeNamed(t, e, name).pos; p != (worldPoint{1234, 567}) {
		t.Errorf("%s drawn at %v after a move made elsewhere", name, p)
	}
	if err := doc.Apply(model.RenameWidget(name, "renamed")); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.graph.byName["renamed"]; !ok {
		t.Error("rename not shown")
	}
}

func TestFlowViewIsReadOnlyAndLaysOutAPiledFlowWithoutChangingIt(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse([]byte(`{"description":"snippet","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},
	  "states":[
	    {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"a"}],"properties":{"offset":{"x":0,"y":0}}},
	    {"name":"a","type":"send-message","transitions":[{"event":"sent"}],"properties":{"offset":{"x":0,"y":0}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	before := f.Marshal()
	v := NewFlowView(f, loadCatalog(t))
	w := test.NewTempWindow(t, v)
	w.Resize(v.ContentSize().AddWidthHeight(100, 100))
	a, trig := nodeNamed(t, v, "a"), nodeNamed(t, v, "Trigger")
	if a.pos.Y <= trig.pos.Y {
		t.Errorf("a drawn at %v, not below the trigger at %v", a.pos, trig.pos)
	}
	drag(v, center(v, a), center(v, a).AddXY(50, 50), desktop.MouseButtonPrimary, 0)
	v.SetSelection([]string{"a"})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if _, err := v.DropWidget("send-message", fyne.NewPos(10, 10)); err == nil {
		t.Error("a read-only view accepted a new widget")
	}
	if !bytes.Equal(f.Marshal(), before) {
		t.Error("the read-only view changed the flow")
	}
	vis := v.view.visible(v.size)
	for _, n := range []*node{nodeNamed(t, v, "a"), nodeNamed(t, v, "Trigger")} {
		if r := n.rect(); !vis.contains(worldPoint{r.X0, r.Y0}) || !vis.contains(worldPoint{r.X1, r.Y1}) {
			t.Errorf("%s is not in view when the view opens", n.name)
		}
	}
}

func TestNewWidgetsOfferedAfterAPortSuitTheChannel(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	titles := func(widget string, port int) map[string]bool {
		out := map[string]bool{}
		for _, wt := range e.compatibleTypes(nodeNamed(t, e, widget), port) {
			out[wt.Type] = true
		}
		return out
	}
	afterMessage := titles("Trigger", 0) // Incoming Message
	if afterMessage["say-play"] || afterMessage["gather-input-on-call"] {
		t.Error("voice widgets offered after Incoming Message")
	}
	if !afterMessage["send-and-wait-for-reply"] || !afterMessage["split-based-on"] {
		t.Error("messaging or channel-free widgets missing after Incoming Message")
	}
	afterCall := titles("Trigger", 1) // Incoming Call
	if !afterCall["say-play"] || afterCall["send-and-wait-for-reply"] {
		t.Errorf("after Incoming Call: say-play %v, send-and-wait %v", afterCall["say-play"], afterCall["send-and-wait-for-reply"])
	}
	if afterAny := titles("allow_list", 1); !afterAny["say-play"] || !afterAny["send-and-wait-for-reply"] {
		t.Error("a channel-free widget (Run Function) should be followed by anything")
	}
	for typ := range afterCall {
		if typ == "trigger" {
			t.Error("the trigger is offered as a new widget")
		}
	}
}

package canvas

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/schemas"
)

func TestWidgetsDescribeTheirTypeNameAndProblems(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w)
	e.SetDiagnostics([]schemas.Diagnostic{
		{Severity: schemas.Error, Widget: "order_no", Message: "timeout must be a number"},
		{Severity: schemas.Warning, Widget: "order_no", Message: "speech is not connected"},
		{Severity: schemas.Warning, Widget: "order_no", Message: "timeout is not connected"},
	})
	wt, _ := e.catalog.Lookup("gather-input-on-call")
	title := wt.Title
	if got, want := e.DescribeWidget("order_no"), title+" widget “order_no”, 1 error, 2 warnings"; got != want {
		t.Errorf("order_no reads %q, want %q", got, want)
	}
	e.SetSelection([]string{"order_lookup"})
	if got := e.DescribeWidget("order_lookup"); !strings.HasSuffix(got, "“order_lookup”, no problems, selected") {
		t.Errorf("the selected order_lookup reads %q", got)
	}
	if got := e.AccessibilityLabel(); !strings.Contains(got, "selected: ") || !strings.Contains(got, "order_lookup") ||
		!strings.HasPrefix(got, "Flow canvas, "+count(len(e.doc.Flow().States()), "widget")) {
		t.Errorf("the canvas reads %q", got)
	}
	if e.DescribeWidget("nobody") != "" {
		t.Error("a widget the flow lacks has a description")
	}
}

func TestPortsAndWiresDescribeTheirEventAndTarget(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w)
	if got := e.DescribePort("order_no", "keypress"); !strings.Contains(got, "of “order_no”, goes to “order_lookup”") {
		t.Errorf("order_no's keypress port reads %q", got)
	}
	if got := e.DescribePort("order_no", "speech"); !strings.HasSuffix(got, "of “order_no”, not connected") {
		t.Errorf("order_no's speech port reads %q", got)
	}
	if got := e.DescribeWire("order_lookup", "success", "say_play_1"); !strings.HasPrefix(got, "Wire from “order_lookup” on “") || !strings.HasSuffix(got, "” to “say_play_1”") {
		t.Errorf("the success wire reads %q", got)
	}

	// Every widget, port and wire in view is listed, inside the editor.
	parts := e.AccessibleParts()
	var widgets, ports, wires int
	for _, p := range parts {
		switch {
		case strings.HasPrefix(p.Label, "Wire from"):
			wires++
		case strings.HasPrefix(p.Label, "Transition"):
			ports++
		case strings.Contains(p.Label, " widget “"):
			widgets++
		default:
			t.Errorf("part %q is neither widget, port nor wire", p.Label)
		}
		if p.Size.Width <= 0 || p.Size.Height <= 0 {
			t.Errorf("part %q has no area (%v)", p.Label, p.Size)
		}
	}
	f := e.doc.Flow()
	wantPorts, wantWires := 0, 0
	for _, st := range f.States() {
		for _, tr := range st.Transitions() {
			wantPorts++
			if tr.Next != "" {
				wantWires++
			}
		}
	}
	if widgets != len(f.States()) || ports < wantPorts || wires != wantWires {
		t.Errorf("parts list %d widgets, %d ports, %d wires; want %d, at least %d, %d", widgets, ports, wires, len(f.States()), wantPorts, wantWires)
	}
	// Reading order: the first widget listed is the topmost.
	if len(parts) > 0 && !strings.Contains(parts[0].Label, "“Trigger”") {
		t.Errorf("the first part read is %q, want the Trigger", parts[0].Label)
	}
	var _ fyne.Accessible = e
}

package canvas

import (
	"image/color"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/model"
)

func TestPortsAreLabelledAsStudioLabelsThem(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse([]byte(`{"states": [
	  {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage"}, {"event": "incomingRequest"}], "properties": {}},
	  {"name": "split_1", "type": "split-based-on", "transitions": [
	    {"event": "noMatch"},
	    {"event": "match", "conditions": [{"friendly_name": "If value equal_to yes", "arguments": ["{{x}}"], "type": "equal_to", "value": "yes"}]},
	    {"event": "match", "conditions": [{"arguments": ["{{x}}"], "type": "equal_to", "value": "no"}]}
	  ], "properties": {}},
	  {"name": "odd_1", "type": "no-such-type", "transitions": [{"event": "weird"}], "properties": {}}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	g := buildGraph(f, loadCatalog(t))
	want := [][]string{
		{"Incoming Message", "REST API"},
		{"No Condition Matches", "If value equal_to yes", "If value equal_to no"},
		{"weird"},
	}
	for i, labels := range want {
		if len(g.nodes[i].ports) != len(labels) {
			t.Fatalf("%s: %d ports, want %d", g.nodes[i].name, len(g.nodes[i].ports), len(labels))
		}
		for j, l := range labels {
			if got := g.nodes[i].ports[j].label; got != l {
				t.Errorf("%s port %d labelled %q, want %q", g.nodes[i].name, j, got, l)
			}
		}
	}
}

func TestNodesAreWideEnoughForTheirPorts(t *testing.T) {
	test.NewTempApp(t)
	f := readFlow(t, filepath.Join(flowsDir, "TwilioDevEd__cedrics-joke-hotline-superclass-studio__studio_flow.json"))
	g := buildGraph(f, loadCatalog(t))
	for _, n := range g.nodes {
		if len(n.ports) == 0 {
			continue
		}
		last := len(n.ports) - 1
		if right := n.portCenters[last] + n.portWidths[last]/2; right > n.size.Width-nodePadding+0.01 {
			t.Errorf("%s: last port ends at %v, past the node's width %v", n.name, right, n.size.Width)
		}
		if n.size.Width < minNodeWidth {
			t.Errorf("%s is %v wide, under the minimum", n.name, n.size.Width)
		}
	}
}

func TestATransitionToAMissingWidgetIsMarkedNotWired(t *testing.T) {
	test.NewTempApp(t)
	f := readFlow(t, filepath.Join(flowsDir, "twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json"))
	v := NewFlowView(f, loadCatalog(t))
	r, _ := showView(t, v)
	errColor := themeColor(theme.ColorNameError)
	marked := 0
	for i, n := range v.graph.nodes {
		for j, p := range n.ports {
			if p.next != "SaveToAirtable" {
				if p.dangling {
					t.Errorf("%s/%s marked dangling", n.name, p.label)
				}
				continue
			}
			if !p.dangling {
				t.Errorf("%s/%s leads to the missing SaveToAirtable but is not marked", n.name, p.label)
			}
			if got := r.nodes[i].ports[j].dot.StrokeColor; !sameColor(got, errColor) {
				t.Errorf("%s/%s dot drawn in %v, want the error colour", n.name, p.label, got)
			}
			marked++
		}
	}
	if marked == 0 {
		t.Fatal("fixture has no transition to SaveToAirtable")
	}
	for _, w := range v.graph.wires {
		if v.graph.nodes[w.from].ports[w.port].dangling {
			t.Error("a wire was drawn for a dangling transition")
		}
	}
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/assets"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// The level of detail follows the on-screen size of text: labels while
// they are legible, names while those are, boxes only below.
func TestDetailIsChosenByOnScreenTextSize(t *testing.T) {
	cases := []struct {
		port, name float32
		want       detailLevel
	}{
		{readableText, readableText + 2, detailFull},
		{legibleText, legibleText + 1, detailFull},
		{legibleText - 1, legibleText + 1, detailNames},
		{legibleText - 1, legibleText, detailNames},
		{legibleText - 1, legibleText - 0.5, detailBoxes},
		{2, 3, detailBoxes},
	}
	for _, c := range cases {
		if got := detailForText(c.port, c.name); got != c.want {
			t.Errorf("port labels %.1f px, names %.1f px: %s, want %s", c.port, c.name, got, c.want)
		}
	}
	// A viewport asks with the sizes it draws text at, whatever the zoom.
	for z := 0.2; z <= 2; z += 0.01 {
		v := viewport{zoom: z}
		want := detailForText(portLabelSize(float32(z)), nameTextSize*float32(z))
		if got := v.detail(); got != want {
			t.Fatalf("zoom %.2f: %s, want %s", z, got, want)
		}
		if v.detail() == detailBoxes && nameTextSize*z >= legibleText {
			t.Errorf("zoom %.2f: boxes although names would be %.1f px", z, nameTextSize*z)
		}
	}
}

// texts lists the text the renderer draws, by size.
func texts(r *editorRenderer) []*fynecanvas.Text {
	var out []*fynecanvas.Text
	for _, o := range r.Objects() {
		if t, ok := o.(*fynecanvas.Text); ok && t.Text != "" {
			out = append(out, t)
		}
	}
	return out
}

func portLabelsDrawn(e *Editor, r *editorRenderer) int {
	labels := map[string]bool{}
	for _, n := range e.graph.nodes {
		for _, p := range n.ports {
			labels[p.fitLabel] = true
		}
	}
	count := 0
	for _, t := range texts(r) {
		if labels[t.Text] && t.TextSize < nameTextSize*float32(e.Zoom()) {
			count++
		}
	}
	return count
}

// A flow opens with every label at least readableText pixels on screen; a
// flow too big for that opens at that size at its Trigger.
func TestFlowsOpenWithEveryLabelReadable(t *testing.T) {
	test.NewTempApp(t)
	example, err := model.Parse(assets.ExampleFlow())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		flow *model.Flow
		size fyne.Size
	}{
		{"example at 1280×800", example, fyne.NewSize(735, 545)},
		{"example at 1024×700", example, fyne.NewSize(560, 450)},
		{"20 widgets", modeltest.GenerateFlow(20), fyne.NewSize(735, 545)},
	} {
		e, r, _ := openEditor(t, c.flow, c.size)
		drawn := texts(r)
		if len(drawn) == 0 {
			t.Fatalf("%s: no text drawn at zoom %.2f", c.name, e.Zoom())
		}
		for _, tx := range drawn {
			if tx.TextSize < readableText {
				t.Errorf("%s: %q drawn at %.1f px", c.name, tx.Text, tx.TextSize)
			}
		}
		trigger := nodeNamed(t, e, c.flow.Trigger().Name())
		vis := e.view.visible(e.size)
		if tr := trigger.rect(); !vis.contains(worldPoint{tr.X0, tr.Y0}) && !vis.contains(worldPoint{tr.X1, tr.Y1}) {
			t.Errorf("%s: the Trigger %v is out of view %v", c.name, tr, vis)
		}
		if portLabelsDrawn(e, r) == 0 {
			t.Errorf("%s: no port labels drawn", c.name)
		}
	}
}

// Zoom to Fit on a small flow keeps the port labels as long as they are
// legible on screen (the example fits at about 0.68, where a fixed zoom
// threshold of 0.7 used to hide them).
func TestSmallFlowAtZoomToFitKeepsItsLabels(t *testing.T) {
	test.NewTempApp(t)
	example, err := model.Parse(assets.ExampleFlow())
	if err != nil {
		t.Fatal(err)
	}
	e, r, _ := openEditor(t, example, fyne.NewSize(735, 545))
	e.ZoomToFit()
	if e.view.detail() != detailFull {
		t.Fatalf("a 6-widget flow fits at zoom %.2f with %s detail", e.Zoom(), e.view.detail())
	}
	if portLabelsDrawn(e, r) == 0 {
		t.Errorf("no port labels at zoom %.2f", e.Zoom())
	}
	// Zoomed out until names are barely legible: names, no port labels.
	e.view.zoom = (legibleText + 0.5) / nameTextSize
	e.Refresh()
	if n := portLabelsDrawn(e, r); n != 0 {
		t.Errorf("%d port labels drawn at %.1f px", n, portLabelSize(float32(e.Zoom())))
	}
	if len(texts(r)) == 0 {
		t.Errorf("no names drawn at %.1f px", nameTextSize*e.Zoom())
	}
}

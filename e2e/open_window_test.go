package e2e

import (
	"image"
	"image/color"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/schemas"
)

// The Trigger's header colour on the canvas (Flow Control, canvas/look): a node was drawn.
var triggerPurple = rgba(look.CategoryColor(schemas.FlowControl))

// rgba is an opaque colour as the screenshots hold it.
func rgba(c color.Color) color.RGBA {
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
}

func TestEditOpensAWindowThatDrawsTheFlowAndQuitsOnCtrlQ(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	flow := filepath.Join(flowsDir, "joke-line.json")

	app := startApp(t, x, bin, "edit", flow)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("joke-line.json")+".*Studioflow")
	area := x.windowGeometry(t, window)
	if area.Dx() < 300 || area.Dy() < 200 {
		t.Fatalf("window is only %v", area)
	}
	img := waitForDrawing(t, x, "edit-joke-line", area)

	stats := measure(img, area)
	if len(stats.counts) < 50 {
		t.Errorf("window shows only %d colours: nothing but a blank background", len(stats.counts))
	}
	if share := stats.share(); share < 0.03 {
		t.Errorf("only %.1f%% of the window differs from its background %v", share*100, stats.dominant)
	}
	if n := stats.near(triggerPurple, 8); n < 500 {
		t.Errorf("%d pixels in the Trigger's header colour: the Trigger node was not drawn", n)
	}

	// Its status bar says the flow is saved once the window is built and
	// the UI goroutine answers: keys pressed from now on are read (on a
	// busy machine one pressed earlier was lost).
	app.waitText(t, "Studioflow", "Saved")
	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("studioflow exited with %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}

func TestNoArgumentsOpensTheExampleFlowAndClosesOnCtrlW(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)

	app := startApp(t, x, bin)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("A New Flow (simple_flow.json)")+".*Studioflow")
	area := x.windowGeometry(t, window)
	img := waitForDrawing(t, x, "no-arguments-example-flow", area)
	stats := measure(img, area)
	if share := stats.share(); share < 0.03 {
		t.Errorf("only %.1f%% of the window differs from its background %v", share*100, stats.dominant)
	}
	if n := stats.near(triggerPurple, 8); n < 500 {
		t.Errorf("%d pixels in the Trigger's header colour: the Trigger node was not drawn", n)
	}

	// Closing the last window ends the application (once keys are read,
	// as above).
	app.waitText(t, "Studioflow", "Saved")
	x.focus(t, window, image.Pt(area.Dx()-20, area.Dy()/2))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+w")
	if code := app.waitExit(t); code != 0 {
		t.Fatalf("studioflow exited with %d after Ctrl+W; output:\n%s", code, app.output.String())
	}
}

// waitForDrawing takes screenshots until the window shows more than its
// background (the first frames after mapping may still be empty), and
// returns the last after patience for the caller to judge.
func waitForDrawing(t *testing.T, x *xserver, name string, area image.Rectangle) image.Image {
	t.Helper()
	img, _ := x.seeWithin(t, name, func(img image.Image) bool { return measure(img, area).share() > 0.03 })
	return img
}

package e2e

import (
	"image"
	"image/color"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
)

// The canvas draws the wires an execution took in this green (canvas/style.go).
var takenGreen = rgba(look.ActiveColor)

// In the real main window: Ctrl+R opens the Simulator beside the canvas, and
// starting a call there marks the wires the execution took on the canvas.
func TestSimulatorInTheMainWindowHighlightsTheCanvas(t *testing.T) {
	x := startXvfb(t)
	bin := buildStudioflow(t)
	flow := filepath.Join(flowsDir, "TwilioDevEd__cedrics-joke-hotline-superclass-studio__studio_flow.json")
	app := x.start(t, bin, "edit", flow)
	window := x.waitWindow(t, app, regexp.QuoteMeta("cedrics-joke-hotline")+".*Studioflow")
	area := x.windowGeometry(t, window)
	before := waitForDrawing(t, x, "simulator-main-window-before", area)
	greenBefore := measure(before, area).near(takenGreen, 12)

	x.focus(t, window, image.Pt(area.Dx()/2, area.Dy()-60))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+r")
	start, ok := image.Rectangle{}, false
	for range 20 {
		time.Sleep(250 * time.Millisecond)
		img := x.screenshot(t, "simulator-main-window-open")
		// The Start button is the one primary-coloured block at the top right of the panel.
		if start, ok = colourBlock(img, image.Rect(area.Max.X-160, area.Min.Y+60, area.Max.X, area.Min.Y+220), primaryColours()); ok {
			break
		}
	}
	if !ok {
		t.Fatalf("Ctrl+R did not show the simulator's Start button; output:\n%s", app.output.String())
	}
	centre := start.Min.Add(start.Size().Div(2)).Sub(area.Min)
	x.focus(t, window, centre)

	var greenAfter int
	for range 20 {
		time.Sleep(250 * time.Millisecond)
		img := x.screenshot(t, "simulator-main-window-call")
		if greenAfter = measure(img, area).near(takenGreen, 12); greenAfter > greenBefore+400 {
			return
		}
	}
	t.Fatalf("after Start the canvas shows %d pixels of the taken-wire green (%d before): no highlight", greenAfter, greenBefore)
}

// primaryColours are the theme's primary colours (light and dark), the
// colour of the Start button.
func primaryColours() []color.RGBA {
	var out []color.RGBA
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		out = append(out, rgba(look.Theme{Variant: &v}.Color(theme.ColorNamePrimary, v)))
	}
	return out
}

// colourBlock is the bounding box of the pixels in r near one of colours,
// when there are enough of them to be a button.
func colourBlock(img image.Image, r image.Rectangle, colours []color.RGBA) (image.Rectangle, bool) {
	box, n := image.Rectangle{}, 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			for _, c := range colours {
				if abs(int(cr>>8)-int(c.R)) <= 10 && abs(int(cg>>8)-int(c.G)) <= 10 && abs(int(cb>>8)-int(c.B)) <= 10 {
					p := image.Rect(x, y, x+1, y+1)
					if n == 0 {
						box = p
					} else {
						box = box.Union(p)
					}
					n++
					break
				}
			}
		}
	}
	return box, n > 300
}

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/schemas"
)

// What the journeys click in the editor at 1280×800 (no window manager:
// the window sits at 0,0) is found with the probe (the library's search
// box, a port's label, the Trigger) or by colour (a node's header); these
// are the canvas's own proportions and the areas watched for changes.
var (
	emptyCanvas = image.Pt(300, 200) // a spot of the canvas nothing is drawn on (tests that open a flow)
	// canvasArea is the canvas at 1280×800, less the minimap's corner.
	canvasArea = image.Rect(226, 74, 790, 612)
	// flowPurple is the header colour of Flow Control widgets (canvas/look).
	flowPurple = rgba(look.CategoryColor(schemas.FlowControl))
	// nameRowFromHeader is a point of a node's name row from its header's
	// top-left corner at zoom 1.
	nameRowFromHeader = image.Pt(80, 40)
)

// portBelowLabel is how far a port's dot sits below the centre of its
// label at zoom 1 (canvas/geometry.go: the label is centred in the
// 26-point port row less half the 9-point dot, the dot on the row's
// bottom edge: 26 - 21.5/2 = 15.25).
const portBelowLabel = 15

// scaled is an offset from a node's corner at zoom 1 drawn at another zoom.
func scaled(p image.Point, zoom float64) image.Point {
	return image.Pt(int(float64(p.X)*zoom), int(float64(p.Y)*zoom))
}

// newFlowWindow opens the editor on a throwaway file, then starts a flow
// from scratch with Ctrl+N, as a user would.
// Its probe tells the journeys what the focused entry shows.
func newFlowWindow(t *testing.T, x *xserver, bin string) (*app, string) {
	t.Helper()
	start := filepath.Join(t.TempDir(), "start.json")
	if err := os.WriteFile(start, []byte(`{"description":"Start","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	app := startApp(t, x, bin, "edit", start)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("Start")+".*Studioflow")
	waitForDrawing(t, x, "journey-start", x.windowGeometry(t, window))
	app.newFlow(t, window)
	return app, window
}

// newFlow clicks the Trigger on the canvas (the window gets the keyboard)
// and starts a new flow with Ctrl+N.
func (a *app) newFlow(t *testing.T, window string) {
	t.Helper()
	a.click(t, window, "Studioflow", "Trigger")
	a.x.key(t, "ctrl+n")
	a.x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, "Untitled") })
}

// findWidget jumps to a widget with Find (Ctrl+F, its name, Enter): it is
// selected and the keyboard is in its name field in the inspector.
func (x *xserver) findWidget(t *testing.T, name string) {
	t.Helper()
	x.key(t, "ctrl+f", "ctrl+a")
	x.typeKeys(t, name)
	x.key(t, "Return")
}

// tabs presses Tab n times.
func (x *xserver) tabs(t *testing.T, n int) {
	t.Helper()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "Tab"
	}
	x.key(t, keys...)
}

// rights presses Right n times: on a focused choice, the next option each.
func (x *xserver) rights(t *testing.T, n int) {
	t.Helper()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "Right"
	}
	x.key(t, keys...)
}

// saveAs saves with Ctrl+S into the file dialog, typing the full path of
// name in the (isolated) home folder into its path field, and waits for
// the file to hold want.
func (x *xserver) saveAs(t *testing.T, window, name, want string) string {
	t.Helper()
	before := x.screenshot(t, "journey-before-save")
	x.key(t, "ctrl+s")
	// The dialog dims the window behind it: wait for that before typing.
	deadline := time.Now().Add(patience)
	for {
		img := x.grab(t)
		if !sameArea(before, img, image.Rect(0, 0, screenWidth, 30)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no save dialog after Ctrl+S")
		}
		x.pace()
	}
	// Its path field has the keyboard once the dialog is drawn and still.
	x.still(t, "journey-save-dialog", screenArea)
	path := x.savedPath(t, name)
	x.key(t, "ctrl+a")
	x.typeKeys(t, path)
	x.key(t, "Return")
	text := waitFile(t, path, want)
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, name) && !strings.HasPrefix(s, "● ") })
	return text
}

// key presses keys (xdotool names: ctrl+n, Return, Tab) in the focused window.
func (x *xserver) key(t *testing.T, keys ...string) {
	t.Helper()
	x.run(t, "xdotool", append([]string{"key", "--clearmodifiers", "--delay", "60"}, keys...)...)
	x.settle(t, "journey-keys", screenArea, nil)
}

// typeKeys types text into the focused field.
func (x *xserver) typeKeys(t *testing.T, text string) {
	t.Helper()
	x.run(t, "xdotool", "type", "--delay", "15", text)
	x.settle(t, "journey-typed", screenArea, nil)
}

// typeInto types text into the focused entry and waits until the probe
// says the focused entry shows it: the keys went in, where they should.
func (a *app) typeInto(t *testing.T, text string) {
	t.Helper()
	a.x.typeKeys(t, text)
	a.until(t, fmt.Sprintf("the focused entry showing %q", text), func() (bool, string) {
		answer, ok := a.ask(t, "focused", "Studioflow")
		return ok && len(answer) > 1 && strings.Contains(answer[1], text), strings.Join(answer, " ")
	})
}

// addFromLibrary searches the library for text and presses Enter: the
// first match is added in free space near the selection, selected. The
// search box shows its placeholder until the first search, then what was
// searched last.
func (a *app) addFromLibrary(t *testing.T, window, text string) {
	t.Helper()
	box := "Search widgets"
	if a.searched != "" {
		box = a.searched
	}
	a.typeOver(t, window, box, text)
	a.searched = text
	before := a.x.still(t, "journey-library-search", canvasArea)
	a.x.key(t, "Return")
	a.x.changed(t, "journey-added-"+strings.ReplaceAll(text, " ", "-"), before, canvasArea)
}

// port is the dot of the port labelled label on the canvas at zoom 1,
// found by its label with the probe.
func (a *app) port(t *testing.T, label string) image.Point {
	t.Helper()
	return a.portAtZoom(t, label, 1)
}

// portAtZoom is port with the canvas at another zoom.
func (a *app) portAtZoom(t *testing.T, label string, zoom float64) image.Point {
	t.Helper()
	at, _, _ := a.where(t, "Studioflow", label)
	return at.Add(image.Pt(0, int(portBelowLabel*zoom+0.5)))
}

// wireFromTrigger drags a wire from the Trigger's port labelled label to
// the widget below the Trigger (where the first widget the library adds
// lands) and returns the point it dropped it on: that widget's name row.
func (a *app) wireFromTrigger(t *testing.T, window, label string) image.Point {
	t.Helper()
	from := a.port(t, label)
	img := a.x.settled(t, "journey-before-trigger-wire")
	below := image.Rect(canvasArea.Min.X, from.Y+portBelowLabel, canvasArea.Max.X, canvasArea.Max.Y)
	to := anyHeader(t, img, below).Add(nameRowFromHeader) // found by colour: its name shows in the inspector too
	a.x.drag(t, window, from, to)
	return to
}

// step is one step of a run as `studioflow run --json` reports it.
type step struct {
	Name string `json:"name"`
	From string `json:"transitioned_from"`
	To   string `json:"transitioned_to"`
}

// runFlow runs the saved flow with the real binary, in the environment of
// the programs on x, and returns the path it took ("Trigger
// -incomingMessage-> split_1 -match-> …") and its transcript.
func (x *xserver) runFlow(t *testing.T, bin, file string, args ...string) (string, string) {
	t.Helper()
	return x.runFlowWithInput(t, bin, file, "", args...)
}

// runFlowWithInput is runFlow with the contact's actions on standard input
// ("press 1" for a gather).
func (x *xserver) runFlowWithInput(t *testing.T, bin, file, input string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"run", file, "--json"}, args...)...)
	cmd.Env = x.environ()
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("studioflow run %s %v: %v\n%s%s", file, args, err, out, stderr)
	}
	var rep struct {
		Steps      []step `json:"steps"`
		Transcript []struct {
			Direction, Kind, Text string
		} `json:"transcript"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("studioflow run --json: %v\n%s", err, out)
	}
	var path []string
	for i, s := range rep.Steps {
		if i == 0 {
			path = append(path, s.From)
		}
		path = append(path, fmt.Sprintf("-%s-> %s", s.Name, s.To))
	}
	var said []string
	for _, e := range rep.Transcript {
		if e.Direction == "outbound" {
			said = append(said, e.Text)
		}
	}
	return strings.Join(path, " "), strings.Join(said, " | ")
}

// screenArea is the editor's window at 1280×800, at 0,0.
var screenArea = image.Rect(0, 0, 1280, 800)

// settled takes screenshots until the canvas stops changing (the view
// glides when Find or an added widget brings one into view) and returns
// the last.
func (x *xserver) settled(t *testing.T, name string) image.Image {
	t.Helper()
	return x.still(t, name, canvasArea)
}

// still takes screenshots until two in a row show r the same, keeps the
// last in shots/e2e/NAME.png and returns it: what the keys or clicks
// before it set off has been drawn.
func (x *xserver) still(t *testing.T, name string, r image.Rectangle) image.Image {
	t.Helper()
	img := x.settle(t, name, r, nil)
	x.save(t, name, img)
	return img
}

// settle captures frames (without writing them) until two in a row show r
// the same, and returns the last. Between two frames each application on
// the display answers its probe, so its UI goroutine has run (a starved
// application cannot pass for a still one); that (x.pace) and capturing
// the frame pace it. first, when given, is the frame to start from. name
// says which wait failed.
func (x *xserver) settle(t *testing.T, name string, r image.Rectangle, first image.Image) image.Image {
	t.Helper()
	prev := first
	if prev == nil {
		prev = x.grab(t)
	}
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		x.pace()
		img := x.grab(t)
		if sameArea(prev, img, r) {
			return img
		}
		prev = img
	}
	x.save(t, name, prev)
	t.Fatalf("%s: the screen kept changing within %v for %v", name, r, patience)
	return nil
}

// changed waits until r differs from before (what was done has begun to
// show), then until it is still, keeps that in shots/e2e/NAME.png and
// returns it.
func (x *xserver) changed(t *testing.T, name string, before image.Image, r image.Rectangle) image.Image {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !time.Now().After(deadline) {
		if img := x.grab(t); !sameArea(before, img, r) {
			settled := x.settle(t, name, r, img)
			x.save(t, name, settled)
			return settled
		}
		x.pace()
	}
	x.save(t, name, before)
	t.Fatalf("%s: nothing changed within %v for %v", name, r, patience)
	return nil
}

// sameArea reports whether a and b show r alike: row by row for the
// frames grab returns, pixel by pixel otherwise.
func sameArea(a, b image.Image, r image.Rectangle) bool {
	ra, okA := a.(*image.RGBA)
	rb, okB := b.(*image.RGBA)
	if okA && okB {
		r = r.Intersect(ra.Bounds()).Intersect(rb.Bounds())
		if r.Empty() {
			return true
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			rowA := ra.Pix[ra.PixOffset(r.Min.X, y) : ra.PixOffset(r.Max.X-1, y)+4]
			rowB := rb.Pix[rb.PixOffset(r.Min.X, y) : rb.PixOffset(r.Max.X-1, y)+4]
			if !bytes.Equal(rowA, rowB) {
				return false
			}
		}
		return true
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// header finds the top-left corner of the top-most node header of colour
// c on the canvas within r: the first row holding a run of it as long as a
// header, from the left end of that run.
func header(t *testing.T, img image.Image, r image.Rectangle, c color.RGBA) image.Point {
	t.Helper()
	if at, ok := headerOf(img, r, []color.RGBA{c}); ok {
		return at
	}
	t.Fatalf("no header of colour %v on the canvas within %v", c, r)
	return image.Point{}
}

// anyHeader is header for a node of any category.
func anyHeader(t *testing.T, img image.Image, r image.Rectangle) image.Point {
	t.Helper()
	var colours []color.RGBA
	for _, c := range look.Categories() {
		colours = append(colours, rgba(look.CategoryColor(c)))
	}
	if at, ok := headerOf(img, r, colours); ok {
		return at
	}
	t.Fatalf("no node header on the canvas within %v", r)
	return image.Point{}
}

// headerOf finds the first row of the canvas within r holding a run of one
// of colours as long as a header, and returns the left end of that run.
func headerOf(img image.Image, r image.Rectangle, colours []color.RGBA) (image.Point, bool) {
	r = r.Intersect(canvasArea)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, c := range colours {
			run := 0
			for x := r.Min.X; x < r.Max.X; x++ {
				cr, cg, cb, _ := img.At(x, y).RGBA()
				if abs(int(cr>>8)-int(c.R)) <= 6 && abs(int(cg>>8)-int(c.G)) <= 6 && abs(int(cb>>8)-int(c.B)) <= 6 {
					run++
					if run >= 150 {
						return image.Pt(x-run+1, y), true
					}
				} else {
					run = 0
				}
			}
		}
	}
	return image.Point{}, false
}

// savedPath is where saveAs wrote name.
func (x *xserver) savedPath(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(x.home, name)
}

package e2e

import (
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

// Where the authoring journeys click in the editor at 1280×800 (no window
// manager: the window sits at 0,0). Library and inspector are laid out by
// Fyne from the theme's sizes, so these stay put.
var (
	librarySearch = image.Pt(100, 173) // the widget library's search box
	emptyCanvas   = image.Pt(300, 200) // a spot of the canvas nothing is drawn on
	// After Ctrl+N the Trigger sits here, and the first widget the library
	// adds lands right below it (free space near the view centre).
	newTriggerMessagePort = image.Pt(461, 376) // its Incoming Message port
	newTriggerCallPort    = image.Pt(565, 376) // its Incoming Call port
	newTriggerSubflowPort = image.Pt(786, 376) // its Subflow port (not in a new flow's file)
	firstAddedWidget      = image.Pt(590, 463) // the name row of that widget
	// canvasArea is the canvas at 1280×800, less the minimap's corner.
	canvasArea = image.Rect(226, 74, 790, 612)
	// Category colours of node headers (canvas/look).
	voiceRed   = rgba(look.CategoryColor(schemas.Voice))
	flowPurple = rgba(look.CategoryColor(schemas.FlowControl))
	// From a node header's top-left corner at zoom 1: its first port's dot
	// (below a label like "User Pressed Keys") and its name row.
	firstPortFromHeader = image.Pt(68, 80)
	nameRowFromHeader   = image.Pt(80, 40)
	// toolbarZoomOut is the toolbar's Zoom Out button.
	toolbarZoomOut = image.Pt(436, 48)
)

// scaled is an offset from a node's corner at zoom 1 drawn at another zoom.
func scaled(p image.Point, zoom float64) image.Point {
	return image.Pt(int(float64(p.X)*zoom), int(float64(p.Y)*zoom))
}

// newFlowWindow opens the editor on a throwaway file, then starts a flow
// from scratch with Ctrl+N, as a user would.
// Its probe tells the journeys what the focused entry shows.
func newFlowWindow(t *testing.T, x *xserver, bin string) (*app, string) {
	t.Helper()
	isolatedConfig(t)
	start := filepath.Join(t.TempDir(), "start.json")
	if err := os.WriteFile(start, []byte(`{"description":"Start","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	app := startApp(t, x, bin, "edit", start)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("Start")+".*Studioflow")
	waitForDrawing(t, x, "journey-start", x.windowGeometry(t, window))
	x.focus(t, window, emptyCanvas)
	x.key(t, "ctrl+n")
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, "Untitled") })
	return app, window
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
		img := x.screenshot(t, "journey-save-dialog")
		if !sameArea(before, img, image.Rect(0, 0, screenWidth, 30)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no save dialog after Ctrl+S")
		}
	}
	// Its path field has the keyboard once the dialog is drawn and still.
	x.still(t, "journey-save-dialog", screenArea)
	path := filepath.Join(os.Getenv("HOME"), name)
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
	x.still(t, "journey-keys", screenArea)
}

// typeKeys types text into the focused field.
func (x *xserver) typeKeys(t *testing.T, text string) {
	t.Helper()
	x.run(t, "xdotool", "type", "--delay", "15", text)
	x.still(t, "journey-typed", screenArea)
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
// first match is added in free space near the selection, selected.
func (x *xserver) addFromLibrary(t *testing.T, window, text string) {
	t.Helper()
	x.typeText(t, window, librarySearch, text)
	before := x.still(t, "journey-library-search", canvasArea)
	x.key(t, "Return")
	x.changed(t, "journey-added-"+strings.ReplaceAll(text, " ", "-"), before, canvasArea)
}

// step is one step of a run as `studioflow run --json` reports it.
type step struct {
	Name string `json:"name"`
	From string `json:"transitioned_from"`
	To   string `json:"transitioned_to"`
}

// runFlow runs the saved flow with the real binary and returns the path it
// took ("Trigger -incomingMessage-> split_1 -match-> …") and its transcript.
func runFlow(t *testing.T, bin, file string, args ...string) (string, string) {
	t.Helper()
	return runFlowWithInput(t, bin, file, "", args...)
}

// runFlowWithInput is runFlow with the contact's actions on standard input
// ("press 1" for a gather).
func runFlowWithInput(t *testing.T, bin, file, input string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"run", file, "--json"}, args...)...)
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

// still takes screenshots until two in a row show r the same, and returns
// the last: what the keys or clicks before it set off has been drawn.
// Taking a screenshot is what paces it; nothing waits on the clock.
func (x *xserver) still(t *testing.T, name string, r image.Rectangle) image.Image {
	t.Helper()
	prev := x.screenshot(t, name)
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		img := x.screenshot(t, name)
		if sameArea(prev, img, r) {
			return img
		}
		prev = img
	}
	t.Fatalf("%s: the screen kept changing within %v for %v", name, r, patience)
	return nil
}

// changed waits until r differs from before (what was done has begun to
// show), then until it is still, and returns that.
func (x *xserver) changed(t *testing.T, name string, before image.Image, r image.Rectangle) image.Image {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !time.Now().After(deadline) {
		if img := x.screenshot(t, name); !sameArea(before, img, r) {
			return x.still(t, name, r)
		}
	}
	t.Fatalf("%s: nothing changed within %v for %v", name, r, patience)
	return nil
}

func sameArea(a, b image.Image, r image.Rectangle) bool {
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
	r = r.Intersect(canvasArea)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		run := 0
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if abs(int(cr>>8)-int(c.R)) <= 6 && abs(int(cg>>8)-int(c.G)) <= 6 && abs(int(cb>>8)-int(c.B)) <= 6 {
				run++
				if run >= 150 {
					return image.Pt(x-run+1, y)
				}
			} else {
				run = 0
			}
		}
	}
	t.Fatalf("no header of colour %v on the canvas within %v", c, r)
	return image.Point{}
}

// savedPath is where saveAs wrote name.
func (x *xserver) savedPath(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(os.Getenv("HOME"), name)
}

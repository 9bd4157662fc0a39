package e2e

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Where the authoring journeys click in the editor at 1280×800 (no window
// manager: the window sits at 0,0). Library and inspector are laid out by
// Fyne from the theme's sizes, so these stay put.
var (
	librarySearch = image.Pt(100, 173) // the widget library's search box
	emptyCanvas   = image.Pt(300, 200) // a spot of the canvas nothing is drawn on
	// After Ctrl+N the Trigger sits here, and the first widget the library
	// adds lands right below it (free space near the view centre).
	newTriggerMessagePort = image.Pt(464, 383) // its Incoming Message port
	newTriggerCallPort    = image.Pt(552, 383) // its Incoming Call port
	firstAddedWidget      = image.Pt(590, 463) // the name row of that widget
)

// newFlowWindow opens the editor on a throwaway file, then starts a flow
// from scratch with Ctrl+N, as a user would.
func newFlowWindow(t *testing.T, x *xserver, bin string) (*process, string) {
	t.Helper()
	isolatedConfig(t)
	start := filepath.Join(t.TempDir(), "start.json")
	if err := os.WriteFile(start, []byte(`{"description":"Start","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	app := x.start(t, bin, "edit", start)
	window := x.waitWindow(t, app, regexp.QuoteMeta("Start")+".*Studioflow")
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

// saveAs saves with Ctrl+S into the file dialog, which starts in the
// (isolated) home folder with the name field focused, and waits for the
// file to hold want.
func (x *xserver) saveAs(t *testing.T, window, name, want string) string {
	t.Helper()
	x.key(t, "ctrl+s")
	path := filepath.Join(os.Getenv("HOME"), name)
	deadline := time.Now().Add(patience)
	for {
		// The dialog takes a moment to open: type the name once it has.
		time.Sleep(500 * time.Millisecond)
		x.key(t, "ctrl+a")
		x.typeKeys(t, name)
		x.key(t, "Return")
		if _, err := os.Stat(path); err == nil || time.Now().After(deadline) {
			break
		}
	}
	text := waitFile(t, path, want)
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, name) && !strings.HasPrefix(s, "● ") })
	return text
}

// key presses keys (xdotool names: ctrl+n, Return, Tab) in the focused window.
func (x *xserver) key(t *testing.T, keys ...string) {
	t.Helper()
	x.run(t, "xdotool", append([]string{"key", "--clearmodifiers", "--delay", "60"}, keys...)...)
	time.Sleep(150 * time.Millisecond)
}

// typeKeys types text into the focused field.
func (x *xserver) typeKeys(t *testing.T, text string) {
	t.Helper()
	x.run(t, "xdotool", "type", "--delay", "15", text)
	time.Sleep(150 * time.Millisecond)
}

// addFromLibrary searches the library for text and presses Enter: the
// first match is added in free space near the selection, selected.
func (x *xserver) addFromLibrary(t *testing.T, window, text string) {
	t.Helper()
	x.typeText(t, window, librarySearch, text)
	x.key(t, "Return")
	time.Sleep(300 * time.Millisecond)
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
	cmd := exec.Command(bin, append([]string{"run", file, "--json"}, args...)...)
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

// savedPath is where saveAs wrote name.
func (x *xserver) savedPath(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(os.Getenv("HOME"), name)
}

package e2e

import (
	"fmt"
	"image"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/workspace"
)

// seedWorkspace creates the workspace the application will open (under
// the isolated config folder) holding blank flows with these names, the
// last one the most recently changed.
func seedWorkspace(t *testing.T, names ...string) {
	t.Helper()
	dir, err := wsstore.DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	store, err := wsstore.Open(dir, wsstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	val, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i, n := range names {
		if _, err := workspace.CreateFlow(store, val, n, model.NewBlankFlow().Marshal(), "seeded", at.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
}

// waitGone waits until no visible window's title matches title.
func (x *xserver) waitGone(t *testing.T, title string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
		cmd.Env = append(cmd.Environ(), "DISPLAY="+x.display)
		if out, _ := cmd.Output(); strings.TrimSpace(string(out)) == "" {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("a window titled %q is still open", title)
}

// In the real binary: a single click on a flow in the Flows home selects
// it (the window's title names it), a double click opens it in the editor,
// and Escape or Ctrl+W close the Flows home.
func TestFlowsHomeClickSelectsDoubleClickOpensAndKeysClose(t *testing.T) {
	x := startXvfb(t)
	bin := buildStudioflow(t) // before isolatedConfig: it moves HOME, and with it Go's caches
	isolatedConfig(t)
	seedWorkspace(t, "Alpha", "Beta") // listed Beta, Alpha
	app := x.start(t, bin, "edit")
	main := x.waitWindow(t, app, "Studioflow$")
	mainArea := x.windowGeometry(t, main)
	x.focus(t, main, image.Pt(mainArea.Dx()/2, mainArea.Dy()-60))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+h")
	home := x.waitWindow(t, app, "^Flows")
	x.waitTitle(t, home, func(s string) bool { return s == "Flows — Studioflow" })
	time.Sleep(500 * time.Millisecond) // the list draws
	x.screenshot(t, "flows-home-opened")

	// The rows of the list, one under the other below the search field.
	first, second := flowsHomeRow(0), flowsHomeRow(1)
	x.focus(t, home, first)
	x.waitTitle(t, home, func(s string) bool { return s == "Flows: Beta — Studioflow" })
	x.focus(t, home, second)
	x.waitTitle(t, home, func(s string) bool { return s == "Flows: Alpha — Studioflow" })
	x.screenshot(t, "flows-home-click-selected")

	x.run(t, "xdotool", "mousemove", "--window", home, fmt.Sprint(first.X), fmt.Sprint(first.Y), "click", "--repeat", "2", "--delay", "80", "1")
	x.waitTitle(t, main, func(s string) bool { return strings.Contains(s, "Beta (workspace)") })
	x.screenshot(t, "flows-home-double-click-opened")

	// Escape closes the Flows home; reopened, Ctrl+W closes it. (Opening
	// the flow brought the editor forward: raise the Flows home again.)
	x.raise(t, home)
	x.focus(t, home, first)
	x.run(t, "xdotool", "key", "--clearmodifiers", "Escape")
	x.waitGone(t, "^Flows")
	x.focus(t, main, image.Pt(mainArea.Dx()/2, mainArea.Dy()-60))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+h")
	home = x.waitWindow(t, app, "^Flows")
	x.raise(t, home)
	x.focus(t, home, first)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+w")
	x.waitGone(t, "^Flows")
	if title := x.run(t, "xdotool", "getwindowname", main); !strings.Contains(title, "Beta (workspace)") {
		t.Fatalf("closing the Flows home changed the editor to %q", title)
	}
	if regexp.MustCompile(`(?i)panic|fatal`).MatchString(app.output.String()) {
		t.Fatalf("studioflow reported:\n%s", app.output.String())
	}
}

// raise puts a window above the others and gives it the keyboard (there
// is no window manager to do it on a click).
func (x *xserver) raise(t *testing.T, window string) {
	t.Helper()
	x.run(t, "xdotool", "windowraise", window, "windowfocus", "--sync", window)
}

// flowsHomeRow is a point on the name of row i of the Flows home's list
// (window coordinates; the layout is Fyne's, from the theme's sizes).
func flowsHomeRow(i int) image.Point { return image.Pt(120, 170+i*flowsHomeRowHeight) }

const flowsHomeRowHeight = 76

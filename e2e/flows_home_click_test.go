package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
)

// seedBlankFlows creates the workspace the application on x will open
// holding blank flows with these names, the last the most recently changed.
func seedBlankFlows(t *testing.T, x *xserver, names ...string) map[string]string {
	t.Helper()
	sids := map[string]string{}
	for i, n := range names {
		sids[n] = seedFlow(t, x, n, string(model.NewBlankFlow().Marshal()), time.Date(2026, 11, 2, 9, i, 0, 0, time.UTC))
	}
	return sids
}

// seedFlow stores one flow in the workspace of the application on x and
// returns its SID.
func seedFlow(t *testing.T, x *xserver, name, def string, at time.Time) string {
	t.Helper()
	store, val := openSeedStore(t, x)
	defer store.Close()
	f, err := studio.CreateFlow(store, val, name, []byte(def), "seeded", at)
	if err != nil {
		t.Fatal(err)
	}
	return f.SID
}

// waitNoFlowsWindow waits until no window is the Flows home.
func (a *app) waitNoFlowsWindow(t *testing.T) {
	t.Helper()
	a.until(t, "the Flows window closing", func() (bool, string) {
		answer, _ := a.ask(t, "windows")
		open := slices.ContainsFunc(answer[1:], func(s string) bool { return strings.HasPrefix(s, flowsTitle) })
		return !open, strings.Join(answer, " | ")
	})
}

// raise puts a window above the others and gives it the keyboard (there
// is no window manager to do it on a click).
func (x *xserver) raise(t *testing.T, window string) {
	t.Helper()
	x.run(t, "xdotool", "windowraise", window, "windowfocus", "--sync", window)
}

// In the real binary: a single click on a flow in the Flows home selects
// it (the detail and the window's title show it), a double click opens it
// in the editor, and Escape or Ctrl+W close the Flows home.
func TestFlowsHomeClickSelectsDoubleClickOpensAndKeysClose(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	seedBlankFlows(t, x, "Alpha", "Beta") // listed Beta, Alpha
	a, main, flows := openFlowsHome(t, x)
	a.waitText(t, flowsTitle, "Alpha", "Beta")

	a.click(t, flows, flowsTitle, "Beta")
	a.waitWindowTitled(t, "Flows — Beta — Studioflow")
	a.click(t, flows, flowsTitle, "Alpha")
	a.waitWindowTitled(t, "Flows — Alpha — Studioflow")
	a.waitText(t, flowsTitle, "Revision 1: seeded", "Open", "Rename…")
	x.screenshot(t, "flows-home-click-selected")

	at, _, _ := a.where(t, flowsTitle, "Beta")
	x.run(t, "xdotool", "mousemove", "--window", flows, fmt.Sprint(at.X), fmt.Sprint(at.Y), "click", "--repeat", "2", "--delay", "80", "1")
	a.waitWindowTitled(t, "Beta (workspace)")
	x.screenshot(t, "flows-home-double-click-opened")

	// Escape closes the Flows home (opening the flow brought the editor
	// forward: raise the Flows home again first).
	x.raise(t, flows)
	x.run(t, "xdotool", "key", "--clearmodifiers", "Escape")
	a.waitNoFlowsWindow(t)

	// Reopened, Ctrl+W closes it; the editor stays as it was.
	x.raise(t, main)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+h")
	flows = x.waitWindow(t, a.process, "^Flows")
	x.raise(t, flows)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+w")
	a.waitNoFlowsWindow(t)
	a.waitWindowTitled(t, "Beta (workspace)")
}

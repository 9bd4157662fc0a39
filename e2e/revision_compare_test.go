package e2e

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/studio"
)

// seedRevisions stores a flow in the workspace of the application on x
// with one revision per definition, each with its commit message, and
// returns its SID.
func seedRevisions(t *testing.T, x *xserver, name string, defs [][]byte, messages []string) string {
	t.Helper()
	store, val := openSeedStore(t, x)
	defer store.Close()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	f, err := studio.CreateFlow(store, val, name, defs[0], messages[0], at)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(defs); i++ {
		if _, err := studio.SaveRevision(store, val, f.SID, defs[i], messages[i], false, at.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	return f.SID
}

// In the Flows home, a revision's "Compare with previous" opens the canvas
// compare view of the revision before it and this one, titled with both
// and the first change; Ctrl+W closes it and leaves the Flows home open.
func TestFlowsHomeComparesARevisionWithThePreviousOne(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	first, err := os.ReadFile(filepath.Join(flowsDir, "horoscope.json"))
	if err != nil {
		t.Fatal(err)
	}
	second := bytes.Replace(first, []byte("Hello! Please tell us your sign"), []byte("Hi! Tell us your sign"), 1)
	if bytes.Equal(first, second) {
		t.Fatal("horoscope.json no longer has its welcome text")
	}
	seedRevisions(t, x, "Horoscope", [][]byte{first, second}, []string{"Imported", "Shorter welcome"})
	a, _, flows := openFlowsHome(t, x)
	a.waitText(t, flowsTitle, "Horoscope")
	a.click(t, flows, flowsTitle, "Horoscope")
	a.waitText(t, flowsTitle, "Shorter welcome", "Imported", "Compare with previous")

	a.click(t, flows, flowsTitle, "Shorter welcome")
	a.click(t, flows, flowsTitle, "Compare with previous")
	const compare = "Compare rev 1 → rev 2 — change 1 of 1"
	a.waitWindowTitled(t, compare)
	// Its X window: xdotool's --onlyvisible misses it (waitWindow), so it
	// is found by the ASCII part of its name.
	var window string
	a.until(t, "the compare window's X id", func() (bool, string) {
		search := exec.Command("xdotool", "search", "--name", "change 1 of 1")
		search.Env = x.environ()
		out, _ := search.Output()
		window = strings.TrimSpace(string(out))
		return window != "" && !strings.Contains(window, "\n"), window
	})
	area := x.windowGeometry(t, window)
	img := waitForDrawing(t, x, "revisions-compare-previous", area)
	if n := measure(img, area).near(triggerPurple, 8); n < 300 {
		t.Errorf("%d pixels in the Trigger's header colour: the flow was not drawn", n)
	}
	answer, _ := a.ask(t, "windows")
	var title string
	for _, w := range answer[1:] {
		if strings.Contains(w, compare) {
			title = w
		}
	}
	if !strings.Contains(title, "changed") {
		t.Errorf("the compare window's title does not say what changed: %q", title)
	}

	x.focus(t, window, image.Pt(area.Dx()-40, area.Dy()-40))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+w")
	a.until(t, "the compare window closing", func() (bool, string) {
		answer, _ := a.ask(t, "windows")
		open := false
		for _, w := range answer[1:] {
			open = open || strings.Contains(w, compare)
		}
		return !open, strings.Join(answer, " | ")
	})
	a.waitText(t, flowsTitle, "Shorter welcome")
}

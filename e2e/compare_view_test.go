package e2e

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The compare view (studioflow diff --view) draws the new flow with the
// removed widget as a ghost, and steps through the changes with the arrow
// keys; its window title says which change is shown.
func TestCompareViewStepsThroughChanges(t *testing.T) {
	t.Parallel()
	requireTools(t, "Xvfb", "xdotool", "xwd")
	x := startXvfb(t)
	bin := buildStudioflow(t)
	base, err := os.ReadFile(filepath.Join(repoRoot, "model", "flowdiff", "testdata", "ivr.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	edited := bytes.Replace(base, []byte(`"timeout": 5`), []byte(`"timeout": 8`), 1)
	edited = bytes.Replace(edited, []byte(`{"event": "match", "next": "sales"`), []byte(`{"event": "match", "next": "support"`), 1)
	edited = bytes.Replace(edited, []byte(`"x": 100, "y": 950`), []byte(`"x": 400, "y": 950`), 1)
	for path, data := range map[string][]byte{oldPath: base, newPath: edited} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	app := x.start(t, bin, "diff", "--view", oldPath, newPath)
	window := x.waitWindow(t, app, regexp.QuoteMeta("change 1 of 3 (menu changed)"))
	area := x.windowGeometry(t, window)
	img := waitForDrawing(t, x, "compare-1-menu-changed", area)
	if n := measure(img, area).near(triggerPurple, 8); n < 300 {
		t.Errorf("%d pixels in the Trigger's header colour: the flow was not drawn", n)
	}

	x.focus(t, window, image.Pt(area.Dx()-40, area.Dy()-40))
	x.run(t, "xdotool", "key", "--clearmodifiers", "Right")
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, "change 2 of 3 (route changed)") })
	x.screenshot(t, "compare-2-route-rewired")
	x.run(t, "xdotool", "key", "--clearmodifiers", "Right")
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, "change 3 of 3 (bye moved)") })
	x.screenshot(t, "compare-3-bye-moved")

	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+w")
	if code := app.waitExit(t); code != 1 {
		t.Errorf("diff --view exited with %d, want 1 (the flows differ); output:\n%s", code, app.output.String())
	}
}

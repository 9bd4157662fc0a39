package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model/modeltest"
)

// maxResidentKB is the bound on the editor holding Studio's
// largest flow: 300 MB.
const maxResidentKB = 300 * 1024

// TestCanvasEditorHolding2000WidgetsStaysUnder300MB opens a generated
// 2000-widget flow in the real binary, zooms out with Ctrl+wheel as far as
// the canvas goes (every widget it shows then drawn at once) and reads the
// process's resident memory from /proc.
func TestCanvasEditorHolding2000WidgetsStaysUnder300MB(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc to read resident memory from")
	}
	x := startXvfb(t)
	bin := buildStudioflow(t)
	path := filepath.Join(t.TempDir(), "generated_2000.json")
	if err := os.WriteFile(path, modeltest.Generate(2000), 0o644); err != nil {
		t.Fatal(err)
	}
	app := x.start(t, bin, "edit", path)
	window := x.waitWindow(t, app, regexp.QuoteMeta("generated_2000.json")+".*Studioflow")
	area := x.windowGeometry(t, window)
	waitForDrawing(t, x, "canvas-2000-open", area)
	opened := residentKB(t, app.cmd.Process.Pid)

	// Zoom out over the canvas to the smallest zoom.
	centre := area.Min.Add(area.Size().Div(2))
	x.run(t, "xdotool", "mousemove", fmt.Sprint(centre.X), fmt.Sprint(centre.Y))
	before := x.screenshot(t, "canvas-2000-zoomed-out")
	for range 32 {
		x.run(t, "xdotool", "keydown", "ctrl", "click", "5", "keyup", "ctrl")
	}
	// The peak is read once the zoomed-out canvas has been drawn and is still.
	x.changed(t, "canvas-2000-zoomed-out", before, area)
	peak := peakKB(t, app.cmd.Process.Pid)
	t.Logf("resident memory with 2000 widgets: %d MB after opening, %d MB peak after zooming out", opened/1024, peak/1024)
	if peak > maxResidentKB {
		t.Errorf("peak resident memory %d MB, over %d MB", peak/1024, maxResidentKB/1024)
	}
}

func residentKB(t *testing.T, pid int) int { return statusKB(t, pid, "VmRSS") }
func peakKB(t *testing.T, pid int) int     { return statusKB(t, pid, "VmHWM") }

func statusKB(t *testing.T, pid int, field string) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatalf("%s: %q: %v", field, v, err)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

package e2e

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/schemas"
)

var (
	coverageWarning = rgba(look.WarningColor)                        // never-taken wires, dashed
	coverageTaken   = rgba(look.ActiveColor)                         // taken wires
	toolsGreen      = rgba(look.CategoryColor(schemas.ToolsAndCode)) // Make HTTP Request's header and inspector tile
	// inspectorHead is where the inspector shows the widget's type tile.
	inspectorHead = image.Rect(965, 40, screenWidth, 200)
)

// supportLine writes the project's coverage fixture (a call menu, a split
// with three conditions, an order lookup) and its scenarios into a
// folder, with the status announcement starting with its reference.
func supportLine(t *testing.T) string {
	t.Helper()
	src := filepath.Join(repoRoot, "engine", "scenario", "testdata", "cover")
	dir := t.TempDir()
	for name, edits := range map[string][2]string{
		"support-line.json": {"Your order is {{widgets.lookup.parsed.status}}.", "{{widgets.lookup.parsed.status}} is the status of your order."},
		"support-line.yaml": {"Your order is shipped.", "shipped is the status of your order."},
	} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(data), edits[0], edits[1], 1)
		if text == string(data) {
			t.Fatalf("%s no longer holds %q", name, edits[0])
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "support-line.json")
}

// pixelsNear counts the pixels of img within r close to c.
func pixelsNear(img image.Image, r image.Rectangle, c color.RGBA) int {
	return measure(img, r).near(c, 10)
}

// waitPixels takes screenshots until ok holds for one, and returns it.
func (x *xserver) waitPixels(t *testing.T, name string, ok func(image.Image) bool) image.Image {
	t.Helper()
	img, seen := x.seeWithin(t, name, ok)
	if !seen {
		t.Fatalf("%s: the window never showed what was expected (see shots/e2e/%s.png)", name, name)
	}
	return img
}

// seeWithin takes screenshots until ok holds for one and returns it, or
// the last after patience with false. Taking a screenshot and x.pace pace it.
func (x *xserver) seeWithin(t *testing.T, name string, ok func(image.Image) bool) (image.Image, bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		img := x.grab(t)
		if ok(img) {
			x.save(t, name, img)
			return img, true
		}
		if time.Now().After(deadline) {
			x.save(t, name, img)
			return img, false
		}
		x.pace()
	}
}

func TestCoverageOverlayAndCtrlClickJumpInTheRealWindow(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	flow := supportLine(t)

	app := startApp(t, x, bin, "edit", flow)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("support-line.json")+".*Studioflow")
	area := x.windowGeometry(t, window)
	waitForDrawing(t, x, "coverage-1-opened", area)
	x.focus(t, window, emptyCanvas)
	x.key(t, "ctrl+shift+f")
	before := x.screenshot(t, "coverage-2-fit")
	warnBefore, takenBefore := pixelsNear(before, area, coverageWarning), pixelsNear(before, area, coverageTaken)

	// Run > Show Test Coverage: the scenarios beside the flow run in the
	// background; taken wires turn green, never-taken ones orange dashes.
	x.key(t, "ctrl+shift+t")
	x.waitPixels(t, "coverage-3-overlay", func(img image.Image) bool {
		return pixelsNear(img, area, coverageWarning) > warnBefore+150 && pixelsNear(img, area, coverageTaken) > takenBefore+40
	})

	// Ctrl+click on {{widgets.lookup.parsed.status}} in status's Say field
	// jumps to lookup: the inspector shows Make HTTP Request's green tile.
	x.findWidget(t, "status")
	shown := x.screenshot(t, "coverage-4-status-shown")
	if n := pixelsNear(shown, inspectorHead, toolsGreen); n > 20 {
		t.Fatalf("the inspector already shows a Tools widget (%d green pixels) before the jump", n)
	}
	// The pointer on the reference, which begins the field's first row.
	say := app.box(t, "support-line.json", "{{widgets.lookup.parsed.status}} is the status of your order.")
	x.run(t, "xdotool", "mousemove", "--sync", strconv.Itoa(say.Min.X+40), strconv.Itoa(say.Min.Y+20))
	x.run(t, "xdotool", "keydown", "ctrl", "click", "1", "keyup", "ctrl")
	x.waitPixels(t, "coverage-5-jumped-to-lookup", func(img image.Image) bool {
		return pixelsNear(img, inspectorHead, toolsGreen) > 100
	})

	// The Problems panel lists the transitions no scenario takes; clicking
	// the row of route's "sales again" branch goes to route: the inspector
	// shows the split's conditions, scrolled to its transitions.
	x.key(t, "Escape")
	x.focus(t, window, emptyCanvas)
	x.findWidget(t, "status")
	const title, salesAgain = "support-line.json", "no test takes this transition to sales"
	shownNow := app.waitText(t, title, "8 transitions never taken by the tests", "route · the 'sales again' branch", salesAgain)
	if strings.Contains(shownNow, "Friendly name *") {
		t.Fatal("the inspector shows a split's conditions before the Problems row is clicked")
	}
	x.screenshot(t, "coverage-6-uncovered-in-problems")
	app.click(t, window, title, salesAgain)
	app.waitText(t, title, "Friendly name *", "sales again")
	x.screenshot(t, "coverage-7-problems-row-to-route")

	x.key(t, "Escape")
	x.focus(t, window, emptyCanvas)
	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}

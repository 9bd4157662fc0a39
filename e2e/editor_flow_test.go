package e2e

import (
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// blankFlowFile writes Studio's blank flow to a new file.
func blankFlowFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "flow.json")
	if err := os.WriteFile(path, model.NewBlankFlow().Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEditorBuildsASayPlayFlowByDraggingConnectingTypingAndSaving(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	path := blankFlowFile(t)

	app := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("A New Flow (flow.json)")+".*Studioflow")
	area := x.windowGeometry(t, window)
	img := waitForDrawing(t, x, "editor-1-blank-flow", area)
	// Only the canvas: the library's Flow Control tiles share the colour.
	if _, n := boundsOf(img, canvasArea.Add(area.Min), triggerPurple, 8); n < 500 {
		t.Fatalf("no Trigger drawn (%d pixels of its colour)", n)
	}

	// A Say/Play from the library onto the canvas.
	tile, _, _ := app.where(t, "Studioflow", "Say/Play")
	x.drag(t, window, tile, dropPoint)
	x.waitTitle(t, window, func(s string) bool { return strings.HasPrefix(s, "● ") })
	x.screenshot(t, "editor-2-say-play-dropped")

	// The trigger's Incoming Call to the new widget, by dragging a wire.
	x.drag(t, window, app.port(t, "Incoming Call"), dropPoint.Add(image.Pt(0, 30)))
	x.screenshot(t, "editor-3-connected")

	// Its text in the inspector (the dropped widget is selected), in the
	// Say field, which shows its placeholder over two lines while empty.
	const text = "Thanks for calling. Your call matters to us."
	app.typeOver(t, window, "This call is being recorded for quality", text)
	x.screenshot(t, "editor-4-text-typed")

	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+s")
	saved := waitFile(t, path, text)
	x.waitTitle(t, window, func(s string) bool { return !strings.HasPrefix(s, "● ") })
	x.screenshot(t, "editor-5-saved")

	f, err := model.Parse([]byte(saved))
	if err != nil {
		t.Fatalf("saved file does not parse: %v", err)
	}
	if string(f.Marshal()) != saved {
		t.Error("the saved file is not in canonical form")
	}
	var say *model.State
	for _, s := range f.States() {
		if s.Type() == "say-play" {
			say = s
		}
	}
	if say == nil {
		t.Fatalf("no say-play widget saved:\n%s", saved)
	}
	if got := say.StringProperty("say"); got != text {
		t.Errorf("saved say text %q, want %q", got, text)
	}
	if next, _ := f.Trigger().Next("incomingCall"); next != say.Name() {
		t.Errorf("Incoming Call leads to %q, want %q", next, say.Name())
	}
	var generic map[string]any
	if err := json.Unmarshal([]byte(saved), &generic); err != nil {
		t.Fatalf("saved file is not JSON: %v", err)
	}

	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}

func TestEditorOffersWorkLeftByAKillOnTheNextStart(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	recovery := x.recoveryDir()
	path := blankFlowFile(t)
	title := regexp.QuoteMeta("(flow.json)") + ".*Studioflow"

	app := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, app.process, title)
	waitForDrawing(t, x, "editor-recovery-1-open", x.windowGeometry(t, window))
	const text = "Flow with unsaved work"
	app.typeOver(t, window, "A New Flow", text) // the flow's Description, nothing selected
	x.waitTitle(t, window, func(s string) bool { return strings.HasPrefix(s, "● ") && strings.Contains(s, text) })
	files := waitGlob(t, filepath.Join(recovery, "*.recovery.json"), patience)
	waitFile(t, files[0], text)

	if err := app.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	app.waitExit(t)
	if data, _ := os.ReadFile(path); strings.Contains(string(data), text) {
		t.Fatal("the flow file already holds the unsaved text")
	}

	again := startApp(t, x, bin, "edit", path)
	window = x.waitWindow(t, again.process, title)
	area := x.windowGeometry(t, window)
	// The recovery dialog offers Restore, drawn as the primary button.
	restore, _, _ := again.where(t, "Studioflow", "Restore")
	if _, ok := x.seeWithin(t, "editor-recovery-2-offered", func(img image.Image) bool {
		box, n := boundsOf(img, area, primaryBlue, 6)
		return n > 1500 && box.Dx() < 200 && restore.Add(area.Min).In(box.Inset(-2))
	}); !ok {
		t.Fatalf("no recovery dialog (its Restore button, in %v) at %v after restarting; output:\n%s", primaryBlue, restore, again.output.String())
	}
	x.focus(t, window, restore)
	x.waitTitle(t, window, func(s string) bool { return strings.HasPrefix(s, "● ") && strings.Contains(s, text) })
	x.screenshot(t, "editor-recovery-3-restored")

	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+s")
	waitFile(t, path, text)
	if code := x.quitWithKeys(t, again.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q", code)
	}
	if left, _ := filepath.Glob(filepath.Join(recovery, "*.recovery.json")); len(left) != 0 {
		t.Errorf("recovery files left after saving and quitting: %v", left)
	}
}

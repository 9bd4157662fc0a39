package e2e

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// In the real binary, Open (Ctrl+O) takes a typed path: the keyboard is in
// the dialog's path field, and Enter on a file's path opens it.
func TestOpenTakesATypedPathInTheRealWindow(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	// Under Xvfb there is no desktop portal; say so rather than rely on it.
	x.setenv("STUDIOFLOW_FILE_DIALOG", "builtin")
	dir := t.TempDir()
	def := strings.Replace(string(model.NewBlankFlow().Marshal()), `"description": "A New Flow"`, `"description": "Typed path flow"`, 1)
	if !strings.Contains(def, "Typed path flow") {
		t.Fatalf("the blank flow's description moved: %s", def)
	}
	path := filepath.Join(dir, "typed.json")
	if err := os.WriteFile(path, []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	app := x.start(t, bin, "edit")
	main := x.waitWindow(t, app, "Studioflow$")
	area := x.windowGeometry(t, main)
	x.focus(t, main, image.Pt(area.Dx()/2, area.Dy()-60))
	before := x.still(t, "open-dialog", area)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+o")
	// Its path field has the keyboard once the dialog is drawn and still.
	x.changed(t, "open-dialog", before, area)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+a")
	x.run(t, "xdotool", "type", "--delay", "15", path)
	x.screenshot(t, "open-dialog-typed")
	x.run(t, "xdotool", "key", "--clearmodifiers", "Return")
	x.waitTitle(t, main, func(s string) bool { return strings.Contains(s, "Typed path flow (typed.json)") })
	x.screenshot(t, "open-dialog-opened")
}

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// keysFlow is a trigger and one Say/Play widget, for typing into its Say.
const keysFlow = `{"description":"Keys","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger",
"states":[
 {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"greet"}],"properties":{"offset":{"x":0,"y":0}}},
 {"name":"greet","type":"say-play","transitions":[{"event":"audioComplete"}],"properties":{"say":"Hi","loop":1,"offset":{"x":0,"y":250}}}
]}`

// Tabs pressed in the multi-line Say field move the focus on and back;
// none reaches the text, so the saved flow holds no tab character.
func TestTabsInASayFieldMoveFocusAndNeverReachTheSavedFile(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(path, []byte(keysFlow), 0o644); err != nil {
		t.Fatal(err)
	}
	app := x.start(t, bin, "edit", path)
	window := x.waitWindow(t, app, regexp.QuoteMeta("Keys")+".*Studioflow")
	waitForDrawing(t, x, "keys-1-open", x.windowGeometry(t, window))
	// Without a window manager only a click gives the window the keyboard;
	// everything after it is keys.
	x.focus(t, window, emptyCanvas)

	x.findWidget(t, "greet") // the keyboard is in its name field
	x.tabs(t, 1)             // Say
	x.key(t, "ctrl+a")
	x.typeKeys(t, "Welcome to Keys")
	x.key(t, "Tab", "Tab", "shift+Tab", "Tab", "shift+Tab", "shift+Tab")
	x.screenshot(t, "keys-2-after-tabs")
	x.key(t, "ctrl+s")
	saved := waitFile(t, path, "Welcome to Keys")
	x.waitTitle(t, window, func(s string) bool { return !strings.HasPrefix(s, "● ") })
	x.screenshot(t, "keys-3-saved")

	if strings.Contains(saved, `\t`) || strings.Contains(saved, "\t") {
		t.Errorf("the saved flow holds a tab character:\n%s", saved)
	}
	f, err := model.Parse([]byte(saved))
	if err != nil {
		t.Fatalf("saved file does not parse: %v", err)
	}
	if got := f.State("greet").StringProperty("say"); got != "Welcome to Keys" {
		t.Errorf("saved Say %q, want %q", got, "Welcome to Keys")
	}
}

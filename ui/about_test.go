package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// Help ▸ About Studioflow shows the build: version, commit and build date.
func TestAboutDialogShowsTheBuild(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	var found bool
	for _, menu := range e.win.MainMenu().Items {
		for _, it := range menu.Items {
			if menu.Label == "Help" && it.Label == "About Studioflow" {
				found = true
				it.Action()
			}
		}
	}
	if !found {
		t.Fatal("no Help ▸ About Studioflow menu item")
	}
	text := dialogText(e.win)
	for _, want := range []string{"Studioflow — edit, check and simulate", "Version: ", "Commit: ", "Go: "} {
		if !strings.Contains(text, want) {
			t.Errorf("About says %q, want it to contain %q", text, want)
		}
	}
	if !strings.Contains(text, "Built: ") && !strings.Contains(text, "Committed: ") {
		t.Errorf("About says %q, with no date line", text)
	}
}

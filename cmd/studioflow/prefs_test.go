package main

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/prefstore"
)

// What Fyne itself remembers through the app's preferences (its file
// dialog's last folder) goes to the store once the provider is set.
func TestFynesOwnPreferencesAreTheStore(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := prefstore.InMemory()
	a.SetCloudProvider(prefsProvider{prefs})
	a.Preferences().SetString("fyne:fileDialogLastFolder", "file:///flows")
	if got := prefs.String("fyne:fileDialogLastFolder"); got != "file:///flows" {
		t.Fatalf("the store holds %q for what Fyne remembered", got)
	}
	prefs.SetString("theme", "dark")
	if got := a.Preferences().String("theme"); got != "dark" {
		t.Errorf("Fyne's preferences read %q for the store's theme", got)
	}
}

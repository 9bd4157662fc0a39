package main

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/internal/prefstore"
)

// openPrefs opens the preferences the application's windows share, in
// its storage folder (seeded from Fyne's preferences there the first
// time). Their problems are told on stderr; when they cannot be opened
// they are kept for this run only, and that is said too.
func openPrefs(e env, a fyne.App) *prefstore.Store {
	report := func(err error) { fmt.Fprintf(e.stderr, "studioflow: %v\n", err) }
	s := a.Storage()
	if s == nil || s.RootURI() == nil || s.RootURI().Scheme() != "file" {
		report(errors.New("the application has no storage folder: preferences are kept for this run only"))
		return prefstore.InMemory()
	}
	dir := s.RootURI().Path()
	prefs, err := prefstore.Open(dir, prefstore.Options{Seed: prefstore.Seed(dir), Report: report})
	if err != nil {
		report(fmt.Errorf("%w: preferences are kept for this run only", err))
		return prefstore.InMemory()
	}
	return prefs
}

// savePrefs writes what a failed save left of the preferences, once the
// windows have closed.
func savePrefs(e env, prefs *prefstore.Store) {
	if err := prefs.Save(); err != nil {
		fmt.Fprintf(e.stderr, "studioflow: %v\n", err)
	}
}

// prefsProvider hands the preferences store to Fyne as the app's own
// preferences (Fyne's way to replace them is a cloud provider that keeps
// preferences): Fyne's dialogs that remember something go to the store
// too, and Fyne no longer rewrites its preferences.json in place when the
// application exits (a Studioflow starting then read it empty).
type prefsProvider struct{ prefs *prefstore.Store }

var _ fyne.CloudProviderPreferences = prefsProvider{}

func (prefsProvider) ProviderName() string { return "studioflow-preferences" }
func (prefsProvider) ProviderDescription() string {
	return "Studioflow's preferences file, shared by its windows and processes"
}
func (prefsProvider) ProviderIcon() fyne.Resource { return nil }
func (prefsProvider) Setup(fyne.App) error        { return nil }
func (prefsProvider) Cleanup(fyne.App)            {}

// CloudPreferences returns the store.
func (p prefsProvider) CloudPreferences(fyne.App) fyne.Preferences { return p.prefs }

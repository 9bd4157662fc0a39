package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// The application's identity. FyneApp.toml (here and at the repository root,
// read by `fyne package`) says the same; metadata_test.go checks that.
const (
	appID      = "io.github.studioflow"
	appName    = "Studioflow"
	appVersion = "0.1.0"
	appBuild   = 1
)

// ensureMetadata gives a plain `go build` binary the metadata that
// `fyne package` would compile in, above all the fyneDo migration (widgets
// are only touched on the UI goroutine, through fyne.Do from elsewhere).
// A packaged build already carries it and is left alone.
func ensureMetadata(a fyne.App) {
	if a.Metadata().ID != "" {
		return
	}
	app.SetMetadata(appMetadata())
}

func appMetadata() fyne.AppMetadata {
	return fyne.AppMetadata{
		ID:         appID,
		Name:       appName,
		Version:    appVersion,
		Build:      appBuild,
		Icon:       appIcon(),
		Migrations: map[string]bool{"fyneDo": true},
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/studioflow/studioflow/assets"
	"github.com/studioflow/studioflow/internal/prefstore"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui"
	"github.com/studioflow/studioflow/ui/probe"
)

// runEdit opens the editor window on FILE, or on the built-in example flow
// (unsaved until saved somewhere), and returns when the window is closed.
// Work left unsaved by a crash or a kill is offered for recovery.
func runEdit(e env, args []string) int {
	if len(args) > 1 {
		fmt.Fprintln(e.stderr, "usage: studioflow edit [FILE]")
		return exitBadInput
	}
	opts := ui.Options{Source: assets.ExampleFlowName, OfferRecovery: true}
	var (
		data []byte
		err  error
	)
	if len(args) == 1 {
		opts.Source = args[0]
		data, opts.Flow, err = loadFlow(args[0])
		if abs, absErr := filepath.Abs(args[0]); absErr == nil {
			opts.Path = abs
		}
	} else {
		data = assets.ExampleFlow()
		opts.Flow, err = model.Parse(data)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(opts.Source, data, err))
		return exitBadInput
	}
	a, prefs, cat, ok := newWindowApp(e, "studioflow", " (validate and fmt work without one)")
	if !ok {
		return exitBadInput
	}
	defer savePrefs(e, prefs)
	opts.Prefs = prefs
	editor, err := ui.NewEditor(a, cat, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow: %v\n", err)
		return exitBadInput
	}
	if err := probe.ServeFromEnv(a); err != nil {
		fmt.Fprintf(e.stderr, "studioflow: %v\n", err)
		return exitBadInput
	}
	editor.Start()
	returned := make(chan struct{})
	defer close(returned)
	go exitIfShutdownHangs(editor.Closed(), returned, shutdownGrace, e.stderr, os.Exit)
	editor.Window().ShowAndRun()
	return exitOK
}

// newWindowApp makes the application a window opens in, with its
// preferences (the theme they remember applied) and the widget catalog,
// once a display is there to show it. Otherwise, or without a catalog, it
// says why on stderr (as who, the display message ending in hint) and
// reports false.
func newWindowApp(e env, who, hint string) (fyne.App, *prefstore.Store, *schemas.Catalog, bool) {
	staysUp()
	if reason := noDisplay(runtime.GOOS, os.Getenv); reason != "" {
		fmt.Fprintf(e.stderr, "%s: cannot open a window: %s%s\n", who, reason, hint)
		return nil, nil, nil, false
	}
	cat, err := schemas.Load()
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow: load widget catalog: %v\n", err)
		return nil, nil, nil, false
	}
	a := app.NewWithID(appID)
	ensureMetadata(a)
	a.SetIcon(appIcon())
	prefs := openPrefs(e, a)
	a.SetCloudProvider(prefsProvider{prefs})
	ui.RestoreTheme(a, prefs)
	return a, prefs, cat, true
}

// noDisplay says why no window can open on a Unix desktop without a display
// server to talk to, or "" when one seems to be there: GLFW would otherwise
// panic deep inside Fyne.
func noDisplay(goos string, getenv func(string) string) string {
	switch goos {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return "neither DISPLAY nor WAYLAND_DISPLAY is set"
	}
	return ""
}

func appIcon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", assets.IconPNG())
}

package main

import (
	"fmt"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/studioflow/studioflow/assets"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui"
)

// runEdit opens the editor window on FILE, or on the built-in example flow,
// and returns when the window is closed.
func runEdit(e env, args []string) int {
	if len(args) > 1 {
		fmt.Fprintln(e.stderr, "usage: studioflow edit [FILE]")
		return exitBadInput
	}
	source := assets.ExampleFlowName
	var (
		data []byte
		flow *model.Flow
		err  error
	)
	if len(args) == 1 {
		source = args[0]
		data, flow, err = loadFlow(source)
	} else {
		data = assets.ExampleFlow()
		flow, err = model.Parse(data)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(source, data, err))
		return exitBadInput
	}
	if reason := noDisplay(runtime.GOOS, os.Getenv); reason != "" {
		fmt.Fprintf(e.stderr, "studioflow: cannot open a window: %s (validate and fmt work without one)\n", reason)
		return exitBadInput
	}
	cat, err := schemas.Load()
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow: load widget catalog: %v\n", err)
		return exitBadInput
	}
	a := app.NewWithID(appID)
	ensureMetadata(a)
	a.SetIcon(appIcon())
	w := ui.NewViewerWindow(a, flow, cat, source)
	w.ShowAndRun()
	return exitOK
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

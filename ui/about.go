package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/internal/buildinfo"
	"github.com/studioflow/studioflow/ui/kbd"
)

// aboutText is what the About dialog says: the application, what it does,
// and the build (version, commit and build date stamped at build time, the
// same lines as `studioflow version`).
func aboutText(meta fyne.AppMetadata) string {
	name := meta.Name
	if name == "" {
		name = "Studioflow"
	}
	lines := []string{name + " — edit, check and simulate Twilio Studio flows offline.", ""}
	lines = append(lines, buildinfo.Read(meta.Version).Lines()...)
	return strings.Join(lines, "\n")
}

// About shows the application's name, icon and build information.
func (e *Editor) About() {
	meta := e.app.Metadata()
	items := []fyne.CanvasObject{}
	if meta.Icon != nil {
		icon := widget.NewIcon(meta.Icon)
		items = append(items, container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), icon)))
	}
	items = append(items, widget.NewLabel(aboutText(meta)))
	if site, err := url.Parse(websiteURL); err == nil {
		items = append(items, widget.NewHyperlink(websiteURL, site))
	}
	d := kbd.NewMessage("About "+nonEmpty(meta.Name, "Studioflow"), "OK", container.NewVBox(items...), e.win)
	d.SetFocus(d.DismissButton()) // not the link: Enter closes the box
	d.Show()
}

// websiteURL is the project's home (FyneApp.toml's Website).
const websiteURL = "https://github.com/studioflow/studioflow"

func nonEmpty(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

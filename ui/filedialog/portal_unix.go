//go:build (linux || freebsd || openbsd || netbsd) && !android

package filedialog

import (
	"context"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/godbus/dbus/v5"
	"github.com/rymdport/portal"
	"github.com/rymdport/portal/filechooser"
)

// portalAvailable reports whether the session bus has the desktop portal
// with a FileChooser, asking once. It never starts a bus (no autolaunch):
// without DBUS_SESSION_BUS_ADDRESS there is none to ask.
var portalAvailable = sync.OnceValue(func() bool {
	return detectPortal(os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
})

// detectPortal asks the bus at address whether the portal's FileChooser is
// there.
func detectPortal(address string) bool {
	if address == "" {
		return false
	}
	conn, err := dbus.Connect(address)
	if err != nil {
		return false
	}
	defer conn.Close()
	// Asking may start the portal (D-Bus activation); a portal that does
	// not answer soon is treated as absent rather than freezing the window.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var version dbus.Variant
	err = conn.Object(portalName, portalPath).
		CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, "org.freedesktop.portal.FileChooser", "version").
		Store(&version)
	return err == nil && version.Value() != nil
}

const (
	portalName = "org.freedesktop.portal.Desktop"
	portalPath = "/org/freedesktop/portal/desktop"
)

// askPortal shows the desktop's chooser; it reports false when the portal
// could not be asked (the built-in dialog is shown instead).
func askPortal(w fyne.Window, o Options, dir string, save bool, done func(string)) bool {
	parent := windowHandle(w)
	var filters []*filechooser.Filter
	if len(o.Extensions) > 0 {
		f := &filechooser.Filter{Name: strings.Join(o.Extensions, ", ")}
		for _, e := range o.Extensions {
			f.Rules = append(f.Rules, filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + strings.ToLower(e)},
				filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + strings.ToUpper(e)})
		}
		filters = []*filechooser.Filter{f}
	}
	go func() {
		var uris []string
		var err error
		if save {
			uris, err = filechooser.SaveFile(parent, o.Title, &filechooser.SaveFileOptions{CurrentFolder: dir, CurrentName: o.FileName, Filters: filters})
		} else {
			opts := &filechooser.OpenFileOptions{CurrentFolder: dir, Filters: filters}
			if len(filters) > 0 {
				opts.CurrentFilter = filters[0]
			}
			uris, err = filechooser.OpenFile(parent, o.Title, opts)
		}
		fyne.Do(func() {
			if err != nil {
				fyne.LogError("the desktop's file chooser failed; using the built-in one", err)
				newBuiltin(w, o, dir, save, done).show()
				return
			}
			if len(uris) == 0 {
				return // cancelled
			}
			if u, err := url.Parse(uris[0]); err == nil && u.Scheme == "file" {
				done(u.Path)
			}
		})
	}()
	return true
}

// windowHandle names the parent window for the portal ("x11:…"), or "".
func windowHandle(w fyne.Window) string {
	handle := ""
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x, ok := ctx.(driver.X11WindowContext); ok {
				handle = portal.FormatX11WindowHandle(x.WindowHandle)
			}
		})
	}
	return handle
}

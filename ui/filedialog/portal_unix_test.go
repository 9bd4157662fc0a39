//go:build (linux || freebsd || openbsd || netbsd) && !android

package filedialog

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/godbus/dbus/v5"
)

// privateBus starts a session bus of the test's own and returns its address.
func privateBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed: the portal detection needs a bus to ask")
	}
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(line)
}

// fakePortal answers the FileChooser's version, as xdg-desktop-portal does.
type fakePortal struct{}

func (fakePortal) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	if iface == "org.freedesktop.portal.FileChooser" && name == "version" {
		return dbus.MakeVariant(uint32(4)), nil
	}
	return dbus.Variant{}, dbus.MakeFailedError(dbus.ErrMsgUnknownInterface)
}

func TestThePortalIsUsedOnlyWhenTheBusHasItsFileChooser(t *testing.T) {
	if detectPortal("") {
		t.Fatal("without a session bus the portal counts as available")
	}
	addr := privateBus(t)
	if detectPortal(addr) {
		t.Fatal("a bus without the portal counts as having it")
	}
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Export(fakePortal{}, portalPath, "org.freedesktop.DBus.Properties"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(portalName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v %v", portalName, reply, err)
	}
	if !detectPortal(addr) {
		t.Fatal("a bus with the portal's FileChooser does not count as having it")
	}
}

// fakeChooser is the portal's FileChooser: it answers OpenFile with a
// chosen file once the call has returned, as a person picking one would.
type fakeChooser struct {
	conn   *dbus.Conn
	chosen string
	folder chan string
}

func (f *fakeChooser) OpenFile(parent, title string, options map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	folder, _ := options["current_folder"].Value().([]byte)
	f.folder <- strings.TrimRight(string(folder), "\x00")
	go func() {
		time.Sleep(200 * time.Millisecond) // the client listens once the call returned
		f.conn.Emit(portalPath, "org.freedesktop.portal.Request.Response", uint32(0),
			map[string]dbus.Variant{"uris": dbus.MakeVariant([]string{"file://" + f.chosen})})
	}()
	return dbus.ObjectPath(portalPath + "/request/1"), nil
}

func TestOpenAsksTheDesktopPortalAndRemembersTheFolder(t *testing.T) {
	addr := privateBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	t.Setenv("STUDIOFLOW_FILE_DIALOG", "portal")
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dir := tree(t)
	chooser := &fakeChooser{conn: conn, chosen: filepath.Join(dir, "flows", "ivr.json"), folder: make(chan string, 1)}
	if err := conn.Export(chooser, portalPath, "org.freedesktop.portal.FileChooser"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(portalName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v %v", portalName, reply, err)
	}

	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	got := make(chan string, 1)
	Open(w, a.Preferences(), Options{Title: "Open flow", Purpose: Flows, Extensions: []string{".json"}, Dir: filepath.Join(dir, "exports")}, func(p string) { got <- p })
	select {
	case f := <-chooser.folder:
		if f != filepath.Join(dir, "exports") {
			t.Errorf("the portal was asked to start in %q", f)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the desktop portal was never asked")
	}
	select {
	case p := <-got:
		if p != chooser.chosen {
			t.Fatalf("the portal's choice arrived as %q", p)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the portal's choice never arrived")
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the built-in dialog showed as well")
	}
	if f := Folder(a.Preferences(), Options{Purpose: Flows}); f != filepath.Join(dir, "flows") {
		t.Errorf("the flows folder remembered is %q", f)
	}
}

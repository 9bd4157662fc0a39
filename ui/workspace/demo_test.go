//go:build workspacedemo

package workspace

import (
	"context"
	"flag"
	"fmt"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"log"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"github.com/studioflow/studioflow/studio/client"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// workspaceDemo makes this test binary a stand-in application: the Flows
// home in a real window over a seeded workspace, the sync dialogs pointed
// at a loopback Studio, to be looked at and driven under Xvfb until the
// main window mounts the home:
//
//	go test -tags workspacedemo -c -o wsdemo ./ui/workspace
//	DISPLAY=:99 ./wsdemo -workspace-demo home
//
// The screen names what shows first: home, new, delete, revision,
// execution, open, publish. The window closes after -demo-seconds or when
// closed. (A window must run on the main goroutine, which only TestMain has.)
var (
	workspaceDemo = flag.String("workspace-demo", "", "run the workspace demo window showing this screen")
	demoSeconds   = flag.Int("demo-seconds", 120, "close the demo window after this many seconds")
	demoDir       = flag.String("demo-dir", ".", "this package's folder, where the fixtures' relative paths start")
)

func TestMain(m *testing.M) {
	flag.Parse()
	if *workspaceDemo == "" {
		os.Exit(m.Run())
	}
	if err := os.Chdir(*demoDir); err != nil {
		log.Fatal(err)
	}
	t := &demoTB{}
	defer t.cleanUp()
	// The demo's preferences (the sync links, the last server) live and die
	// with it, so runs never share or corrupt a preferences file.
	os.Setenv("XDG_CONFIG_HOME", t.TempDir())
	runWorkspaceDemo(t, *workspaceDemo, *demoSeconds)
}

// demoTB lets the test fixtures seed the demo outside a test: failures end
// the program.
type demoTB struct {
	testing.TB
	cleanups []func()
}

func (d *demoTB) Helper()                           {}
func (d *demoTB) Fatal(args ...any)                 { d.cleanUp(); log.Fatal(args...) }
func (d *demoTB) Fatalf(format string, args ...any) { d.cleanUp(); log.Fatalf(format, args...) }
func (d *demoTB) Error(args ...any)                 { log.Print(args...) }
func (d *demoTB) Errorf(format string, args ...any) { log.Printf(format, args...) }
func (d *demoTB) Cleanup(f func())                  { d.cleanups = append(d.cleanups, f) }
func (d *demoTB) TempDir() string {
	dir, err := os.MkdirTemp("", "studioflow-workspace-demo-")
	if err != nil {
		log.Fatal(err)
	}
	d.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func (d *demoTB) cleanUp() {
	for i := len(d.cleanups) - 1; i >= 0; i-- {
		d.cleanups[i]()
	}
	d.cleanups = nil
}

func runWorkspaceDemo(t *demoTB, screen string, seconds int) {
	app.SetMetadata(fyne.AppMetadata{ID: "io.studioflow.workspace-demo", Name: "Workspace demo", Migrations: map[string]bool{"fyneDo": true}})
	a := app.NewWithID("io.studioflow.workspace-demo")
	w := a.NewWindow("Studioflow — Flows")
	store := openStore(t)
	clk := newClock()
	seed := map[string]string{}
	for _, f := range []string{foodnowFlow, webinarFlow, vaccineFlow, astrologyFlow} {
		fl, err := CreateFlow(store, validator(t), displayName(f), readFlow(t, f), "Imported from "+f, clk.now())
		if err != nil {
			t.Fatal(err)
		}
		seed[f] = fl.SID
	}
	astro := seed[astrologyFlow]
	if _, err := SaveRevision(store, validator(t), astro, readFlow(t, astrologyFlow), "Tighter wording in the welcome message", false, clk.now()); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveRevision(store, validator(t), astro, readFlow(t, astrologyFlow), "Go live", true, clk.now()); err != nil {
		t.Fatal(err)
	}
	x := recordRun(t, store, seed[vaccineFlow])

	remote := newRemoteStudio(t)
	rf, err := remote.client(t).CreateFlow(context.Background(), client.FlowParams{FriendlyName: "Support line", Status: "published", Definition: readFlow(t, webinarFlow)})
	if err != nil {
		t.Fatal(err)
	}
	creds := NewCredentials(SystemKeyring{}, a.Preferences())
	creds.Remember(remote.url, remote.creds, false)
	a.Preferences().SetString(baseURLKey, remote.url)

	home := NewHome(store, validator(t), w)
	home.now = time.Now
	sync := NewSyncDialogs(store, validator(t), w, creds)
	sync.OnChanged = home.Refresh
	home.OnPublishToTwilio = sync.ShowPublish
	home.OnOpenFromTwilio = sync.ShowOpen
	home.Refresh()
	home.OnOpen = func(sid string, def []byte, rev int) {
		f, _ := store.FlowInfo(sid)
		dialog.ShowInformation("Open", f.FriendlyName+" revision "+strconv.Itoa(rev)+" would open in the editor.", w)
	}
	sync.OnPulled = func(sid string, def []byte, rev int) {
		f, _ := store.FlowInfo(sid)
		fmt.Printf("pulled %s revision %d %q\n", sid, f.Revision, f.FriendlyName)
		home.Select(sid)
		home.OnOpen(sid, def, rev)
	}
	sync.OnPublished = func(local string, remote client.Flow) {
		fmt.Printf("published %s revision %d %s\n", remote.SID, remote.Revision, remote.Status)
	}
	sync.OnError = func(err error) {
		fmt.Printf("error %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
		dialog.ShowError(err, w)
	}
	w.SetContent(home.Content())
	w.Resize(fyne.NewSize(1280, 800))

	time.AfterFunc(time.Duration(seconds)*time.Second, func() { fyne.Do(a.Quit) })
	go func() {
		time.Sleep(700 * time.Millisecond)
		fyne.Do(func() { showDemoScreen(t, screen, home, sync, store, seed, x.SID, rf.SID) })
		time.Sleep(500 * time.Millisecond)
		fyne.Do(func() { printButtons(w) })
	}()
	w.ShowAndRun()
}

func showDemoScreen(t testing.TB, screen string, home *Home, sync *SyncDialogs, store *wsstore.Store, seed map[string]string, execSID, remoteSID string) {
	switch screen {
	case "new":
		home.showNewFlow()
	case "delete":
		home.Select(seed[webinarFlow])
		home.confirmDelete(*home.detail.flow)
	case "revision":
		home.Select(seed[astrologyFlow])
		home.detail.revisions.list.Select(1)
		home.detail.revisions.view()
	case "execution":
		home.Select(seed[vaccineFlow])
		home.detail.tabs.SelectIndex(1)
		if err := showExecutionWindow(store, validator(t).Catalog(), seed[vaccineFlow], execSID); err != nil {
			t.Error(err)
		}
	case "execution-step":
		v, err := NewExecutionView(store, validator(t).Catalog(), seed[vaccineFlow], execSID)
		if err != nil {
			t.Fatal(err)
		}
		w := fyne.CurrentApp().NewWindow("Execution " + execSID)
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1280, 800))
		w.Show()
		v.stepList.Select(1)
	case "open":
		sync.ShowOpen()
		sync.form.fields["Flow SID"].SetText(remoteSID)
	case "publish":
		home.Select(seed[astrologyFlow])
		sync.ShowPublish(seed[astrologyFlow])
	default:
		home.Select(seed[astrologyFlow])
	}
}

// printButtons tells a driving test where the visible buttons are, in
// window coordinates: "button TEXT at X Y" (their centres), then "ready".
func printButtons(w fyne.Window) {
	roots := []fyne.CanvasObject{w.Content()}
	if top := w.Canvas().Overlays().Top(); top != nil {
		roots = []fyne.CanvasObject{top}
	}
	d := fyne.CurrentApp().Driver()
	for _, root := range roots {
		for _, o := range test.LaidOutObjects(root) {
			b, ok := o.(*widget.Button)
			if !ok || !b.Visible() || b.Text == "" {
				continue
			}
			at := d.AbsolutePositionForObject(b).Add(fyne.NewPos(b.Size().Width/2, b.Size().Height/2))
			fmt.Printf("button %s at %d %d\n", b.Text, int(at.X), int(at.Y))
		}
	}
	fmt.Println("ready")
}

package workspace

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// The project's test flows (internal/testflows) these tests use.
const (
	vaccineFlow   = testflows.StandbyList
	foodnowFlow   = testflows.HelplineFallback
	astrologyFlow = testflows.Horoscope
	webinarFlow   = testflows.DemoLine
)

// readFlow reads a test flow: one of the project's fixtures by name, or
// else a real export beside the checkout, skipping the test when there is
// none.
func readFlow(t testing.TB, name string) []byte {
	t.Helper()
	path := testflows.Path(name)
	if !slices.Contains(testflows.Names(), name) {
		path = corpus.Flow(t, name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// loadValidator loads the catalog and validator once for the package's tests.
var loadValidator = sync.OnceValues(func() (*schemas.Validator, error) {
	cat, err := schemas.Load()
	if err != nil {
		return nil, err
	}
	return schemas.NewValidator(cat)
})

func validator(t testing.TB) *schemas.Validator {
	t.Helper()
	v, err := loadValidator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func openStore(t testing.TB) *wsstore.Store {
	t.Helper()
	store, err := wsstore.Open(t.TempDir(), wsstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// clock hands out strictly increasing times a minute apart, so "most
// recently changed first" has one answer.
type clock struct{ t time.Time }

func (c *clock) now() time.Time {
	c.t = c.t.Add(time.Minute)
	return c.t
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)} }

type homeFixture struct {
	store *wsstore.Store
	home  *Home
	win   fyne.Window
	clock *clock
}

// newHomeFixture shows a Flows home over a fresh workspace holding flows
// created from the named files (oldest first), in a test window.
func newHomeFixture(t *testing.T, files ...string) *homeFixture {
	t.Helper()
	test.NewTempApp(t)
	fx := &homeFixture{store: openStore(t), clock: newClock()}
	for _, f := range files {
		if _, err := studio.CreateFlow(fx.store, validator(t), displayName(f), readFlow(t, f), "Imported from "+f, fx.clock.now()); err != nil {
			t.Fatal(err)
		}
	}
	fx.win = test.NewTempWindow(t, nil)
	fx.home = NewHome(fx.store, validator(t), fx.win)
	fx.home.now = fx.clock.now
	fx.win.SetContent(fx.home.Content())
	fx.win.Resize(fyne.NewSize(1200, 800))
	return fx
}

func displayName(file string) string {
	switch file {
	case vaccineFlow:
		return "Vaccine standby list"
	case foodnowFlow:
		return "FoodNow fallback"
	case astrologyFlow:
		return "Pride astrology"
	case webinarFlow:
		return "Webinar IVR"
	}
	return file
}

func (fx *homeFixture) flowNamed(t *testing.T, name string) wsstore.Flow {
	t.Helper()
	flows, err := fx.store.Flows()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range flows {
		if f.FriendlyName == name {
			full, err := fx.store.Flow(f.SID)
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatalf("no flow named %q in %v", name, fx.home.ShownFlows())
	return wsstore.Flow{}
}

// overlay returns the top dialog's objects, failing when none shows.
func overlay(t *testing.T, w fyne.Window) []fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	return test.LaidOutObjects(top)
}

func noOverlay(t *testing.T, w fyne.Window) {
	t.Helper()
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog is still showing: %s", texts(test.LaidOutObjects(top)))
	}
}

// button finds the button labelled text among objs.
func button(t *testing.T, objs []fyne.CanvasObject, text string) *kbd.Button {
	t.Helper()
	for _, o := range objs {
		if b, ok := o.(*kbd.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q in %s", text, texts(objs))
	return nil
}

func entries(objs []fyne.CanvasObject) []*kbd.Entry {
	var out []*kbd.Entry
	for _, o := range objs {
		if e, ok := o.(*kbd.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

// texts lists the labels' and buttons' texts, for failure messages.
func texts(objs []fyne.CanvasObject) []string {
	var out []string
	for _, o := range objs {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *kbd.Button:
			out = append(out, "["+v.Text+"]")
		}
	}
	return out
}

func containsText(objs []fyne.CanvasObject, want string) bool {
	for _, s := range texts(objs) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

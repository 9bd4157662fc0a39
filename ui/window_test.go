package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

const fixture = "Eclairemoy__pride-astrology__studio_flow.json"

func openFixture(t *testing.T) (fyne.Window, string) {
	t.Helper()
	return openFixtureIn(t, test.NewTempApp(t))
}

func openFixtureIn(t *testing.T, a fyne.App) (fyne.Window, string) {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "flows", fixture)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	return NewViewerWindow(a, f, cat, path), path
}

func TestViewerWindowTitleNamesTheFlowAndFile(t *testing.T) {
	w, _ := openFixture(t)
	if got, want := w.Title(), "A New Flow ("+fixture+") — Studioflow"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

func TestWindowTitleWithoutDescriptionShowsTheFile(t *testing.T) {
	f, err := model.Parse([]byte(`{"states": [{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := WindowTitle(f, "/tmp/x/flow.json"); got != "flow.json — Studioflow" {
		t.Errorf("title %q", got)
	}
}

func TestViewerWindowShowsTheFlowScrollableWithAStatusLine(t *testing.T) {
	w, path := openFixture(t)
	border, ok := w.Content().(*fyne.Container)
	if !ok {
		t.Fatalf("content is %T", w.Content())
	}
	var view *canvas.FlowView
	var status *widget.Label
	for _, o := range border.Objects {
		switch o := o.(type) {
		case *container.Scroll:
			view, _ = o.Content.(*canvas.FlowView)
		case *widget.Label:
			status = o
		}
	}
	if view == nil {
		t.Fatal("no scrollable FlowView in the window")
	}
	if status == nil || !strings.HasPrefix(status.Text, path) || !strings.Contains(status.Text, "13 widgets") || !strings.Contains(status.Text, "read-only") {
		t.Fatalf("status line %v, want the file, 13 widgets and read-only", status)
	}
	if s := w.Canvas().Size(); s.Width > maxInitialSize.Width || s.Height > maxInitialSize.Height || s.Width < minInitialSize.Width {
		t.Errorf("window opened at %v, want between %v and %v", s, minInitialSize, maxInitialSize)
	}
}

// typeShortcut delivers a shortcut to the window's canvas as a key press
// would. Fyne 2.8's test canvas wraps a software canvas that handles
// shortcuts but does not forward the method, hence the reflection.
func typeShortcut(t *testing.T, w fyne.Window, s fyne.Shortcut) {
	t.Helper()
	c := any(w.Canvas())
	if _, ok := c.(fyne.Shortcutable); !ok {
		inner := reflect.ValueOf(c).Elem().FieldByName("WindowlessCanvas")
		if !inner.IsValid() {
			t.Fatalf("cannot reach the shortcut handler of %T", c)
		}
		c = inner.Interface()
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

// quitRecorder notes Quit, which Fyne's test app ignores.
type quitRecorder struct {
	fyne.App
	quit bool
}

func (q *quitRecorder) Quit() { q.quit = true }

func TestCtrlWClosesTheWindow(t *testing.T) {
	w, _ := openFixture(t)
	closed := false
	w.SetOnClosed(func() { closed = true })
	w.Show()
	typeShortcut(t, w, &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault})
	if !closed {
		t.Fatal("Ctrl+W did not close the window")
	}
}

func TestCtrlQQuitsTheApplication(t *testing.T) {
	a := &quitRecorder{App: test.NewTempApp(t)}
	w, _ := openFixtureIn(t, a)
	w.Show()
	typeShortcut(t, w, &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault})
	if !a.quit {
		t.Fatal("Ctrl+Q did not quit the application")
	}
}

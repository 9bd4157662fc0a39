package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/ui/kbd"
)

// keysInDialog checks, for the dialog just opened in e's window, what a
// keyboard user relies on: the keyboard is in the dialog with the focus
// ring around it, drawn over the dialog; a window key (F6) does not reach
// the window behind; Escape, typed where the keyboard is, closes the dialog
// without changing the flow.
func keysInDialog(t *testing.T, e *Editor, name string) {
	t.Helper()
	c := e.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("%s: no dialog shown", name)
	}
	before := string(e.doc.Flow().Marshal())
	f := c.Focused()
	obj, ok := f.(fyne.CanvasObject)
	if !ok || kbd.PathTo(top, obj) == nil {
		t.Fatalf("%s: the keyboard is on %T, not in the dialog", name, f)
	}
	e.ring.Track()
	pos, size, shown := e.ring.Shown()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	if !shown || pos != at.SubtractXY(kbd.Gap, kbd.Gap) || size != obj.Size().AddWidthHeight(2*kbd.Gap, 2*kbd.Gap) {
		t.Errorf("%s: ring shown=%v at %v %v, want around the focused %T at %v %v", name, shown, pos, size, f, at, obj.Size())
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF6})
	if c.Focused() != f || c.Overlays().Top() != top {
		t.Fatalf("%s: F6 reached the window behind (keyboard on %T)", name, c.Focused())
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Fatalf("%s: Escape on the focused %T did not close it", name, f)
	}
	if string(e.doc.Flow().Marshal()) != before {
		t.Fatalf("%s: closing it with Escape changed the flow", name)
	}
	// The window has its keys back: F6 moves the keyboard to a pane.
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF6})
	if c.Focused() == nil {
		t.Fatalf("%s: after it, F6 does not reach the window", name)
	}
}

func TestEveryEditorDialogKeepsTheKeysAndClosesOnEscape(t *testing.T) {
	a := test.NewTempApp(t)
	src, err := os.ReadFile(coverFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "support-line.json")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Path: path})
	e.win.Resize(fyne.NewSize(1280, 800))
	set := coverage.NewSet(e.cat)
	var out strings.Builder
	scenario.RunFiles([]string{filepath.Join(filepath.Dir(coverFixture(t)), "support-line.yaml")}, &out, scenario.Options{Catalog: e.cat, Coverage: set})
	profile := filepath.Join(t.TempDir(), "cover.json")
	if err := set.WriteProfile(profile); err != nil {
		t.Fatal(err)
	}
	e.loadCoverageProfile(profile)

	var choices []saveChoice
	for _, d := range []struct {
		name string
		open func()
	}{
		{"Show Flow JSON", e.ShowFlowJSON},
		{"Import from JSON", e.ImportJSON},
		{"Keyboard Shortcuts", e.ShowShortcuts},
		{"About", e.About},
		{"a message", func() { e.showError(errors.New("the disk is full")) }},
		{"Unsaved changes", func() { askSave(e.win, "Save first?", func(c saveChoice) { choices = append(choices, c) }) }},
		{"Uncovered transitions", e.ShowUncovered},
		{"File changed on disk", func() {
			later := time.Now().Add(time.Minute)
			if err := os.WriteFile(path, append(src, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(path, later, later); err != nil {
				t.Fatal(err)
			}
			e.checkDisk()
		}},
	} {
		d.open()
		keysInDialog(t, e, d.name)
	}
	if len(choices) != 1 || choices[0] != cancelChoice {
		t.Errorf("Escape on Unsaved changes answered %v, want Cancel", choices)
	}

	p := provenanceEditor(t)
	p.selectWidgets([]string{"lookup"})
	p.FindUsages()
	keysInDialog(t, p, "Find Usages")
}

// Escape on the recovery question closes it choosing neither: nothing is
// restored and the recovered work is still offered next time (Discard
// would delete it).
func TestEscapeOnTheRecoveryQuestionKeepsTheWorkForLater(t *testing.T) {
	second, dir := lostWorkOffered(t)
	if f, ok := second.win.Canvas().Focused().(*kbd.Button); !ok || f.Text != "Restore" {
		t.Fatalf("the recovery question put the keyboard on %T, want Restore", second.win.Canvas().Focused())
	}
	keysInDialog(t, second, "Recover unsaved work")
	if second.doc.Flow().Description() == "lost work" {
		t.Error("Escape restored the work")
	}
	if len(recoveryStore{dir: dir}.pending()) != 1 {
		t.Error("Escape discarded the recovered work")
	}
}

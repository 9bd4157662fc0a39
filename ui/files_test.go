package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/prefstore"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

// copyShared copies a test flow (see flowPath) into a temporary directory.
func copyShared(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(flowPath(t, name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.WriteFile(path, data, 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

const astrology = testflows.Horoscope

func TestSaveWritesTheCanonicalFormAtomicallyAndClearsTheUnsavedMark(t *testing.T) {
	a := test.NewTempApp(t)
	path := copyShared(t, astrology)
	e := newTestEditor(t, a, Options{Path: path})
	if strings.HasPrefix(e.win.Title(), "●") {
		t.Fatalf("a freshly opened flow is marked unsaved: %q", e.win.Title())
	}
	e.selectWidgets([]string{"ask_sign"})
	typeInto(t, e, "/properties/body", "What is your sign?")
	if !strings.HasPrefix(e.win.Title(), "● ") {
		t.Fatalf("title %q lacks the unsaved mark", e.win.Title())
	}
	e.Save()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := saved.State("ask_sign").StringProperty("body"); got != "What is your sign?" {
		t.Errorf("saved body %q", got)
	}
	if string(saved.Marshal()) != string(data) {
		t.Error("the saved file is not in canonical form")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("save changed the file mode to %v", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("save left files behind: %v", entries)
	}
	if strings.HasPrefix(e.win.Title(), "●") {
		t.Errorf("title %q still marked after save", e.win.Title())
	}
	if recent := e.RecentFiles(); len(recent) == 0 || recent[0] != path {
		t.Errorf("recent files %v", recent)
	}
}

func TestNewWithUnsavedChangesAsksFirst(t *testing.T) {
	a := test.NewTempApp(t)
	path := copyShared(t, astrology)
	e := newTestEditor(t, a, Options{Path: path})
	if err := e.doc.Apply(model.SetFlowField("description", "edited")); err != nil {
		t.Fatal(err)
	}
	e.New()
	if e.doc.Flow().Description() != "edited" {
		t.Fatal("New replaced unsaved work without asking")
	}
	if !strings.Contains(dialogText(e.win), "Save changes") {
		t.Fatalf("no question asked; dialogs say %q", dialogText(e.win))
	}
	test.Tap(dialogButton(t, e.win, "Cancel"))
	if e.doc.Flow().Description() != "edited" {
		t.Fatal("Cancel went on anyway")
	}
	e.New()
	test.Tap(dialogButton(t, e.win, "Don't Save"))
	if e.doc.Flow().Len() != 1 || e.doc.Flow().Trigger() == nil || e.Path() != "" {
		t.Fatalf("New did not start from the blank flow: %d widgets, path %q", e.doc.Flow().Len(), e.Path())
	}
	if e.doc.Flow().Description() != model.NewBlankFlow().Description() {
		t.Errorf("blank flow description %q", e.doc.Flow().Description())
	}
}

func TestAutosaveIsOfferedForRecoveryOnTheNextStart(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := copyShared(t, astrology)
	first := newTestEditor(t, a, Options{Path: path, RecoveryDir: dir})
	first.selectWidgets([]string{"ask_sign"})
	typeInto(t, first, "/properties/body", "Recovered text")
	first.Autosave()
	files, _ := filepath.Glob(filepath.Join(dir, "*.recovery.json"))
	if len(files) != 1 {
		t.Fatalf("recovery files after autosave: %v", files)
	}
	// The first window is gone without saving (as after a kill); the disk
	// still has the old text.
	second := newTestEditor(t, a, Options{Path: path, RecoveryDir: dir, OfferRecovery: true})
	second.offerRecovery() // what Start arranges for when the application runs
	if !strings.Contains(dialogText(second.win), "Restore it?") {
		t.Fatalf("no recovery offered; dialogs say %q", dialogText(second.win))
	}
	test.Tap(dialogButton(t, second.win, "Restore"))
	if got := second.doc.Flow().State("ask_sign").StringProperty("body"); got != "Recovered text" {
		t.Fatalf("restored body %q", got)
	}
	if !second.doc.Dirty() || second.Path() != path {
		t.Errorf("restored work should be unsaved changes to %s (dirty %v, path %q)", path, second.doc.Dirty(), second.Path())
	}
	second.Undo()
	if got := second.doc.Flow().State("ask_sign").StringProperty("body"); got == "Recovered text" {
		t.Error("undo does not go back to the file's content")
	}
	second.Redo()
	second.Save()
	if files, _ := filepath.Glob(filepath.Join(dir, "*.recovery.json")); len(files) != 0 {
		t.Errorf("recovery files left after saving: %v", files)
	}
}

// lostWorkOffered is an editor asking whether to restore the work ("lost
// work" as the flow's description) another one autosaved and never saved,
// and the folder of recovery files.
func lostWorkOffered(t *testing.T) (*Editor, string) {
	t.Helper()
	a := test.NewTempApp(t)
	dir := t.TempDir()
	first := newTestEditor(t, a, Options{RecoveryDir: dir})
	if err := first.doc.Apply(model.SetFlowField("description", "lost work")); err != nil {
		t.Fatal(err)
	}
	first.Autosave()
	second := newTestEditor(t, a, Options{RecoveryDir: dir, OfferRecovery: true})
	second.offerRecovery()
	return second, dir
}

func TestDiscardedRecoveryIsNotOfferedAgain(t *testing.T) {
	second, dir := lostWorkOffered(t)
	test.Tap(dialogButton(t, second.win, "Discard"))
	if len(recoveryStore{dir: dir}.pending()) != 0 {
		t.Error("the discarded recovery file is still there")
	}
}

func TestAFileChangedOnDiskIsOfferedForReload(t *testing.T) {
	a := test.NewTempApp(t)
	path := copyShared(t, astrology)
	e := newTestEditor(t, a, Options{Path: path})
	e.checkDisk()
	if dialogText(e.win) != "" {
		t.Fatal("reload offered for an unchanged file")
	}
	other := readShared(t, astrology)
	doc := model.NewDocument(other)
	if err := doc.Apply(model.SetFlowField("description", "changed elsewhere")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, doc.Flow().Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(path, later, later)
	e.checkDisk()
	if !strings.Contains(dialogText(e.win), "changed by another program") {
		t.Fatalf("no reload offered; dialogs say %q", dialogText(e.win))
	}
	test.Tap(dialogButton(t, e.win, "Yes"))
	if got := e.doc.Flow().Description(); got != "changed elsewhere" {
		t.Fatalf("description %q after reload", got)
	}
	if e.doc.Dirty() {
		t.Error("a reloaded flow is marked unsaved")
	}
}

func TestThemeChoicePersists(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := prefstore.InMemory()
	ApplyTheme(a, prefs, ThemeDark)
	if ThemeChoice(prefs) != ThemeDark {
		t.Fatalf("choice %q", ThemeChoice(prefs))
	}
	bg := a.Settings().Theme().Color("background", 0)
	ApplyTheme(a, prefs, ThemeLight)
	if a.Settings().Theme().Color("background", 0) == bg {
		t.Error("light and dark themes have the same background")
	}
	ApplyTheme(a, prefs, "nonsense")
	if ThemeChoice(prefs) != ThemeSystem {
		t.Errorf("an unknown choice gives %q, want system", ThemeChoice(prefs))
	}
}

// Restoring the theme at start applies the remembered one and writes
// nothing back: a start that wrote it would put its stale copy over a
// choice another window made meanwhile.
func TestRestoringTheThemeWritesNothing(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := prefstore.InMemory()
	wrote := 0
	prefs.AddChangeListener(func() { wrote++ })
	RestoreTheme(a, prefs)
	if wrote != 0 || prefs.String(themeKey) != "" {
		t.Fatalf("restoring the default theme wrote %d preferences (theme %q)", wrote, prefs.String(themeKey))
	}
	ApplyTheme(a, prefs, ThemeLight)
	light := a.Settings().Theme().Color("background", 0)
	ApplyTheme(a, prefs, ThemeDark)
	next := test.NewTempApp(t)
	wrote = 0
	RestoreTheme(next, prefs)
	if wrote != 0 {
		t.Errorf("restoring the dark theme wrote %d preferences", wrote)
	}
	if next.Settings().Theme().Color("background", 0) == light {
		t.Error("the remembered dark theme was not applied")
	}
}

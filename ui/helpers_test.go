package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

func loadCatalog(tb testing.TB) *schemas.Catalog {
	tb.Helper()
	cat, err := schemas.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// readShared parses a test flow: one of the project's fixtures
// (internal/testflows) by name, or else a real export beside the checkout,
// skipping the test when there is none.
func readShared(tb testing.TB, name string) *model.Flow {
	tb.Helper()
	data, err := os.ReadFile(flowPath(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// flowPath is the file of a test flow: a path as it is, a fixture's name,
// or a real export's name (skipping the test when the corpus is absent).
func flowPath(tb testing.TB, name string) string {
	tb.Helper()
	if filepath.Dir(name) != "." {
		return name
	}
	if slices.Contains(testflows.Names(), name) {
		return testflows.Path(name)
	}
	return corpus.Flow(tb, name)
}

// newTestEditor opens an editor on f in Fyne's test driver, with its
// recovery files in a temporary directory.
func newTestEditor(tb testing.TB, a fyne.App, opts Options) *Editor {
	tb.Helper()
	if opts.RecoveryDir == "" {
		opts.RecoveryDir = tb.TempDir()
	}
	opts.syncValidation = true
	e, err := NewEditor(a, loadCatalog(tb), opts)
	if err != nil {
		tb.Fatal(err)
	}
	e.win.Resize(fyne.NewSize(1280, 800))
	return e
}

// typeInto replaces the text of an inspector field by typing it, one
// keystroke at a time as a person would.
func typeInto(tb testing.TB, e *Editor, path, text string) *textField {
	tb.Helper()
	f, ok := e.inspector.field(path).(*textField)
	if !ok {
		tb.Fatalf("no text field at %s (have %v)", path, rowPaths(e.inspector))
	}
	e.win.Canvas().Focus(f)
	f.TypedShortcut(&fyne.ShortcutSelectAll{})
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	for _, r := range text {
		f.TypedRune(r)
	}
	return f
}

func rowPaths(in *Inspector) []string {
	var out []string
	for _, r := range in.rows {
		out = append(out, r.path)
	}
	return out
}

// dialogButton finds a button with that text in the window's dialogs.
func dialogButton(tb testing.TB, w fyne.Window, text string) *kbd.Button {
	tb.Helper()
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if b, ok := o.(*kbd.Button); ok && b.Text == text && b.Visible() {
				return b
			}
		}
	}
	tb.Fatalf("no %q button in a dialog", text)
	return nil
}

// dialogText returns every label's text in the window's dialogs.
func dialogText(w fyne.Window) string {
	var out []string
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if l, ok := o.(*widget.Label); ok && l.Visible() {
				out = append(out, l.Text)
			}
		}
	}
	return strings.Join(out, "\n")
}

func newValidatorFor(cat *schemas.Catalog) (*schemas.Validator, error) {
	return schemas.NewValidator(cat)
}

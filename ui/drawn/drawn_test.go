package drawn

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestChildrenAreWhatAContainerOrAWidgetShows(t *testing.T) {
	test.NewTempApp(t)
	text := canvas.NewText("x", nil)
	box := container.NewVBox(text)
	if got := Children(box); len(got) != 1 || got[0] != text {
		t.Errorf("a box's children are %v, want its text", got)
	}
	label := widget.NewLabel("hello")
	w := test.NewWindow(label)
	defer w.Close()
	found := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text == "hello" {
			found = true
		}
		for _, c := range Children(o) {
			walk(c)
		}
	}
	walk(label)
	if !found {
		t.Error("the label's drawn objects hold no text \"hello\"")
	}
	if got := Children(text); got != nil {
		t.Errorf("a text has children %v", got)
	}
}

// Only this package links fyne/v2/test into the binary (its init makes a
// test app current in every run): other production files use Children.
func TestOnlyThisPackageImportsFynesTestPackage(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Skipf("no module root at %s: %v", root, err)
	}
	here, _ := filepath.Abs(".")
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "e2e") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Dir(path) == here {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "fyne.io/fyne/v2/test" {
				rel, _ := filepath.Rel(root, path)
				t.Errorf("%s imports fyne.io/fyne/v2/test: read drawn objects with drawn.Children", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk the module: %v", err)
	}
}

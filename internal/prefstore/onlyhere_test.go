package prefstore

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// preferencesCalls lists the calls X.Preferences() (Fyne's preferences,
// which truncate their file and write it in place) in a Go source file,
// as "file:line".
func preferencesCalls(rel string, src any) ([]string, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, rel, src, 0)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", rel, err)
	}
	var found []string
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Preferences" {
			found = append(found, fmt.Sprintf("%s:%d", rel, fset.Position(call.Pos()).Line))
		}
		return true
	})
	return found, nil
}

// No production code reads or writes Fyne's preferences (app.Preferences(),
// fyne.CurrentApp().Preferences()): a second Studioflow starting while one
// saved them read nothing and wrote the defaults back over everything.
// Windows take the Store cmd/studioflow opens (Options.Prefs and the
// fields and parameters it is handed down in).
func TestNoProductionCodeUsesFynesPreferences(t *testing.T) {
	// The scan finds what it looks for.
	if got, err := preferencesCalls("probe.go", "package p\nfunc f(a app) { a.Preferences().SetString(\"k\", \"v\") }\n"); err != nil || len(got) != 1 {
		t.Fatalf("the scan finds %v (%v) in a file with one call", got, err)
	}
	root := filepath.Join("..", "..")
	scanned := 0
	for _, dir := range []string{"canvas", "ui", "cmd", "internal", "studio", "engine"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			calls, err := preferencesCalls(filepath.ToSlash(rel), src)
			for _, c := range calls {
				t.Errorf("%s uses Fyne's Preferences(): use the prefstore.Store the window was given", c)
			}
			scanned++
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if scanned < 100 {
		t.Fatalf("scanned only %d files: is the module root %s?", scanned, root)
	}
}

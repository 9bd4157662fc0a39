package kbd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// plainAllowed lists production files under ui/ that may still make a
// plain Fyne button or dialog, each with the reason. None needs to.
var plainAllowed = map[string]string{}

// No production code under ui/ makes a plain widget.Button (Fyne's drops
// the keyboard on every press) or one of Fyne's dialogs (whose buttons are
// plain, which have no ring and ignore Escape): Button and Dialog are made
// here only. Embedding widget.Button in a new type is making one too.
func TestButtonsAndDialogsAreMadeOnlyHere(t *testing.T) {
	const (
		widgetPkg = "fyne.io/fyne/v2/widget"
		dialogPkg = "fyne.io/fyne/v2/dialog"
	)
	ui, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	here, _ := filepath.Abs(".")
	scanned := 0
	err = filepath.WalkDir(ui, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(ui, path)
		rel = "ui/" + filepath.ToSlash(rel)
		if filepath.Dir(path) == here {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		scanned++
		names := map[string]string{} // local name -> import path
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := filepath.Base(p)
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = p
		}
		// isPkg reports whether e is pkg.name (any name when name is "").
		isPkg := func(e ast.Expr, pkg, name string) bool {
			sel, ok := e.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			id, ok := sel.X.(*ast.Ident)
			return ok && names[id.Name] == pkg && (name == "" || sel.Sel.Name == name)
		}
		var found []string
		ast.Inspect(f, func(n ast.Node) bool {
			switch v := n.(type) {
			case *ast.SelectorExpr:
				switch {
				case isPkg(v, widgetPkg, "") && strings.HasPrefix(v.Sel.Name, "NewButton"):
					found = append(found, "widget."+v.Sel.Name)
				case isPkg(v, dialogPkg, ""):
					found = append(found, "dialog."+v.Sel.Name)
				}
			case *ast.CompositeLit: // widget.Button{…}
				if isPkg(v.Type, widgetPkg, "Button") {
					found = append(found, "widget.Button{}")
				}
			case *ast.Field: // struct { widget.Button; … }
				if len(v.Names) == 0 && isPkg(v.Type, widgetPkg, "Button") {
					found = append(found, "an embedded widget.Button")
				}
			case *ast.CallExpr: // new(widget.Button)
				if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "new" && len(v.Args) == 1 && isPkg(v.Args[0], widgetPkg, "Button") {
					found = append(found, "new(widget.Button)")
				}
			}
			return true
		})
		if len(found) > 0 {
			if reason, ok := plainAllowed[rel]; ok {
				t.Logf("%s keeps %v: %s", rel, found, reason)
				return nil
			}
			t.Errorf("%s uses %v: make a kbd.Button or kbd.Dialog instead", rel, found)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 50 {
		t.Fatalf("scanned %d files under %s: not the ui tree?", scanned, ui)
	}
}

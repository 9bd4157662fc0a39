package kbd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
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
	found := scanUI(t, func(n ast.Node, isPkg func(ast.Expr, string, string) bool) string {
		switch v := n.(type) {
		case *ast.SelectorExpr:
			switch {
			case isPkg(v, widgetPkg, "") && strings.HasPrefix(v.Sel.Name, "NewButton"):
				return "widget." + v.Sel.Name
			case isPkg(v, dialogPkg, ""):
				return "dialog." + v.Sel.Name
			}
		default:
			return madeType(n, isPkg, func(name string) bool { return name == "Button" })
		}
		return ""
	})
	for rel, what := range found {
		if reason, ok := plainAllowed[rel]; ok {
			t.Logf("%s keeps %v: %s", rel, what, reason)
			continue
		}
		t.Errorf("%s uses %v: make a kbd.Button or kbd.Dialog instead", rel, what)
	}
}

// focusableControl matches Fyne's widgets that take the keyboard, and
// their constructors (NewCheck, NewCheckWithData, NewMultiLineEntry, …).
var (
	focusableControl = regexp.MustCompile(`^(Check|CheckGroup|Entry|Select|SelectEntry|RadioGroup|Slider|Hyperlink|List|Table|Tree|GridWrap)$`)
	focusableMaker   = regexp.MustCompile(`^New(MultiLine|Password)?(Check|CheckGroup|Entry|Select|SelectEntry|RadioGroup|Slider|Hyperlink|List|Table|Tree|GridWrap)(With[A-Za-z]*)?$`)
)

// focusAllowed lists the production places under ui/ ("file|what") that
// still make a Fyne control taking the keyboard, each with the reason.
var focusAllowed = map[string]string{
	"ui/textfield.go|an embedded widget.Entry":          "the Liquid field: its own TypedKey passes Escape, F6, F10 and Tab (with completion and stray-key guards kbd.Entry has no use for)",
	"ui/filedialog/builtin.go|an embedded widget.Entry": "the file chooser's path field: its own TypedKey takes Escape (cancel) and Enter submits",
	"ui/about.go|widget.NewHyperlink":                   "the About box's website link: Fyne's Hyperlink ignores Escape; the box starts on OK (SetFocus) and only Tab reaches the link",
}

// No production code under ui/ makes one of Fyne's controls that take the
// keyboard (a Check, Select, Entry, …) outside ui/kbd, whose kinds pass
// the keys they have no use for (Escape to close a dialog, F6, F10) to the
// window; the places that still do are listed in focusAllowed with their
// reasons, each still in use.
func TestFocusableControlsAreMadeOnlyHere(t *testing.T) {
	found := scanUI(t, func(n ast.Node, isPkg func(ast.Expr, string, string) bool) string {
		if v, ok := n.(*ast.SelectorExpr); ok {
			if isPkg(v, widgetPkg, "") && focusableMaker.MatchString(v.Sel.Name) {
				return "widget." + v.Sel.Name
			}
			return ""
		}
		return madeType(n, isPkg, focusableControl.MatchString)
	})
	used := map[string]bool{}
	for rel, what := range found {
		for _, w := range what {
			key := rel + "|" + w
			if _, ok := focusAllowed[key]; ok {
				used[key] = true
				continue
			}
			t.Errorf("%s makes %s: make the kbd kind (kbd.NewCheck, kbd.NewSelect, kbd.NewEntry, kbd.NewList), or list it in focusAllowed with the reason", rel, w)
		}
	}
	for key := range focusAllowed {
		if !used[key] {
			t.Errorf("focusAllowed lists %s, which is no longer made: remove it", key)
		}
	}
}

const (
	widgetPkg = "fyne.io/fyne/v2/widget"
	dialogPkg = "fyne.io/fyne/v2/dialog"
)

// madeType names how n makes a widget type whose name matches: a
// composite literal, an embedded field or new(…); "" when it makes none.
func madeType(n ast.Node, isPkg func(ast.Expr, string, string) bool, match func(string) bool) string {
	named := func(e ast.Expr) (string, bool) {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok || !isPkg(sel, widgetPkg, "") || !match(sel.Sel.Name) {
			return "", false
		}
		return sel.Sel.Name, true
	}
	switch v := n.(type) {
	case *ast.CompositeLit: // widget.Button{…}
		if name, ok := named(v.Type); ok {
			return "widget." + name + "{}"
		}
	case *ast.Field: // struct { widget.Button; … }
		if name, ok := named(v.Type); ok && len(v.Names) == 0 {
			return "an embedded widget." + name
		}
	case *ast.CallExpr: // new(widget.Button)
		if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "new" && len(v.Args) == 1 {
			if name, ok := named(v.Args[0]); ok {
				return "new(widget." + name + ")"
			}
		}
	}
	return ""
}

// scanUI parses the production Go files under ui/ outside this package and
// returns, per file ("ui/…"), what find names in it (find returns "" for
// a node it does not care about). isPkg reports whether an expression is
// pkg.name (any name when name is "") under the file's imports.
func scanUI(t *testing.T, find func(n ast.Node, isPkg func(e ast.Expr, pkg, name string) bool) string) map[string][]string {
	t.Helper()
	ui, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	here, _ := filepath.Abs(".")
	out := map[string][]string{}
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
		isPkg := func(e ast.Expr, pkg, name string) bool {
			sel, ok := e.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			id, ok := sel.X.(*ast.Ident)
			return ok && names[id.Name] == pkg && (name == "" || sel.Sel.Name == name)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if what := find(n, isPkg); what != "" && !slices.Contains(out[rel], what) {
				out[rel] = append(out[rel], what)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 50 {
		t.Fatalf("scanned %d files under %s: not the ui tree?", scanned, ui)
	}
	return out
}

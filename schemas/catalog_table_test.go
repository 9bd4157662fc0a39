package schemas

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// loadedFromSchemas are WidgetType's own fields: what Load reads from the
// schema documents and the default widgets. Everything else about a type
// is an attribute of its WidgetEntry; a field added to WidgetType must be
// added here, deliberately, or go to WidgetEntry.
var loadedFromSchemas = []string{"SchemaURL", "SchemaOrigin", "schema", "compiled", "properties", "requiredOneOf", "defaults"}

// Each attribute is declared once: WidgetType embeds WidgetEntry instead of
// copying its fields, and its own fields are only what Load reads from the
// schemas, under names no entry field has.
func TestWidgetTypeDeclaresNoEntryAttributeAgain(t *testing.T) {
	entry := reflect.TypeFor[WidgetEntry]()
	attributes := map[string]bool{}
	for i := range entry.NumField() {
		attributes[strings.ToLower(entry.Field(i).Name)] = true
	}
	wt := reflect.TypeFor[WidgetType]()
	var own []string
	embeds := 0
	for i := range wt.NumField() {
		f := wt.Field(i)
		if f.Anonymous {
			if f.Type != entry {
				t.Errorf("WidgetType embeds %s; only WidgetEntry is expected", f.Type)
			}
			embeds++
			continue
		}
		own = append(own, f.Name)
		if attributes[strings.ToLower(f.Name)] {
			t.Errorf("WidgetType declares %s, which WidgetEntry declares too", f.Name)
		}
	}
	if embeds != 1 {
		t.Errorf("WidgetType embeds WidgetEntry %d times, want once", embeds)
	}
	if !slices.Equal(own, loadedFromSchemas) {
		t.Errorf("WidgetType's own fields are %v, want %v: an attribute the registry declares belongs in WidgetEntry", own, loadedFromSchemas)
	}
}

// Every attribute of WidgetEntry is filled by some entry of widgetTable and
// read somewhere in the program's code (a method of WidgetType, the
// validator, the engine, the canvas, …): an attribute declared and never
// set, or set and never read, fails here. An exported attribute may be read
// by any package of the module; an unexported one only in this one.
func TestEveryWidgetEntryAttributeIsSetAndRead(t *testing.T) {
	entry := reflect.TypeFor[WidgetEntry]()
	readHere, readAnywhere := selectorsIn(t, "."), selectorsIn(t, "..")
	for i := range entry.NumField() {
		f := entry.Field(i)
		set := slices.ContainsFunc(widgetTable, func(e WidgetEntry) bool {
			return !reflect.ValueOf(e).Field(i).IsZero()
		})
		if !set {
			t.Errorf("no entry of widgetTable sets %s", f.Name)
		}
		read := readHere
		if f.IsExported() {
			read = readAnywhere
		}
		if !read[f.Name] {
			t.Errorf("WidgetEntry.%s is declared but nothing reads it", f.Name)
		}
	}
}

// selectorsIn returns the names selected (x.Name) in the non-test Go files
// under root. A composite literal's keys are not selectors, so the table's
// entries do not count as reading their own attributes.
func selectorsIn(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "tools") {
				return filepath.SkipDir
			}
			if path != root && root == "." {
				return filepath.SkipDir // this package only
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SelectorExpr); ok {
				out[s.Sel.Name] = true
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatalf("read the program's code under %s: %v", root, err)
	}
	return out
}

package e2e

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The package's tests run in parallel (TestMain), each on its own display
// with its own environment (xserver.environ): every test says so first
// thing, and none changes the test process's environment, which every
// other test's programs would inherit (Go refuses t.Setenv in a parallel
// test; os.Setenv it would not stop).
func TestEveryEndToEndTestRunsInParallelAndLeavesTheEnvironmentAlone(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tests := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Name.Name == "TestMain" {
				continue
			}
			tests++
			if !startsParallel(fn.Body) {
				t.Errorf("%s: %s does not call t.Parallel() first", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Setenv" || sel.Sel.Name == "Unsetenv" || sel.Sel.Name == "Chdir") {
				if id, ok := sel.X.(*ast.Ident); ok && (id.Name == "t" || id.Name == "os") {
					t.Errorf("%s: %s.%s changes the environment of every test's programs: use the xserver's setenv", fset.Position(call.Pos()), id.Name, sel.Sel.Name)
				}
			}
			return true
		})
	}
	if tests < 20 {
		t.Fatalf("found only %d tests in %v", tests, files)
	}
}

// startsParallel reports whether a test's first statement is t.Parallel().
func startsParallel(body *ast.BlockStmt) bool {
	if body == nil || len(body.List) == 0 {
		return false
	}
	expr, ok := body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := expr.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Parallel" {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == "t"
}

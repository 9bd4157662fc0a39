package main

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/studioflow/studioflow"

// goList returns, for every package of the module, its direct imports
// (deps=false) or everything it depends on (deps=true).
func goList(t *testing.T, deps bool) map[string][]string {
	t.Helper()
	format := `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`
	if deps {
		format = `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`
	}
	out, err := exec.Command("go", "list", "-f", format, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkgs[fields[0]] = fields[1:]
	}
	return pkgs
}

// within reports whether pkg is dir or one of its sub-packages.
func within(pkg, dir string) bool {
	return pkg == module+"/"+dir || strings.HasPrefix(pkg, module+"/"+dir+"/")
}

// The design's layering: dependencies point one way, and Fyne stays out of
// everything below the user interface.
func TestPackagesDependOneWay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	// internal holds leaf helpers that import only each other; schemas
	// uses its bounded cache (internal/memo), studio its file locks
	// (internal/filelock). canvas draws the engine's
	// steps (TakenWires) but knows nothing of studio.
	allowed := map[string][]string{ // layer -> the layers of ours it may import
		"model":    {"model"},
		"schemas":  {"model", "schemas", "internal"},
		"engine":   {"model", "schemas", "engine"},
		"canvas":   {"model", "schemas", "engine", "canvas", "assets"},
		"assets":   {"assets"},
		"internal": {"internal"},
		"studio":   {"model", "schemas", "engine", "studio", "internal"},
	}
	for pkg, imports := range goList(t, false) {
		for layer, ok := range allowed {
			if !within(pkg, layer) {
				continue
			}
			for _, imp := range imports {
				if !strings.HasPrefix(imp, module+"/") {
					continue
				}
				permitted := false
				for _, dir := range ok {
					permitted = permitted || within(imp, dir)
				}
				if !permitted && !strings.HasSuffix(imp, "/modeltest") {
					t.Errorf("%s imports %s, which the layering forbids", pkg, imp)
				}
			}
		}
		for _, imp := range imports {
			if imp == "fyne.io/fyne/v2/app" && pkg != module+"/cmd/studioflow" {
				t.Errorf("%s imports fyne.io/fyne/v2/app; only cmd/studioflow may", pkg)
			}
		}
	}
	for pkg, deps := range goList(t, true) {
		if !within(pkg, "model") && !within(pkg, "schemas") && !within(pkg, "engine") {
			continue
		}
		for _, dep := range deps {
			if strings.HasPrefix(dep, "fyne.io/") {
				t.Errorf("%s depends on %s: model, schemas and engine must build without Fyne", pkg, dep)
				break
			}
		}
	}
}

// The REST client (pull, push) speaks the wire format and nothing more: it
// does not carry the workspace store or its database along.
func TestClientDoesNotDependOnTheWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	deps, ok := goList(t, true)[module+"/studio/client"]
	if !ok {
		t.Fatal("go list does not list studio/client")
	}
	for _, dep := range deps {
		if dep == "go.etcd.io/bbolt" || within(dep, "studio/workspace") || within(dep, "studio/sessions") {
			t.Errorf("studio/client depends on %s", dep)
		}
	}
}

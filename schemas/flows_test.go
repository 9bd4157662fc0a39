package schemas

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/studioflow/studioflow/model"
)

var flowsDir = filepath.Join("..", "..", "shared", "flows")

func sharedFlowFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(flowsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shared flows in %s: %v", flowsDir, err)
	}
	return files
}

func parseFile(t testing.TB, path string) *model.Flow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return f
}

func newTestValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator(loadCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDumpShared(t *testing.T) {
	v := newTestValidator(t)
	for _, file := range sharedFlowFiles(t) {
		for _, d := range v.ValidateFlow(parseFile(t, file)) {
			t.Logf("%s: %s: %s: %s: %s [%s]", filepath.Base(file)[:30], d.Widget, d.Path, d.Severity, d.Message, d.Rule)
		}
	}
}

package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// subflowFolder holds one flow under a name carrying a flow SID.
func subflowFolder(t *testing.T, name string) string {
	t.Helper()
	data := testflows.Read(t, testflows.Horoscope)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFolderResolverFindsTheFileNamingTheSID(t *testing.T) {
	dir := subflowFolder(t, "FWaaaa-astrology.json")
	resolve := FolderResolver(dir)
	for _, sid := range []string{"FWaaaa-astrology", "FWaaaa"} {
		f, err := resolve(sid)
		if err != nil {
			t.Fatalf("%s: %v", sid, err)
		}
		if len(f.States()) == 0 {
			t.Fatalf("%s: resolved a flow with no widgets", sid)
		}
	}
	if _, err := resolve("FWbbbb"); err == nil || !strings.Contains(err.Error(), "no file FWbbbb.json") {
		t.Fatalf("unknown SID: err = %v", err)
	}
}

// A flow_sid is a name, not a pattern: "*" or "FW?aaa" must not pick the
// folder's file.
func TestFolderResolverRefusesPatternsAsSIDs(t *testing.T) {
	resolve := FolderResolver(subflowFolder(t, "FWaaaa-astrology.json"))
	for _, sid := range []string{"*", "FW?aaa", "[F]Waaaa", "../x"} {
		if f, err := resolve(sid); err == nil || !strings.Contains(err.Error(), "invalid flow SID") {
			t.Errorf("flow_sid %q: flow %v, err %v; want invalid flow SID", sid, f != nil, err)
		}
	}
}

// A subflow file is read no further than the size limit.
func TestFolderResolverReadsOnlyToTheLimit(t *testing.T) {
	path, consumed := modeltest.OversizedStream(t)
	resolve := FolderResolver(filepath.Dir(path))
	if _, err := resolve(strings.TrimSuffix(filepath.Base(path), ".json")); !errors.Is(err, model.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if n := consumed(); n > model.MaxFileSize+(1<<20) {
		t.Fatalf("read %d bytes of the subflow, want about the %d byte limit", n, model.MaxFileSize)
	}
}

package gitdriver

import (
	"os"
	"path/filepath"
	"testing"
)

func TestConfigQuotesTheCommandForTheShell(t *testing.T) {
	for cmd, want := range map[string]string{
		"/usr/local/bin/studioflow": "/usr/local/bin/studioflow merge %O %A %B",
		"/home/a b/studioflow":      "'/home/a b/studioflow' merge %O %A %B",
		"/tmp/it's/studioflow":      `'/tmp/it'\''s/studioflow' merge %O %A %B`,
	} {
		var got string
		for _, c := range Config(cmd) {
			if c.Key == "merge.studioflow.driver" {
				got = c.Value
			}
		}
		if got != want {
			t.Errorf("driver for %q = %q, want %q", cmd, got, want)
		}
	}
}

func TestEnsureLinesAddsOnlyWhatIsMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".gitattributes")
	if err := os.WriteFile(path, []byte("*.png binary\n*.flow.json diff=studioflow merge=studioflow"), 0o644); err != nil {
		t.Fatal(err)
	}
	added, err := EnsureLines(path, AttributeLines([]string{"*.flow.json", "flows/*.json"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0] != "flows/*.json diff=studioflow merge=studioflow" {
		t.Errorf("added = %q", added)
	}
	data, _ := os.ReadFile(path)
	want := "*.png binary\n*.flow.json diff=studioflow merge=studioflow\nflows/*.json diff=studioflow merge=studioflow\n"
	if string(data) != want {
		t.Errorf("file = %q, want %q", data, want)
	}
	if again, err := EnsureLines(path, AttributeLines([]string{"*.flow.json", "flows/*.json"})); err != nil || len(again) != 0 {
		t.Errorf("second run added %q (%v)", again, err)
	}
}

package workspace

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A new workspace does not claim hundreds of megabytes of disk. On Windows
// bbolt grows the file to the size of its memory mapping, so a generous
// first mapping there would be a file that large.
func TestANewWorkspaceFileIsSmall(t *testing.T) {
	s, dir := openTemp(t)
	if _, err := s.CreateFlow(save("Small", StatusDraft, `{"v":1}`), t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	// Elsewhere the file grows in sparse 64 MB steps (see Open).
	if limit := int64(128 << 20); info.Size() > limit {
		t.Errorf("a workspace holding one flow is %d MB, want at most %d MB", info.Size()>>20, limit>>20)
	}
}

// The default workspace lives in the user's configuration folder, as each
// system defines it: %AppData% on Windows, ~/Library/Application Support on
// macOS, $XDG_CONFIG_HOME (or ~/.config) elsewhere.
func TestDefaultDirIsTheSystemsConfigFolder(t *testing.T) {
	home, appData, xdg := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("AppData", appData)
	t.Setenv("XDG_CONFIG_HOME", xdg)
	want := map[string]string{
		"windows": appData,
		"darwin":  filepath.Join(home, "Library", "Application Support"),
		"ios":     filepath.Join(home, "Library", "Application Support"),
		"plan9":   filepath.Join(home, "lib"),
	}[runtime.GOOS]
	if want == "" {
		want = xdg
	}
	got, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join(want, "studioflow", "workspace") {
		t.Errorf("DefaultDir() = %s, want studioflow%cworkspace under %s", got, filepath.Separator, want)
	}
}

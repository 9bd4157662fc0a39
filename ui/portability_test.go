package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The recovery folder is a native absolute path inside the app's storage
// (Fyne's per-system folder: %AppData%\fyne\ID on Windows, ~/Library/
// Preferences/fyne/ID on macOS, ~/.config/fyne/ID elsewhere), which can be
// created: a URI path such as "/C:/Users/…" would not be, on Windows.
func TestRecoveryFolderIsANativePathInTheAppsStorage(t *testing.T) {
	a := test.NewTempApp(t)
	dir := defaultRecoveryDir(a)
	if !filepath.IsAbs(dir) || filepath.Base(dir) != "recovery" {
		t.Fatalf("recovery folder %q, want an absolute path ending in recovery", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatalf("cannot create the recovery folder: %v", err)
	}
	root := filepath.FromSlash(a.Storage().RootURI().Path())
	if rel, err := filepath.Rel(root, dir); err != nil || rel != "recovery" {
		t.Errorf("recovery folder %q is not in the storage %q", dir, root)
	}
}

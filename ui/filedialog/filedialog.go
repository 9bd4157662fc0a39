package filedialog

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
)

// Purpose says what a file is for; each remembers its own folder.
type Purpose string

const (
	Flows   Purpose = "flows"   // flow definitions: Open, Save As, Import
	Exports Purpose = "exports" // PNG pictures, workspace exports
	Tests   Purpose = "tests"   // recorded simulator tests
)

// Options describe one question.
type Options struct {
	Title   string
	Purpose Purpose
	// Extensions filter the files listed, e.g. ".json"; empty lists all.
	Extensions []string
	// FileName is the name Save proposes.
	FileName string
	// Dir starts the dialog there (e.g. the open flow's own folder); ""
	// means the purpose's remembered folder, else the home folder.
	Dir string
}

// prefKey is the preference holding a purpose's last folder.
func prefKey(p Purpose) string { return "fileDialog.folder." + string(p) }

// Folder returns where a dialog for purpose starts, given o.Dir.
func Folder(prefs fyne.Preferences, o Options) string {
	for _, d := range []string{o.Dir, remembered(prefs, o.Purpose)} {
		if d != "" && isDir(d) {
			return d
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return string(filepath.Separator)
}

func remembered(prefs fyne.Preferences, p Purpose) string {
	if prefs == nil || p == "" {
		return ""
	}
	return prefs.String(prefKey(p))
}

// remember stores the folder of path as the purpose's last folder.
func remember(prefs fyne.Preferences, p Purpose, path string) {
	if prefs != nil && p != "" {
		prefs.SetString(prefKey(p), filepath.Dir(path))
	}
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// matches reports whether name has one of the extensions (any, when none).
func matches(name string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	for _, e := range exts {
		if strings.EqualFold(filepath.Ext(name), e) {
			return true
		}
	}
	return false
}

// Open asks for an existing file and hands its path to done (not called
// when the person cancels).
func Open(w fyne.Window, prefs fyne.Preferences, o Options, done func(path string)) {
	ask(w, prefs, o, false, done)
}

// Save asks where to write a file and hands the path to done (not called
// when the person cancels).
func Save(w fyne.Window, prefs fyne.Preferences, o Options, done func(path string)) {
	ask(w, prefs, o, true, done)
}

func ask(w fyne.Window, prefs fyne.Preferences, o Options, save bool, done func(string)) {
	chosen := func(path string) {
		remember(prefs, o.Purpose, path)
		done(path)
	}
	if usePortal() && askPortal(w, o, Folder(prefs, o), save, chosen) {
		return
	}
	newBuiltin(w, o, Folder(prefs, o), save, chosen).show()
}

// usePortal says whether to use the desktop's chooser.
func usePortal() bool {
	switch os.Getenv("STUDIOFLOW_FILE_DIALOG") {
	case "builtin", "fyne":
		return false
	case "portal":
		return true
	}
	return portalAvailable()
}

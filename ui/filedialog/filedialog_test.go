package filedialog

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"flows/ivr.json", "flows/sms.json", "flows/notes.txt", "flows/sub/deep.json", "exports/a.png"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func builtinWindow(t *testing.T) fyne.Window {
	t.Helper()
	t.Setenv("STUDIOFLOW_FILE_DIALOG", "builtin")
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	return w
}

func TestOpenTakesATypedPathAndRemembersTheFolderPerPurpose(t *testing.T) {
	a := test.NewTempApp(t)
	dir := tree(t)
	w := builtinWindow(t)
	var got []string
	Open(w, a.Preferences(), Options{Purpose: Flows, Extensions: []string{".json"}, Dir: filepath.Join(dir, "exports")}, func(p string) { got = append(got, p) })
	b := current(t, w)
	if w.Canvas().Focused() != b.path {
		t.Error("the path field does not have the keyboard")
	}
	// What is typed first goes after the folder the field starts with.
	start := b.path.Text
	test.Type(b.path, "ivr")
	if want := start + "ivr"; b.path.Text != want {
		t.Errorf("typing into the field gives %q, want %q", b.path.Text, want)
	}
	// Typing a folder lists it; typing a file's path and Enter opens it.
	b.path.SetText(filepath.Join(dir, "flows") + "/")
	if want := []string{"../", "sub/", "ivr.json", "sms.json"}; !slices.Equal(b.entries, want) {
		t.Fatalf("the folder lists %v, want %v", b.entries, want)
	}
	b.path.SetText(filepath.Join(dir, "flows", "s"))
	if want := []string{"../", "sub/", "sms.json"}; !slices.Equal(b.entries, want) {
		t.Fatalf("typing a name prefix lists %v, want %v", b.entries, want)
	}
	b.path.SetText(filepath.Join(dir, "flows", "ivr.json"))
	b.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(got) != 1 || got[0] != filepath.Join(dir, "flows", "ivr.json") {
		t.Fatalf("Enter on a typed path chose %v", got)
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Error("the dialog stayed up after choosing")
	}
	// Clicking a listed file puts its path in the field; a second click takes it.
	Open(w, a.Preferences(), Options{Purpose: Flows, Extensions: []string{".json"}}, func(p string) { got = append(got, p) })
	b = current(t, w)
	b.list.Select(slices.Index(b.entries, "sms.json"))
	if b.path.Text != filepath.Join(dir, "flows", "sms.json") || len(got) != 1 {
		t.Fatalf("a click on sms.json left %q in the field and chose %v", b.path.Text, got)
	}
	b.list.Select(slices.Index(b.entries, "sms.json"))
	if len(got) != 2 || got[1] != filepath.Join(dir, "flows", "sms.json") {
		t.Fatalf("a second click chose %v", got)
	}
	if f := Folder(a.Preferences(), Options{Purpose: Flows}); f != filepath.Join(dir, "flows") {
		t.Errorf("the flows folder remembered is %q", f)
	}
	if f := Folder(a.Preferences(), Options{Purpose: Exports}); f == filepath.Join(dir, "flows") {
		t.Error("the exports dialog proposes the folder of the last flow opened")
	}
	// The purpose's folder is where the next dialog starts.
	Open(w, a.Preferences(), Options{Purpose: Flows, Extensions: []string{".json"}}, func(string) {})
	if b := current(t, w); b.dir != filepath.Join(dir, "flows") {
		t.Errorf("the next Open starts in %q", b.dir)
	}
}

func TestOpenRefusesAPathThatIsNoFileAndSaveAddsTheExtension(t *testing.T) {
	a := test.NewTempApp(t)
	dir := tree(t)
	w := builtinWindow(t)
	var got []string
	Open(w, a.Preferences(), Options{Purpose: Flows, Dir: dir}, func(p string) { got = append(got, p) })
	b := current(t, w)
	b.path.SetText(filepath.Join(dir, "missing.json"))
	b.submit()
	if len(got) != 0 || !b.problem.Visible() {
		t.Fatalf("a missing file was chosen (%v) or not explained", got)
	}
	b.path.SetText(filepath.Join(dir, "flows"))
	b.submit()
	if b.dir != filepath.Join(dir, "flows") || len(got) != 0 {
		t.Fatalf("Enter on a folder: listing %q, chose %v", b.dir, got)
	}
	b.cancel()

	Save(w, a.Preferences(), Options{Purpose: Tests, FileName: "recorded", Extensions: []string{".yaml"}, Dir: dir}, func(p string) { got = append(got, p) })
	b = current(t, w)
	if b.path.Text != filepath.Join(dir, "recorded") {
		t.Fatalf("Save proposes %q", b.path.Text)
	}
	b.submit()
	if len(got) != 1 || got[0] != filepath.Join(dir, "recorded.yaml") {
		t.Fatalf("Save chose %v", got)
	}
}

func TestTheDialogTakesMostOfTheWindow(t *testing.T) {
	test.NewTempApp(t)
	w := builtinWindow(t)
	s := Size(w)
	if s.Width < 800 || s.Height < 600 {
		t.Fatalf("the dialog is %v in a 1280×800 window: too small to show many rows", s)
	}
}

// current is the built-in dialog on show.
func current(t *testing.T, w fyne.Window) *builtin {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if p, ok := o.(*pathEntry); ok {
			return p.owner
		}
	}
	t.Fatal("no file dialog is showing")
	return nil
}

// A proposed name made from a flow's name is valid on every system: no
// character Windows refuses, no device name, the extension kept.
func TestSaveProposesANameValidEverywhere(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Support: after hours?.json", "Support_ after hours_.json"},
		{"CON.json", "CON_.json"},
		{"a/b.png", "a_b.png"},
		{"IVR v1.2", "IVR v1.2"},
		{"", ""},
	} {
		if got := proposedName(tc.in); got != tc.want {
			t.Errorf("proposedName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	test.NewTempApp(t)
	w := builtinWindow(t)
	dir := t.TempDir()
	Save(w, nil, Options{Purpose: Exports, FileName: "Sales | EMEA.json", Extensions: []string{".json"}, Dir: dir}, func(string) {})
	if b := current(t, w); b.path.Text != filepath.Join(dir, "Sales _ EMEA.json") {
		t.Fatalf("Save proposes %q", b.path.Text)
	}
}

package prefstore

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// open opens the store in dir, failing the test on an error; reports
// collects what it reports.
func open(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// onDisk reads the store's file as JSON.
func onDisk(t *testing.T, dir string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("the file does not parse: %v\n%s", err, data)
	}
	return v
}

// A save replaces the file by another (written beside it and renamed), so
// a reader that opened the old one reads it whole: the file is never
// truncated and rewritten in place, which is what let a second instance
// read nothing.
func TestASaveReplacesTheFileAndNeverTruncatesIt(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	s.SetString("theme", "dark")
	old, err := os.Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	s.SetString("theme", "light")
	data, err := io.ReadAll(old)
	if err != nil {
		t.Fatal(err)
	}
	var before map[string]any
	if err := json.Unmarshal(data, &before); err != nil || before["theme"] != "dark" {
		t.Fatalf("the file open before the save reads %q (%v): it was rewritten in place", data, err)
	}
	if got := onDisk(t, dir)["theme"]; got != "light" {
		t.Fatalf("the file holds theme %v after the save", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != FileName && e.Name() != FileName+".lock" {
			t.Errorf("the folder holds %s after the saves", e.Name())
		}
	}
}

// Setting a key to the value it has writes nothing (the layout is saved on
// every autosave tick).
func TestSettingTheSameValueWritesNothing(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	s.SetFloat("layout.window.width", 1100)
	before, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	s.SetFloat("layout.window.width", 1100)
	after, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("setting the value the key has replaced the file")
	}
}

// Two instances on one file (two editors, or an editor and the Flows
// home) each save only the keys they changed: the other's keys survive,
// and for one key the last save wins.
func TestTwoInstancesKeepEachOthersKeys(t *testing.T) {
	dir := t.TempDir()
	a := open(t, dir, Options{})
	b := open(t, dir, Options{})
	a.SetString("theme", "dark")
	b.SetFloat("layout.window.width", 1100)
	b.SetStringList("recentFiles", []string{"/flows/a.json"})
	a.SetBool("view.minimap", false)

	got := onDisk(t, dir)
	want := map[string]any{"theme": "dark", "layout.window.width": 1100.0, "recentFiles": []any{"/flows/a.json"}, "view.minimap": false}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the file holds %v, want %v", got, want)
	}

	// The last writer of a key wins; an instance that did not change the
	// key since does not write its old value back.
	b.SetString("theme", "light")
	a.SetInt("layout.window.x", 40)
	if got := onDisk(t, dir)["theme"]; got != "light" {
		t.Errorf("after b chose light and a saved something else the theme is %v", got)
	}
	if got := a.String("theme"); got != "light" {
		t.Errorf("a reads theme %q after b saved light", got)
	}
	if got := open(t, dir, Options{}).IntWithFallback("layout.window.x", -1); got != 40 {
		t.Errorf("a new instance reads x %d", got)
	}
}

// An instance whose view is out of date (another saved since it read)
// still saves a choice equal to its old view: the user chose it last.
func TestAChoiceEqualToAStaleViewIsStillSaved(t *testing.T) {
	dir := t.TempDir()
	a := open(t, dir, Options{})
	a.SetString("theme", "dark")
	b := open(t, dir, Options{})
	b.SetString("theme", "light")
	a.SetString("theme", "dark")
	if got := onDisk(t, dir)["theme"]; got != "dark" {
		t.Fatalf("the theme chosen last (dark, in a) was lost: the file holds %v", got)
	}
}

// Many instances saving their own keys at once, over and over, end with
// every key at its last value: the lock keeps one read-merge-write from
// overlapping another.
func TestConcurrentSaversKeepEveryKey(t *testing.T) {
	dir := t.TempDir()
	const savers, saves = 6, 40
	var wg sync.WaitGroup
	for i := range savers {
		wg.Go(func() {
			s := open(t, dir, Options{})
			for n := 1; n <= saves; n++ {
				s.SetInt(keyOf(i), n)
			}
		})
	}
	wg.Wait()
	got := onDisk(t, dir)
	for i := range savers {
		if got[keyOf(i)] != float64(saves) {
			t.Errorf("%s is %v, want %d", keyOf(i), got[keyOf(i)], saves)
		}
	}
}

func keyOf(i int) string { return "saver." + string(rune('a'+i)) }

// Every kind of value reads back as it was set, from a new instance.
func TestValuesReadBackFromTheFile(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	s.SetBool("b", true)
	s.SetBoolList("bl", []bool{true, false})
	s.SetFloat("f", 0.25)
	s.SetFloatList("fl", []float64{1.5, 2})
	s.SetInt("i", -7)
	s.SetIntList("il", []int{3, 4})
	s.SetString("s", "dark")
	s.SetStringList("sl", []string{"/a.json", "/b.json"})
	s.SetStringList("empty", nil)

	r := open(t, dir, Options{})
	if !r.Bool("b") || !reflect.DeepEqual(r.BoolList("bl"), []bool{true, false}) {
		t.Errorf("bools: %v %v", r.Bool("b"), r.BoolList("bl"))
	}
	if r.Float("f") != 0.25 || !reflect.DeepEqual(r.FloatList("fl"), []float64{1.5, 2}) {
		t.Errorf("floats: %v %v", r.Float("f"), r.FloatList("fl"))
	}
	if r.Int("i") != -7 || !reflect.DeepEqual(r.IntList("il"), []int{3, 4}) {
		t.Errorf("ints: %v %v", r.Int("i"), r.IntList("il"))
	}
	if r.String("s") != "dark" || !reflect.DeepEqual(r.StringList("sl"), []string{"/a.json", "/b.json"}) {
		t.Errorf("strings: %q %q", r.String("s"), r.StringList("sl"))
	}
	if l := r.StringListWithFallback("empty", nil); l == nil || len(l) != 0 {
		t.Errorf("an empty list reads back as %#v", l)
	}
	// Missing keys and keys of another type give the fallback.
	if r.StringWithFallback("missing", "system") != "system" || r.IntWithFallback("s", 9) != 9 || r.BoolWithFallback("f", true) != true {
		t.Error("a missing key or one of another type does not give the fallback")
	}
	r.RemoveValue("s")
	if open(t, dir, Options{}).StringWithFallback("s", "gone") != "gone" {
		t.Error("a removed key is still in the file")
	}
}

// A file that cannot be read (empty, cut short, not an object) is
// reported once, kept aside under another name, and not written over; the
// store goes on with the defaults and saves to a new file.
func TestAnUnreadableFileIsReportedOnceAndKeptAside(t *testing.T) {
	for name, content := range map[string]string{"empty": "", "cut short": `{"theme": "da`, "null": "null"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			// Fyne's old preferences are not what a damaged file is
			// replaced with: the message says the defaults are used.
			if err := os.WriteFile(Seed(dir), []byte(`{"theme":"light"}`), 0o600); err != nil {
				t.Fatal(err)
			}
			var reports []error
			s := open(t, dir, Options{Seed: Seed(dir), Report: func(err error) { reports = append(reports, err) }})
			s.now = func() time.Time { return time.Date(2026, 12, 7, 6, 30, 0, 0, time.UTC) }
			if got := s.StringWithFallback("theme", "system"); got != "system" {
				t.Errorf("theme %q from an unreadable file", got)
			}
			s.SetString("theme", "dark")
			if len(reports) != 1 || !strings.Contains(reports[0].Error(), path) || !strings.Contains(reports[0].Error(), ".bad-") {
				t.Fatalf("reports %v, want one naming the file and where it is kept", reports)
			}
			asides, _ := filepath.Glob(path + ".bad-*")
			if len(asides) != 1 {
				t.Fatalf("kept aside: %v", asides)
			}
			if taken := s.TakeProblems(); len(taken) != 1 || taken[0] != reports[0] || len(s.TakeProblems()) != 0 {
				t.Errorf("TakeProblems gives %v, then more", taken)
			}
			if data, _ := os.ReadFile(asides[0]); string(data) != content {
				t.Errorf("the file kept aside holds %q, want %q", data, content)
			}
			if got := onDisk(t, dir)["theme"]; got != "dark" {
				t.Errorf("the new file holds theme %v", got)
			}
		})
	}
}

// A file damaged while the store runs is kept aside by the next save too.
func TestAFileDamagedLaterIsKeptAsideBeforeTheNextSave(t *testing.T) {
	dir := t.TempDir()
	var reports []error
	s := open(t, dir, Options{Report: func(err error) { reports = append(reports, err) }})
	s.SetString("theme", "dark")
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte("{\"theme\": "), 0o600); err != nil {
		t.Fatal(err)
	}
	s.SetBool("view.minimap", false)
	if asides, _ := filepath.Glob(path + ".bad-*"); len(asides) != 1 || len(reports) != 1 {
		t.Fatalf("kept aside %v, reports %v", asides, reports)
	}
	// This instance's own earlier choice is still what it sees; the new
	// file holds what was saved after the damage.
	if got := onDisk(t, dir); got["view.minimap"] != false {
		t.Errorf("the new file holds %v", got)
	}
}

// A store without a file starts from Fyne's preferences.json (a user
// upgrading keeps their settings), writes them to its own file, and
// leaves Fyne's alone; later starts read their own file only.
func TestFynePreferencesSeedANewStoreOnce(t *testing.T) {
	dir := t.TempDir()
	fyne := filepath.Join(dir, FyneFileName)
	// As Fyne 2.8.1 writes it: json.Encoder, one line.
	old := `{"theme":"dark","layout.window.width":1100,"layout.window.x":40,"recentFiles":["/flows/a.json","/flows/b.json"],"view.minimap":false,"empty":[]}` + "\n"
	if err := os.WriteFile(fyne, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, dir, Options{Seed: Seed(dir)})
	if s.String("theme") != "dark" || s.Float("layout.window.width") != 1100 || s.Int("layout.window.x") != 40 ||
		!reflect.DeepEqual(s.StringList("recentFiles"), []string{"/flows/a.json", "/flows/b.json"}) || s.BoolWithFallback("view.minimap", true) {
		t.Fatalf("seeded store reads theme %q, width %v, x %v, recent %v, minimap %v", s.String("theme"),
			s.Float("layout.window.width"), s.Int("layout.window.x"), s.StringList("recentFiles"), s.Bool("view.minimap"))
	}
	if got := onDisk(t, dir)["theme"]; got != "dark" {
		t.Errorf("the store's own file holds theme %v", got)
	}
	if data, _ := os.ReadFile(fyne); string(data) != old {
		t.Errorf("Fyne's file changed to %q", data)
	}

	s.SetString("theme", "light")
	if err := os.WriteFile(fyne, []byte(`{"theme":"dark","other":"x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := open(t, dir, Options{Seed: Seed(dir)}); r.String("theme") != "light" || r.String("other") != "" {
		t.Errorf("a later start seeded again: theme %q, other %q", r.String("theme"), r.String("other"))
	}
}

// Fyne's preferences that cannot be read (its own in-place write cut
// short) are reported; the store starts from the defaults and Fyne's file
// is left as it is.
func TestUnreadableFynePreferencesAreReportedAndLeftAlone(t *testing.T) {
	dir := t.TempDir()
	fyne := filepath.Join(dir, FyneFileName)
	if err := os.WriteFile(fyne, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var reports []error
	s := open(t, dir, Options{Seed: Seed(dir), Report: func(err error) { reports = append(reports, err) }})
	if len(reports) != 1 || !strings.Contains(reports[0].Error(), fyne) {
		t.Fatalf("reports %v, want one naming %s", reports, fyne)
	}
	if s.StringWithFallback("theme", "system") != "system" {
		t.Error("values from an empty file")
	}
	if _, err := os.Stat(fyne); err != nil {
		t.Errorf("Fyne's file: %v", err)
	}
}

// A save that fails is reported once, and the change is written by the
// next save that succeeds.
func TestAFailedSaveIsReportedAndRetried(t *testing.T) {
	dir := t.TempDir()
	var reports []error
	s := open(t, dir, Options{Report: func(err error) { reports = append(reports, err) }})
	lock := filepath.Join(dir, FileName+".lock")
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(lock, 0o700); err != nil { // the lock cannot be opened
		t.Fatal(err)
	}
	s.SetString("theme", "dark")
	s.SetBool("view.minimap", false)
	if len(reports) != 1 || !strings.Contains(reports[0].Error(), "lock") {
		t.Fatalf("reports %v, want one about the lock", reports)
	}
	if s.String("theme") != "dark" {
		t.Error("the instance forgot its change when the save failed")
	}
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if got := onDisk(t, dir); got["theme"] != "dark" || got["view.minimap"] != false {
		t.Errorf("after the retry the file holds %v", got)
	}
}

// A number JSON cannot hold is reported and not remembered: it would make
// every later save fail.
func TestANumberThatIsNotFiniteIsNotRemembered(t *testing.T) {
	var reports []error
	s := open(t, t.TempDir(), Options{Report: func(err error) { reports = append(reports, err) }})
	s.SetFloat("layout.split.canvas", 0.5)
	zero := 0.0
	s.SetFloat("layout.split.canvas", zero/zero)
	if got := s.Float("layout.split.canvas"); got != 0.5 || len(reports) != 1 {
		t.Errorf("after NaN the value is %v, reports %v", got, reports)
	}
}

func TestAStoreInMemoryKeepsValuesWithoutAFile(t *testing.T) {
	s := InMemory()
	var heard int
	s.AddChangeListener(func() { heard++ })
	s.SetString("theme", "dark")
	s.SetString("theme", "dark")
	if s.String("theme") != "dark" || heard != 1 || s.Path() != "" {
		t.Errorf("theme %q, listener heard %d changes, path %q", s.String("theme"), heard, s.Path())
	}
}

// Instances adding to one list at once (each editor its recent files)
// keep every addition: the list is made again of the file's under the
// lock, not of a view another save has made stale.
func TestConcurrentAdditionsToOneListAreAllKept(t *testing.T) {
	dir := t.TempDir()
	const adders, adds = 4, 25
	var wg sync.WaitGroup
	for i := range adders {
		wg.Go(func() {
			s := open(t, dir, Options{})
			for n := range adds {
				entry := fmt.Sprintf("/flows/%d-%d.json", i, n)
				s.UpdateStringList("recentFiles", func(l []string) []string { return append([]string{entry}, l...) })
			}
		})
	}
	wg.Wait()
	got := open(t, dir, Options{}).StringList("recentFiles")
	if len(got) != adders*adds {
		t.Fatalf("the list holds %d entries, want %d: additions were lost", len(got), adders*adds)
	}
	for i := range adders {
		for n := range adds {
			if entry := fmt.Sprintf("/flows/%d-%d.json", i, n); !slices.Contains(got, entry) {
				t.Errorf("%s is missing", entry)
			}
		}
	}
}

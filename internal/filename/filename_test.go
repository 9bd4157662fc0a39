package filename

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeMakesNamesEverySystemAccepts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Support IVR", "Support IVR"},
		{"Support: IVR / after hours?", "Support_ IVR _ after hours_"},
		{`a<b>c"d\e|f*g`, "a_b_c_d_e_f_g"},
		{"tab\there\nnewline", "tab_here_newline"},
		{"  padded  ", "padded"},
		{"ends with dots...", "ends with dots"},
		{"CON", "CON_"},
		{"nul", "nul_"},
		{"Com1", "Com1_"},
		{"lpt9.backup", "lpt9_.backup"},
		{"COM0", "COM0"},
		{"CONSOLE", "CONSOLE"},
		{"Réservations — été", "Réservations — été"},
		{"", "untitled"},
		{"...", "untitled"},
		{"???", "___"},
	} {
		if got := Safe(tc.in, "untitled"); got != tc.want {
			t.Errorf("Safe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeBoundsTheLengthOnARuneBoundary(t *testing.T) {
	got := Safe(strings.Repeat("é", MaxStemBytes), "x")
	if len(got) > MaxStemBytes || !utf8.ValidString(got) || got == "" {
		t.Fatalf("Safe of a long name: %d bytes, valid UTF-8 %v", len(got), utf8.ValidString(got))
	}
}

// Whatever Safe returns can be created as a file here, and is not a device.
func TestSafeNamesCanBeCreated(t *testing.T) {
	dir := t.TempDir()
	for _, in := range []string{"CON", "aux.json", "a/b", `c:\d`, "why?", "star*", strings.Repeat("long ", 100)} {
		name := Safe(in, "untitled") + ".json"
		if Reserved(name) {
			t.Errorf("Safe(%q) + .json = %q is a reserved name", in, name)
		}
		path := filepath.Join(dir, name)
		if filepath.Dir(path) != dir {
			t.Errorf("Safe(%q) = %q leaves the folder", in, name)
			continue
		}
		if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
			t.Errorf("Safe(%q): %v", in, err)
		}
	}
}

func TestSamePathFollowsTheFileSystemsCaseRules(t *testing.T) {
	if !samePath(`C:\Flows\IVR.json`, `c:\flows\ivr.json`, "windows") {
		t.Error("windows: paths differing in case are the same file")
	}
	if !samePath("/Users/a/IVR.json", "/Users/a/ivr.json", "darwin") {
		t.Error("darwin: paths differing in case are the same file")
	}
	if samePath("/home/a/IVR.json", "/home/a/ivr.json", "linux") {
		t.Error("linux: paths differing in case are different files")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(real, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if !SamePath(real, filepath.Join(dir, ".", "flow.json")) {
		t.Error("an existing file reached two ways is the same file")
	}
}

package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// fyneAppFile is the part of FyneApp.toml that Studioflow sets.
type fyneAppFile struct {
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	Migrations map[string]bool
}

// Both FyneApp.toml files (the root one and the one `fyne package --src
// cmd/studioflow` reads) must describe the application the way a plain
// `go build` binary describes itself.
func TestFyneAppTomlFilesMatchTheBuiltInMetadata(t *testing.T) {
	want := appMetadata()
	for _, path := range []string{filepath.Join("..", "..", "FyneApp.toml"), "FyneApp.toml"} {
		var got fyneAppFile
		if _, err := toml.DecodeFile(path, &got); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		d := got.Details
		if d.ID != want.ID || d.Name != want.Name || d.Version != want.Version || d.Build != want.Build {
			t.Errorf("%s: %+v, want ID %s, name %s, version %s, build %d", path, d, want.ID, want.Name, want.Version, want.Build)
		}
		if !got.Migrations["fyneDo"] {
			t.Errorf("%s does not declare [Migrations] fyneDo = true", path)
		}
		icon, err := os.ReadFile(filepath.Join(filepath.Dir(path), d.Icon))
		if err != nil {
			t.Fatalf("%s: icon: %v", path, err)
		}
		if string(icon) != string(want.Icon.Content()) {
			t.Errorf("%s: icon %s is not the icon the binary embeds", path, d.Icon)
		}
	}
}

// Besides the icon path (relative to each file), the two files say the same.
func TestBothFyneAppTomlFilesAgree(t *testing.T) {
	var root, cmd map[string]any
	if _, err := toml.DecodeFile(filepath.Join("..", "..", "FyneApp.toml"), &root); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.DecodeFile("FyneApp.toml", &cmd); err != nil {
		t.Fatal(err)
	}
	delete(root["Details"].(map[string]any), "Icon")
	delete(cmd["Details"].(map[string]any), "Icon")
	if !reflect.DeepEqual(root, cmd) {
		t.Errorf("FyneApp.toml files differ:\nroot: %v\ncmd/studioflow: %v", root, cmd)
	}
}

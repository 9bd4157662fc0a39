package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestMergeCleanWritesOurs(t *testing.T) {
	data := readFixture(t)
	base := writeTemp(t, "base.json", data)
	ours := writeTemp(t, "ours.json", bytes.Replace(data, []byte(`"timeout": 5`), []byte(`"timeout": 8`), 1))
	theirs := writeTemp(t, "theirs.json", bytes.Replace(data, []byte(`"say": "Goodbye"`), []byte(`"say": "Bye now"`), 1))
	r := runCLI("merge", base, ours, theirs)
	if r.code != exitOK {
		t.Fatalf("code %d, stderr %s", r.code, r.stderr)
	}
	merged, err := os.ReadFile(ours)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(merged, []byte(`"timeout": 8`)) || !bytes.Contains(merged, []byte(`"say": "Bye now"`)) {
		t.Errorf("merged file lacks an edit:\n%s", merged)
	}
	if v := runCLI("validate", ours); v.code != exitOK {
		t.Errorf("validate of a clean merge: code %d\n%s", v.code, v.stdout)
	}
}

func TestMergeConflictIsRecordedAndValidateFails(t *testing.T) {
	data := readFixture(t)
	base := writeTemp(t, "base.json", data)
	ours := writeTemp(t, "ours.json", bytes.Replace(data, []byte(`"timeout": 5`), []byte(`"timeout": 8`), 1))
	theirs := writeTemp(t, "theirs.json", bytes.Replace(data, []byte(`"timeout": 5`), []byte(`"timeout": 12`), 1))
	out := writeTemp(t, "out.json", nil)
	r := runCLI("merge", base, ours, theirs, "-o", out)
	if r.code != exitFindings || !strings.Contains(r.stderr, "properties.timeout") {
		t.Fatalf("code %d, stderr %s", r.code, r.stderr)
	}
	merged, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(merged, []byte("<<<<<<<")) || !json.Valid(merged) {
		t.Fatalf("merged file is not clean JSON:\n%s", merged)
	}
	v := runCLI("validate", out)
	if v.code != exitFindings {
		t.Fatalf("validate of a conflicted merge: code %d\n%s", v.code, v.stdout)
	}
	if !strings.Contains(v.stdout, "menu") || !strings.Contains(v.stdout, "ours has 8") || !strings.Contains(v.stdout, "theirs has 12") {
		t.Errorf("validate does not name both sides:\n%s", v.stdout)
	}
	if r := runCLI("fmt", out); r.code != exitOK || r.stdout != string(merged) {
		t.Errorf("the merged file is not in canonical form (fmt code %d)", r.code)
	}
}

func TestMergeWithEmptyBaseMergesTwoAdditions(t *testing.T) {
	data := readFixture(t)
	base := writeTemp(t, "base.json", nil)
	ours := writeTemp(t, "ours.json", data)
	theirs := writeTemp(t, "theirs.json", bytes.Replace(data, []byte(`"say": "Goodbye"`), []byte(`"say": "Bye now"`), 1))
	r := runCLI("merge", base, ours, theirs)
	if r.code != exitFindings || !strings.Contains(r.stderr, `widget "bye" at properties.say`) {
		t.Errorf("code %d, stderr %s", r.code, r.stderr)
	}
}

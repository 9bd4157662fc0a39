package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo is a temporary repository with studioflow installed as its flow
// driver by the real binary's git-setup.
type gitRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bin := filepath.Join(t.TempDir(), "studioflow")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := t.TempDir()
	r := &gitRepo{t: t, dir: t.TempDir(), env: append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com", "DISPLAY=")}
	r.git("init", "-q", "-b", "main")
	setup := exec.Command(bin, "git-setup")
	setup.Dir, setup.Env = r.dir, r.env
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("git-setup: %v\n%s", err, out)
	}
	return r
}

// git runs git in the repository and returns its output; it fails the test
// when git fails.
func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	out, err := r.gitErr(args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (r *gitRepo) gitErr(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = r.dir, r.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (r *gitRepo) write(name string, data []byte) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, name), data, 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *gitRepo) read(name string) []byte {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return data
}

// commitOn makes branch from main with the flow edited by old → new.
func (r *gitRepo) commitOn(branch string, base []byte, old, new string) {
	r.t.Helper()
	r.git("checkout", "-q", "-b", branch, "main")
	r.write("support.flow.json", bytes.Replace(base, []byte(old), []byte(new), 1))
	r.git("commit", "-q", "-am", branch)
	r.git("checkout", "-q", "main")
}

func TestGitDiffAndMergeUseTheDrivers(t *testing.T) {
	r := newGitRepo(t)
	attrs := string(r.read(".gitattributes"))
	if !strings.Contains(attrs, "*.flow.json diff=studioflow merge=studioflow") {
		t.Fatalf(".gitattributes = %q", attrs)
	}
	base := readFixture(t)
	r.write("support.flow.json", base)
	r.git("add", ".")
	r.git("commit", "-q", "-m", "base")

	// git diff shows the semantic diff, and git stores the file as written.
	edited := bytes.Replace(base, []byte(`"timeout": 5`), []byte(`"timeout": 8`), 1)
	r.write("support.flow.json", edited)
	out := r.git("diff")
	if !strings.Contains(out, "studioflow diff a/support.flow.json b/support.flow.json") || !strings.Contains(out, "timeout: 5 → 8") {
		t.Errorf("git diff:\n%s", out)
	}
	r.git("checkout", "--", "support.flow.json")

	// Different properties of one widget on two branches merge cleanly.
	r.commitOn("ours", base, `"timeout": 5`, `"timeout": 8`)
	r.commitOn("theirs", base, `"finish_on_key": "#"`, `"finish_on_key": "*"`)
	r.git("checkout", "-q", "ours")
	if out, err := r.gitErr("merge", "--no-edit", "theirs"); err != nil {
		t.Fatalf("clean merge failed: %v\n%s", err, out)
	}
	merged := r.read("support.flow.json")
	if !bytes.Contains(merged, []byte(`"timeout": 8`)) || !bytes.Contains(merged, []byte(`"finish_on_key": "*"`)) {
		t.Errorf("merged flow lacks an edit:\n%s", merged)
	}
	if out := r.git("log", "-p", "--ext-diff", "-1", "--first-parent", "-m", "--", "support.flow.json"); !strings.Contains(out, `finish_on_key: "#" → "*"`) {
		t.Errorf("git log -p --ext-diff:\n%s", out)
	}
	// Without --ext-diff, git log -p diffs the flows as text per widget.
	if out := r.git("log", "-p", "-1", "--first-parent", "-m", "--", "support.flow.json"); !strings.Contains(out, "-  finish_on_key = \"#\"\n+  finish_on_key = \"*\"") {
		t.Errorf("git log -p:\n%s", out)
	}

	// The same property both ways: git reports a conflict, and the file is
	// a flow with the conflict recorded, without markers.
	r.git("checkout", "-q", "main")
	r.commitOn("ours2", base, `"say": "Goodbye"`, `"say": "Bye"`)
	r.commitOn("theirs2", base, `"say": "Goodbye"`, `"say": "Farewell"`)
	r.git("checkout", "-q", "ours2")
	out, err := r.gitErr("merge", "--no-edit", "theirs2")
	if err == nil {
		t.Fatalf("a conflicting merge succeeded:\n%s", out)
	}
	conflicted := r.read("support.flow.json")
	if bytes.Contains(conflicted, []byte("<<<<<<<")) || !bytes.Contains(conflicted, []byte(`"studioflow_conflicts"`)) {
		t.Errorf("conflicted file:\n%s", conflicted)
	}
	if v := runCLI("validate", filepath.Join(r.dir, "support.flow.json")); v.code != exitFindings || !strings.Contains(v.stdout, `theirs has "Farewell"`) {
		t.Errorf("validate of the conflicted file: code %d\n%s", v.code, v.stdout)
	}
}

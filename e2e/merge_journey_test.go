package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// gitWorkTree is a temporary git repository whose flow files use the real
// binary as their diff and merge driver (studioflow git-setup).
type gitWorkTree struct {
	dir string
	env []string
}

func newGitWorkTree(t *testing.T, bin string) *gitWorkTree {
	t.Helper()
	requireTools(t, "git")
	home := t.TempDir()
	g := &gitWorkTree{dir: t.TempDir(), env: append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Builder", "GIT_AUTHOR_EMAIL=builder@example.com",
		"GIT_COMMITTER_NAME=Builder", "GIT_COMMITTER_EMAIL=builder@example.com")}
	g.run(t, "git", "init", "-q", "-b", "main")
	if out := g.run(t, bin, "git-setup"); !strings.Contains(out, "git merge now use studioflow") {
		t.Fatalf("git-setup said:\n%s", out)
	}
	return g
}

// run runs a program in the repository and fails the test when it fails.
func (g *gitWorkTree) run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := g.try(name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func (g *gitWorkTree) try(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = g.dir, g.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// branch makes branch from main with the flow edited by each old → new
// pair, and commits it.
func (g *gitWorkTree) branch(t *testing.T, name, file string, base []byte, edits ...string) {
	t.Helper()
	g.run(t, "git", "checkout", "-q", "-b", name, "main")
	data := base
	for i := 0; i < len(edits); i += 2 {
		next := bytes.Replace(data, []byte(edits[i]), []byte(edits[i+1]), 1)
		if bytes.Equal(next, data) {
			t.Fatalf("the fixture no longer holds %q", edits[i])
		}
		data = next
	}
	if err := os.WriteFile(filepath.Join(g.dir, file), data, 0o644); err != nil {
		t.Fatal(err)
	}
	g.run(t, "git", "commit", "-q", "-am", name)
	g.run(t, "git", "checkout", "-q", "main")
}

// The builder's whole merge journey: two branches edit one flow, each
// with a change of its own and two changes the other made differently;
// git merge runs Studioflow's merge driver, which merges what it can and
// records the two conflicts in the file; the editor opens the file with
// the conflicts panel, the builder picks a side for each with the mouse
// and saves; the saved flow validates and records no conflict.
func TestMergeConflictsResolvedInTheEditor(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	g := newGitWorkTree(t, bin)
	const file = "support.flow.json"
	base, err := os.ReadFile(filepath.Join(repoRoot, "model", "flowdiff", "testdata", "ivr.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(g.dir, file), base, 0o644); err != nil {
		t.Fatal(err)
	}
	g.run(t, "git", "add", ".")
	g.run(t, "git", "commit", "-q", "-m", "support line")
	g.branch(t, "shorter-goodbye", file, base,
		`"timeout": 5`, `"timeout": 8`,
		`"say": "Goodbye"`, `"say": "Bye"`,
		`"number_of_digits": 1`, `"number_of_digits": 2`)
	g.branch(t, "friendlier-goodbye", file, base,
		`"finish_on_key": "#"`, `"finish_on_key": "*"`,
		`"say": "Goodbye"`, `"say": "Farewell, and thank you for calling"`,
		`"number_of_digits": 1`, `"number_of_digits": 3`)

	g.run(t, "git", "checkout", "-q", "shorter-goodbye")
	out, err := g.try("git", "merge", "--no-edit", "friendlier-goodbye")
	if err == nil {
		t.Fatalf("git merge of conflicting edits succeeded:\n%s", out)
	}
	path := filepath.Join(g.dir, file)
	merged, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"studioflow_conflicts"`, `"timeout": 8`, `"finish_on_key": "*"`} {
		if !bytes.Contains(merged, []byte(want)) {
			t.Fatalf("the merged file lacks %s (git merge said %s):\n%s", want, out, merged)
		}
	}
	if bytes.Contains(merged, []byte("<<<<<<<")) {
		t.Fatalf("git wrote conflict markers into the flow:\n%s", merged)
	}
	if code, text := validateFile(t, bin, path); code == 0 {
		t.Fatalf("validate accepted the conflicted flow:\n%s", text)
	}

	app := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta(file)+".*Studioflow")
	waitForDrawing(t, x, "merge-1-opened", x.windowGeometry(t, window))
	shown := app.waitText(t, file, "Merge conflicts (2): pick a side for each",
		"Keep ours: Bye", "Take theirs: Farewell, and thank you for calling", "Keep ours: 2", "Take theirs: 3")
	if !strings.Contains(shown, "bye · properties.say (was Goodbye)") || !strings.Contains(shown, "menu · properties.number_of_digits (was 1)") {
		t.Errorf("the conflicts panel does not name the widgets, properties and common base: %s", shown)
	}
	x.screenshot(t, "merge-2-conflicts-panel")

	app.click(t, window, file, "Take theirs: Farewell, and thank you for calling")
	app.waitText(t, file, "Merge conflicts (1): pick a side for each")
	x.screenshot(t, "merge-3-one-left")
	app.click(t, window, file, "Keep ours: 2")
	app.until(t, "the conflicts panel to close", func() (bool, string) {
		shown, ok := app.texts(t, file)
		return ok && !strings.Contains(shown, "Merge conflicts"), shown
	})
	x.screenshot(t, "merge-4-resolved")

	// The merged file already holds "Farewell…" as the conflict's other
	// side: the save is what changes the bytes on disk.
	merged, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x.focus(t, window, emptyCanvas)
	x.key(t, "ctrl+s")
	saved := string(waitForFileChange(t, path, merged))
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, file) && !strings.HasPrefix(s, "● ") })
	if !strings.Contains(saved, "Farewell, and thank you for calling") {
		t.Errorf("the saved flow lost the side taken:\n%s", saved)
	}
	x.screenshot(t, "merge-5-saved")
	if strings.Contains(saved, "studioflow_conflicts") {
		t.Errorf("the saved flow still records conflicts:\n%s", saved)
	}
	for _, want := range []string{`"timeout": 8`, `"finish_on_key": "*"`, `"number_of_digits": 2`} {
		if !strings.Contains(saved, want) {
			t.Errorf("the saved flow lost %s:\n%s", want, saved)
		}
	}
	if code, text := validateFile(t, bin, path); code != 0 {
		t.Errorf("validate of the resolved flow exited %d:\n%s", code, text)
	}
	g.run(t, "git", "commit", "-q", "-am", "merge friendlier-goodbye")
	if status := g.run(t, "git", "status", "--porcelain"); status != "" {
		t.Errorf("the merge did not complete: %s", status)
	}

	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}

// validateFile runs studioflow validate on path and returns its exit code
// and output.
func validateFile(t *testing.T, bin, path string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, "validate", path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		t.Fatalf("validate %s: %v", path, err)
	}
	return 0, string(out)
}

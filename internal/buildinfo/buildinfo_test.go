package buildinfo

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func vcsBuild(settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: "github.com/studioflow/studioflow", Version: "(devel)"}}
	for i := 0; i+1 < len(settings); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return bi
}

func TestStampsWinOverVCSInformation(t *testing.T) {
	bi := vcsBuild("vcs.revision", "1111111111111111111111111111111111111111", "vcs.time", "2026-01-02T03:04:05Z", "vcs.modified", "false")
	got := resolve(stamps{version: "v1.2.3", commit: "abcdef0123456789abcdef0123456789abcdef01-dirty", date: "2026-12-06T22:00:00Z"}, bi, "0.1.0")
	if got.Version != "1.2.3" || !got.Stamped {
		t.Errorf("version %q stamped %v, want 1.2.3 stamped", got.Version, got.Stamped)
	}
	if got.Commit != "abcdef0123456789abcdef0123456789abcdef01" || !got.Modified {
		t.Errorf("commit %q modified %v, want the stamped hash, modified", got.Commit, got.Modified)
	}
	if want := time.Date(2026, 12, 6, 22, 0, 0, 0, time.UTC); !got.Date.Equal(want) || got.DateIsCommitTime {
		t.Errorf("date %v (commit time %v), want the stamped build time %v", got.Date, got.DateIsCommitTime, want)
	}
	lines := strings.Join(got.Lines(), "\n")
	for _, want := range []string{"Version: 1.2.3\n", "Commit: abcdef012345-dirty\n", "Built: 2026-12-06T22:00:00Z\n", "Go: go1.99 "} {
		if !strings.Contains(lines, want) {
			t.Errorf("Lines() = %q, want it to contain %q", lines, want)
		}
	}
}

func TestUnstampedBuildFallsBackToVCSAndTheDefaultVersion(t *testing.T) {
	bi := vcsBuild("vcs.revision", "1111111111111111111111111111111111111111", "vcs.time", "2026-01-02T03:04:05Z", "vcs.modified", "true")
	got := resolve(stamps{}, bi, "0.1.0")
	if got.Version != "0.1.0" || got.Stamped {
		t.Errorf("version %q stamped %v, want the default 0.1.0, unstamped", got.Version, got.Stamped)
	}
	if got.ShortCommit() != "111111111111-dirty" {
		t.Errorf("ShortCommit() = %q", got.ShortCommit())
	}
	lines := strings.Join(got.Lines(), "\n")
	for _, want := range []string{"Version: 0.1.0 (development build)", "Committed: 2026-01-02T03:04:05Z"} {
		if !strings.Contains(lines, want) {
			t.Errorf("Lines() = %q, want it to contain %q", lines, want)
		}
	}
}

func TestModuleVersionOfGoInstallIsUsed(t *testing.T) {
	bi := vcsBuild()
	bi.Main.Version = "v0.3.0"
	if got := resolve(stamps{}, bi, "0.1.0"); got.Version != "0.3.0" {
		t.Errorf("version %q, want the module's 0.3.0", got.Version)
	}
}

func TestNothingKnownSaysUnknown(t *testing.T) {
	got := resolve(stamps{date: "not a date"}, nil, "")
	lines := strings.Join(got.Lines(), "\n")
	for _, want := range []string{"Version: unknown (development build)", "Commit: unknown", "Built: unknown"} {
		if !strings.Contains(lines, want) {
			t.Errorf("Lines() = %q, want it to contain %q", lines, want)
		}
	}
}

// The stamps tools/stamp.sh makes for release builds (`make dist`, the
// release workflow) reach Read: this guards the variables' names and package
// path, which -X silently ignores when they are wrong.
func TestReleaseStampsReachRead(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to run tools/stamp.sh")
	}
	stamp := exec.Command(bash, filepath.Join("..", "..", "tools", "stamp.sh"))
	stamp.Env = append(stamp.Environ(), "VERSION=2.0.0", "SOURCE_DATE_EPOCH=1796601599") // 2026-12-06T23:59:59Z
	ldflags, err := stamp.Output()
	if err != nil {
		t.Fatalf("tools/stamp.sh: %v", err)
	}
	exe := filepath.Join(t.TempDir(), "printinfo")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	build := exec.Command("go", "build", "-o", exe, "-ldflags", strings.TrimSpace(string(ldflags)), "./testdata/printinfo")
	build.Env = append(build.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe).Output()
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, want := range []string{"Version: 2.0.0\n", "Built: 2026-12-06T23:59:59Z\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output %q, want it to contain %q", out, want)
		}
	}
	if head, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		if want := "Commit: " + string(head[:12]); !strings.Contains(string(out), want) {
			t.Errorf("output %q, want it to contain %q", out, want)
		}
	}
}

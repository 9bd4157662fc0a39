package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	// The screen is larger than the 1280×800 windows, so a window whose
	// content needs more room still fits on it.
	screenWidth, screenHeight = 1920, 1200
	// patience bounds every wait on the X server or the application: the
	// waits end as soon as what they wait for shows, so it only needs to
	// be long enough for a loaded machine.
	patience = 60 * time.Second
)

var (
	repoRoot = ".."
	flowsDir = filepath.Join(repoRoot, "internal", "testflows", "flows") // the project's test flows
	shotsDir = filepath.Join(repoRoot, "shots", "e2e")
)

// mustRun reports whether missing tools fail the test instead of skipping it.
func mustRun() bool {
	return os.Getenv("CI") != "" || os.Getenv("STUDIOFLOW_E2E") == "require"
}

// requireTools skips (or, in CI, fails) when a program the test needs is missing.
func requireTools(t *testing.T, names ...string) {
	t.Helper()
	var missing []string
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("end-to-end test needs %s, not installed: `make test` installs them (apt packages xvfb xdotool x11-apps)", strings.Join(missing, ", "))
	if mustRun() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// binary is the real studioflow binary, built once for the package's tests
// by TestMain (building it per test took half a minute each on a loaded
// machine).
var binary struct {
	path string
	err  error
}

func TestMain(m *testing.M) {
	binary.path, binary.err = buildBinary()
	os.Exit(m.Run())
}

// buildBinary builds cmd/studioflow into a folder of the user's cache kept
// for this checkout: go build relinks only when the sources changed (a
// fresh temporary folder made every run relink, ten seconds on a loaded
// machine).
func buildBinary() (string, error) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return "", fmt.Errorf("locate the checkout: %w", err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(cache, "studioflow-e2e", hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("binary folder: %w", err)
	}
	path := filepath.Join(dir, "studioflow")
	cmd := exec.Command("go", "build", "-o", path, "./cmd/studioflow")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return path, nil
}

// buildStudioflow returns the real binary TestMain built.
func buildStudioflow(t *testing.T) string {
	t.Helper()
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// xserver is a private Xvfb display for one test.
type xserver struct {
	display string
	// apps are the applications started on it with their probe: settle
	// hears from each between two frames.
	apps []*app
}

// startXvfb starts Xvfb on a display number it picks itself (-displayfd), so
// tests never collide with another X server, and stops it after the test.
func startXvfb(t *testing.T) *xserver {
	t.Helper()
	return startXvfbSize(t, screenWidth, screenHeight)
}

// startXvfbSize is startXvfb with a screen of another size.
func startXvfbSize(t *testing.T, width, height int) *xserver {
	t.Helper()
	requireTools(t, "Xvfb", "xdotool", "xwd")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -noreset: by default an X server resets when its last client leaves,
	// and a screenshot taken as the app quits (Ctrl+Q) then finds no
	// display to open.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	var log bytes.Buffer
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
		r.Close()
	}()
	select {
	case n := <-number:
		if n == "" {
			t.Fatalf("Xvfb did not report a display:\n%s", log.String())
		}
		return &xserver{display: ":" + n}
	case <-time.After(patience):
		t.Fatalf("Xvfb did not start within %v:\n%s", patience, log.String())
	}
	return nil
}

// run runs an X client (xdotool, xwd) against this display.
func (x *xserver) run(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return strings.TrimSpace(string(out))
}

// process is the application under test.
type process struct {
	cmd    *exec.Cmd
	output *lockedBuffer
	exited chan struct{}
	err    error
}

// start launches bin on this display; the test's cleanup kills it if it is
// still running.
func (x *xserver) start(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	return x.startEnv(t, bin, nil, args...)
}

// startEnv is start with env (NAME=value) added to the process's
// environment.
func (x *xserver) startEnv(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), "DISPLAY="+x.display, "LANG=en_US.UTF-8"), env...)
	p := &process{cmd: cmd, output: &lockedBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.output, p.output
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// waitExit waits for the process to end and returns its exit code.
func (p *process) waitExit(t *testing.T) int {
	t.Helper()
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(patience):
		t.Fatalf("studioflow did not exit within %v; output:\n%s", patience, p.output.String())
	}
	return -1
}

// waitWindow waits until a visible window whose title matches the regular
// expression exists and returns its id.
func (x *xserver) waitWindow(t *testing.T, p *process, title string) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		cmd := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", title)
		cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
		out, _ := cmd.Output()
		found <- strings.TrimSpace(string(out))
	}()
	select {
	case ids := <-found:
		if ids == "" {
			t.Fatalf("no window titled %q within %v; studioflow said:\n%s", title, patience, p.output.String())
		}
		return strings.Fields(ids)[0]
	case <-p.exited:
		t.Fatalf("studioflow exited (%v) before showing its window:\n%s", p.err, p.output.String())
	}
	return ""
}

// focus clicks into the window at (x, y) (window coordinates). Without a
// window manager a click is what gives a GLFW window keyboard focus.
func (x *xserver) focus(t *testing.T, window string, at image.Point) {
	t.Helper()
	x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(at.X), fmt.Sprint(at.Y), "click", "1")
}

// screenshot captures the whole screen into shots/e2e/NAME.png (kept for a
// person to look at) and returns it.
func (x *xserver) screenshot(t *testing.T, name string) image.Image {
	t.Helper()
	img := x.grab(t)
	x.save(t, name, img)
	return img
}

// windowGeometry returns the window's position and size on the screen.
func (x *xserver) windowGeometry(t *testing.T, window string) image.Rectangle {
	t.Helper()
	var px, py, w, h int
	for _, line := range strings.Split(x.run(t, "xdotool", "getwindowgeometry", "--shell", window), "\n") {
		k, v, _ := strings.Cut(line, "=")
		var n int
		fmt.Sscan(v, &n)
		switch k {
		case "X":
			px = n
		case "Y":
			py = n
		case "WIDTH":
			w = n
		case "HEIGHT":
			h = n
		}
	}
	return image.Rect(px, py, px+w, py+h)
}

// lockedBuffer collects a process's output from its copying goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

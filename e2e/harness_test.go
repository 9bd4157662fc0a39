package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/prefstore"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

const (
	// The screen is larger than the 1280×800 windows, so a window whose
	// content needs more room still fits on it.
	screenWidth, screenHeight = 1920, 1200
	// patience bounds every wait on the X server or the application: the
	// waits end as soon as what they wait for shows, so it only needs to
	// be long enough for a loaded machine.
	patience = 60 * time.Second
	// pollEvery is how often a wait asks again whether what it waits for
	// shows (a file, a title, the probe's answer): often enough that a
	// test does not idle long after it shows, seldom enough to leave the
	// application the CPU.
	pollEvery = 50 * time.Millisecond
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

// parallelTests is how many tests run at once when `go test` is not
// given -parallel: each has its own display and home (xserver) and spends
// part of its time waiting for an application to start or draw, so one
// more than the cores keeps them busy. On 2 shared cores, 2, 3 and 4 at
// once took the same 2 min 50 s (the cores were the limit); one at a
// time took 6 min.
func parallelTests() int { return runtime.NumCPU() + 1 }

func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", strconv.Itoa(parallelTests()))
	}
	// The colours the tests look for come from the project's Fyne theme,
	// which reads the current app's settings: one test app for them all
	// (a test app each would race, the tests running in parallel).
	test.NewApp()
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

// xserver is a private Xvfb display for one test, with the environment
// every program started on it gets: the tests run in parallel, so none
// changes the test process's own environment (t.Setenv) for a program.
type xserver struct {
	display string
	// home is the programs' home folder, their config, data and cache
	// folders under it: a test's own (isolate), so preferences, recovery
	// files and the workspace of other tests or runs cannot get in the way.
	home string
	// vars are what the test set for the programs (setenv).
	vars map[string]string
	// screen reads its frames.
	screen *screenReader
	// apps are the applications started on it with their probe: settle
	// hears from each between two frames.
	apps []*app
}

// isolate gives the programs started from now on a new home, empty but
// for Fyne's settings with its animations off (a person can turn them off
// the same way): the text cursor's fade redrew the whole window a dozen
// times a second while an entry had the keyboard, a tenth of a core for
// each application and frames that settle had to wait out. The tests
// that photograph the design or a focus ring keep Fyne's defaults
// (designPrefs).
func (x *xserver) isolate(t *testing.T) {
	t.Helper()
	x.home = t.TempDir()
	// Fyne makes its cache folder with Mkdir, not MkdirAll: the folders a
	// home has are there from the start.
	for _, dir := range []string{x.configDir(), filepath.Join(x.home, ".local", "share"), filepath.Join(x.home, ".cache")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	x.fyneSettings(t, `{"no_animations": true}`)
}

// fyneSettings writes Fyne's own settings file (all of its applications')
// for the programs started on x from now on; "" removes it.
func (x *xserver) fyneSettings(t *testing.T, settings string) {
	t.Helper()
	path := filepath.Join(x.configDir(), "fyne", "settings.json")
	if settings == "" {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setenv sets a variable for the programs started on x from now on.
func (x *xserver) setenv(key, value string) {
	if x.vars == nil {
		x.vars = map[string]string{}
	}
	x.vars[key] = value
}

// configDir is the programs' config folder (os.UserConfigDir's answer for them).
func (x *xserver) configDir() string { return filepath.Join(x.home, ".config") }

// workspaceDir is the workspace the application on x opens.
func (x *xserver) workspaceDir() string { return wsstore.DirIn(x.configDir()) }

// appConfigDir is the folder of the preferences (Studioflow's and
// Fyne's) and the recovery files.
func (x *xserver) appConfigDir() string {
	return filepath.Join(x.configDir(), "fyne", "io.github.studioflow")
}

// prefsFile is the file of Studioflow's preferences (prefstore's).
func (x *xserver) prefsFile() string { return filepath.Join(x.appConfigDir(), prefstore.FileName) }

// environ is the environment of a program started on x: the test
// process's, with the display, the locale, the test's home and what the
// test set, then extra (KEY=value).
func (x *xserver) environ(extra ...string) []string {
	set := map[string]string{
		"DISPLAY": x.display, "LANG": "en_US.UTF-8", "HOME": x.home,
		"XDG_CONFIG_HOME": x.configDir(),
		"XDG_DATA_HOME":   filepath.Join(x.home, ".local", "share"),
		"XDG_CACHE_HOME":  filepath.Join(x.home, ".cache"),
	}
	for k, v := range x.vars {
		set[k] = v
	}
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); set[k] == "" {
			env = append(env, kv)
		}
	}
	for k, v := range set {
		env = append(env, k+"="+v)
	}
	return append(env, extra...)
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
	requireTools(t, "Xvfb", "xdotool")
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
		x := &xserver{display: ":" + n}
		x.isolate(t)
		screen, err := dialScreen(x.display)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(screen.close)
		x.screen = screen
		return x
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
	cmd.Env = x.environ()
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

// startEnv is start with env (NAME=value) added to this program's
// environment alone (x.environ).
func (x *xserver) startEnv(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = x.environ(env...)
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
// expression exists and returns its id. It asks every 50 ms (xdotool's own
// --sync asks every half second, which made each start of the application
// wait most of that for nothing).
func (x *xserver) waitWindow(t *testing.T, p *process, title string) string {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		cmd := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", title)
		cmd.Env = x.environ()
		out, _ := cmd.Output() // it fails when no window matches yet
		cancel()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			return ids[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window titled %q within %v; studioflow said:\n%s", title, patience, p.output.String())
		}
		select {
		case <-p.exited:
			t.Fatalf("studioflow exited (%v) before showing its window:\n%s", p.err, p.output.String())
		case <-time.After(pollEvery):
		}
	}
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

package e2e

import (
	"fmt"
	"image"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// buildWorkspaceDemo builds ui/workspace's test binary with its demo window
// (the Flows home over a seeded workspace and a loopback Studio), which
// stands in for the main window until that mounts the home.
func buildWorkspaceDemo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "workspace-demo")
	cmd := exec.Command("go", "test", "-tags", "workspacedemo", "-c", "-o", bin, "./ui/workspace")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the workspace demo: %v\n%s", err, out)
	}
	return bin
}

func startWorkspaceDemo(t *testing.T, x *xserver, bin, screen string) (*process, string) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(repoRoot, "ui", "workspace"))
	if err != nil {
		t.Fatal(err)
	}
	p := x.start(t, bin, "-workspace-demo", screen, "-demo-seconds", "90", "-demo-dir", dir)
	win := x.waitWindow(t, p, "^Studioflow.*Flows$")
	waitOutput(t, p, regexp.MustCompile(`(?m)^ready$`))
	return p, win
}

// waitOutput waits until the demo has printed a line matching re and
// returns the match's groups.
func waitOutput(t *testing.T, p *process, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(p.output.String()); m != nil {
			return m
		}
		select {
		case <-p.exited:
			t.Fatalf("the demo exited (%v) before printing %s:\n%s", p.err, re, p.output.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("the demo did not print %s within %v:\n%s", re, patience, p.output.String())
	return nil
}

// buttonAt returns where the demo said the button labelled text is.
func buttonAt(t *testing.T, p *process, text string) image.Point {
	t.Helper()
	m := waitOutput(t, p, regexp.MustCompile(`(?m)^button `+regexp.QuoteMeta(text)+` at (\d+) (\d+)$`))
	var at image.Point
	fmt.Sscan(m[1], &at.X)
	fmt.Sscan(m[2], &at.Y)
	return at
}

func TestWorkspaceHomeDrawsTheFlowsAndTheSelectedFlowsHistory(t *testing.T) {
	x := startXvfb(t)
	bin := buildWorkspaceDemo(t)
	p, win := startWorkspaceDemo(t, x, bin, "home")
	area := x.windowGeometry(t, win)
	img := x.screenshot(t, "workspace-home")

	// The list of flows on the left and the history on the right both hold
	// text, not an empty background.
	list := image.Rect(area.Min.X, area.Min.Y+80, area.Min.X+area.Dx()/3, area.Min.Y+400)
	history := image.Rect(area.Min.X+area.Dx()/2, area.Min.Y+290, area.Max.X, area.Min.Y+410)
	for name, r := range map[string]image.Rectangle{"flow list": list, "revision history": history} {
		if s := measure(img, r); s.share() < 0.02 || len(s.counts) < 20 {
			t.Errorf("the %s looks empty: %.3f of its pixels differ from the background, %d colours", name, s.share(), len(s.counts))
		}
	}
	for _, b := range []string{"New flow", "Import JSON…", "Open from Twilio…", "Open", "Rename…", "Duplicate…", "Export…", "Publish to Twilio…", "Delete…"} {
		buttonAt(t, p, b)
	}
}

func TestWorkspaceOpenFromTwilioPullsTheFlowInTheRealWindow(t *testing.T) {
	x := startXvfb(t)
	bin := buildWorkspaceDemo(t)
	p, win := startWorkspaceDemo(t, x, bin, "open")
	x.screenshot(t, "workspace-open-from-twilio")
	open := buttonAt(t, p, "Open")
	x.focus(t, win, open)
	m := waitOutput(t, p, regexp.MustCompile(`(?m)^pulled (FW[0-9a-f]{32}) revision (\d+) "([^"]*)"$`))
	if m[2] != "1" || m[3] != "Support line" {
		t.Fatalf("pulled %v", m)
	}
	time.Sleep(500 * time.Millisecond) // the list and the dialog redraw
	x.screenshot(t, "workspace-pulled")
	if strings.Contains(p.output.String(), "\nerror ") {
		t.Errorf("the demo reported an error:\n%s", p.output.String())
	}
}

func TestWorkspacePublishToTwilioPushesFromTheRealWindow(t *testing.T) {
	x := startXvfb(t)
	bin := buildWorkspaceDemo(t)
	p, win := startWorkspaceDemo(t, x, bin, "publish")
	x.screenshot(t, "workspace-publish-to-twilio")
	x.focus(t, win, buttonAt(t, p, "Publish"))
	m := waitOutput(t, p, regexp.MustCompile(`(?m)^published (FW[0-9a-f]{32}) revision (\d+) (\w+)$`))
	if m[2] != "1" || m[3] != "published" {
		t.Fatalf("published %v", m)
	}
	time.Sleep(500 * time.Millisecond)
	x.screenshot(t, "workspace-published")
}

func TestWorkspaceExecutionWindowDrawsThePath(t *testing.T) {
	x := startXvfb(t)
	bin := buildWorkspaceDemo(t)
	p, _ := startWorkspaceDemo(t, x, bin, "execution")
	exec := x.waitWindow(t, p, "^Execution FN")
	area := x.windowGeometry(t, exec)
	img := x.screenshot(t, "workspace-execution")
	// Taken transitions are drawn in the highlight green on the canvas.
	canvasArea := image.Rect(area.Min.X+area.Dx()/4, area.Min.Y+100, area.Min.X+area.Dx()*3/4, area.Max.Y-20)
	if n := greenPixels(measure(img, canvasArea)); n < 200 {
		t.Errorf("only %d green pixels on the canvas: the path taken is not drawn", n)
	}
}

// greenPixels counts clearly green pixels (the canvas's taken-path colour).
func greenPixels(s colourStats) int {
	n := 0
	for c, count := range s.counts {
		if int(c.G) > int(c.R)+60 && int(c.G) > int(c.B)+30 {
			n += count
		}
	}
	return n
}

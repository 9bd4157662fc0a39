package e2e

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// quitWithKeys quits the application as a person does, Ctrl+Q in its
// window, waits until it has exited and returns its exit code. Every
// Ctrl+Q of the end-to-end tests goes through here.
//
// Keys go where the X server's input focus is, and there is no window
// manager: GLFW gives a window the focus when it first shows it, nothing
// hands it back once another window (a dialog, a second window of the
// application) took it, and a click does not move it. So the window is
// given the focus explicitly first (XSetInputFocus; --sync returns once the
// server reports it focused) and only then are the keys pressed.
//
// If the application does not exit, the failure says who held the focus,
// what the window's title was (a leading "● " means unsaved changes, and
// Ctrl+Q rightly asks first; BadWindow means the window is gone: the key
// was read and the editor closed, but the process stayed, as Fyne 2.8.1's
// shutdown can hang in Lifecycle.WaitForEvents) and what the screen showed.
func (x *xserver) quitWithKeys(t *testing.T, p *process, window string) int {
	t.Helper()
	x.run(t, "xdotool", "windowfocus", "--sync", window)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+q")
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(patience):
	}
	focus := x.try("xdotool", "getwindowfocus")
	title := x.try("xdotool", "getwindowname", window)
	shot := "quit-not-exited-" + strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
	x.screenshot(t, shot)
	t.Fatalf("studioflow did not exit within %v of Ctrl+Q in window %s (title %q; X focus on %s; screen in shots/e2e/%s.png); output:\n%s",
		patience, window, title, focus, shot, p.output.String())
	return -1
}

// try runs an X client for a diagnosis: its output, or what went wrong.
func (x *xserver) try(name string, args ...string) string {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = x.environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return strings.TrimSpace(string(out)) + " (" + err.Error() + ")"
	}
	return strings.TrimSpace(string(out))
}

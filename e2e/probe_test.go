package e2e

import (
	"bufio"
	"fmt"
	"image"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// app is the real studioflow binary under test, with its probe (ui/probe):
// the test asks it what its windows show and where, clicks there with real
// X events, and waits until the window says what it should.
type app struct {
	*process
	x    *xserver
	conn net.Conn
	in   *bufio.Reader
	// searched is what the test last typed in the editor's widget library
	// search box ("" while it shows its placeholder): how to find it.
	searched string
}

// startApp starts bin with args on x, serving its probe on a socket of the
// test's, and connects once the application listens.
func startApp(t *testing.T, x *xserver, bin string, args ...string) *app {
	t.Helper()
	return startAppEnv(t, x, bin, nil, args...)
}

// startAppEnv is startApp with env (NAME=value) added to the application's
// own environment only, not the test's, so tests can run side by side.
func startAppEnv(t *testing.T, x *xserver, bin string, env []string, args ...string) *app {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "probe.sock")
	a := &app{process: x.startEnv(t, bin, append(env, "STUDIOFLOW_PROBE="+sock), args...), x: x}
	deadline := time.Now().Add(patience)
	for {
		c, err := net.Dial("unix", sock)
		if err == nil {
			a.conn, a.in = c, bufio.NewReader(c)
			t.Cleanup(func() { c.Close() })
			x.apps = append(x.apps, a)
			return a
		}
		select {
		case <-a.exited:
			t.Fatalf("studioflow exited (%v) before serving its probe:\n%s", a.err, a.output.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("studioflow did not serve its probe within %v: %v\n%s", patience, err, a.output.String())
		}
	}
}

// ask sends one probe request and returns the answer's fields; ok is false
// for an "error" answer (a window or text not shown yet).
func (a *app) ask(t *testing.T, fields ...string) (answer []string, ok bool) {
	t.Helper()
	if err := a.conn.SetDeadline(time.Now().Add(patience)); err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Fprintln(a.conn, strings.Join(fields, "\t")); err != nil {
		t.Fatalf("probe %q: %v\n%s", fields, err, a.output.String())
	}
	line, err := a.in.ReadString('\n')
	if err != nil {
		t.Fatalf("probe %q: %v\n%s", fields, err, a.output.String())
	}
	answer = strings.Split(strings.TrimSuffix(line, "\n"), "\t")
	return answer, answer[0] != "error"
}

// ping asks the probe for the list of windows and ignores the answer: it
// returns once the application's UI goroutine has run since it was called
// (the probe answers on it), or at once when the application has ended.
func (a *app) ping() {
	select {
	case <-a.exited:
		return
	default:
	}
	if a.conn.SetDeadline(time.Now().Add(patience)) != nil {
		return
	}
	if _, err := fmt.Fprintln(a.conn, "windows"); err != nil {
		return
	}
	a.in.ReadString('\n')
}

// until asks the probe every 100 ms until done accepts the answer, and
// fails after patience saying what it last got.
func (a *app) until(t *testing.T, what string, done func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(patience)
	last := ""
	for {
		ok, got := done()
		if ok {
			return
		}
		last = got
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v; last seen: %s\noutput:\n%s", what, patience, last, a.output.String())
		}
		select {
		case <-a.exited:
			t.Fatalf("%s: studioflow exited (%v):\n%s", what, a.err, a.output.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// texts returns what the window whose title contains title shows.
func (a *app) texts(t *testing.T, title string) (string, bool) {
	t.Helper()
	answer, ok := a.ask(t, "texts", title)
	return strings.Join(answer[1:], " | "), ok
}

// waitText waits until the window shows every one of want and returns all
// it shows.
func (a *app) waitText(t *testing.T, title string, want ...string) string {
	t.Helper()
	var shown string
	a.until(t, fmt.Sprintf("window %q showing %q", title, want), func() (bool, string) {
		var ok bool
		if shown, ok = a.texts(t, title); !ok {
			return false, shown
		}
		for _, w := range want {
			if !strings.Contains(shown, w) {
				return false, shown
			}
		}
		return true, ""
	})
	return shown
}

// where waits until the window shows text (its nth match, when given) in
// the same place twice in a row (a widget just shown may not be laid out
// yet) and returns its centre, whether a scroll hides it, and where to
// turn the wheel to scroll it into view.
func (a *app) where(t *testing.T, title, text string, nth ...int) (at image.Point, hidden bool, wheel image.Point) {
	t.Helper()
	request := []string{"where", title, text}
	if len(nth) > 0 {
		request = append(request, fmt.Sprint(nth[0]))
	}
	previous := ""
	a.until(t, fmt.Sprintf("%q in window %q", text, title), func() (bool, string) {
		answer, ok := a.ask(t, request...)
		if !ok {
			return false, strings.Join(answer, " ")
		}
		if settled := strings.Join(answer, " "); settled != previous {
			previous = settled
			return false, settled
		}
		fmt.Sscan(answer[1], &at.X)
		fmt.Sscan(answer[2], &at.Y)
		hidden = len(answer) > 3 && answer[3] == "hidden"
		if len(answer) > 5 {
			fmt.Sscan(answer[4], &wheel.X)
			fmt.Sscan(answer[5], &wheel.Y)
		}
		return true, ""
	})
	return at, hidden, wheel
}

// click clicks the middle of what shows text in the window titled title
// (X window id window).
// What a scrolled panel hides below its edge is scrolled into view with
// the mouse wheel first, as a person would.
func (a *app) click(t *testing.T, window, title, text string, nth ...int) {
	t.Helper()
	at, hidden, wheel := a.where(t, title, text, nth...)
	for scrolls := 0; hidden; scrolls++ {
		if scrolls == 30 || wheel == (image.Point{}) {
			t.Fatalf("%q stays hidden at %v however far its panel scrolls", text, at)
		}
		a.x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(wheel.X), fmt.Sprint(wheel.Y), "click", "5")
		a.until(t, fmt.Sprintf("%q scrolling up", text), func() (bool, string) {
			next, stillHidden, nextWheel := a.where(t, title, text, nth...)
			wheel = nextWheel
			moved := next != at
			at, hidden = next, stillHidden
			return moved || !hidden, fmt.Sprint(at)
		})
	}
	a.x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(at.X), fmt.Sprint(at.Y), "click", "1")
}

// focusEntry clicks the entry showing text (its placeholder when empty)
// and waits until it has the keyboard focus, so what is typed next goes in.
func (a *app) focusEntry(t *testing.T, window, title, text string) {
	t.Helper()
	a.click(t, window, title, text)
	a.until(t, fmt.Sprintf("focus on %q", text), func() (bool, string) {
		answer, ok := a.ask(t, "focused", title)
		return ok && len(answer) > 1 && answer[1] == text, strings.Join(answer, " ")
	})
}

package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// simDemo is the simulator demo window in its own process, driven with real
// X events and asked where its widgets are.
type simDemo struct {
	x      *xserver
	window string
	stdin  io.WriteCloser
	lines  chan string
}

func startSimulatorDemo(t *testing.T, x *xserver, flowFile string) *simDemo {
	t.Helper()
	flow, err := filepath.Abs(filepath.Join(flowsDir, flowFile))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, os.Args[0], "-simulator-demo="+flow)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display, "LANG=en_US.UTF-8")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the demo: %v", err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("demo stderr:\n%s", stderr.String())
		}
	})
	d := &simDemo{x: x, stdin: stdin, lines: make(chan string, 64)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			d.lines <- sc.Text()
		}
		close(d.lines)
	}()
	d.window = strings.Fields(x.run(t, "xdotool", "search", "--sync", "--onlyvisible", "--name", "Simulator demo"))[0]
	return d
}

// ask sends a command and returns the demo's answer.
func (d *simDemo) ask(t *testing.T, cmd string) string {
	t.Helper()
	fmt.Fprintln(d.stdin, cmd)
	word, _, _ := strings.Cut(cmd, " ")
	deadline := time.After(patience)
	for {
		select {
		case line, ok := <-d.lines:
			if !ok {
				t.Fatalf("the demo exited while asked %q", cmd)
			}
			if strings.HasPrefix(line, "error ") {
				t.Fatalf("%s: %s", cmd, line)
			}
			if ((word == "where" || word == "row") && strings.HasPrefix(line, "at ")) || strings.HasPrefix(line, word+" ") {
				return line
			}
		case <-deadline:
			t.Fatalf("no answer to %q within %v", cmd, patience)
		}
	}
}

// click clicks the middle of the button or entry labelled text.
func (d *simDemo) click(t *testing.T, text string) {
	t.Helper()
	var px, py int
	if _, err := fmt.Sscanf(d.ask(t, "where "+text), "at %d %d", &px, &py); err != nil {
		t.Fatalf("where %s: %v", text, err)
	}
	d.x.run(t, "xdotool", "mousemove", "--window", d.window, fmt.Sprint(px), fmt.Sprint(py), "click", "1")
	time.Sleep(150 * time.Millisecond)
}

// waitFor asks cmd until its answer contains want.
func (d *simDemo) waitFor(t *testing.T, cmd, want string) string {
	t.Helper()
	var got string
	for range 60 {
		got = d.ask(t, cmd)
		if strings.Contains(got, want) {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never showed %q; last: %s", cmd, want, got)
	return ""
}

func TestSimulatorCallsTheJokeHotlineWithTheDialPadAndHangsUp(t *testing.T) {
	x := startXvfb(t)
	d := startSimulatorDemo(t, x, "TwilioDevEd__cedrics-joke-hotline-superclass-studio__studio_flow.json")
	d.waitFor(t, "labels", "Pick a trigger and press Start.")

	// On the virtual clock the gather waits for the clicks however slow the machine.
	d.click(t, "Virtual clock")
	d.click(t, "Start")
	d.waitFor(t, "highlight", "waiting=menu")
	labels := d.waitFor(t, "labels", "In call")
	if !strings.Contains(labels, "Says: ") {
		t.Errorf("the phone's transcript shows nothing the flow said: %s", labels)
	}
	x.screenshot(t, "simulator-call-menu")

	d.click(t, "1")
	d.waitFor(t, "highlight", "waiting=record_voicemail_1")
	d.waitFor(t, "labels", "Recording at record_voicemail_1")
	x.screenshot(t, "simulator-call-recording")

	d.click(t, "Hang up")
	d.waitFor(t, "labels", "Call ended")
	labels = d.waitFor(t, "labels", "You hung up")
	if !strings.Contains(labels, "You pressed 1") {
		t.Errorf("the transcript lacks the key press: %s", labels)
	}
	if h := d.ask(t, "highlight"); !strings.Contains(h, "active= waiting= ") {
		t.Errorf("after the call the canvas still highlights a widget: %s", h)
	}
	x.screenshot(t, "simulator-call-ended")

	// The step log: picking the gather's step shows the context after it,
	// with the digits it stored marked.
	d.ask(t, "tab Steps")
	row := d.ask(t, "row 3")
	var px, py int
	fmt.Sscanf(row, "at %d %d", &px, &py)
	x.run(t, "xdotool", "mousemove", "--window", d.window, fmt.Sprint(px), fmt.Sprint(py), "click", "1")
	d.waitFor(t, "labels", "menu (gather-input-on-call) left on keypress")
	if h := d.ask(t, "highlight"); !strings.Contains(h, "active=menu") {
		t.Errorf("a picked step must highlight its widget: %s", h)
	}
	x.screenshot(t, "simulator-call-steps")
}

func TestSimulatorTextsPrideAstrologyAndReplies(t *testing.T) {
	x := startXvfb(t)
	d := startSimulatorDemo(t, x, "Eclairemoy__pride-astrology__studio_flow.json")
	d.waitFor(t, "labels", "Pick a trigger and press Start.")

	d.click(t, "first message (Hi)")
	x.run(t, "xdotool", "type", "--delay", "30", "hello")
	d.click(t, "Start")
	d.waitFor(t, "highlight", "waiting=ask_sign")
	d.waitFor(t, "labels", "tell us your sign")

	d.click(t, "text the flow…")
	x.run(t, "xdotool", "type", "--delay", "30", "the sun")
	d.click(t, "Send")
	d.waitFor(t, "highlight", "waiting=send_and_reply_no_match")
	labels := d.waitFor(t, "labels", "If you need help with your sign")
	if !strings.Contains(labels, "the sun") {
		t.Errorf("the thread lacks the reply: %s", labels)
	}
	x.screenshot(t, "simulator-sms-reply")

	d.click(t, "No reply")
	d.waitFor(t, "labels", "no reply: the wait timed out")
	d.waitFor(t, "labels", "Ended (completed)")
	x.screenshot(t, "simulator-sms-ended")
}

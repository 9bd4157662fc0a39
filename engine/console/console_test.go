package console

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

func loadFlow(t *testing.T, name string) *model.Flow {
	t.Helper()
	f, err := model.Parse(testflows.Read(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRunDrivesACallFromLines(t *testing.T) {
	f := loadFlow(t, testflows.HelplineFallback)
	rt := engine.New(engine.Config{Clock: engine.NewVirtualClock(time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC))})
	var out strings.Builder
	x, err := Run(rt, f, engine.Trigger{Event: engine.TriggerCall}, engine.StartOptions{}, strings.NewReader(""), &out)
	if err != nil {
		t.Fatal(err)
	}
	if x.Ended == nil || x.Ended.Kind != engine.EndCompleted {
		t.Fatalf("ended = %+v\n%s", x.Ended, out.String())
	}
	if !strings.Contains(out.String(), "> say: ") || !strings.Contains(out.String(), "> dial: ") || !strings.Contains(out.String(), "= ended (completed)") {
		t.Fatalf("output:\n%s", out.String())
	}
}

func TestParseAction(t *testing.T) {
	gather := &engine.Wait{Kind: engine.WaitGather}
	reply := &engine.Wait{Kind: engine.WaitReply}
	tests := []struct {
		w    *engine.Wait
		line string
		want engine.Input
		bad  bool
	}{
		{gather, "press 1 2 3#", engine.Input{Kind: engine.InputPress, Text: "123#"}, false},
		{gather, "say  sales please ", engine.Input{Kind: engine.InputSpeech, Text: "sales please"}, false},
		{gather, "HANGUP", engine.Input{Kind: engine.InputHangup}, false},
		{gather, "silence", engine.Input{Kind: engine.InputTimeout}, false},
		{gather, "hello", engine.Input{}, true},
		{gather, "press", engine.Input{}, true},
		{reply, "press 1", engine.Input{Kind: engine.InputMessage, Text: "press 1"}, false},
		{reply, " Silence ", engine.Input{Kind: engine.InputTimeout}, false},
		{reply, "  Hello There \r", engine.Input{Kind: engine.InputMessage, Text: "  Hello There "}, false}, // as a message's Body keeps it
		{reply, "   ", engine.Input{}, true},
		{reply, "", engine.Input{}, true},
	}
	for _, tt := range tests {
		got, err := ParseAction(tt.w, tt.line)
		if (err != nil) != tt.bad {
			t.Errorf("ParseAction(%s, %q) error = %v", tt.w.Kind, tt.line, err)
			continue
		}
		if !tt.bad && (got.Kind != tt.want.Kind || got.Text != tt.want.Text) {
			t.Errorf("ParseAction(%s, %q) = %+v, want %+v", tt.w.Kind, tt.line, got, tt.want)
		}
	}
}

// Input that cannot be read (a line longer than the scanner takes, or a
// failing reader) is said to be so, not passed off as the end of input.
func TestRunReportsUnreadableInput(t *testing.T) {
	f := loadFlow(t, testflows.Horoscope)
	for name, in := range map[string]io.Reader{
		"overlong line":  strings.NewReader(strings.Repeat("a", 100<<10) + "\n"),
		"failing reader": iotest.ErrReader(errors.New("disk on fire")),
	} {
		rt := engine.New(engine.Config{Clock: engine.NewVirtualClock(time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC))})
		var out strings.Builder
		x, err := Run(rt, f, engine.Trigger{Event: engine.TriggerMessage, From: "+15550001111"}, engine.StartOptions{}, in, &out)
		if !errors.Is(err, ErrInputUnreadable) {
			t.Fatalf("%s: Run error %v, want ErrInputUnreadable", name, err)
		}
		if !strings.Contains(out.String(), "! the input could not be read") || strings.Contains(out.String(), "(end of input") {
			t.Errorf("%s: output does not say the input was unreadable:\n%s", name, out.String())
		}
		if x == nil || x.Ended == nil || !strings.Contains(x.Ended.Reason, "the input could not be read") {
			t.Errorf("%s: the execution was not stopped for it: %+v", name, x)
		}
		for _, s := range x.Steps {
			if s.Name == "timeout" {
				t.Errorf("%s: unreadable input passed off as silence: %s took timeout", name, s.TransitionedFrom)
			}
		}
	}
}

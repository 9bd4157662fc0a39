// Package console runs one Studio execution in a terminal: it prints what the
// flow does as it happens and reads the contact's actions, one per line,
// whenever the flow waits.
//
// During a call a line is "press DIGITS", "say WORDS", "hangup" or "silence";
// in messaging it is the reply text itself, or "silence". At the end of the
// input every wait times out.
package console

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

// ErrInputUnreadable is wrapped when the contact's input could not be read
// (a line longer than 64 KB, a failing reader): the run stops there, since
// no wait may pass that input off as silence.
var ErrInputUnreadable = errors.New("the input could not be read")

// Run starts flow from trig and drives it with lines from in until it ends,
// writing what happens to out. It returns the ended execution; an error means
// the execution could not start, or (ErrInputUnreadable, with the stopped
// execution) that the input could not be read.
func Run(rt *engine.Runtime, flow *model.Flow, trig engine.Trigger, opts engine.StartOptions, in io.Reader, out io.Writer) (*engine.Execution, error) {
	x, evs, err := rt.Start(flow, trig, opts)
	if err != nil {
		return nil, err
	}
	Print(out, evs)
	lines := bufio.NewScanner(in)
	inputEnded := false
	for x.Ended == nil && x.Waiting != nil {
		input := engine.Input{Kind: engine.InputTimeout}
		if !inputEnded {
			fmt.Fprintf(out, "? %s\n", Prompt(x.Waiting))
			if !lines.Scan() {
				inputEnded = true
				if err := lines.Err(); err != nil {
					fmt.Fprintf(out, "! the input could not be read (%v): the run stops here\n", err)
					Print(out, rt.Stop(x, "the input could not be read"))
					return x, fmt.Errorf("%w: %v", ErrInputUnreadable, err)
				}
				fmt.Fprintln(out, "  (end of input: the wait times out)")
			} else {
				parsed, err := ParseAction(x.Waiting, lines.Text())
				if err != nil {
					fmt.Fprintf(out, "! %v\n", err)
					continue
				}
				input = parsed
			}
		}
		evs, err := rt.Resume(x, input)
		if err != nil {
			fmt.Fprintf(out, "! %v\n", err)
			if input.Kind == engine.InputTimeout {
				// A wait that cannot time out and no more input: stop here.
				rt.Stop(x, "the input ended while the flow waited for a choice")
			}
			continue
		}
		Print(out, evs)
	}
	return x, nil
}

// Prompt says what the contact can do at w.
func Prompt(w *engine.Wait) string {
	switch w.Kind {
	case engine.WaitGather:
		return fmt.Sprintf("%s waits for the caller: press DIGITS, say WORDS, hangup or silence (times out after %s)", w.Widget, w.Timeout)
	case engine.WaitRecord:
		return fmt.Sprintf("%s is recording: say WORDS, press DIGITS, hangup or silence", w.Widget)
	case engine.WaitReply:
		return fmt.Sprintf("%s waits for a reply: type the message, or silence (times out after %s)", w.Widget, w.Timeout)
	default:
		return fmt.Sprintf("%s needs an outcome: one of %s", w.Widget, strings.Join(w.Choices, ", "))
	}
}

// ParseAction reads one line of contact action for the wait w. A reply is
// the line as typed (its spaces kept, as a message's Body keeps them).
func ParseAction(w *engine.Wait, line string) (engine.Input, error) {
	typed := strings.TrimRight(line, "\r\n")
	line = strings.TrimSpace(line)
	verb, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	if strings.EqualFold(line, "silence") {
		return engine.Input{Kind: engine.InputTimeout}, nil
	}
	switch w.Kind {
	case engine.WaitReply:
		if line == "" {
			return engine.Input{}, fmt.Errorf("type the reply text, or silence")
		}
		return engine.Input{Kind: engine.InputMessage, Text: typed}, nil
	case engine.WaitOutcome:
		return engine.Input{Kind: engine.InputOutcome, Event: line}, nil
	}
	switch strings.ToLower(verb) {
	case "press":
		if rest == "" {
			return engine.Input{}, fmt.Errorf("press what? e.g. press 1#")
		}
		return engine.Input{Kind: engine.InputPress, Text: strings.ReplaceAll(rest, " ", "")}, nil
	case "say":
		if rest == "" {
			return engine.Input{}, fmt.Errorf("say what? e.g. say sales")
		}
		return engine.Input{Kind: engine.InputSpeech, Text: rest}, nil
	case "hangup":
		return engine.Input{Kind: engine.InputHangup}, nil
	}
	return engine.Input{}, fmt.Errorf("%q: during a call write press DIGITS, say WORDS, hangup or silence", line)
}

// Print writes events as terminal lines.
func Print(out io.Writer, evs []engine.Event) {
	for _, e := range evs {
		if line := Describe(e); line != "" {
			fmt.Fprintln(out, line)
		}
	}
}

// Describe renders one event as a line ("" for events not worth a line).
func Describe(e engine.Event) string {
	switch e.Kind {
	case engine.EventSay:
		return "> say: " + e.Text + loops(e.Loop)
	case engine.EventPlay:
		return "> play: " + e.Text + loops(e.Loop)
	case engine.EventDigits:
		return "> send digits: " + e.Text
	case engine.EventSend:
		return fmt.Sprintf("> sms to %s: %s", e.To, e.Text)
	case engine.EventDial:
		return "> dial: " + e.Text
	case engine.EventStep:
		s := e.Step
		line := fmt.Sprintf("  %s --%s--> %s", s.TransitionedFrom, s.Name, s.TransitionedTo)
		if s.Detail != "" {
			line += " (" + s.Detail + ")"
		}
		return line
	case engine.EventEnd:
		return fmt.Sprintf("= ended (%s): %s", e.Ending.Kind, e.Ending.Reason)
	case engine.EventIgnored:
		return fmt.Sprintf("  (%s: %q %s; it goes on waiting)", e.Widget, e.Text, e.Note)
	}
	return ""
}

func loops(n int) string {
	if n > 1 {
		return fmt.Sprintf(" (x%d)", n)
	}
	return ""
}

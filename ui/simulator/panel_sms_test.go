package simulator

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

func cannedAstrology(p *Panel) {
	p.canned.setCanned("get_horoscope", 200, "application/json", `{"description": "A bold day for bold hearts.", "mood": "Radiant"}`)
	p.canned.setCanned("get_compatibility", 200, "application/json", `{"list": "aries,sagittarius"}`)
	p.canned.setCanned("get_celebrity_match", 200, "application/json", `{"name": "Megan Rapinoe", "description": "Fearless and fun."}`)
}

func TestTypedRepliesDriveTheSMSThreadAndAMessageAfterTheEndStartsANewRun(t *testing.T) {
	p, hl, _ := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	test.Type(p.start.body, "hi")
	startAs(t, p, engine.TriggerMessage)
	if h := hl.last(t); h.Waiting != "ask_sign" || h.WaitingFor != "a reply" {
		t.Fatalf("highlight %+v, want waiting at ask_sign for a reply", h)
	}
	if got := bubbles(p); len(got) != 2 || got[0] != "hi" || !strings.Contains(got[1], "tell us your sign") {
		t.Fatalf("thread %q", got)
	}

	test.Type(p.sms.reply, " LEO ")
	test.Tap(p.sms.sendBtn)
	settle(p)
	x := execution(t, p)
	if x.At() != "send_ask_to_see_match" {
		t.Fatalf("after the reply the flow waits at %q", x.At())
	}
	thread := bubbles(p)
	if !slices.Contains(thread, " LEO ") || !strings.Contains(strings.Join(thread, "\n"), "A bold day for bold hearts.") {
		t.Errorf("thread lacks the reply or the horoscope:\n%s", strings.Join(thread, "\n---\n"))
	}
	if p.sms.reply.Text != "" {
		t.Errorf("the reply box still holds %q", p.sms.reply.Text)
	}

	test.Tap(p.sms.noReply)
	settle(p)
	if x.Ended == nil || !strings.Contains(x.Ended.Reason, "send_ask_to_see_match on timeout") {
		t.Fatalf("no reply must time the wait out; ended %+v", x.Ended)
	}
	if !p.sms.noReply.Disabled() {
		t.Error("No reply stays enabled after the end")
	}

	// No active execution: the next text starts a new one from Incoming Message.
	test.Type(p.sms.reply, "hello again")
	test.Tap(p.sms.sendBtn)
	settle(p)
	if len(p.runs) != 2 || p.shown != p.runs[1] {
		t.Fatalf("%d runs, want a second one on show", len(p.runs))
	}
	second := execution(t, p)
	if second == x || second.TriggerEvent != engine.TriggerMessage || second.At() != "ask_sign" {
		t.Fatalf("second execution %s from %s at %q", second.SID, second.TriggerEvent, second.At())
	}
	if body := second.Context()["trigger"].(map[string]any)["message"].(map[string]any)["Body"]; body != "hello again" {
		t.Errorf("the new run's trigger body is %v", body)
	}
	// The first run keeps its log.
	if n := len(p.runs[0].steps); n != len(x.Steps) || n == 0 {
		t.Errorf("first run shows %d steps, its execution has %d", n, len(x.Steps))
	}
	if len(p.runPick.Options) != 2 {
		t.Errorf("run picker %v", p.runPick.Options)
	}
	p.runPick.SetSelected(p.runPick.Options[0])
	if p.shown != p.runs[0] || !slices.Equal(bubbles(p), thread) {
		t.Errorf("showing the first run again: thread %q", bubbles(p))
	}

	// Clear forgets ended runs only; once the second has ended too, everything.
	clearBtn := findButton(t, p, "Clear")
	test.Tap(clearBtn)
	settle(p)
	if len(p.runs) != 1 || p.shown.execution != second.SID {
		t.Fatalf("after Clear %d runs remain, showing %v", len(p.runs), p.shown)
	}
	test.Tap(p.stopBtn)
	settle(p)
	test.Tap(clearBtn)
	settle(p)
	if len(p.runs) != 0 || p.shown != nil || len(bubbles(p)) != 0 || hl.cleared == 0 {
		t.Errorf("after the last Clear: %d runs, thread %q, highlight cleared %d times", len(p.runs), bubbles(p), hl.cleared)
	}
}

func findButton(t *testing.T, p *Panel, text string) *kbd.Button {
	t.Helper()
	var found *kbd.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *kbd.Button:
			if v.Text == text {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(p.Content())
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func TestStepLogShowsTheContextAfterAStepWithItsChangesMarked(t *testing.T) {
	p, hl, _ := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	startAs(t, p, engine.TriggerMessage)
	test.Type(p.sms.reply, "Leo")
	test.Tap(p.sms.sendBtn)
	settle(p)
	var selected []string
	p.OnSelectWidget = func(name string) { selected = append(selected, name) }

	row := slices.IndexFunc(p.shown.steps, func(s *engine.Step) bool { return s.TransitionedFrom == "get_horoscope" })
	if row < 0 {
		t.Fatalf("no get_horoscope step in %v", stepTrail(p))
	}
	if got := p.steps.cell(widget.TableCellID{Row: row, Col: 4}); got != "get_compatibility" {
		t.Errorf("next cell %q", got)
	}
	p.steps.table.Select(widget.TableCellID{Row: row, Col: 1})
	if !slices.Equal(selected, []string{"get_horoscope"}) {
		t.Errorf("OnSelectWidget heard %v", selected)
	}
	if h := hl.last(t); h.Active != "get_horoscope" {
		t.Errorf("a picked step highlights its widget; got %+v", h)
	}
	mood := joinPath("widgets", "get_horoscope", "parsed", "mood")
	if !p.steps.changed[mood] || !p.steps.changed[joinPath("widgets", "get_horoscope")] || !p.steps.changed["widgets"] {
		t.Errorf("the step's outputs are not marked changed: %v", p.steps.changed)
	}
	if p.steps.changed[joinPath("trigger", "message", "Body")] || p.steps.changed["flow"] {
		t.Errorf("values the step did not touch are marked: %v", p.steps.changed)
	}
	if got := nodeLabel(p.steps.ctx, mood); got != `mood: "Radiant"` {
		t.Errorf("tree label %q", got)
	}
	if !p.steps.tree.IsBranchOpen(joinPath("widgets", "get_horoscope")) {
		t.Error("the branch holding the change is not opened")
	}
	if !strings.Contains(p.steps.response.Text, "A bold day") || !strings.HasPrefix(p.steps.request.Text, "POST ") {
		t.Errorf("HTTP detail:\nrequest %q\nresponse %q", p.steps.request.Text, p.steps.response.Text)
	}
}

func bubbles(p *Panel) []string {
	var out []string
	for _, row := range p.sms.thread.Objects {
		c, ok := row.(*fyne.Container)
		if !ok || len(c.Objects) == 0 {
			continue
		}
		stack, ok := c.Objects[0].(*fyne.Container)
		if !ok {
			continue
		}
		for _, o := range stack.Objects {
			if l, ok := o.(*spokenLabel); ok {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

func TestThePhoneAndTheSMSThreadDescribeThemselves(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	test.Type(p.start.body, "hi")
	startAs(t, p, engine.TriggerMessage)
	var said []string
	for _, row := range p.sms.thread.Objects {
		c, ok := row.(*fyne.Container)
		if !ok || len(c.Objects) == 0 {
			continue
		}
		if stack, ok := c.Objects[0].(*fyne.Container); ok {
			for _, o := range stack.Objects {
				if a, ok := o.(fyne.Accessible); ok {
					said = append(said, a.AccessibilityLabel())
				}
			}
		}
	}
	if len(said) < 2 || said[0] != "You wrote: hi" || !strings.HasPrefix(said[1], "The flow wrote: ") || !strings.Contains(said[1], "tell us your sign") {
		t.Errorf("the thread reads %q", said)
	}
	if got := p.phone.state.AccessibilityLabel(); got != "Phone: No call — start an Incoming Call" {
		t.Errorf("the phone without a call reads %q", got)
	}
}

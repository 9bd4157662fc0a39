package simulator

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
)

func TestBreakpointPausesBeforeAWidgetThenStepAndContinue(t *testing.T) {
	p, hl, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.ToggleBreakpoint("allow_split")
	if got := p.Breakpoints(); !slices.Equal(got, []string{"allow_split"}) {
		t.Fatalf("breakpoints %v", got)
	}
	if h := hl.last(t); !slices.Equal(h.Breakpoints, []string{"allow_split"}) {
		t.Errorf("the canvas was not told about the breakpoint: %+v", h)
	}

	startAs(t, p, engine.TriggerCall)
	if p.shown.state.Paused != "allow_split" {
		t.Fatalf("run state %+v, want paused before allow_split", p.shown.state)
	}
	if got := stepTrail(p); !slices.Equal(got, []string{"Trigger:incomingCall", "allow_list:success"}) {
		t.Errorf("steps before the breakpoint %v", got)
	}
	if h := hl.last(t); h.Active != "allow_split" || h.Waiting != "" {
		t.Errorf("paused highlight %+v", h)
	}
	if p.stepBtn.Disabled() || p.contBtn.Disabled() {
		t.Fatal("Step and Continue must be enabled while paused")
	}

	test.Tap(p.stepBtn)
	settle(p)
	if p.shown.state.Paused != "order_no" {
		t.Fatalf("Step must pause before the next widget; state %+v", p.shown.state)
	}
	if h := hl.last(t); h.Active != "order_no" {
		t.Errorf("after Step the canvas shows %+v", h)
	}

	test.Tap(p.contBtn)
	settle(p)
	x := execution(t, p)
	if p.shown.state.Paused != "" || x.At() != "order_no" {
		t.Fatalf("Continue runs to the gather; state %+v at %q", p.shown.state, x.At())
	}
	if !p.stepBtn.Disabled() {
		t.Error("Step stays enabled while not paused")
	}

	p.ToggleBreakpoint("allow_split")
	if len(p.Breakpoints()) != 0 {
		t.Errorf("toggling again must remove the breakpoint: %v", p.Breakpoints())
	}
}

func TestStopWhilePausedEndsTheRun(t *testing.T) {
	p, _, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.ToggleBreakpoint("allow_split")
	startAs(t, p, engine.TriggerCall)
	if p.shown.state.Paused == "" {
		t.Fatal("not paused")
	}
	test.Tap(p.stopBtn)
	settle(p)
	x := execution(t, p)
	if x.Ended == nil || x.Ended.Kind != engine.EndStopped {
		t.Fatalf("ended %+v, want stopped", x.Ended)
	}
	if !p.saveBtn.Disabled() {
		// A stopped run ends in a way no scenario can replay.
		if err := p.SaveTest(t.TempDir() + "/x.yaml"); err == nil {
			t.Error("saving a stopped run as a test must fail with a reason")
		}
	}
}

package e2e

import (
	"testing"
)

// After a text conversation with the horoscope flow, the Steps table fits
// the simulator panel at 1280×800: its last column's header ends inside
// the panel (it ran off its edge behind a sideways scroll), and the Type
// cell it cuts shows the whole step, in a tooltip under the pointer and in
// the caption once clicked.
func TestStepsTableFitsTheSimulatorPanel(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, title := simulatorOn(t, x, buildStudioflow(t), "horoscope.json")
	textAnUnknownSign(t, x, a, window, title)
	a.click(t, window, title, "Steps")
	const pick = "Pick a step to see the context after it (● marks what it changed)."
	a.waitText(t, title, pick, "Next", "send-and-wait-for-reply")

	// The caption spans the panel's width.
	panel, next := a.box(t, title, pick), a.box(t, title, "Next")
	t.Logf("panel %v, Next header %v", panel, next)
	if next.Max.X > panel.Max.X {
		t.Errorf("the Next header ends at x=%d, past the panel's edge at x=%d", next.Max.X, panel.Max.X)
	}
	if next.Dx() <= 0 || next.Min.X < panel.Min.X {
		t.Errorf("the Next header %v is not in the panel %v", next, panel)
	}
	x.still(t, "steps-table-fits", screenArea)

	const whole = "ask_sign (send-and-wait-for-reply) left on incomingMessage to split_sign"
	a.click(t, window, title, "send-and-wait-for-reply")
	a.waitText(t, title, whole+": the context after it")
	tip := a.box(t, title, whole) // the tooltip's line: the caption says more
	t.Logf("tooltip %v", tip)
	x.still(t, "steps-table-tooltip", screenArea)
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}

package simulator

import (
	"testing"

	"fyne.io/fyne/v2"
	fynetest "fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
)

// Beside the canvas of a 1024×700 editor the simulator has about 360 px
// of width (the canvas keeping over 400) and, under the menu, toolbar,
// status line and its own tab, about 560 px of height. Mid-call (keypad
// showing) and mid-conversation the panel fits in that without
// scrolling: the start form's details fold while the run is live, the
// keypad stands beside the transcript, and no unwrapped sentence sets
// the panel's width.
func TestThePanelFitsBesideTheCanvasAt1024x700MidCallAndMidText(t *testing.T) {
	const width, height = 360, 560
	p, _, _ := newTestPanel(t, orderLookupIVR)
	before := p.content.MinSize()
	startAs(t, p, engine.TriggerCall)
	if got := p.phone.state.Text; got != "In call" {
		t.Fatalf("phone state %q, want In call", got)
	}
	if got := p.content.MinSize(); got.Width > width || got.Height > height {
		t.Errorf("mid-call the panel needs %v, more than %v×%v", got, width, height)
	}
	if p.start.details.Visible() {
		t.Error("mid-call the start form's details still show")
	}
	folded := p.content.MinSize()
	p.sess.hangup()
	settle(p)
	if !p.start.details.Visible() {
		t.Error("after the call the start form's details stay folded")
	}
	if p.content.MinSize().Height <= folded.Height {
		t.Errorf("unfolded the panel needs %v, not more than folded (%v)", p.content.MinSize(), folded)
	}
	if before.Width > width {
		t.Errorf("before any run the panel needs %v wide", before.Width)
	}

	p, _, _ = newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	p.start.pick.SetSelected(triggerLabel(engine.TriggerMessage))
	idle := p.content.MinSize()
	startAs(t, p, engine.TriggerMessage)
	if got := p.content.MinSize(); got.Width > width || got.Height > height {
		t.Errorf("mid-conversation the panel needs %v, more than %v×%v", got, width, height)
	}
	// What the run's status adds, the folded details more than pay for:
	// a panel that fits before the first run fits during it.
	if got := p.content.MinSize(); got.Height > idle.Height {
		t.Errorf("mid-conversation the panel needs %v high, more than the %v before the run", got.Height, idle.Height)
	}
}

// With room enough, every cell of the Steps table shows its whole text:
// each column is as wide as its longest (steps_fit_test.go has the
// narrow panel). The header cells show the columns' widths.
func TestStepsColumnsFitTheirLongestText(t *testing.T) {
	p, _, w := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	startAs(t, p, engine.TriggerMessage)
	fynetest.Type(p.sms.reply, "the sun") // no sign: send_and_reply_no_match asks again
	fynetest.Tap(p.sms.sendBtn)
	settle(p)
	w.SetContent(p.steps.table)
	w.Resize(fyne.NewSize(2000, 600))
	widths := map[string]float32{}
	for _, o := range fynetest.LaidOutObjects(p.steps.table) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			widths[l.Text] = l.Size().Width
		}
	}
	if p.steps.rows() < 3 {
		t.Fatalf("only %d steps: %v", p.steps.rows(), stepTrail(p))
	}
	t.Logf("steps: %v", stepTrail(p))
	pad := 2 * theme.InnerPadding()
	for col, c := range stepColumns {
		width, ok := widths[c.title]
		if !ok {
			t.Fatalf("no %q header shown (%v)", c.title, widths)
		}
		for row := range p.steps.rows() {
			text := p.steps.cell(widget.TableCellID{Row: row, Col: col})
			if need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + pad; need > width {
				t.Errorf("%q needs %v px and its %s column is %v: it is cut", text, need, c.title, width)
			}
		}
	}
}

// Mid-conversation in a panel the size it has at 1024×700, the thread
// shows its newest message: the scroll stays at the end when the panel
// around it changes (the start form folding, the status growing).
func TestTheThreadShowsItsNewestMessage(t *testing.T) {
	p, _, w := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(360, 560))
	startAs(t, p, engine.TriggerMessage)
	fynetest.Type(p.sms.reply, "the sun")
	fynetest.Tap(p.sms.sendBtn)
	settle(p)
	w.Resize(fyne.NewSize(360, 561)) // a layout pass, as the window makes after a change
	w.Resize(fyne.NewSize(360, 560))
	s := p.sms.scroll
	if end := s.Content.Size().Height - s.Size().Height; s.Offset.Y < end-1 {
		t.Errorf("the thread is scrolled to %v of %v: its newest message is out of sight", s.Offset.Y, end)
	}
}

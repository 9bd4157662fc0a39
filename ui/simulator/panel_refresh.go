package simulator

// What the panel shows follows the run on show: its controls, the canvas
// highlight and the breakpoint list.

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

// refreshControls brings the status line, the buttons and the outcome
// choices in line with the run on show.
func (p *Panel) refreshControls() {
	rv := p.shown
	p.refreshRunPick()
	if p.outcomesHoldTheKeyboard() {
		// An outcome chosen (or a canned answer given) from the keyboard:
		// its buttons go, the keyboard moves to what comes next.
		defer p.keyboardAfterOutcome()
	}
	p.outcomes.RemoveAll()
	p.stepBtn.Disable()
	p.contBtn.Disable()
	p.ffBtn.Disable()
	p.stopBtn.Disable()
	p.saveBtn.Disable()
	p.phone.refresh(rv)
	p.sms.refresh(rv)
	p.start.setLive(rv != nil && rv.state.Ended == nil)
	if rv == nil {
		p.status.SetText("Pick a trigger and press Start.")
		return
	}
	st := rv.state
	text := ""
	switch {
	case st.Ended != nil:
		text = fmt.Sprintf("Ended (%s): %s", st.Ended.Kind, st.Ended.Reason)
		p.saveBtn.Enable()
	case st.Asking != nil:
		text = fmt.Sprintf("%s could not make its request (%s). Answer it below with a canned response, or let it fail.", st.Asking.Widget, st.Asking.Reason)
		p.stopBtn.Enable()
	case st.Paused != "":
		text = fmt.Sprintf("Paused before %s (breakpoint). Step or Continue.", st.Paused)
		p.stepBtn.Enable()
		p.contBtn.Enable()
		p.stopBtn.Enable()
	case st.Waiting != nil:
		text = fmt.Sprintf("Waiting at %s for %s.", st.At, waitingFor(st.Waiting))
		if !st.Due.IsZero() {
			text += fmt.Sprintf(" Times out after %s.", st.Waiting.Timeout)
			p.ffBtn.Enable()
		}
		p.stopBtn.Enable()
		p.saveBtn.Enable()
	case st.Requesting != "":
		text = st.Requesting + " (up to 10 s; if it cannot be made, a canned answer is offered here)."
		p.stopBtn.Enable()
	default:
		text = "Running…"
		p.stopBtn.Enable()
	}
	if rv.note != "" {
		text += "\n" + rv.note
	}
	if rv.lastErr != "" {
		text += "\n⚠ " + rv.lastErr
	}
	p.status.SetText(text)
	if st.Asking != nil {
		p.outcomes.Add(p.cannedAnswerForm(st.Asking))
		return
	}
	if w := st.Waiting; w != nil && w.Kind == engine.WaitOutcome && st.Paused == "" {
		p.outcomes.Add(widget.NewLabel(fmt.Sprintf("%s (%s) needs an outcome:", st.At, w.Type)))
		row := container.NewGridWrap(fyne.NewSize(150, 36))
		for i, ev := range outcomeChoices(p.cat, w.Type, w.Choices) {
			b := kbd.NewButton(ev, func() { p.sess.choose(ev) })
			if i == 0 {
				b.Importance = widget.HighImportance
			}
			row.Add(b)
		}
		p.outcomes.Add(row)
	}
}

// highlight tells the canvas where the run on show stands.
func (p *Panel) highlight() {
	if p.hl == nil {
		return
	}
	rv := p.shown
	if rv == nil {
		p.hl.SetHighlight(Highlight{Breakpoints: p.Breakpoints()})
		return
	}
	h := Highlight{Breakpoints: p.Breakpoints(), Taken: canvas.TakenWires(rv.flow, rv.execution, rv.steps)}
	st := rv.state
	switch {
	case st.Ended != nil:
	case st.Paused != "":
		h.Active = st.Paused
	case st.Waiting != nil:
		h.Active, h.Waiting, h.WaitingFor = st.At, st.At, waitingFor(st.Waiting)
	default:
		if n := len(rv.steps); n > 0 && rv.steps[n-1].TransitionedTo != engine.EndedTransition {
			h.Active = rv.steps[n-1].TransitionedTo
		}
	}
	if s := p.steps.selectedStep(); s != nil {
		h.Active = s.TransitionedFrom
	}
	p.hl.SetHighlight(h)
}

func (p *Panel) refreshBreakpoints() {
	list := p.Breakpoints()
	if len(list) == 0 {
		p.bpList.SetText("No breakpoints.")
		return
	}
	text := "Breakpoints:"
	for _, b := range list {
		text += "\n  ● " + b
	}
	p.bpList.SetText(text)
}

// outcomesHoldTheKeyboard reports whether the keyboard is on an outcome
// button or the canned answer's form.
func (p *Panel) outcomesHoldTheKeyboard() bool {
	if p.win == nil {
		return false
	}
	f, ok := p.win.Canvas().Focused().(fyne.CanvasObject)
	return ok && kbd.PathTo(p.outcomes, f) != nil
}

// keyboardAfterOutcome gives the keyboard, taken off a removed outcome
// button, to the next outcome's first button, else the first run control
// that can be pressed (Step, Continue, Stop, Save as test), else Start.
func (p *Panel) keyboardAfterOutcome() {
	if p.outcomesHoldTheKeyboard() {
		return
	}
	var first *kbd.Button
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if first != nil || !o.Visible() {
			return
		}
		if b, ok := o.(*kbd.Button); ok && !b.Disabled() {
			first = b
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				find(child)
			}
		}
	}
	find(p.outcomes)
	if first == nil {
		for _, b := range []*kbd.Button{p.stepBtn, p.contBtn, p.stopBtn, p.saveBtn, p.start.startBtn} {
			if !b.Disabled() && b.Visible() {
				first = b
				break
			}
		}
	}
	if first != nil {
		p.focus(first)
	}
}

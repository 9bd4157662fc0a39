package simulator

import (
	"fmt"
	"slices"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// apply takes one update from the session, on the UI goroutine.
func (p *Panel) apply(u update) {
	rv := p.runByID(u.Run)
	if u.Started != nil {
		rv = &runView{id: u.Run, trigger: *u.Started, flow: u.Flow, render: u.Render, started: time.Now()}
		p.runs = append(p.runs, rv)
		p.shown = rv
		p.refreshRunPick()
		p.showContactFor(rv.trigger.Event)
		p.phone.reset(rv)
		p.sms.reset(rv)
		p.steps.reset(rv)
	}
	if rv == nil {
		if u.Err != nil {
			p.status.SetText(u.Err.Error())
			if u.Unheard != "" {
				p.phone.note(u.Err.Error())
			}
		}
		return
	}
	if e := u.Entry; e != nil {
		rv.entries = append(rv.entries, *e)
		if ev := e.Event; ev != nil {
			if rv.execution == "" {
				rv.execution = ev.Execution
			}
			if ev.Kind == engine.EventStep && ev.Step != nil {
				rv.steps = append(rv.steps, ev.Step)
			}
			if ev.Kind == engine.EventEnd && ev.Execution == rv.execution {
				rv.endedAt = time.Now()
			}
		}
		if rv == p.shown {
			p.phone.add(*e)
			p.sms.add(*e)
			p.steps.add()
		}
	}
	if u.State != nil {
		rv.state = *u.State
	}
	if u.Unheard != "" && rv == p.shown && u.Err != nil {
		p.phone.note(u.Err.Error())
	}
	if u.Err != nil {
		rv.lastErr = u.Err.Error()
	} else if u.State != nil {
		rv.lastErr = ""
	}
	if rv == p.shown {
		p.refreshControls()
		p.highlight()
	}
}

func (p *Panel) runByID(id int) *runView {
	for _, rv := range p.runs {
		if rv.id == id {
			return rv
		}
	}
	return nil
}

func runTitle(rv *runView) string {
	state := "active"
	switch {
	case rv.state.Ended != nil:
		state = rv.state.Ended.Kind
	case rv.state.Paused != "":
		state = "paused"
	case rv.state.Waiting != nil:
		state = "waiting"
	}
	return fmt.Sprintf("#%d %s · %s · %s", rv.id, triggerLabel(rv.trigger.Event), rv.started.Format("15:04:05"), state)
}

func (p *Panel) refreshRunPick() {
	titles := make([]string, len(p.runs))
	for i, rv := range p.runs {
		titles[i] = runTitle(rv)
	}
	p.runPick.SetOptions(titles)
	if p.shown != nil {
		p.runPick.Selected = runTitle(p.shown)
		p.runPick.Refresh()
	}
}

func (p *Panel) pickRun(title string) {
	for _, rv := range p.runs {
		if runTitle(rv) == title && rv != p.shown {
			p.show(rv)
			return
		}
	}
}

// show puts an earlier (or the latest) run on display.
func (p *Panel) show(rv *runView) {
	p.shown = rv
	p.showContactFor(rv.trigger.Event)
	p.phone.reset(rv)
	p.sms.reset(rv)
	p.steps.reset(rv)
	for _, e := range rv.entries {
		p.phone.add(e)
		p.sms.add(e)
	}
	p.steps.add()
	p.refreshControls()
	p.highlight()
}

// clearRuns forgets every ended run and its log.
func (p *Panel) clearRuns() {
	p.sess.clear()
	kept := p.runs[:0]
	for _, rv := range p.runs {
		if rv.state.Ended == nil && rv.execution != "" {
			kept = append(kept, rv)
		}
	}
	p.runs = kept
	if p.shown != nil && !slices.Contains(p.runs, p.shown) {
		p.shown = nil
		if n := len(p.runs); n > 0 {
			p.shown = p.runs[n-1]
		}
	}
	p.refreshRunPick()
	if p.shown == nil {
		p.runPick.ClearSelected()
		p.phone.reset(nil)
		p.sms.reset(nil)
		p.steps.reset(nil)
		p.refreshControls()
		if p.hl != nil {
			p.hl.ClearHighlight()
		}
		return
	}
	p.show(p.shown)
}

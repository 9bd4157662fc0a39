package scenario

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/coverage"
)

// choose picks, greedily, the runs that add the most transitions not yet
// taken, turns them into scenarios, and says why each other transition was
// not reached.
func (g *generator) choose(all *coverage.Flow, results []runOutcome, refusals map[string]string) *Generated {
	covered := map[string]bool{}
	var chosen []runOutcome
	var news [][]string
	for {
		best, gain := -1, 0
		for i, r := range results {
			n := 0
			for id := range r.taken {
				if !covered[id] {
					n++
				}
			}
			if n > gain || (n == gain && n > 0 && len(r.plan.inputs) < len(results[best].plan.inputs)) {
				best, gain = i, n
			}
		}
		if best < 0 {
			break
		}
		r := results[best]
		var added []string
		for _, b := range all.Branches {
			id := branchID(b.Widget, b.Event, b.Index)
			if r.taken[id] && !covered[id] {
				added = append(added, describe(b))
			}
		}
		for id := range r.taken {
			covered[id] = true
		}
		chosen = append(chosen, r)
		news = append(news, added)
	}
	out := &Generated{Coverage: all, Runs: g.runs}
	for i, r := range chosen {
		s := g.scenarioWithExpectations(r.plan)
		s.Name = scenarioName(i+1, news[i])
		out.Scenarios = append(out.Scenarios, s)
		all.Record(r.x)
	}
	for _, b := range all.NeverTaken() {
		out.Unreached = append(out.Unreached, Unreached{Branch: b, Reason: g.whyNot(all, b, refusals)})
	}
	return out
}

// describe words a branch for a scenario name: `route "sales"`, `menu timeout`.
func describe(b coverage.Branch) string {
	if b.Index > 0 && b.Condition != "" {
		return fmt.Sprintf("%s %q", b.Widget, b.Condition)
	}
	return b.Widget + " " + b.Event
}

func scenarioName(n int, added []string) string {
	if len(added) > 4 {
		added = append(added[:4:4], "…")
	}
	return fmt.Sprintf("generated %d: %s", n, strings.Join(added, ", "))
}

// whyNot explains a transition no chosen run took.
func (g *generator) whyNot(c *coverage.Flow, b coverage.Branch, refusals map[string]string) string {
	id := branchID(b.Widget, b.Event, b.Index)
	if why, ok := refusals[id]; ok {
		return "the engine refuses that outcome: " + why
	}
	if !c.Reached(b.Widget) {
		var ways []string
		for _, in := range c.Branches {
			if in.Next == b.Widget {
				ways = append(ways, describe(in))
			}
		}
		if len(ways) == 0 {
			return fmt.Sprintf("%s is never reached: no transition leads to it", b.Widget)
		}
		return fmt.Sprintf("%s is never reached: no run takes its ways in (%s)", b.Widget, strings.Join(ways, ", "))
	}
	if why, ok := g.pools.reasons[id]; ok {
		return why
	}
	st := g.flow.State(b.Widget)
	switch {
	case st != nil && g.kinds.unheardSpeech(st, b):
		return "the speech transition is not connected, so the gather does not listen for speech"
	case st != nil && g.kinds.of(st).TestsConditions() && b.Index > 0:
		return "an earlier condition takes every value tried for it"
	case st != nil && !g.kinds.chooses(st):
		return fmt.Sprintf("the flow decides the event of %s, and no input tried leads there", st.Type())
	}
	return fmt.Sprintf("no run of the search took it (%d runs)", g.runs)
}

// scenarioWithExpectations runs p once more and writes, after the start
// and after each input, what the flow said or sent, then how it ended or
// where it waits: the expectations are what the flow did.
func (g *generator) scenarioWithExpectations(p plan) *Scenario {
	s := g.scenarioOf(p)
	opts, _ := s.startOptions(g.flowPath)
	rt := engine.New(engine.Config{Clock: engine.NewVirtualClock(virtualStart), HTTPClient: &http.Client{Transport: noNetwork{}},
		Subflows: engine.FolderResolver(filepath.Dir(g.flowPath)), Catalog: g.cat})
	host := engine.NewHost(rt)
	x, _, err := host.Deliver(g.flow, engine.Trigger{Event: p.trigger, Body: p.body, Parameters: s.Data}, opts)
	if err != nil {
		return s
	}
	seen := 0
	expectOutputs := func() {
		for ; seen < len(x.Transcript); seen++ {
			t := x.Transcript[seen]
			if t.Direction != "outbound" || t.Text == "" {
				continue
			}
			text := t.Text
			e := &Expect{}
			switch t.Kind {
			case "say":
				e.Say = &Matcher{Equals: &text}
			case "play":
				e.Play = &Matcher{Equals: &text}
			case "digits":
				e.Digits = &Matcher{Equals: &text}
			case "sms":
				e.SMS = &Matcher{Equals: &text}
			case "dial":
				e.Dial = &Matcher{Equals: &text}
			default:
				continue
			}
			s.Steps = append(s.Steps, Step{Expect: e})
		}
	}
	expectOutputs()
	for _, in := range p.inputs {
		s.Steps = append(s.Steps, stepOf(in))
		if _, err := host.Input(x.SID, in); err != nil {
			break
		}
		expectOutputs()
	}
	end := &Expect{}
	if n := len(s.Steps); n > 0 && s.Steps[n-1].Expect != nil {
		end = s.Steps[n-1].Expect // the last output and the end in one expect
		s.Steps = s.Steps[:n-1]
	}
	if x.Ended != nil {
		end.Ended = x.Ended.Kind
	} else {
		end.At = x.At()
	}
	s.Steps = append(s.Steps, Step{Expect: end})
	// Only the widgets the run reached need a canned response or an outcome.
	reached := map[string]bool{}
	for _, st := range x.Steps {
		reached[st.TransitionedFrom] = true
	}
	for w := range s.HTTP {
		if !reached[w] {
			delete(s.HTTP, w)
		}
	}
	for w := range s.Outcomes {
		if !reached[w] {
			delete(s.Outcomes, w)
		}
	}
	return s
}

func stepOf(in engine.Input) Step {
	text := in.Text
	switch in.Kind {
	case engine.InputPress:
		return Step{Press: &text}
	case engine.InputSpeech:
		return Step{Say: &text}
	case engine.InputMessage:
		return Step{Reply: &text}
	case engine.InputHangup:
		return Step{Hangup: true}
	}
	return Step{Silence: true}
}

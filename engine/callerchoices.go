package engine

import (
	"fmt"
	"maps"
	"slices"

	"github.com/studioflow/studioflow/model"
)

// checkCallerChoices refuses, before anything runs, what a caller sets up
// that a run would otherwise pass over without a word: an Outcome naming an
// event the widget cannot take, an Outcome or a canned response for a name
// no widget has (a typo would leave the real request to decide), a canned
// response for a widget that makes no HTTP request, and both for one widget
// (the outcome decides, so the response would never be read). A subflow's
// widgets count when the subflow can be found; one that cannot (a flow_sid
// written with Liquid, a SID no flow has, no resolver) never runs, so its
// widgets could use nothing either.
func (rt *Runtime) checkCallerChoices(flow *model.Flow, opts StartOptions) error {
	if len(opts.Outcomes) == 0 && len(opts.HTTP) == 0 {
		return nil
	}
	widgets, runsSubflows := rt.reachableWidgets(flow)
	unknown := func(name string) error { return noWidget(name, runsSubflows) }
	for _, name := range slices.Sorted(maps.Keys(opts.Outcomes)) {
		o := opts.Outcomes[name]
		st, own := widgets[name], flow.State(name) != nil
		if st == nil {
			return fmt.Errorf("outcome %s=%s: %w", name, o.Event, unknown(name))
		}
		if !own { // a subflow's widget: checked when it runs
			continue
		}
		if o.Event != "" {
			if err := rt.checkEvent(st, o.Event); err != nil {
				return fmt.Errorf("outcome %s=%s: %w", name, o.Event, err)
			}
		}
		if err := rt.checkChoosable(st, o.Event); err != nil {
			return fmt.Errorf("outcome %s=%s: %w", name, o.Event, err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(opts.HTTP)) {
		st := widgets[name]
		if st == nil {
			return fmt.Errorf("canned response for %s: %w", name, unknown(name))
		}
		if f, known := rt.types[st.Type()]; known && !f.w.CallsHTTP() {
			return fmt.Errorf("canned response for %s: %s is a %s widget, which makes no HTTP request", name, name, st.Type())
		}
		if o, both := opts.Outcomes[name]; both {
			return fmt.Errorf("%s has both an outcome (%s) and a canned response: the outcome decides its event, so the response would never be read; give one of them", name, o.Event)
		}
	}
	return nil
}

// noWidget says that no widget a run may meet is named name.
func noWidget(name string, runsSubflows bool) error {
	if runsSubflows {
		return fmt.Errorf("the flow has no widget named %q (nor do the subflows it runs)", name)
	}
	return fmt.Errorf("the flow has no widget named %q", name)
}

// WidgetNamer returns a check that refuses, as Start refuses an Outcome or
// a canned response for a name no widget has, a name that no widget a run
// of flow may meet has: its own, or one of a subflow it runs that the
// resolver finds. A scenario's expectations that name widgets use it, so a
// typo cannot make a check vacuous (not_passed: [forward_cal] always held).
func (rt *Runtime) WidgetNamer(flow *model.Flow) func(name string) error {
	widgets, runsSubflows := rt.reachableWidgets(flow)
	return func(name string) error {
		if widgets[name] == nil {
			return noWidget(name, runsSubflows)
		}
		return nil
	}
}

// reachableWidgets are the widgets a run of flow may meet, by name: its
// own, then those of the subflows its run-subflow widgets name and the
// resolver finds (a subflow runs no further subflow; one that cannot be
// found takes its widget's failure event, as runSubflow does).
// runsSubflows says whether flow has a run-subflow widget.
func (rt *Runtime) reachableWidgets(flow *model.Flow) (widgets map[string]*model.State, runsSubflows bool) {
	widgets = map[string]*model.State{}
	var subflows []string
	for i := 0; i < flow.Len(); i++ {
		st := flow.StateAt(i)
		if _, seen := widgets[st.Name()]; !seen {
			widgets[st.Name()] = st
		}
		if f, known := rt.types[st.Type()]; known && f.w.RunsSubflow() {
			subflows = append(subflows, propsOf(st).str("flow_sid"))
		}
	}
	for _, sid := range subflows {
		if rt.cfg.Subflows == nil || sid == "" {
			continue
		}
		sub, err := rt.cfg.Subflows(sid)
		if err != nil || sub == nil {
			continue
		}
		for i := 0; i < sub.Len(); i++ {
			st := sub.StateAt(i)
			if _, seen := widgets[st.Name()]; !seen {
				widgets[st.Name()] = st
			}
		}
	}
	return widgets, len(subflows) > 0
}

package scenario

import (
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// Generation explores a flow by running it: each plan is a trigger, the
// contact's inputs, canned HTTP responses and product outcomes. A run that
// waits gets one child per input worth trying there (keys and words that
// satisfy the splits downstream, silence); an HTTP or product widget it
// passed gets one child per other response or outcome; a split on the
// triggering message or a REST parameter, one per value worth trying. The
// runs that together take the most transitions become the scenarios.

// GenerateOptions bound the search.
type GenerateOptions struct {
	Catalog *schemas.Catalog
	// MaxRuns bounds how many runs the search makes (default 3000).
	MaxRuns int
	// MaxInputs bounds the contact's actions in one scenario (default 25).
	MaxInputs int
}

// Unreached is a transition no generated scenario takes, and why.
type Unreached struct {
	Branch coverage.Branch
	Reason string
}

// Generated is what Generate found for one flow.
type Generated struct {
	Scenarios []*Scenario
	Coverage  *coverage.Flow
	Unreached []Unreached
	Runs      int // how many runs the search made
}

// plan is one way to run the flow.
type plan struct {
	trigger  string
	body     string
	data     map[string]string
	http     map[string]Canned
	outcomes map[string]OutcomeSpec
	inputs   []engine.Input
	fixed    map[string]bool // choices already varied: "http:W", "outcome:W", "body", "data:K"
}

func (p plan) with(f func(*plan)) plan {
	c := plan{trigger: p.trigger, body: p.body, data: cloneMap(p.data), http: cloneMap(p.http),
		outcomes: cloneMap(p.outcomes), inputs: slices.Clone(p.inputs), fixed: cloneMap(p.fixed)}
	f(&c)
	return c
}

func cloneMap[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (p plan) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|", p.trigger, p.body)
	for _, k := range slices.Sorted(maps.Keys(p.data)) {
		fmt.Fprintf(&b, "d%s=%s;", k, p.data[k])
	}
	for _, k := range slices.Sorted(maps.Keys(p.http)) {
		fmt.Fprintf(&b, "h%s=%d%s%v;", k, p.http[k].Status, p.http[k].Body, p.http[k].JSON)
	}
	for _, k := range slices.Sorted(maps.Keys(p.outcomes)) {
		fmt.Fprintf(&b, "o%s=%s%v;", k, p.outcomes[k].Event, p.outcomes[k].Outputs)
	}
	for _, in := range p.inputs {
		fmt.Fprintf(&b, "i%s:%s;", in.Kind, in.Text)
	}
	return b.String()
}

// outcome of one run.
type runOutcome struct {
	plan  plan // inputs trimmed to those the run used
	x     *engine.Execution
	taken map[string]bool // branch ids
	err   string          // the run could not start
}

type generator struct {
	flow     *model.Flow
	flowPath string
	cat      *schemas.Catalog
	kinds    widgetKinds
	opts     GenerateOptions
	pools    pools
	runs     int
}

// Generate searches flowPath for scenarios that together take every
// transition that can be taken.
func Generate(flowPath string, opts GenerateOptions) (*Generated, error) {
	if opts.Catalog == nil {
		cat, err := schemas.Load()
		if err != nil {
			return nil, fmt.Errorf("load the widget catalog: %w", err)
		}
		opts.Catalog = cat
	}
	if opts.MaxRuns <= 0 {
		opts.MaxRuns = 3000
	}
	if opts.MaxInputs <= 0 {
		opts.MaxInputs = 25
	}
	data, err := model.ReadFile(flowPath)
	if err != nil {
		return nil, fmt.Errorf("read the flow: %w", err)
	}
	flow, err := model.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("parse the flow %s: %w", flowPath, err)
	}
	g := &generator{flow: flow, flowPath: flowPath, cat: opts.Catalog, kinds: newWidgetKinds(opts.Catalog), opts: opts}
	g.pools = buildPools(flow, g.kinds)
	return g.search(), nil
}

func branchID(widget, event string, index int) string {
	return fmt.Sprintf("%s\x00%s\x00%d", widget, event, index)
}

func (g *generator) search() *Generated {
	all := coverage.NewFlow(g.flowPath, g.flow, g.cat)
	// The search stops once it has every branch a run can take: a gather's
	// unconnected speech never can.
	total := 0
	for _, b := range all.Branches {
		if st := g.flow.State(b.Widget); !(st != nil && g.kinds.unheardSpeech(st, b)) {
			total++
		}
	}
	covered := map[string]bool{}
	refusals := map[string]string{} // branch id → why the engine refused the outcome
	var queue []plan
	seenPlan := map[string]bool{}
	seenWait := map[string]bool{}
	push := func(p plan) {
		if k := p.key(); !seenPlan[k] {
			seenPlan[k] = true
			queue = append(queue, p)
		}
	}
	for _, ev := range engine.WiredTriggers(g.flow) {
		p := plan{trigger: ev, data: map[string]string{}, http: map[string]Canned{}, outcomes: map[string]OutcomeSpec{}, fixed: map[string]bool{}}
		if schemas.EntryChannel(ev) == schemas.MessagingChannel {
			p.body = g.pools.first(slot{kind: "body"}, "hi")
		}
		for _, st := range g.flow.States() {
			if g.kinds.callsHTTP(st) {
				p.http[st.Name()] = Canned{Status: 200, ContentType: "application/json", Body: "{}"}
			}
		}
		push(p)
	}
	var results []runOutcome
	deadline := time.Now().Add(maxSearch)
	for len(queue) > 0 && g.runs < g.opts.MaxRuns && len(covered) < total && time.Now().Before(deadline) {
		p := queue[0]
		queue = queue[1:]
		r := g.run(p)
		if r.err != "" {
			for w, o := range p.outcomes {
				if st := g.flow.State(w); st != nil && strings.Contains(r.err, w) {
					refusals[branchID(w, o.Event, 0)] = r.err
				}
			}
			continue
		}
		results = append(results, r)
		for id := range r.taken {
			covered[id] = true
		}
		g.children(r, push, seenWait)
	}
	return g.choose(all, results, refusals)
}

// run executes p and reports what it took.
func (g *generator) run(p plan) runOutcome {
	g.runs++
	s := g.scenarioOf(p)
	opts, err := s.startOptions(g.flowPath)
	if err != nil {
		return runOutcome{err: err.Error()}
	}
	rt := engine.New(engine.Config{Clock: engine.NewVirtualClock(virtualStart), HTTPClient: &http.Client{Transport: noNetwork{}},
		Subflows: engine.FolderResolver(filepath.Dir(g.flowPath)), Catalog: g.cat})
	host := engine.NewHost(rt)
	x, _, err := host.Deliver(g.flow, engine.Trigger{Event: p.trigger, Body: p.body, Parameters: s.Data}, opts)
	if err != nil {
		return runOutcome{err: err.Error()}
	}
	used := 0
	for _, in := range p.inputs {
		if x.Ended != nil || x.Waiting == nil {
			break
		}
		if _, err := host.Input(x.SID, in); err != nil {
			break
		}
		used++
	}
	p.inputs = p.inputs[:used]
	taken := map[string]bool{}
	for _, st := range x.Steps {
		if st.FlowSID == x.FlowSID && st.ExecutionSID == x.SID {
			taken[branchID(st.TransitionedFrom, st.Name, st.Branch)] = true
		}
	}
	return runOutcome{plan: p, x: x, taken: taken}
}

// noNetwork refuses every real request: generation never leaves the machine.
type noNetwork struct{}

func (noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, &os.PathError{Op: "dial", Path: r.URL.String(), Err: os.ErrPermission}
}

// children pushes the plans worth running after r.
func (g *generator) children(r runOutcome, push func(plan), seenWait map[string]bool) {
	p, x := r.plan, r.x
	if w := x.Waiting; w != nil && x.Ended == nil && len(p.inputs) < g.opts.MaxInputs {
		waitKey := w.Widget + "|" + strings.Join(slices.Sorted(maps.Keys(r.taken)), ",")
		if !seenWait[waitKey] {
			seenWait[waitKey] = true
			for _, in := range g.inputsAt(w) {
				push(p.with(func(c *plan) { c.inputs = append(c.inputs, in) }))
			}
		}
	}
	for _, st := range x.Steps {
		if st.FlowSID != x.FlowSID || st.ExecutionSID != x.SID {
			continue
		}
		w := g.flow.State(st.TransitionedFrom)
		if w == nil {
			continue
		}
		switch {
		case g.kinds.callsHTTP(w) && !p.fixed["http:"+w.Name()]:
			for _, c := range g.pools.responses(w.Name()) {
				push(p.with(func(n *plan) { n.http[w.Name()] = c; n.fixed["http:"+w.Name()] = true }))
			}
		case g.kinds.chooses(w) && !p.fixed["outcome:"+w.Name()]:
			for _, t := range w.Transitions() {
				if t.Event == st.Name {
					continue
				}
				ev := t.Event
				push(p.with(func(n *plan) { n.outcomes[w.Name()] = OutcomeSpec{Event: ev}; n.fixed["outcome:"+w.Name()] = true }))
			}
			for _, o := range g.pools.outputs(w.Name()) {
				ev := st.Name
				push(p.with(func(n *plan) {
					n.outcomes[w.Name()] = OutcomeSpec{Event: ev, Outputs: o}
					n.fixed["outcome:"+w.Name()] = true
				}))
			}
		case g.kinds.of(w).TestsConditions():
			for _, sl := range g.pools.splitSlots[w.Name()] {
				var key string
				switch sl.kind {
				case "body":
					key = "body"
				case "data":
					key = "data:" + sl.path
				default:
					continue
				}
				if p.fixed[key] {
					continue
				}
				for _, v := range g.pools.values[sl.key()] {
					push(p.with(func(n *plan) {
						n.fixed[key] = true
						if sl.kind == "body" {
							n.body = v
						} else {
							n.data[sl.path] = v
						}
					}))
				}
			}
		}
	}
}

// inputsAt lists the contact's actions worth trying at a wait.
func (g *generator) inputsAt(w *engine.Wait) []engine.Input {
	var out []engine.Input
	switch w.Kind {
	case engine.WaitGather:
		for _, v := range g.pools.valuesOr(slot{kind: inputSlot(schemas.KeysPressed), widget: w.Widget}, "1") {
			keys := v
			if w.FinishOnKey != "" && !strings.Contains(keys, w.FinishOnKey) && (w.NumberDigits == 0 || len(keys) < w.NumberDigits) {
				keys += w.FinishOnKey
			}
			out = append(out, engine.Input{Kind: engine.InputPress, Text: keys})
		}
		if st := g.flow.State(w.Widget); st != nil {
			// The gather listens for words only when the event that answers
			// them leads somewhere.
			speech, _ := g.kinds.of(st).InputEvent(schemas.WordsSpoken)
			if next, _ := st.Next(speech); next != "" {
				for _, v := range g.pools.valuesOr(slot{kind: inputSlot(schemas.WordsSpoken), widget: w.Widget}, "hello") {
					out = append(out, engine.Input{Kind: engine.InputSpeech, Text: v})
				}
			}
		}
	case engine.WaitRecord:
		out = append(out, engine.Input{Kind: engine.InputSpeech, Text: "this is my message"})
	case engine.WaitReply:
		for _, v := range g.pools.valuesOr(slot{kind: inputSlot(schemas.MessageReply), widget: w.Widget}, "hello") {
			out = append(out, engine.Input{Kind: engine.InputMessage, Text: v})
		}
	default:
		return nil
	}
	if st := g.flow.State(w.Widget); st != nil {
		if ended, ok := g.kinds.cat.CallEndedEventOf(st.Type()); ok {
			if _, wired := st.Next(ended); wired {
				out = append(out, engine.Input{Kind: engine.InputHangup})
			}
		}
	}
	return append(out, engine.Input{Kind: engine.InputTimeout})
}

// scenarioOf writes p as a scenario (steps are the inputs only).
func (g *generator) scenarioOf(p plan) *Scenario {
	s := &Scenario{Trigger: p.trigger, Body: p.body, HTTP: map[string]CannedList{}, Outcomes: map[string]OutcomeSpec{}, file: g.flowPath}
	if len(p.data) > 0 {
		s.Data = map[string]any{}
		for k, v := range p.data {
			s.Data[k] = v
		}
	}
	for w, c := range p.http {
		s.HTTP[w] = CannedList{c}
	}
	for w, o := range p.outcomes {
		s.Outcomes[w] = o
	}
	return s
}

// maxSearch is how long a search may take at most, as a safeguard.
const maxSearch = 2 * time.Minute

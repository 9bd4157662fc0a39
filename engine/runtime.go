package engine

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// Studio's runtime limits.
const (
	MaxSteps            = 1000
	MaxSameWidgetInARow = 10
	HTTPTimeout         = 10 * time.Second
	MaxHTTPResponse     = 64 * 1024
)

// RunTimeout is studioflow's own wall-clock limit on one run of an
// execution (a Start or a Resume, up to its next wait): a server request
// never waits longer than this for the flow.
const RunTimeout = 30 * time.Second

// FlowResolver finds the flow a run-subflow widget names by its flow_sid.
type FlowResolver func(flowSID string) (*model.Flow, error)

// Config is what every execution of a Runtime shares. Zero values pick
// Studio's behaviour: the real clock, real HTTP with a 10 s timeout, no subflows.
type Config struct {
	Clock       Clock
	HTTPClient  *http.Client  // its Timeout is replaced by HTTPTimeout
	HTTPTimeout time.Duration // default 10 s
	Subflows    FlowResolver
	AccountSID  string                     // default: a random AC… SID
	NewSID      func(prefix string) string // default RandomSID
	Observer    func(Event)                // hears every event as it happens
	// Catalog says which events each widget type has, which is its success
	// event and which types need a call. nil: New loads the embedded one
	// (about 25 ms); callers making many Runtimes load it once and share it.
	Catalog *schemas.Catalog

	// RunTimeout bounds, on the wall clock, one Start or Resume: no widget
	// begins after it, and HTTP requests end by it (default RunTimeout).
	RunTimeout time.Duration
}

// Runtime runs executions. It is safe for concurrent use by executions on
// different goroutines; one Execution must not be used concurrently.
type Runtime struct {
	cfg        Config
	liquid     *liquid.Engine
	client     *http.Client
	types      map[string]widgetFacts
	behaviours map[string]behaviour
	catalogErr error // the embedded catalog did not load: nothing can start
}

// New returns a Runtime for cfg.
func New(cfg Config) *Runtime {
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.HTTPTimeout <= 0 {
		cfg.HTTPTimeout = HTTPTimeout
	}
	if cfg.RunTimeout <= 0 {
		cfg.RunTimeout = RunTimeout
	}
	if cfg.NewSID == nil {
		cfg.NewSID = RandomSID
	}
	if cfg.AccountSID == "" {
		cfg.AccountSID = cfg.NewSID("AC")
	}
	client := &http.Client{}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		client = &c
	}
	client.Timeout = cfg.HTTPTimeout
	rt := &Runtime{cfg: cfg, client: client, behaviours: behaviourTable()}
	cfg.Catalog, rt.catalogErr = CatalogOrDefault(cfg.Catalog)
	rt.cfg.Catalog = cfg.Catalog
	rt.types = map[string]widgetFacts{}
	if cfg.Catalog != nil {
		rt.types = indexCatalog(cfg.Catalog)
	}
	rt.liquid = liquid.New(rt.now)
	return rt
}

// CatalogOrDefault is the catalog a Runtime of Config{Catalog: cat} reads:
// cat, or for nil the embedded one (schemas.Load). A caller that reads
// widget types beside a runtime (the simulator) asks here, so both read
// the same catalog. The error says why the embedded catalog did not load;
// the catalog is then nil.
func CatalogOrDefault(cat *schemas.Catalog) (*schemas.Catalog, error) {
	if cat != nil {
		return cat, nil
	}
	cat, err := schemas.Load()
	if err != nil {
		return nil, fmt.Errorf("load the widget catalog: %w", err)
	}
	return cat, nil
}

// Catalog returns the widget catalog the runtime reads (nil only when the
// embedded one failed to load, and then Start and Restore say why).
func (rt *Runtime) Catalog() *schemas.Catalog { return rt.cfg.Catalog }

// AccountSID returns the account executions run under.
func (rt *Runtime) AccountSID() string { return rt.cfg.AccountSID }

// Clock returns the runtime's clock.
func (rt *Runtime) Clock() Clock { return rt.cfg.Clock }

// Liquid returns the runtime's template engine (and its cache).
func (rt *Runtime) Liquid() *liquid.Engine { return rt.liquid }

func (rt *Runtime) now() time.Time      { return rt.cfg.Clock.Now() }
func (rt *Runtime) sid(p string) string { return rt.cfg.NewSID(p) }

// Outcome is the caller's choice for a widget Studioflow cannot really run
// (Flex, payments, outgoing calls, …): the event, and widgets.NAME.* values
// that replace or add to the plausible defaults.
type Outcome struct {
	Event   string
	Outputs map[string]any
}

// CannedResponse stands in for an HTTP response to a make-http-request or
// run-function widget. A non-empty Error simulates a network failure.
type CannedResponse struct {
	Status      int
	ContentType string
	Body        string
	Error       string
}

// StartOptions are per execution.
type StartOptions struct {
	FlowSID  string                      // default: a random FW… SID
	Outcomes map[string]Outcome          // by widget name
	HTTP     map[string][]CannedResponse // by widget name; runs consume them in turn, the last repeats
	// AskOutcomes makes widgets without a preset Outcome wait for an
	// InputOutcome instead of taking their default event.
	AskOutcomes bool
}

// ErrNotWaiting is returned by Resume when the execution is not waiting.
var ErrNotWaiting = errors.New("execution is not waiting for input")

// Start creates an execution of flow from trig and runs it until it waits or
// ends. It fails for a nil flow, an unknown trigger event, or an Outcome for
// one of flow's widgets naming an event the widget's type does not have.
func (rt *Runtime) Start(flow *model.Flow, trig Trigger, opts StartOptions) (x *Execution, events []Event, err error) {
	if flow == nil {
		return nil, nil, errors.New("start execution: no flow")
	}
	if rt.catalogErr != nil {
		return nil, nil, fmt.Errorf("start execution: %w", rt.catalogErr)
	}
	if err := validTrigger(trig.Event); err != nil {
		return nil, nil, fmt.Errorf("start execution: %w", err)
	}
	if err := rt.checkCallerChoices(flow, opts); err != nil {
		return nil, nil, fmt.Errorf("start execution: %w", err)
	}
	if opts.FlowSID == "" {
		opts.FlowSID = rt.sid("FW")
	}
	x = rt.newExecution(flow, trig, &opts, new(int))
	r := &run{rt: rt, sink: newSink(), x: x, deadline: time.Now().Add(rt.cfg.RunTimeout)}
	defer func() {
		r.contain(recover())
		events = *r.sink
	}()
	r.begin(x)
	return x, nil, nil
}

// Resume feeds in to a waiting execution and runs it until it waits again or
// ends. An input the wait cannot take (a key press while waiting for an SMS)
// is an error and leaves the execution unchanged.
func (rt *Runtime) Resume(x *Execution, in Input) (events []Event, err error) {
	r := &run{rt: rt, sink: newSink(), x: x, deadline: time.Now().Add(rt.cfg.RunTimeout)}
	defer func() {
		if r.contain(recover()) {
			events, err = *r.sink, nil
		}
	}()
	if err := r.resume(x, in); err != nil {
		return nil, err
	}
	return *r.sink, nil
}

// Stop ends an active execution from outside, as POST …/Executions/{Sid}
// with Status=ended does.
func (rt *Runtime) Stop(x *Execution, reason string) []Event {
	r := &run{rt: rt, sink: newSink()}
	for c := x.child; c != nil; c = c.child {
		r.x = c
		r.end(EndStopped, reason)
	}
	r.x = x
	r.end(EndStopped, reason)
	return *r.sink
}

// contain turns a panic while running an execution (a flaw in the engine or
// in caller-supplied code such as a FlowResolver) into the end of that
// execution, so one bad run cannot take the program down.
// p is what recover returned; contain reports whether there was a panic.
func (r *run) contain(p any) bool {
	if p == nil {
		return false
	}
	for x := r.x; x != nil; x = x.parent {
		r.x = x
		r.end(EndFailed, fmt.Sprintf("internal error: %v", p))
	}
	return true
}

// newSink returns an event list sized for a typical run to the next wait.
func newSink() *[]Event {
	s := make([]Event, 0, 32)
	return &s
}

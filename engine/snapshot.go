package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/model"
)

// What Execution.Snapshot writes: a JSON document tagged with this format
// name and version. Restore reads this version and version 1, whose steps
// also carried their REST url and links (ignored: the REST layer makes
// them).
const (
	SnapshotFormat  = "studioflow-execution-snapshot"
	SnapshotVersion = 2
)

// snapshotVersion1 is the oldest version Restore reads.
const snapshotVersion1 = 1

// ErrSnapshotFlow is wrapped by Restore when the flow given (or the subflow
// the resolver finds) is not the definition the snapshot was taken on.
var ErrSnapshotFlow = errors.New("the snapshot was taken on another flow definition")

// snapshotDoc is the whole snapshot. Steps are held once, in a table, since a
// subflow's steps are also its parent's; values go through the node table of
// snapshotvalues.go.
type snapshotDoc struct {
	Format    string           `json:"format"`
	Version   int              `json:"version"`
	StepCount int              `json:"step_count"` // shared by the execution and its subflow
	Nodes     []map[string]any `json:"nodes"`
	Steps     []snapStep       `json:"steps"`
	Execution *snapExecution   `json:"execution"`
}

type snapExecution struct {
	FlowDigest            string            `json:"flow_digest"`
	SID                   string            `json:"sid"`
	AccountSID            string            `json:"account_sid"`
	FlowSID               string            `json:"flow_sid"`
	ContactSID            string            `json:"contact_sid"`
	ContactChannelAddress string            `json:"contact_channel_address"`
	InitiatedBy           string            `json:"initiated_by"`
	TriggerEvent          string            `json:"trigger_event"`
	Status                string            `json:"status"`
	DateCreated           time.Time         `json:"date_created"`
	DateUpdated           time.Time         `json:"date_updated"`
	Steps                 []int             `json:"steps"` // indices in snapshotDoc.Steps
	Transcript            []TranscriptEntry `json:"transcript"`
	Waiting               *snapWait         `json:"waiting"` // nil while a subflow waits: the parent waits on the child's wait
	Ended                 *Ending           `json:"ended"`
	Options               snapOptions       `json:"options"`
	Context               int               `json:"context"` // node index
	At                    string            `json:"at"`
	LastWidget            string            `json:"last_widget"`
	Streak                int               `json:"streak"`
	WaitSeq               int               `json:"wait_seq"`
	CallOver              bool              `json:"call_over"`
	Outgoing              int               `json:"outgoing"` // node index, -1 for none
	HTTPRuns              map[string]int    `json:"http_runs"`
	ParentStep            string            `json:"parent_step"`
	NextStepSID           string            `json:"next_step_sid"`
	Child                 *snapExecution    `json:"child"`
}

type snapWait struct {
	Kind         WaitKind      `json:"kind"`
	Widget       string        `json:"widget"`
	Type         string        `json:"type"`
	Timeout      time.Duration `json:"timeout_ns"`
	Deadline     time.Time     `json:"deadline"`
	Choices      []string      `json:"choices"`
	FinishOnKey  string        `json:"finish_on_key"`
	NumberDigits int           `json:"number_digits"`
	Seq          int           `json:"seq"`
}

type snapOptions struct {
	FlowSID     string                      `json:"flow_sid"`
	Outcomes    map[string]snapOutcome      `json:"outcomes"`
	HTTP        map[string][]CannedResponse `json:"http"`
	AskOutcomes bool                        `json:"ask_outcomes"`
}

type snapOutcome struct {
	Event   string `json:"event"`
	Outputs int    `json:"outputs"` // node index, -1 for none
}

type snapStep struct {
	SID              string    `json:"sid"`
	AccountSID       string    `json:"account_sid"`
	FlowSID          string    `json:"flow_sid"`
	ExecutionSID     string    `json:"execution_sid"`
	ParentStepSID    *string   `json:"parent_step_sid"`
	Name             string    `json:"name"`
	Context          int       `json:"context"` // node index
	TransitionedFrom string    `json:"transitioned_from"`
	TransitionedTo   string    `json:"transitioned_to"`
	Type             string    `json:"type"`
	DateCreated      time.Time `json:"date_created"`
	DateUpdated      time.Time `json:"date_updated"`
	Detail           string    `json:"detail"`
	Branch           int       `json:"branch,omitempty"`
	// V1URL and V1Links are a version 1 step's REST url and links: read,
	// then dropped; a version 2 snapshot has neither.
	V1URL   string            `json:"url,omitempty"`
	V1Links map[string]string `json:"links,omitempty"`
}

// FlowDigest identifies a flow definition: the SHA-256 of its canonical JSON.
func FlowDigest(f *model.Flow) string {
	sum := sha256.Sum256(model.MarshalCanonical(f.Root()))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Snapshot writes everything needed to carry on with the execution in
// another Runtime (or another process): its records, context, wait and
// deadline, the counters behind Studio's limits, the subflow it waits in,
// the caller's outcomes and canned responses. The flows themselves are not
// included, only their digests: Restore is given the flow again. Snapshot
// must not run while the execution is being resumed.
func (x *Execution) Snapshot() ([]byte, error) {
	if x.parent != nil {
		return nil, fmt.Errorf("snapshot %s: it is a subflow; snapshot the execution that runs it", x.SID)
	}
	s := &snapshotWriter{values: newValueWriter(), steps: map[*Step]int{}}
	doc := snapshotDoc{Format: SnapshotFormat, Version: SnapshotVersion, StepCount: *x.stepCount}
	var err error
	if doc.Execution, err = s.execution(x); err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", x.SID, err)
	}
	doc.Nodes, doc.Steps = s.values.nodes, s.table
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", x.SID, err)
	}
	return data, nil
}

type snapshotWriter struct {
	values *valueWriter
	steps  map[*Step]int
	table  []snapStep
}

func (s *snapshotWriter) execution(x *Execution) (*snapExecution, error) {
	if x.flow == nil || x.opts == nil || x.stepCount == nil {
		return nil, errors.New("it was not made by a Runtime")
	}
	ctx, err := s.values.mapRef(x.ctx)
	if err != nil {
		return nil, fmt.Errorf("context: %w", err)
	}
	outgoing, err := s.values.mapRef(x.outgoing)
	if err != nil {
		return nil, fmt.Errorf("outgoing call: %w", err)
	}
	out := &snapExecution{
		FlowDigest: FlowDigest(x.flow),
		SID:        x.SID, AccountSID: x.AccountSID, FlowSID: x.FlowSID, ContactSID: x.ContactSID,
		ContactChannelAddress: x.ContactChannelAddress, InitiatedBy: x.InitiatedBy, TriggerEvent: x.TriggerEvent,
		Status: x.Status, DateCreated: x.DateCreated, DateUpdated: x.DateUpdated,
		Transcript: x.Transcript, Ended: x.Ended, Context: ctx, At: x.at, LastWidget: x.lastWidget,
		Streak: x.streak, WaitSeq: x.waitSeq, CallOver: x.callOver, Outgoing: outgoing,
		HTTPRuns: x.httpRuns, ParentStep: x.parentStep, NextStepSID: x.nextStepSID,
	}
	if out.Options, err = s.options(x.opts); err != nil {
		return nil, err
	}
	if x.Steps != nil {
		out.Steps = make([]int, len(x.Steps))
	}
	for i, st := range x.Steps {
		if out.Steps[i], err = s.step(st); err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", i+1, st.SID, err)
		}
	}
	if x.child != nil {
		if x.Waiting != x.child.Waiting {
			return nil, errors.New("it runs a subflow but does not wait on it")
		}
		if out.Child, err = s.execution(x.child); err != nil {
			return nil, fmt.Errorf("subflow %s: %w", x.child.FlowSID, err)
		}
	} else if w := x.Waiting; w != nil {
		out.Waiting = &snapWait{
			Kind: w.Kind, Widget: w.Widget, Type: w.Type, Timeout: w.Timeout, Deadline: w.Deadline,
			Choices: w.Choices, FinishOnKey: w.FinishOnKey, NumberDigits: w.NumberDigits, Seq: w.seq,
		}
	}
	return out, nil
}

func (s *snapshotWriter) options(o *StartOptions) (snapOptions, error) {
	out := snapOptions{FlowSID: o.FlowSID, HTTP: o.HTTP, AskOutcomes: o.AskOutcomes}
	if o.Outcomes != nil {
		out.Outcomes = make(map[string]snapOutcome, len(o.Outcomes))
	}
	for name, oc := range o.Outcomes {
		id, err := s.values.mapRef(oc.Outputs)
		if err != nil {
			return out, fmt.Errorf("outcome for %s: %w", name, err)
		}
		out.Outcomes[name] = snapOutcome{Event: oc.Event, Outputs: id}
	}
	return out, nil
}

func (s *snapshotWriter) step(st *Step) (int, error) {
	if i, ok := s.steps[st]; ok {
		return i, nil
	}
	ctx, err := s.values.mapRef(st.Context)
	if err != nil {
		return 0, fmt.Errorf("context: %w", err)
	}
	i := len(s.table)
	s.table = append(s.table, snapStep{
		SID: st.SID, AccountSID: st.AccountSID, FlowSID: st.FlowSID, ExecutionSID: st.ExecutionSID,
		ParentStepSID: st.ParentStepSID, Name: st.Name, Context: ctx, TransitionedFrom: st.TransitionedFrom,
		TransitionedTo: st.TransitionedTo, Type: st.Type, DateCreated: st.DateCreated,
		DateUpdated: st.DateUpdated, Detail: st.Detail, Branch: st.Branch,
	})
	s.steps[st] = i
	return i, nil
}

// Restore rebuilds an execution from Snapshot's data, to be resumed on rt as
// if it had never left the Runtime that ran it. flow must be the definition
// the execution ran (ErrSnapshotFlow otherwise); a subflow it waits in is
// found again through Config.Subflows and must be the same definition too.
// Data that is not a snapshot of this version is an error, never a panic.
func (rt *Runtime) Restore(flow *model.Flow, data []byte) (*Execution, error) {
	if flow == nil {
		return nil, errors.New("restore execution: no flow")
	}
	if rt.catalogErr != nil {
		return nil, fmt.Errorf("restore execution: %w", rt.catalogErr)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var doc snapshotDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("restore execution: not a readable snapshot: %w", err)
	}
	if dec.More() {
		return nil, errors.New("restore execution: not a readable snapshot: data after the snapshot")
	}
	if doc.Format != SnapshotFormat {
		return nil, fmt.Errorf("restore execution: format %q is not %q", doc.Format, SnapshotFormat)
	}
	if doc.Version != SnapshotVersion && doc.Version != snapshotVersion1 {
		return nil, fmt.Errorf("restore execution: snapshot version %d; this build reads versions %d to %d", doc.Version, snapshotVersion1, SnapshotVersion)
	}
	if doc.Execution == nil {
		return nil, errors.New("restore execution: the snapshot holds no execution")
	}
	if doc.StepCount < 0 || doc.StepCount > MaxSteps {
		return nil, fmt.Errorf("restore execution %s: step count %d is outside 0..%d", doc.Execution.SID, doc.StepCount, MaxSteps)
	}
	values, err := readNodes(doc.Nodes)
	if err != nil {
		return nil, fmt.Errorf("restore execution %s: %w", doc.Execution.SID, err)
	}
	r := &snapshotReader{rt: rt, values: values, stepCount: new(int)}
	*r.stepCount = doc.StepCount
	if r.steps, err = r.stepTable(doc.Steps, doc.Version); err != nil {
		return nil, fmt.Errorf("restore execution %s: %w", doc.Execution.SID, err)
	}
	x, err := r.execution(doc.Execution, flow, nil)
	if err != nil {
		return nil, fmt.Errorf("restore execution %s: %w", doc.Execution.SID, err)
	}
	return x, nil
}

type snapshotReader struct {
	rt        *Runtime
	values    *valueReader
	steps     []*Step
	stepCount *int
}

func (r *snapshotReader) stepTable(table []snapStep, version int) ([]*Step, error) {
	out := make([]*Step, len(table))
	for i, s := range table {
		if version != snapshotVersion1 && (s.V1URL != "" || s.V1Links != nil) {
			return nil, fmt.Errorf("step %d has a url or links, which only version %d snapshots have", i, snapshotVersion1)
		}
		ctx, err := r.values.mapRef(s.Context)
		if err != nil {
			return nil, fmt.Errorf("step %d context: %w", i, err)
		}
		out[i] = &Step{
			SID: s.SID, AccountSID: s.AccountSID, FlowSID: s.FlowSID, ExecutionSID: s.ExecutionSID,
			ParentStepSID: s.ParentStepSID, Name: s.Name, Context: ctx, TransitionedFrom: s.TransitionedFrom,
			TransitionedTo: s.TransitionedTo, Type: s.Type, DateCreated: s.DateCreated,
			DateUpdated: s.DateUpdated, Detail: s.Detail, Branch: s.Branch,
		}
	}
	return out, nil
}

func (r *snapshotReader) execution(s *snapExecution, flow *model.Flow, parent *Execution) (*Execution, error) {
	if got := FlowDigest(flow); got != s.FlowDigest {
		return nil, fmt.Errorf("flow %s: %w (snapshot %s, given %s)", s.FlowSID, ErrSnapshotFlow, s.FlowDigest, got)
	}
	x := &Execution{
		SID: s.SID, AccountSID: s.AccountSID, FlowSID: s.FlowSID, ContactSID: s.ContactSID,
		ContactChannelAddress: s.ContactChannelAddress, InitiatedBy: s.InitiatedBy, TriggerEvent: s.TriggerEvent,
		Status: s.Status, DateCreated: s.DateCreated, DateUpdated: s.DateUpdated, Transcript: s.Transcript,
		Ended: s.Ended, flow: flow, at: s.At, lastWidget: s.LastWidget, streak: s.Streak,
		stepCount: r.stepCount, waitSeq: s.WaitSeq, callOver: s.CallOver, httpRuns: s.HTTPRuns,
		parent: parent, parentStep: s.ParentStep, nextStepSID: s.NextStepSID,
	}
	if err := validTrigger(s.TriggerEvent); err != nil {
		return nil, err
	}
	if err := checkStatus(s); err != nil {
		return nil, err
	}
	if s.Streak < 0 || s.Streak > MaxSameWidgetInARow || s.WaitSeq < 0 {
		return nil, fmt.Errorf("counters out of range (streak %d, wait %d)", s.Streak, s.WaitSeq)
	}
	var err error
	if x.ctx, err = r.values.mapRef(s.Context); err != nil {
		return nil, fmt.Errorf("context: %w", err)
	}
	for _, ns := range []string{"flow", "contact", "trigger", "widgets"} {
		if _, ok := x.ctx[ns].(map[string]any); !ok {
			return nil, fmt.Errorf("the context has no %s namespace", ns)
		}
	}
	if x.outgoing, err = r.values.mapRef(s.Outgoing); err != nil {
		return nil, fmt.Errorf("outgoing call: %w", err)
	}
	if x.opts, err = r.options(s.Options); err != nil {
		return nil, err
	}
	if s.Steps != nil {
		x.Steps = make([]*Step, len(s.Steps))
	}
	for i, idx := range s.Steps {
		if idx < 0 || idx >= len(r.steps) {
			return nil, fmt.Errorf("step %d refers to entry %d of a %d-step table", i+1, idx, len(r.steps))
		}
		x.Steps[i] = r.steps[idx]
	}
	if err := r.waiting(x, s); err != nil {
		return nil, err
	}
	return x, nil
}

// checkStatus requires a consistent life cycle: an active execution waits,
// an ended one says why.
func checkStatus(s *snapExecution) error {
	switch {
	case s.Status == StatusActive && s.Ended == nil:
		if s.Waiting == nil && s.Child == nil {
			return errors.New("it is active but waits for nothing")
		}
	case s.Status == StatusEnded && s.Ended != nil:
		if s.Waiting != nil || s.Child != nil {
			return errors.New("it has ended but still waits")
		}
	default:
		return fmt.Errorf("status %q does not agree with its ending %+v", s.Status, s.Ended)
	}
	return nil
}

// waiting restores x's wait, or the subflow it waits in, checking it names a
// widget of the flow that can take that wait.
func (r *snapshotReader) waiting(x *Execution, s *snapExecution) error {
	if s.Child != nil {
		if s.Waiting != nil {
			return errors.New("it waits both in a subflow and on its own widget")
		}
		if x.parent != nil {
			return errors.New("a subflow cannot run another subflow")
		}
		if st := x.flow.State(x.at); st == nil || !r.rt.types[st.Type()].w.RunsSubflow() {
			return fmt.Errorf("it waits in a subflow from %q, which is not a run-subflow widget of the flow", x.at)
		}
		if r.rt.cfg.Subflows == nil {
			return fmt.Errorf("it waits in subflow %s, and this runtime has no subflow resolver", s.Child.FlowSID)
		}
		sub, err := r.rt.cfg.Subflows(s.Child.FlowSID)
		if err != nil || sub == nil {
			return fmt.Errorf("find subflow %s: %v", s.Child.FlowSID, err)
		}
		child, err := r.execution(s.Child, sub, x)
		if err != nil {
			return fmt.Errorf("subflow %s: %w", s.Child.FlowSID, err)
		}
		if child.Waiting == nil {
			return fmt.Errorf("subflow %s does not wait", s.Child.FlowSID)
		}
		x.child, x.Waiting = child, child.Waiting
		return nil
	}
	sw := s.Waiting
	if sw == nil {
		return nil
	}
	st := x.flow.State(x.at)
	if st == nil {
		return fmt.Errorf("it waits at %q, which is not a widget of the flow", x.at)
	}
	if sw.Widget != x.at || sw.Type != st.Type() {
		return fmt.Errorf("its wait names %s (%s), but it waits at %s (%s)", sw.Widget, sw.Type, x.at, st.Type())
	}
	switch sw.Kind {
	case WaitOutcome:
	case WaitGather, WaitRecord, WaitReply:
		if r.rt.behaviourOf(st.Type()).accept == nil {
			return fmt.Errorf("it waits for %s at %s, a %s widget, which never waits", sw.Kind, x.at, st.Type())
		}
	default:
		return fmt.Errorf("unknown wait kind %q", sw.Kind)
	}
	if sw.Timeout < 0 || sw.NumberDigits < 0 || sw.Seq != x.waitSeq {
		return fmt.Errorf("its wait at %s is inconsistent (timeout %s, %d digits, wait %d of %d)", x.at, sw.Timeout, sw.NumberDigits, sw.Seq, x.waitSeq)
	}
	w := &Wait{
		Kind: sw.Kind, Widget: sw.Widget, Type: sw.Type, Timeout: sw.Timeout, Deadline: sw.Deadline,
		Choices: sw.Choices, FinishOnKey: sw.FinishOnKey, NumberDigits: sw.NumberDigits, seq: sw.Seq,
	}
	x.Waiting = w
	for p := x.parent; p != nil; p = p.parent {
		p.Waiting = w
	}
	return nil
}

func (r *snapshotReader) options(s snapOptions) (*StartOptions, error) {
	o := &StartOptions{FlowSID: s.FlowSID, HTTP: s.HTTP, AskOutcomes: s.AskOutcomes}
	if s.Outcomes != nil {
		o.Outcomes = make(map[string]Outcome, len(s.Outcomes))
	}
	for name, oc := range s.Outcomes {
		outputs, err := r.values.mapRef(oc.Outputs)
		if err != nil {
			return nil, fmt.Errorf("outcome for %s: %w", name, err)
		}
		o.Outcomes[name] = Outcome{Event: oc.Event, Outputs: outputs}
	}
	return o, nil
}

package engine

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

func TestRuntimeLoadsTheCatalogWhenNoneIsGiven(t *testing.T) {
	rt := New(Config{Clock: NewVirtualClock(testStart)})
	if rt.Catalog() == nil {
		t.Fatal("no catalog loaded")
	}
	f := testFlow(t, trigger("incomingMessage>p"), widget("p", "look-up-profile", `{}`, "failed>,noProfileFound>,profileFound>"))
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	if got := x.Steps[1].Name; got != "profileFound" {
		t.Fatalf("event = %s, want profileFound", got)
	}
}

// A widget's transitions may be in any order (hand-written JSON, an editor's
// reordering): the default event is its type's success event all the same.
func TestDefaultEventIsTheCatalogsSuccessEventWhateverTheTransitionOrder(t *testing.T) {
	rt, _ := testRuntime(Config{})
	cat := rt.Catalog()
	ran := 0
	for _, w := range cat.Types() {
		success, ok := w.SuccessEvent()
		_, product := productOutputs[w.Type]
		if !ok || !product && w.Type != "send-message" {
			continue
		}
		var events []string
		for _, e := range w.Events() {
			events = append(events, e.Name+">")
		}
		slices.Reverse(events)
		t.Run(w.Type, func(t *testing.T) {
			f := testFlow(t, trigger("incomingCall>w"), widget("w", w.Type, `{"to":"+1444","body":"hi","url":"https://example.com/twiml"}`, strings.Join(events, ",")))
			x, _ := start(t, rt, f, Trigger{Event: TriggerCall, From: "+1222"}, StartOptions{})
			if got := x.Steps[1].Name; got != success {
				t.Fatalf("event = %s, want %s; steps %s", got, success, path(x))
			}
		})
		ran++
	}
	if ran < len(productOutputs) {
		t.Fatalf("only %d types ran", ran)
	}
}

func TestOutcomeNamingAnEventTheTypeLacksIsRefusedAtStart(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>dial"), widget("dial", "connect-call-to", `{"to":"+1800"}`, "callCompleted>,hangup>"))
	rt, _ := testRuntime(Config{})
	_, _, err := rt.Start(f, Trigger{Event: TriggerCall}, StartOptions{Outcomes: map[string]Outcome{"dial": {Event: "busy"}}})
	if err == nil {
		t.Fatal("an outcome naming busy for connect-call-to was accepted")
	}
	for _, want := range []string{"dial=busy", `"busy" is not an event of dial`, "connect-call-to", "choose one of: callCompleted, hangup"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// An event the type has is accepted even when the widget leaves it
// unconnected: the execution then ends there, as in Studio.
func TestOutcomeMayNameAnUnwiredEventOfTheType(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>pay"), widget("pay", "capture-payments", `{}`, "success>,hangup>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{Outcomes: map[string]Outcome{"pay": {Event: "validationError"}}})
	wantEnded(t, x, EndCompleted, "no transition for validationError")
}

func TestOutcomeForASubflowWidgetIsCheckedWhenItRuns(t *testing.T) {
	child := testFlow(t, trigger("incomingParent>flex"), widget("flex", "send-to-flex", `{}`, "callComplete>,failedToEnqueue>"))
	parent := testFlow(t,
		trigger("incomingMessage>sub"),
		widget("sub", "run-subflow", `{"flow_sid":"FW00000000000000000000000000000002"}`, "completed>,failed>"),
	)
	rt, _ := testRuntime(Config{Subflows: func(string) (*model.Flow, error) { return child, nil }})
	x, _ := start(t, rt, parent, Trigger{Event: TriggerMessage}, StartOptions{Outcomes: map[string]Outcome{"flex": {Event: "queued"}}})
	wantEnded(t, x, EndCompleted, `"queued" is not an event of flex (a send-to-flex widget); choose one of: callComplete, failedToEnqueue, callFailure, composerStarted`)
	if got := path(x); strings.Contains(got, "flex:") || !strings.Contains(got, "sub:failed>Ended") {
		t.Fatalf("steps %s", got)
	}
}

func TestWidgetTypesByWhatTheCatalogKnows(t *testing.T) {
	tests := []struct {
		name        string
		typ         string
		transitions string
		opts        StartOptions
		kind        string
		reason      string
		event       string // the widget's step
	}{
		{"retired type takes its catalog success event", "send-to-auto-pilot", "timeout>,failure>,sessionEnded>", StartOptions{},
			EndCompleted, "ended at w on sessionEnded", "sessionEnded"},
		{"retired type refuses an event it lacks", "send-to-auto-pilot", "sessionEnded>", StartOptions{Outcomes: map[string]Outcome{"w": {Event: "handoff"}}},
			"", "", ""},
		{"legacy type with unknown events takes its first wired event", "create-task", "taskCreated>,failed>", StartOptions{},
			EndCompleted, "ended at w on taskCreated", "taskCreated"},
		{"legacy type with unknown events follows any chosen event", "understand", "matched>,failed>", StartOptions{Outcomes: map[string]Outcome{"w": {Event: "failed"}}},
			EndCompleted, "ended at w on failed", "failed"},
		{"legacy type with no transitions needs a choice", "update-sync-object", "", StartOptions{},
			EndFailed, `nothing is known about the events of widget type "update-sync-object"`, ""},
		{"unknown type ends the execution", "teleport-caller", "beamed>,lost>", StartOptions{},
			EndFailed, `widget type "teleport-caller" is unknown to Studioflow; choose its outcome (e.g. --outcome w=EVENT)`, ""},
		{"unknown type follows the caller's choice", "teleport-caller", "beamed>,lost>", StartOptions{Outcomes: map[string]Outcome{"w": {Event: "lost", Outputs: map[string]any{"where": "Mars"}}}},
			EndCompleted, "ended at w on lost (outcome chosen by the caller)", "lost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFlow(t, trigger("incomingMessage>w"), widget("w", tt.typ, `{}`, tt.transitions))
			rt, _ := testRuntime(Config{})
			x, _, err := rt.Start(f, Trigger{Event: TriggerMessage}, tt.opts)
			if tt.kind == "" {
				if err == nil || !strings.Contains(err.Error(), "choose one of: sessionEnded, failure, timeout") {
					t.Fatalf("Start error = %v, want a refusal listing the events", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantEnded(t, x, tt.kind, tt.reason)
			if tt.event == "" {
				// An error: the end reason names w, which has no step.
				if got := x.Steps[len(x.Steps)-1]; got.TransitionedFrom == "w" || x.Ended.Widget != "w" {
					t.Fatalf("steps %s, ending %+v: want no step for w and an ending naming it", path(x), x.Ended)
				}
				return
			}
			if got := x.Steps[len(x.Steps)-1]; got.TransitionedFrom != "w" || got.Name != tt.event {
				t.Fatalf("steps %s, want w's step named %s", path(x), tt.event)
			}
		})
	}
}

func TestAskOutcomesOffersTheCatalogsEventsOrTheWidgetsOwn(t *testing.T) {
	tests := []struct{ typ, transitions, want string }{
		{"connect-call-to", "hangup>,callCompleted>", "callCompleted,hangup"},
		{"run-function-v2", "success>,retry>", "success,fail,retry"}, // open events: the catalog's, then the widget's
		{"create-task", "taskCreated>,failed>", "taskCreated,failed"},
		{"teleport-caller", "beamed>,lost>", "beamed,lost"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			st := testFlow(t, trigger("incomingCall>w"), widget("w", tt.typ, `{}`, tt.transitions)).State("w")
			rt, _ := testRuntime(Config{})
			events, _ := rt.widgetEvents(st)
			if got := strings.Join(events, ","); got != tt.want {
				t.Fatalf("choices %s, want %s", got, tt.want)
			}
		})
	}
	f := testFlow(t, trigger("incomingCall>w"), widget("w", "teleport-caller", `{}`, "beamed>,lost>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{AskOutcomes: true})
	if x.Waiting == nil || x.Waiting.Kind != WaitOutcome || strings.Join(x.Waiting.Choices, ",") != "beamed,lost" {
		t.Fatalf("wait %+v", x.Waiting)
	}
	if _, err := rt.Resume(x, Input{Kind: InputOutcome, Event: "vanished"}); err == nil || !strings.Contains(err.Error(), "choose one of: beamed, lost") {
		t.Fatalf("Resume with an event the widget lacks: %v", err)
	}
	resume(t, rt, x, Input{Kind: InputOutcome, Event: "lost"})
	wantEnded(t, x, EndCompleted, "ended at w on lost")
}

func TestVoiceWidgetWithoutACallFailsTheStep(t *testing.T) {
	rt, _ := testRuntime(Config{})
	var voice []string
	for _, w := range rt.Catalog().Types() {
		if f := rt.types[w.Type]; f.w.NeedsCall(nil) {
			voice = append(voice, w.Type)
		}
	}
	if !slices.Contains(voice, "say-play") || !slices.Contains(voice, "connect-call-to") {
		t.Fatalf("voice types %v", voice)
	}
	for _, typ := range voice {
		for _, event := range []string{TriggerMessage, TriggerRequest, TriggerConversation} {
			t.Run(typ+"/"+event, func(t *testing.T) {
				f := testFlow(t,
					trigger(event+">hello"),
					widget("hello", "set-variables", `{}`, "next>w"),
					widget("w", typ, `{"say":"Hi","to":"+1800"}`, "audioComplete>,keypress>,callCompleted>,success>,next>,return>"),
				)
				x, evs := start(t, rt, f, Trigger{Event: event, From: "+1555"}, StartOptions{Outcomes: map[string]Outcome{}})
				want := fmt.Sprintf("w (%s): %s acts on a call, but an execution started by %s has no call to act on", typ, rt.types[typ].w.Title, schemas.EntryLabel(event))
				wantEnded(t, x, EndFailed, want)
				if last := x.Steps[len(x.Steps)-1]; last.TransitionedFrom != "hello" || x.Ended.Widget != "w" {
					t.Fatalf("last step %+v, ending %+v: want no step for w and an ending naming it", last, x.Ended)
				}
				for _, e := range evs {
					if e.Kind == EventSay || e.Kind == EventDial || e.Kind == EventWait {
						t.Fatalf("a voice widget without a call acted: %+v", e)
					}
				}
			})
		}
	}
}

func TestVoiceWidgetsUseTheCallAnOutgoingCallPlaced(t *testing.T) {
	for _, tt := range []struct {
		event, kind, reason string
	}{
		{"answered", EndCompleted, "ended at say on audioComplete"},
		{"busy", EndFailed, "say (say-play): Say/Play acts on a call, but an execution started by REST API has no call to act on"},
	} {
		t.Run(tt.event, func(t *testing.T) {
			f := testFlow(t,
				trigger("incomingRequest>call"),
				widget("call", "make-outgoing-call-v2", `{}`, "answered>say,busy>say"),
				widget("say", "say-play", `{"say":"Your table is ready"}`, "audioComplete>"),
			)
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+1555"}, StartOptions{Outcomes: map[string]Outcome{"call": {Event: tt.event}}})
			wantEnded(t, x, tt.kind, tt.reason)
		})
	}
}

func TestATransitionBackToTheTriggerFails(t *testing.T) {
	f := testFlow(t, trigger("incomingMessage>a"), widget("a", "set-variables", `{}`, "next>Trigger"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndFailed, "Trigger (trigger): a transition leads back to the trigger")
}

// The engine's per-type tables hold only what cannot be catalog data (how a
// type runs, the outputs a product makes up): every key is a catalog type,
// and a type is either simulated in full or run as a product, not both.
func TestEnginesTypeTablesAreKeyedByCatalogTypes(t *testing.T) {
	rt, _ := testRuntime(Config{})
	for typ := range rt.behaviours {
		if _, ok := rt.types[typ]; !ok {
			t.Errorf("behaviour for %s, which the catalog does not know", typ)
		}
		if _, ok := productOutputs[typ]; ok {
			t.Errorf("%s has both a behaviour and product outputs", typ)
		}
	}
	for typ := range productOutputs {
		if _, ok := rt.types[typ]; !ok {
			t.Errorf("product outputs for %s, which the catalog does not know", typ)
		}
	}
	for _, w := range rt.Catalog().Types() {
		if w.CallsHTTP() {
			if b := rt.behaviourOf(w.Type); fmt.Sprintf("%p", b.perform) == fmt.Sprintf("%p", performProduct) {
				t.Errorf("%s calls HTTP but runs as a product", w.Type)
			}
		}
	}
}

// OutcomeChoosable and OutcomePicksAny, which the scenario generator asks,
// say what Start enforces: a caller may pick some event of a type exactly
// when checkChoosable accepts one of its events, and any event when it
// accepts whatever name.
func TestOutcomeChoosableAgreesWithWhatAnOutcomeMayPick(t *testing.T) {
	rt, _ := testRuntime(Config{})
	f := testFlow(t, trigger(""))
	for _, w := range rt.Catalog().Types() {
		st := f.Trigger()
		if w.Type != st.Type() {
			st = testFlow(t, trigger(""), widget("w", w.Type, `{}`, "")).State("w")
		}
		names := []string{"anything"}
		for _, e := range w.Events() {
			names = append(names, e.Name)
		}
		accepted := slices.ContainsFunc(names, func(event string) bool { return rt.checkChoosable(st, event) == nil })
		if got := rt.OutcomeChoosable(w.Type); got != accepted {
			t.Errorf("%s: OutcomeChoosable %v, but an outcome naming one of its events is accepted: %v", w.Type, got, accepted)
		}
		if got, whatever := rt.OutcomePicksAny(w.Type), rt.checkChoosable(st, "anything") == nil; got != whatever {
			t.Errorf("%s: OutcomePicksAny %v, but an outcome naming whatever is accepted: %v", w.Type, got, whatever)
		}
	}
	if !rt.OutcomeChoosable("no-such-widget") || !rt.OutcomePicksAny("no-such-widget") {
		t.Error("a type nobody knows must take the caller's outcome")
	}
}

// The engine's trigger constants, which its callers (the REST API, the
// CLI, the simulator) start executions with, are the catalog trigger's
// events, in Studio's order.
func TestTriggerConstantsAreTheCatalogsTriggerEvents(t *testing.T) {
	rt, _ := testRuntime(Config{})
	w, ok := rt.Catalog().Lookup(model.TriggerType)
	if !ok {
		t.Fatal("the catalog has no trigger")
	}
	var events []string
	for _, e := range w.Events() {
		events = append(events, e.Name)
	}
	if !slices.Equal(TriggerEvents, events) {
		t.Errorf("engine.TriggerEvents %v, the catalog's trigger events %v", TriggerEvents, events)
	}
}

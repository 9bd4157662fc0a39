package schemas

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// The registry's attributes agree with the schemas: a property given a role
// is one the type's schema declares, of the kind the role holds; a type
// that tests conditions has the repeatable event its conditions ride on
// and a value to test; a type that queues the caller has Studio's
// failedToEnqueue event; a Function call is an HTTP call; a type that
// succeeds on acceptance has a success event; a contact input names one of
// the type's events and one of its outputs.
func TestWidgetAttributesAgreeWithTheSchemas(t *testing.T) {
	c := loadCatalog(t)
	roleTypes := map[PropertyRole]string{FlowVariables: "array", SubflowSID: "string", TestedValue: "string"}
	for _, w := range c.Types() {
		declared := map[string]PropertySpec{}
		for _, p := range w.Properties() {
			declared[p.Name] = p
		}
		for name, role := range w.roles {
			p, ok := declared[name]
			if !ok {
				t.Errorf("%s gives %q a role, but its schema does not declare it", w.Type, name)
				continue
			}
			if want := roleTypes[role]; !slices.Contains(p.Types, want) {
				t.Errorf("%s: %q holds role %d, which is a %s, but its schema says %v", w.Type, name, role, want, p.Types)
			}
			if got, _ := w.PropertyWithRole(role); got != name || w.Role(name) != role {
				t.Errorf("%s: role %d is %q both ways? PropertyWithRole says %q", w.Type, role, name, got)
			}
		}
		repeatable := slices.ContainsFunc(w.Events(), func(e Event) bool { return e.Repeatable })
		if _, tested := w.PropertyWithRole(TestedValue); w.TestsConditions() != repeatable || w.TestsConditions() != tested {
			t.Errorf("%s: tests conditions %v, has a repeatable event %v, has a tested value %v", w.Type, w.TestsConditions(), repeatable, tested)
		}
		if _, enqueues := w.Event("failedToEnqueue"); w.QueuesCall() != enqueues {
			t.Errorf("%s: queues the caller %v, but has failedToEnqueue %v", w.Type, w.QueuesCall(), enqueues)
		}
		if w.CallsFunction() && !w.CallsHTTP() {
			t.Errorf("%s calls a Function but not HTTP", w.Type)
		}
		if _, hasURL := declared["url"]; w.CallsHTTP() && len(declared) > 0 && !hasURL {
			t.Errorf("%s calls HTTP, but its schema declares no url", w.Type)
		}
		if _, ok := w.SuccessEvent(); w.SucceedsOnAcceptance() && !ok {
			t.Errorf("%s succeeds on acceptance but has no success event", w.Type)
		}
		for _, in := range w.ContactInputs() {
			if _, ok := w.Event(in.Event); !ok || !slices.Contains(w.Outputs(), in.Output) || in.Kind == 0 {
				t.Errorf("%s: contact input %+v names an event or output the type does not have", w.Type, in)
			}
		}
	}
}

// A type tests conditions exactly when its schema's transitions carry a
// condition list; its condition event is the repeatable one and its
// unmatched event the other, both events its schema names, and it has no
// event besides.
func TestConditionEventsAgreeWithTheSchemas(t *testing.T) {
	c := loadCatalog(t)
	for _, w := range c.Types() {
		_, carriesConditions := c.docs.at(w.SchemaURL, "/properties/transitions/items/properties/condition")
		match, hasMatch := w.ConditionEvent()
		noMatch, hasNoMatch := w.UnmatchedEvent()
		if carriesConditions != w.TestsConditions() || hasMatch != w.TestsConditions() || hasNoMatch != w.TestsConditions() {
			t.Errorf("%s: schema carries conditions %v, tests conditions %v, condition event %v, unmatched event %v",
				w.Type, carriesConditions, w.TestsConditions(), hasMatch, hasNoMatch)
		}
		if !w.TestsConditions() {
			continue
		}
		items, _ := c.docs.at(w.SchemaURL, "/properties/transitions/items")
		fromSchema := c.docs.eventConsts(items, w.SchemaURL)
		var names []string
		for _, e := range w.Events() {
			names = append(names, e.Name)
		}
		if match == noMatch || !slices.Contains(fromSchema, match) || !slices.Contains(fromSchema, noMatch) || len(names) != 2 {
			t.Errorf("%s: condition event %q, unmatched event %q, events %v, schema's events %v", w.Type, match, noMatch, names, fromSchema)
		}
		if e, _ := w.Event(match); !e.Repeatable {
			t.Errorf("%s: the condition event %q is not repeatable", w.Type, match)
		}
	}
}

// The call-ended event is the event of the commons' Hangup transition: a
// type has it exactly when its schema's transitions name it, at most one
// event of a type ends the call, and only types that act on a call (voice,
// a channel property, or a number dialled) have one.
func TestCallEndedEventAgreesWithTheSchemas(t *testing.T) {
	c := loadCatalog(t)
	hangup, _ := c.docs.at(CommonsSchemaURL, "/definitions/Hangup")
	fromCommons := c.docs.eventConsts(hangup, CommonsSchemaURL)
	if len(fromCommons) != 1 {
		t.Fatalf("the commons' Hangup transition names events %v, want one", fromCommons)
	}
	for _, w := range c.Types() {
		items, _ := c.docs.at(w.SchemaURL, "/properties/transitions/items")
		named := slices.Contains(c.docs.eventConsts(items, w.SchemaURL), fromCommons[0])
		ended, ok := w.CallEndedEvent()
		if ok != named || (ok && ended != fromCommons[0]) {
			t.Errorf("%s: call-ended event %q (%v), its schema names %s %v", w.Type, ended, ok, fromCommons[0], named)
		}
		n := 0
		for _, e := range w.Events() {
			if e.CallEnded {
				n++
			}
			if w.EndsCall(e.Name) != (ok && e.Name == ended) {
				t.Errorf("%s: EndsCall(%s) = %v, its call-ended event is %q", w.Type, e.Name, w.EndsCall(e.Name), ended)
			}
		}
		_, dials := w.Dials()
		if actsOnCall := w.Channel == VoiceChannel || w.channelProperty != "" || dials; n > 1 || (ok && !actsOnCall) {
			t.Errorf("%s: %d call-ended events; acts on a call %v", w.Type, n, actsOnCall)
		}
	}
	if w, _ := c.Lookup("say-play"); w.EndsCall("not-an-event") {
		t.Error("an event the type does not have ends its call")
	}
}

// The events a contact's input answers: at most one event of a type per
// kind of input, each holding its input in one of the type's outputs (a
// timeout holds nothing), found both ways (InputEvent, ContactInputs);
// only types that wait on the contact have them.
func TestInputEventsAnswerOneKindEach(t *testing.T) {
	c := loadCatalog(t)
	for _, w := range c.Types() {
		seen := map[InputKind]string{}
		for _, e := range w.Events() {
			if e.Answers == 0 {
				if e.Holds != "" {
					t.Errorf("%s: %s holds %s but answers no input", w.Type, e.Name, e.Holds)
				}
				continue
			}
			if other, dup := seen[e.Answers]; dup {
				t.Errorf("%s: %s and %s both answer input kind %d", w.Type, other, e.Name, e.Answers)
			}
			seen[e.Answers] = e.Name
			if (e.Answers == NoInput) != (e.Holds == "") || (e.Holds != "" && !slices.Contains(w.Outputs(), e.Holds)) {
				t.Errorf("%s: %s answers input kind %d and holds %q, not one of its outputs %v", w.Type, e.Name, e.Answers, e.Holds, w.Outputs())
			}
			if got, ok := w.InputEvent(e.Answers); !ok || got != e.Name {
				t.Errorf("%s: InputEvent(%d) = %q, %v; want %s", w.Type, e.Answers, got, ok, e.Name)
			}
			fromContact := slices.Contains(w.ContactInputs(), ContactInput{Kind: e.Answers, Event: e.Name, Output: e.Holds})
			if fromContact == (e.Answers == NoInput) {
				t.Errorf("%s: %s (input kind %d) listed among ContactInputs %v", w.Type, e.Name, e.Answers, fromContact)
			}
		}
		if _, ok := w.InputEvent(0); ok {
			t.Errorf("%s has an event for no kind of input", w.Type)
		}
	}
	gather, _ := c.Lookup("gather-input-on-call")
	for kind, want := range map[InputKind]string{KeysPressed: "keypress", WordsSpoken: "speech", NoInput: "timeout"} {
		if got, _ := gather.InputEvent(kind); got != want {
			t.Errorf("gather: InputEvent(%d) = %q, want %q", kind, got, want)
		}
	}
}

// The failure event: at most one event of a type fails outright, it is
// the event every requirement of the type takes when unmet (the message
// not delivered, the URL unusable), and the one a subflow run inside a
// subflow takes when refused.
func TestFailureEventIsTheOneRequirementsTake(t *testing.T) {
	c := loadCatalog(t)
	for _, w := range c.Types() {
		n := 0
		for _, e := range w.Events() {
			if e.Fails {
				n++
			}
		}
		failed, ok := w.FailureEvent()
		if n > 1 || ok != (n == 1) {
			t.Errorf("%s: %d failure events, FailureEvent %q, %v", w.Type, n, failed, ok)
		}
		for _, r := range w.Requirements() {
			if r.Event != "" && r.Event != failed {
				t.Errorf("%s: requirement %s takes %q, its failure event is %q", w.Type, r.ID, r.Event, failed)
			}
		}
		if w.RunsSubflow() && refusedNestedSubflow.event() != failed {
			t.Errorf("%s: a nested subflow takes %q, its failure event is %q", w.Type, refusedNestedSubflow.event(), failed)
		}
	}
}

// Which types carry each attribute, so a reader sees the registry at a
// glance and a change to it is deliberate.
func TestWidgetAttributesByType(t *testing.T) {
	c := loadCatalog(t)
	for _, tc := range []struct {
		attribute string
		has       func(WidgetType) bool
		want      []string
	}{
		{"QueuesCall", WidgetType.QueuesCall, []string{"enqueue-call", "send-to-flex"}},
		{"CallsHTTP", WidgetType.CallsHTTP, []string{"run-function", "make-http-request", "run-function-v2"}},
		{"CallsFunction", WidgetType.CallsFunction, []string{"run-function", "run-function-v2"}},
		{"SucceedsOnAcceptance", WidgetType.SucceedsOnAcceptance, []string{"send-message"}},
		{"TestsConditions", WidgetType.TestsConditions, []string{"split-based-on"}},
		{"RunsSubflow", WidgetType.RunsSubflow, []string{"run-subflow"}},
		{"Dials", func(w WidgetType) bool { _, ok := w.Dials(); return ok }, []string{"make-outgoing-call-v2", "connect-call-to", "make-outgoing-call-v1"}},
		{"FlowVariables", func(w WidgetType) bool { _, ok := w.PropertyWithRole(FlowVariables); return ok }, []string{"set-variables"}},
		{"SubflowSID", func(w WidgetType) bool { _, ok := w.PropertyWithRole(SubflowSID); return ok }, []string{"run-subflow"}},
		{"ContactInputs", func(w WidgetType) bool { return len(w.ContactInputs()) > 0 }, []string{"gather-input-on-call", "send-and-wait-for-reply"}},
		{"ConditionEvent", func(w WidgetType) bool { _, ok := w.ConditionEvent(); return ok }, []string{"split-based-on"}},
		{"InputEvent(NoInput)", func(w WidgetType) bool { _, ok := w.InputEvent(NoInput); return ok }, []string{"gather-input-on-call",
			"record-voicemail", "send-and-wait-for-reply"}},
		{"FailureEvent", func(w WidgetType) bool { _, ok := w.FailureEvent(); return ok }, []string{"run-subflow", "make-outgoing-call-v2",
			"record-call", "send-message", "send-and-wait-for-reply", "run-function", "make-http-request", "add-twiml-redirect",
			"connect-virtual-agent-v2", "look-up-profile", "update-profile-traits", "make-outgoing-call-v1", "send-to-auto-pilot", "run-function-v2"}},
		{"CallEndedEvent", func(w WidgetType) bool { _, ok := w.CallEndedEvent(); return ok }, []string{"gather-input-on-call", "say-play",
			"record-voicemail", "connect-call-to", "capture-payments", "connect-virtual-agent-v2", "make-outgoing-call-v1", "connect-virtual-agent"}},
	} {
		var got []string
		for _, w := range c.Types() {
			if tc.has(w) {
				got = append(got, w.Type)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.attribute, got, tc.want)
		}
	}
}

// Lookup hands out copies: changing the roles of one does not change the
// catalog's.
func TestWidgetRolesAreCopies(t *testing.T) {
	c := loadCatalog(t)
	w, _ := c.Lookup("set-variables")
	w.roles["variables"] = PlainProperty
	if again, _ := c.Lookup("set-variables"); again.Role("variables") != FlowVariables {
		t.Error("changing a looked-up type's roles changed the catalog's")
	}
}

// The trigger's entry is keyed by model.TriggerType, the one spelling of
// its type every layer asks through State.IsTrigger.
func TestTriggerEntryIsModelsTriggerType(t *testing.T) {
	c := loadCatalog(t)
	w, ok := c.Lookup(model.TriggerType)
	if !ok || len(triggerEvents()) == 0 || w.InLibrary() {
		t.Fatalf("the catalog's trigger: %+v, %v", w.Type, ok)
	}
	if tr := model.NewBlankFlow().Trigger(); tr == nil || !tr.IsTrigger() || tr.Type() != model.TriggerType {
		t.Fatalf("a new flow's trigger: %v", tr)
	}
}

// The trigger's events say which channel the executions they start are on,
// and no other type's events do; the validator's entry points agree (a
// call is live exactly after the voice entry).
func TestTriggerEventsSayTheChannelTheyStart(t *testing.T) {
	c := loadCatalog(t)
	got := map[Channel][]string{}
	for _, w := range c.Types() {
		for _, e := range w.Events() {
			if w.Type != model.TriggerType {
				if e.Starts != "" {
					t.Errorf("%s's event %s says it starts %s executions; only the trigger's do", w.Type, e.Name, e.Starts)
				}
				continue
			}
			got[e.Starts] = append(got[e.Starts], e.Name)
			if ch := EntryChannel(e.Name); ch != e.Starts {
				t.Errorf("EntryChannel(%s) = %s, the trigger's event says %s", e.Name, ch, e.Starts)
			}
			if live := entryOf(e.Name).Call == CallLive; live != (e.Starts == VoiceChannel) {
				t.Errorf("%s: the validator's entry has a live call %v, but the event starts %s executions", e.Name, live, e.Starts)
			}
		}
	}
	want := map[Channel][]string{
		VoiceChannel:     {"incomingCall"},
		MessagingChannel: {"incomingMessage", "incomingConversationMessage"},
		AnyChannel:       {"incomingRequest", "incomingParent"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trigger events by channel: %v, want %v", got, want)
	}
	if ch := EntryChannel("sent"); ch != AnyChannel {
		t.Errorf("an event that is not the trigger's starts %s executions", ch)
	}
}

// The catalog's call-ended event is the commons' Hangup transition's, and
// a widget whose type the catalog does not know or whose events are open
// takes it to end its call; a known type ends it only on its own.
func TestCatalogCallEndedEventCoversOpenAndUnknownTypes(t *testing.T) {
	c := loadCatalog(t)
	hangup, _ := c.docs.at(CommonsSchemaURL, "/definitions/Hangup")
	fromCommons := c.docs.eventConsts(hangup, CommonsSchemaURL)
	if len(fromCommons) != 1 || c.CallEndedEvent() != fromCommons[0] {
		t.Fatalf("catalog call-ended event %q, the commons' Hangup names %v", c.CallEndedEvent(), fromCommons)
	}
	ended := c.CallEndedEvent()
	open := 0
	for _, w := range c.Types() {
		name, ok := c.CallEndedEventOf(w.Type)
		own, ownOK := w.CallEndedEvent()
		if w.OpenEvents {
			open++
			own, ownOK = ended, true
		}
		if name != own || ok != ownOK || c.EndsCall(w.Type, ended) != ownOK {
			t.Errorf("%s: CallEndedEventOf %q %v, EndsCall(%s) %v; want %q %v", w.Type, name, ok, ended, c.EndsCall(w.Type, ended), own, ownOK)
		}
		if success, has := w.SuccessEvent(); has && success != ended && c.EndsCall(w.Type, success) {
			t.Errorf("%s: its success event %q ends the call", w.Type, success)
		}
	}
	if open == 0 {
		t.Fatal("no type with open events to check")
	}
	if name, ok := c.CallEndedEventOf("not-a-type"); !ok || name != ended || !c.EndsCall("not-a-type", ended) || c.EndsCall("not-a-type", "success") {
		t.Errorf("unknown type: CallEndedEventOf %q %v, EndsCall %v", name, ok, c.EndsCall("not-a-type", ended))
	}
	var none *Catalog
	if !none.EndsCall("say-play", ended) {
		t.Error("a nil catalog (no type known) does not end the call on its call-ended event")
	}
}

// FailureEvent is the one event marked Fails: none for a type with none or
// with more than one; a requirement that takes the failure event gets it
// (its Event and its words) when the catalog loads, and a type listing one
// without a failure event does not load.
func TestFailureEventIsTheOneMarkedAndRequirementsTakeIt(t *testing.T) {
	typeWith := func(events ...Event) *WidgetType {
		return &WidgetType{WidgetEntry: WidgetEntry{Type: "t", events: events,
			requires: []Requirement{httpURL("t/url", "url")}}}
	}
	for _, tc := range []struct {
		name   string
		w      *WidgetType
		want   string
		wantOK bool
	}{
		{"one", typeWith(ev("done", "Done"), failEv("broke", "Broke")), "broke", true},
		{"none", typeWith(ev("done", "Done")), "", false},
		{"several", typeWith(failEv("broke", "Broke"), failEv("tore", "Tore")), "", false},
	} {
		got, ok := tc.w.FailureEvent()
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("%s: FailureEvent %q %v, want %q %v", tc.name, got, ok, tc.want, tc.wantOK)
		}
		err := tc.w.bindRequirements()
		if (err == nil) != tc.wantOK {
			t.Errorf("%s: binding the requirements: %v", tc.name, err)
			continue
		}
		if err != nil {
			continue
		}
		r := tc.w.Requirements()[0]
		findings := r.Check(literalValues{"url": "ftp://example.com"})
		if r.Event != tc.want || len(findings) != 1 || !strings.Contains(findings[0].Message, "takes "+tc.want) {
			t.Errorf("%s: requirement takes %q, finds %v", tc.name, r.Event, findings)
		}
	}
	loadCatalog(t)
	for _, e := range widgetTable {
		for _, r := range e.requires {
			if r.Event != "" {
				t.Errorf("%s: loading wrote %q into the table's requirement %s", e.Type, r.Event, r.ID)
			}
		}
	}
}

// literalValues are properties with no Liquid, for a requirement's check.
type literalValues map[string]any

func (v literalValues) Get(key string) (any, bool)      { x, ok := v[key]; return x, ok }
func (literalValues) Render(text string) (string, bool) { return text, true }
func (literalValues) FindSubflow(string) (bool, error)  { return false, nil }

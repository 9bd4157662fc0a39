package schemas

import (
	"reflect"
	"slices"
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

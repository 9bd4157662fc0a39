package schemas

import (
	"strconv"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// baseFlow is a small clean flow: messages go Trigger → ask (send & wait)
// → route (split) → thanks; calls go Trigger → greet → menu (gather).
const baseFlow = `{
  "description": "rules",
  "states": [
    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "ask"}, {"event": "incomingCall", "next": "greet"}, {"event": "incomingRequest"}], "properties": {"offset": {"x": 0, "y": 0}}},
    {"name": "ask", "type": "send-and-wait-for-reply", "transitions": [{"event": "incomingMessage", "next": "route"}, {"event": "timeout"}, {"event": "deliveryFailure"}], "properties": {"from": "{{flow.channel.address}}", "body": "Reply 1 or 2", "timeout": "3600", "offset": {"x": 0, "y": 200}}},
    {"name": "route", "type": "split-based-on", "transitions": [{"event": "noMatch"}, {"event": "match", "next": "thanks", "conditions": [{"friendly_name": "If value equal_to 1", "arguments": ["{{widgets.ask.inbound.Body}}"], "type": "equal_to", "value": "1"}]}], "properties": {"input": "{{widgets.ask.inbound.Body}}", "offset": {"x": 0, "y": 400}}},
    {"name": "thanks", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "You said {{widgets.ask.inbound.Body}}", "offset": {"x": 0, "y": 600}}},
    {"name": "greet", "type": "say-play", "transitions": [{"event": "audioComplete", "next": "menu"}], "properties": {"say": "Hello", "loop": 1, "offset": {"x": 400, "y": 200}}},
    {"name": "menu", "type": "gather-input-on-call", "transitions": [{"event": "keypress"}, {"event": "speech"}, {"event": "timeout"}], "properties": {"say": "Press a key", "timeout": 5, "number_of_digits": 1, "offset": {"x": 400, "y": 400}}}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}`

// edit is one change to the base flow, addressed by JSON pointer.
type edit struct {
	op    string // "set", "delete" or "append"
	ptr   string
	value string // JSON
}

func set(ptr, value string) edit      { return edit{"set", ptr, value} }
func del(ptr string) edit             { return edit{"delete", ptr, ""} }
func appendTo(ptr, value string) edit { return edit{"append", ptr, value} }

// connectFromMenu wires the gather's keypress to a widget appended as
// state 6, so that it is reachable.
func connectFromMenu(name string) edit {
	return set("/states/5/transitions/0/next", strconv.Quote(name))
}

func mustValue(t *testing.T, js string) any {
	t.Helper()
	v, err := model.ParseValue([]byte(js))
	if err != nil {
		t.Fatalf("test JSON %s: %v", js, err)
	}
	return v
}

func applyEdits(t *testing.T, edits ...edit) *model.Flow {
	t.Helper()
	root := mustValue(t, baseFlow).(*model.Object)
	for _, e := range edits {
		toks := strings.Split(strings.TrimPrefix(e.ptr, "/"), "/")
		parent := any(root)
		for _, tok := range toks[:len(toks)-1] {
			parent = child(t, parent, tok)
		}
		last := toks[len(toks)-1]
		switch e.op {
		case "set":
			switch p := parent.(type) {
			case *model.Object:
				p.Set(last, mustValue(t, e.value))
			case []any:
				i, _ := strconv.Atoi(last)
				p[i] = mustValue(t, e.value)
			}
		case "delete":
			parent.(*model.Object).Delete(last)
		case "append":
			obj := parent.(*model.Object)
			list, _ := obj.Get(last)
			obj.Set(last, append(list.([]any), mustValue(t, e.value)))
		}
	}
	f, err := model.FromObject(root)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func child(t *testing.T, v any, tok string) any {
	switch p := v.(type) {
	case *model.Object:
		c, ok := p.Get(tok)
		if !ok {
			t.Fatalf("no member %s", tok)
		}
		return c
	case []any:
		i, err := strconv.Atoi(tok)
		if err != nil || i >= len(p) {
			t.Fatalf("bad index %s", tok)
		}
		return p[i]
	}
	t.Fatalf("cannot descend into %T at %s", v, tok)
	return nil
}

func TestBaseFlowIsClean(t *testing.T) {
	if d := newTestValidator(t).ValidateFlow(applyEdits(t)); len(d) != 0 {
		t.Fatalf("base flow:\n%s", formatDiags(d))
	}
}

func TestRules(t *testing.T) {
	v := newTestValidator(t)
	cases := []struct {
		name  string
		edits []edit
		want  []expectedFinding
	}{
		{"initial_state names a missing widget", []edit{set("/initial_state", `"Start"`)},
			[]expectedFinding{{Error, RuleInitial, "", "/initial_state", `initial_state names "Start", but no widget has that name`}}},
		{"initial_state names a widget that is not the trigger", []edit{set("/initial_state", `"greet"`)},
			[]expectedFinding{{Error, RuleInitial, "", "/initial_state", `must name the Trigger, but "greet" is a Say/Play widget`}}},
		{"initial_state missing", []edit{del("/initial_state")},
			[]expectedFinding{{Error, RuleFlow, "", "/initial_state", `the flow definition has no "initial_state"`}}},
		{"$schema of another kind", []edit{set("/$schema", `"https://example.com/other"`)},
			[]expectedFinding{{Error, RuleFlow, "", "/$schema", `$schema must be "https://schemas.twilio.com/studio/draft/2019-09/flow-definition", but it is text ("https://example.com/other")`}}},
		{"description not text", []edit{set("/description", "7")},
			[]expectedFinding{{Error, RuleFlow, "", "/description", "description must be text, but it is the number 7"}}},
		{"transition that is not an object", []edit{set("/states/3/transitions/1", `"oops"`)},
			[]expectedFinding{{Error, RuleSchema, "thanks", "/states/3/transitions/1", `transition 2 must be an object with an event, but it is text ("oops")`}}},
		{"whole number given as a fraction", []edit{set("/states/4/properties/loop", "1.5")},
			[]expectedFinding{{Error, RuleSchema, "greet", "/states/4/properties/loop", "loop must be a whole number, but it is the number 1.5"}}},
		{"initial_state empty", []edit{set("/initial_state", `""`)},
			[]expectedFinding{{Error, RuleFlow, "", "/initial_state", `initial_state cannot be empty`}}},
		{"flags without allow_concurrent_calls", []edit{set("/flags", `{}`)},
			[]expectedFinding{{Error, RuleFlow, "", "/flags/allow_concurrent_calls", `allow_concurrent_calls of flags is required`}}},
		{"allow_concurrent_calls not a boolean", []edit{set("/flags/allow_concurrent_calls", `"yes"`)},
			[]expectedFinding{{Error, RuleFlow, "", "/flags/allow_concurrent_calls", `allow_concurrent_calls of flags must be true or false, but it is text ("yes")`}}},
		{"no trigger", []edit{set("/states/0/type", `"set-variables"`), set("/states/0/transitions", `[{"event": "next", "next": "ask"}]`)},
			[]expectedFinding{
				{Error, RuleTrigger, "", "/states", "the flow has no Trigger widget"},
				{Error, RuleInitial, "", "/initial_state", `initial_state must name the Trigger, but "Trigger" is a Set Variables widget`},
			}},
		{"two triggers", []edit{appendTo("/states", `{"name": "Trigger2", "type": "trigger", "transitions": [{"event": "incomingMessage"}], "properties": {"offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Error, RuleTrigger, "Trigger2", "/states/6", `a flow has exactly one Trigger, and "Trigger" is already one`}}},
		{"unconnected trigger", []edit{set("/states/0/transitions", `[{"event": "incomingMessage"}]`)},
			[]expectedFinding{
				{Warning, RuleTrigger, "Trigger", "/states/0/transitions", "the Trigger is not connected"},
				{Warning, RuleUnreachable, "ask", "/states/1", "no path from the Trigger"},
				{Warning, RuleUnreachable, "route", "/states/2", "no path from the Trigger"},
				{Warning, RuleUnreachable, "thanks", "/states/3", "no path from the Trigger"},
				{Warning, RuleUnreachable, "greet", "/states/4", "no path from the Trigger"},
				{Warning, RuleUnreachable, "menu", "/states/5", "no path from the Trigger"},
			}},
		{"trigger with an event of its own", []edit{appendTo("/states/0/transitions", `{"event": "incomingEmail"}`)},
			[]expectedFinding{{Error, RuleSchema, "Trigger", "/states/0/transitions/3/event", `"incomingEmail" is not an event of this widget; its events are incomingMessage, incomingCall, incomingConversationMessage, incomingRequest, incomingParent`}}},
		{"name with a space", []edit{set("/states/5/name", `"main menu"`), set("/states/4/transitions/0/next", `"main menu"`)},
			[]expectedFinding{{Error, RuleName, "main menu", "/states/5/name", "cannot contain spaces"}}},
		{"name starting with a digit", []edit{set("/states/5/name", `"1menu"`), set("/states/4/transitions/0/next", `"1menu"`)},
			[]expectedFinding{{Error, RuleName, "1menu", "/states/5/name", "must start with a letter"}}},
		{"name missing", []edit{del("/states/3/name")},
			[]expectedFinding{
				{Error, RuleNext, "route", "/states/2/transitions/1/next", `leads to "thanks", but no widget has that name`},
				{Warning, RuleUnreachable, "", "/states/3", "no path from the Trigger"},
				{Error, RuleSchema, "", "/states/3/name", `the widget has no "name"`},
			}},
		{"duplicate name", []edit{set("/states/3/name", `"route"`), set("/states/2/transitions/1/next", `"greet"`)},
			[]expectedFinding{
				{Warning, RuleUnreachable, "route", "/states/3", "no path from the Trigger"},
				{Error, RuleName, "route", "/states/3/name", `another widget (number 3, a Split Based On...) is already named "route"`},
				// The split, reached from Incoming Message, now leads to the voice widgets too.
				{Warning, RuleEntry, "greet", "/states/4", "Say/Play acts on a call, but an execution started by Incoming Message has no call to act on"},
				{Warning, RuleEntry, "menu", "/states/5", "Gather Input On Call acts on a call"},
			}},
		{"next to a missing widget", []edit{set("/states/3/transitions/0/next", `"nowhere"`)},
			[]expectedFinding{{Error, RuleNext, "thanks", "/states/3/transitions/0/next", `transition 1 leads to "nowhere", but no widget has that name`}}},
		{"event the type does not have", []edit{set("/states/3/transitions/1/event", `"delivered"`)},
			[]expectedFinding{{Error, RuleSchema, "thanks", "/states/3/transitions/1/event", `"delivered" is not an event of this widget; its events are sent, failed`}}},
		{"event the split does not have", []edit{set("/states/2/transitions/0/event", `"otherwise"`)},
			[]expectedFinding{{Error, RuleSchema, "route", "/states/2/transitions/0/event", `"otherwise" is not an event of this widget; its events are noMatch, match`}}},
		{"event twice", []edit{appendTo("/states/3/transitions", `{"event": "sent"}`)},
			[]expectedFinding{{Error, RuleEvent, "thanks", "/states/3/transitions/2/event", `the event "sent" already has a transition (transition 1)`}}},
		{"match without conditions", []edit{del("/states/2/transitions/1/conditions")},
			[]expectedFinding{{Error, RuleConditions, "route", "/states/2/transitions/1/conditions", "transition 2 (Condition Matches) needs at least one condition"}}},
		{"condition of an unknown kind", []edit{set("/states/2/transitions/1/conditions/0/type", `"equals"`)},
			[]expectedFinding{{Error, RuleConditions, "route", "/states/2/transitions/1/conditions/0/type", `type of condition 1 of the 'If value equal_to 1' branch must be one of "contains", "does_not_contain"`}}},
		{"condition with an empty argument", []edit{set("/states/2/transitions/1/conditions/0/arguments/0", `""`)},
			[]expectedFinding{{Error, RuleConditions, "route", "/states/2/transitions/1/conditions/0/arguments/0", "argument 1 of condition 1 of the 'If value equal_to 1' branch is empty"}}},
		{"condition without arguments", []edit{set("/states/2/transitions/1/conditions/0/arguments", `[]`)},
			[]expectedFinding{{Error, RuleConditions, "route", "/states/2/transitions/1/conditions/0/arguments", "arguments of condition 1 of the 'If value equal_to 1' branch needs at least one entry"}}},
		{"conditions spelled as the schema does", []edit{
			set("/states/2/transitions/1/condition", `[{"friendly_name": "x", "arguments": ["1"], "type": "equal_to", "value": "1"}]`),
			del("/states/2/transitions/1/conditions")},
			[]expectedFinding{
				{Warning, RuleConditions, "route", "/states/2/transitions/1/condition", `Studio reads "conditions" (plural)`},
				{Error, RuleConditions, "route", "/states/2/transitions/1/conditions", "needs at least one condition"},
			}},
		{"Liquid syntax error", []edit{set("/states/3/properties/body", `"{% if widgets.ask.inbound.Body %}Hello VIP"`)},
			[]expectedFinding{{Error, RuleLiquid, "thanks", "/states/3/properties/body", `Liquid error in body: unterminated "if" block`}}},
		{"Liquid syntax error in a condition argument", []edit{set("/states/2/transitions/1/conditions/0/arguments/0", `"{{ widgets.ask.inbound.Body }}{% endif %}"`)},
			[]expectedFinding{{Error, RuleLiquid, "route", "/states/2/transitions/1/conditions/0/arguments/0", "Liquid error in argument 1 of condition 1 of the 'If value equal_to 1' branch"}}},
		{"unclosed output", []edit{set("/states/3/properties/body", `"Hi {{contact.channel.address"`)},
			[]expectedFinding{{Warning, RuleLiquid, "thanks", "/states/3/properties/body", "has a {{ with no closing }}"}}},
		{"reference to a missing widget", []edit{set("/states/3/properties/body", `"You said {{widgets.nobody.inbound.Body}}"`)},
			[]expectedFinding{{Warning, RuleReference, "thanks", "/states/3/properties/body", "body refers to widgets.nobody, but no widget has that name"}}},
		{"reference to a widget that runs later or elsewhere", []edit{set("/states/5/properties/say", `"You said {{widgets.thanks.body}}"`)},
			[]expectedFinding{{Warning, RuleReference, "menu", "/states/5/properties/say", "say refers to widgets.thanks, but no path leads from thanks to this widget"}}},
		{"reference to the widget itself", []edit{set("/states/5/properties/say", `"You pressed {{widgets.menu.Digits}}"`)},
			[]expectedFinding{{Warning, RuleReference, "menu", "/states/5/properties/say", "say refers to widgets.menu, but that is this widget's own output"}}},
		{"trigger data of an event that does not lead here", []edit{set("/states/3/properties/body", `"Your call came from {{trigger.call.From}}"`)},
			[]expectedFinding{{Warning, RuleReference, "thanks", "/states/3/properties/body", "body refers to trigger.call, but only executions started by the trigger's Incoming Call (or its Subflow, from a parent flow) fill it, and no path from there leads to this widget"}}},
		{"trigger data of the event that leads here is fine", []edit{set("/states/3/properties/body", `"{{trigger.message.Body}} from {{ trigger.message.From | upcase }}"`)},
			nil},
		{"a subflow start fills every trigger namespace from its parent", []edit{set("/states/3/properties/body", `"{{trigger.call.From}}"`), set("/states/0/transitions/2", `{"event": "incomingParent", "next": "thanks"}`)},
			nil},
		{"a namespace no trigger event fills", []edit{set("/states/3/properties/body", `"{% if trigger.sms.Body %}x{% endif %}"`)},
			[]expectedFinding{{Warning, RuleReference, "thanks", "/states/3/properties/body", "body refers to trigger.sms, but no trigger event fills trigger.sms (Studio fills trigger.message, trigger.call, trigger.conversation, trigger.request, trigger.parent)"}}},
		{"flow.data where no REST API execution leads", []edit{set("/states/3/properties/body", `"Hi {{flow.data.name}} and {{flow.data.name}}"`)},
			[]expectedFinding{{Warning, RuleReference, "thanks", "/states/3/properties/body", "body refers to flow.data, but only executions started by the trigger's REST API fill it"}}},
		{"flow.data where the REST API leads", []edit{set("/states/3/properties/body", `"Hi {{flow.data.name}}"`), set("/states/0/transitions/2/next", `"thanks"`)},
			nil},
		{"a flow variable nothing sets", []edit{set("/states/3/properties/body", `"Hi {{flow.variables.name}}"`)},
			[]expectedFinding{{Warning, RuleReference, "thanks", "/states/3/properties/body", "body refers to flow.variables.name, but no Set Variables widget sets name, so it will be empty"}}},
		{"a flow variable set only elsewhere", []edit{set("/states/3/properties/body", `"Hi {{flow.variables.name}}"`), connectFromMenu("keep"),
			appendTo("/states", `{"name": "keep", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"variables": [{"key": "name", "value": "Ann"}], "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleReference, "thanks", "/states/3/properties/body", "body refers to flow.variables.name, but no Set Variables widget that sets name runs before this widget"}}},
		{"a flow variable set upstream, and a setter reading its own old value", []edit{set("/states/3/properties/body", `"Hi {{flow.variables.name}}"`),
			set("/states/2/transitions/1/next", `"keep"`),
			appendTo("/states", `{"name": "keep", "type": "set-variables", "transitions": [{"event": "next", "next": "thanks"}], "properties": {"variables": [{"key": "name", "value": "{{flow.variables.name | default: 'Ann'}}"}], "offset": {"x": 0, "y": 0}}}`)},
			nil},
		{"Studio's Chat defaults read nothing outside Chat, by design", []edit{connectFromMenu("sms"),
			appendTo("/states", `{"name": "sms", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Hi", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "offset": {"x": 0, "y": 0}}}`)},
			nil},
		{"trigger data in a widget nothing reaches is left to the unreachable finding", []edit{
			appendTo("/states", `{"name": "lost", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "{{trigger.message.Body}} {{flow.data.x}}", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleUnreachable, "lost", "/states/6", "no path from the Trigger leads to this widget"}}},
		{"a Set Variables pair reading what a later pair of its widget sets", []edit{connectFromMenu("vars"),
			appendTo("/states", `{"name": "vars", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"variables": [{"key": "a", "value": "{{flow.variables.b}}"}, {"key": "b", "value": "x"}], "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleReference, "vars", "/states/6/properties/variables/0/value", "refers to flow.variables.b, but no Set Variables widget that sets b runs before this widget"}}},
		{"a condition's label is never rendered", []edit{set("/states/2/transitions/1/conditions/0/friendly_name", `"If {{trigger.call.From}} is {% if %}"`)},
			nil},
		{"Studio's Chat default with blanks of its own", []edit{connectFromMenu("sms"),
			appendTo("/states", `{"name": "sms", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Hi", "channel": "{{ trigger.message.ChannelSid }}", "offset": {"x": 0, "y": 0}}}`)},
			nil},
		{"a new split's default input names a widget the flow lacks: reported once, at the input", []edit{connectFromMenu("split_1"),
			appendTo("/states", `{"name": "split_1", "type": "split-based-on", "transitions": [{"event": "noMatch"}, {"event": "match", "conditions": [{"friendly_name": "If value equal_to 1", "arguments": ["{{widgets.gather_1.Digits}}"], "type": "equal_to", "value": "1"}]}], "properties": {"input": "{{widgets.gather_1.Digits}}", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleReference, "split_1", "/states/6/properties/input", "input refers to widgets.gather_1, but no widget has that name"}}},
		{"reference to itself on a loop is fine", []edit{set("/states/5/properties/say", `"You pressed {{widgets.menu.Digits}}"`), connectFromMenu("menu")},
			nil},
		{"unreachable widget", []edit{del("/states/4/transitions/0/next")},
			[]expectedFinding{{Warning, RuleUnreachable, "menu", "/states/5", "no path from the Trigger leads to this widget"}}},
		{"send and wait reachable from a call", []edit{connectFromMenu("ask")},
			[]expectedFinding{{Error, RuleCallReply, "ask", "/states/1", "reachable from the Trigger's Incoming Call while the flow allows concurrent calls"}}},
		{"send and wait on a call without concurrent calls", []edit{connectFromMenu("ask"), set("/flags/allow_concurrent_calls", "false")},
			nil},
		{"end-of-life type", []edit{connectFromMenu("va"),
			appendTo("/states", `{"name": "va", "type": "connect-virtual-agent", "transitions": [{"event": "return"}, {"event": "hangup"}], "properties": {"connector": "cx", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleType, "va", "/states/6/type", "Connect Virtual Agent (v1) has reached end of life"}}},
		{"unknown type is kept", []edit{connectFromMenu("mystery"),
			appendTo("/states", `{"name": "mystery", "type": "teleport", "transitions": [{"event": "arrived", "next": "thanks"}], "properties": {"offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleType, "mystery", "/states/6/type", `"teleport" is not a widget type Studio or Studioflow knows`}}},
		{"unknown type still gets graph rules", []edit{connectFromMenu("mystery"),
			appendTo("/states", `{"name": "mystery", "type": "teleport", "transitions": [{"event": "arrived", "next": "gone"}, {"next": "thanks"}], "properties": {}}`)},
			[]expectedFinding{
				{Warning, RuleType, "mystery", "/states/6/type", `"teleport" is not a widget type`},
				{Error, RuleNext, "mystery", "/states/6/transitions/0/next", `leads to "gone"`},
				{Error, RuleEvent, "mystery", "/states/6/transitions/1/event", "transition 2 has no event"},
			}},
		{"legacy type nothing is known about", []edit{connectFromMenu("task"),
			appendTo("/states", `{"name": "task", "type": "create-task", "transitions": [{"event": "whatever"}], "properties": {"anything": 1}}`)},
			[]expectedFinding{{Warning, RuleType, "task", "/states/6/type", "Create Task is a legacy widget Studio no longer offers and nothing public describes"}}},
		{"type missing", []edit{del("/states/3/type")},
			[]expectedFinding{{Error, RuleType, "thanks", "/states/3/type", `the widget has no "type"`}}},
		{"integer given as text", []edit{set("/states/5/properties/timeout", `"5"`)},
			[]expectedFinding{{Error, RuleSchema, "menu", "/states/5/properties/timeout", `timeout must be a whole number, but it is text ("5")`}}},
		{"integer out of range", []edit{connectFromMenu("pay"),
			appendTo("/states", `{"name": "pay", "type": "capture-payments", "transitions": [{"event": "success"}], "properties": {"timeout": 60, "max_attempts": 2, "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Error, RuleSchema, "pay", "/states/6/properties/timeout", "timeout must be a whole number between 1 and 30, but it is the number 60"}}},
		{"text or number, given neither", []edit{set("/states/1/properties/timeout", "true")},
			[]expectedFinding{{Error, RuleSchema, "ask", "/states/1/properties/timeout", "timeout must be text or a whole number, but it is true"}}},
		{"say and play both", []edit{set("/states/4/properties/play", `"https://example.com/a.mp3"`)},
			[]expectedFinding{{Error, RuleSchema, "greet", "/states/4/properties", `use only one of "say", "play" or "digits", not several`}}},
		{"a gather that neither says nor plays only listens (Studio saves and runs it)", []edit{del("/states/5/properties/say")},
			[]expectedFinding{{Warning, RuleSchema, "menu", "/states/5/properties", `neither "say" nor "play" is set, so the caller hears nothing from this widget: it only listens, for up to 5 seconds`}}},
		{"a listening gather with its own timeout", []edit{del("/states/5/properties/say"), set("/states/5/properties/timeout", "12")},
			[]expectedFinding{{Warning, RuleSchema, "menu", "/states/5/properties", "for up to 12 seconds, for keys ("}}},
		{"a listening gather with speech wired listens for speech too", []edit{connectFromMenu("x"), del("/states/5/properties/say"),
			set("/states/5/transitions/1/next", `"x"`),
			appendTo("/states", `{"name": "x", "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "ok", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleSchema, "menu", "/states/5/properties", "for up to 5 seconds, for keys or speech"}}},
		{"a say-play that neither says, plays nor sends digits", []edit{del("/states/4/properties/say")},
			[]expectedFinding{{Error, RuleSchema, "greet", "/states/4/properties", `set "say", "play" or "digits"`}}},
		{"required property missing", []edit{del("/states/3/properties/from")},
			[]expectedFinding{{Error, RuleSchema, "thanks", "/states/3/properties/from", "from is required"}}},
		{"properties missing", []edit{del("/states/3/properties")},
			[]expectedFinding{{Error, RuleSchema, "thanks", "/states/3/properties", `the widget has no "properties"`}}},
		{"value outside an enum", []edit{connectFromMenu("dial"),
			appendTo("/states", `{"name": "dial", "type": "connect-call-to", "transitions": [{"event": "callCompleted"}], "properties": {"noun": "phone", "to": "+15550100", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Error, RuleSchema, "dial", "/states/6/properties/noun", `noun must be one of "client", "conference", "number", "number-multi", "sim" or "sip", but it is text ("phone")`}}},
		{"next that is not text", []edit{set("/states/4/transitions/0/next", "5")},
			[]expectedFinding{
				{Error, RuleSchema, "greet", "/states/4/transitions/0/next", "next of the 'Audio Complete' transition must be text or empty (null), but it is the number 5"},
				{Warning, RuleUnreachable, "menu", "/states/5", "no path"},
			}},
		{"next null on a split (seed 001 style)", []edit{set("/states/2/transitions/0/next", "null")},
			nil},
		{"offset that is not a position", []edit{set("/states/4/properties/offset", `{"x": "left", "y": 3}`)},
			[]expectedFinding{{Warning, RuleOffset, "greet", "/states/4/properties/offset/x", `x of offset must be a number, but it is text ("left")`}}},
		{"set-variables entry without a value", []edit{connectFromMenu("vars"),
			appendTo("/states", `{"name": "vars", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"variables": [{"key": "a"}], "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleVariables, "vars", "/states/6/properties/variables/0/value", "value of variable 1 is required"}}},
		{"a Set Variables pair reading what an earlier pair sets", []edit{connectFromMenu("vars"),
			appendTo("/states", `{"name": "vars", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"variables": [{"key": "a", "value": "1"}, {"key": "b", "value": "[{{flow.variables.a}}]"}, {"key": "a", "value": "{{flow.variables.a | plus: 1}}"}], "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Warning, RuleReference, "vars", "/states/6/properties/variables/1/value", "the value of b refers to flow.variables.a, which pair 1 of this widget sets only when the widget ends (Studio sets variables at the end of a step): here it still holds its value from before this widget"},
				{Warning, RuleReference, "vars", "/states/6/properties/variables/2/value", "the value of a refers to flow.variables.a, which pair 1 of this widget sets only when the widget ends (Studio sets variables at the end of a step): here it still holds its value from before this widget"}}},
		{"the counter idiom: a pair reads the old value of its own key", []edit{connectFromMenu("vars"),
			appendTo("/states", `{"name": "vars", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"variables": [{"key": "count", "value": "{{flow.variables.count | plus: 1}}"}, {"key": "label", "value": "x"}], "offset": {"x": 0, "y": 0}}}`)},
			nil},
		{"subflow SID written with Liquid", []edit{connectFromMenu("sub"),
			appendTo("/states", `{"name": "sub", "type": "run-subflow", "transitions": [{"event": "completed"}, {"event": "failed"}], "properties": {"flow_sid": "{{contact.channel.address}}", "flow_revision": "LatestPublished", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Error, RuleSchema, "sub", "/states/6/properties/flow_sid", "flow_sid must be a Flow SID written out (FW followed by 32 hexadecimal digits; Liquid is not allowed here)"}}},
		{"one subflow run at two revisions", []edit{connectFromMenu("sub1"),
			appendTo("/states", `{"name": "sub1", "type": "run-subflow", "transitions": [{"event": "completed", "next": "sub2"}, {"event": "failed"}], "properties": {"flow_sid": "FW0123456789abcdef0123456789abcdef", "flow_revision": "LatestPublished", "offset": {"x": 0, "y": 0}}}`),
			appendTo("/states", `{"name": "sub2", "type": "run-subflow", "transitions": [{"event": "completed"}, {"event": "failed"}], "properties": {"flow_sid": "FW0123456789abcdef0123456789abcdef", "flow_revision": "3", "offset": {"x": 0, "y": 0}}}`)},
			[]expectedFinding{{Error, RuleSubflows, "sub2", "/states/7/properties/flow_revision", `runs revision "3" of subflow FW0123456789abcdef0123456789abcdef, but "sub1" runs revision "LatestPublished"`}}},
		{"look-up-profile is not in the flow schema's enum but is valid", []edit{connectFromMenu("lookup"),
			appendTo("/states", `{"name": "lookup", "type": "look-up-profile", "transitions": [{"event": "profileFound"}, {"event": "noProfileFound"}, {"event": "failed"}], "properties": {"contact_identifier_value": "{{contact.channel.address}}", "offset": {"x": 0, "y": 0}}}`)},
			nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := v.ValidateFlow(applyEdits(t, tc.edits...))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tc.want), formatDiags(got))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Severity != w.severity || g.Rule != w.rule || g.Widget != w.widget || g.Path != w.path || !strings.Contains(g.Message, w.contains) {
					t.Errorf("finding %d:\n got %s %s %q %s: %s\nwant %s %s %q %s: …%s…", i, g.Severity, g.Rule, g.Widget, g.Path, g.Message, w.severity, w.rule, w.widget, w.path, w.contains)
				}
				assertPlainWords(t, g.Message)
			}
		})
	}
}

// assertPlainWords rejects raw validator output in a message.
func assertPlainWords(t *testing.T, msg string) {
	t.Helper()
	for _, raw := range []string{"validate with", "allOf", "anyOf", "oneOf", "#/", "$ref", "jsonschema"} {
		if strings.Contains(msg, raw) {
			t.Errorf("message %q contains %q", msg, raw)
		}
	}
}

func TestWidgetLimit(t *testing.T) {
	v := newTestValidator(t)
	over := v.ValidateFlow(generatedFlow(t, MaxWidgets+1))
	if len(over) != 1 || over[0].Severity != Error || over[0].Rule != RuleWidgetLimit || !strings.Contains(over[0].Message, "2001 widgets, but Studio allows at most 2000") {
		t.Errorf("2001 widgets:\n%s", formatDiags(over))
	}
	between := v.ValidateFlow(generatedFlow(t, 1001))
	if len(between) != 1 || between[0].Severity != Warning || !strings.Contains(between[0].Message, "published flow schema allows only 1000") {
		t.Errorf("1001 widgets:\n%s", formatDiags(between))
	}
	if d := v.ValidateFlow(generatedFlow(t, 1000)); len(d) != 0 {
		t.Errorf("1000 widgets:\n%s", formatDiags(d))
	}
}

// brokenFlow has something wrong in every widget, for the tests that
// compare ways of validating.
func brokenFlow(t *testing.T) *model.Flow {
	return applyEdits(t,
		set("/states/1/properties/timeout", "true"),
		set("/states/2/transitions/1/conditions/0/type", `"equals"`),
		set("/states/3/properties/body", `"{% if x %}"`),
		set("/states/3/transitions/1/event", `"delivered"`),
		set("/states/4/properties/play", `"a.mp3"`),
		set("/states/5/properties/timeout", `"5"`),
		set("/states/5/properties/say", `"{{widgets.thanks.body}}"`),
		connectFromMenu("ask"),
	)
}

func TestSubflowLimits(t *testing.T) {
	var edits []edit
	for i := 0; i < 151; i++ {
		name := "sub_" + strconv.Itoa(i)
		from := "/states/" + strconv.Itoa(5+i) + "/transitions/0/next"
		edits = append(edits, set(from, strconv.Quote(name)),
			appendTo("/states", `{"name": "`+name+`", "type": "run-subflow", "transitions": [{"event": "completed"}, {"event": "failed"}], "properties": {"flow_sid": "FW0123456789abcdef0123456789abc`+strconv.FormatInt(int64(1000+i), 16)+`", "flow_revision": "LatestPublished"}}`))
	}
	got := newTestValidator(t).ValidateFlow(applyEdits(t, edits...))
	if len(got) != 2 || !strings.Contains(got[0].Message, "151 Run Subflow widgets, but Studio allows at most 150") ||
		!strings.Contains(got[1].Message, "151 different subflows, but Studio allows at most 50") {
		t.Errorf("151 subflows:\n%s", formatDiags(got))
	}
}

// A flow without a trigger gets that one finding, not one more per
// reference to trigger data.
func TestNoTriggerIsNotReportedAtEachReference(t *testing.T) {
	f := applyEdits(t, set("/states/0/type", `"say-play"`), set("/states/3/properties/body", `"{{trigger.message.Body}} {{flow.data.x}}"`))
	var trigger int
	for _, d := range newTestValidator(t).ValidateFlow(f) {
		switch d.Rule {
		case RuleReference:
			t.Errorf("a reference finding: %+v", d)
		case RuleTrigger:
			trigger++
		}
	}
	if trigger != 1 {
		t.Errorf("%d trigger findings, want 1", trigger)
	}
}

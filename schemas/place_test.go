package schemas

import (
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// Problems say where in the user's terms: a split's branch by its friendly
// name, a transition by its label, list items by number.
func TestPlaceWordsALocationInTheUsersTerms(t *testing.T) {
	cat := loadCatalog(t)
	f, err := model.Parse([]byte(`{"description": "d", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
	  {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "route"}], "properties": {"offset": {"x": 0, "y": 0}}},
	  {"name": "route", "type": "split-based-on", "properties": {"input": "{{trigger.message.Body}}", "offset": {"x": 0, "y": 200}},
	   "transitions": [{"event": "noMatch"}, {"event": "match", "conditions": [{"friendly_name": "help", "arguments": [""], "type": "equal_to", "value": "help"}]}]},
	  {"name": "call", "type": "make-http-request", "properties": {"method": "POST", "url": "https://example.com", "parameters": [{"key": "a", "value": "b"}], "offset": {"x": 0, "y": 400}},
	   "transitions": [{"event": "success"}, {"event": "failed"}]}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Widget: "route", Path: "/states/1/transitions/1/conditions/0/arguments/0"}, "argument 1 of condition 1 of the 'help' branch"},
		{Diagnostic{Widget: "route", Path: "/states/1/transitions/0/next"}, "next of the 'No Condition Matches' transition"},
		{Diagnostic{Widget: "call", Path: "/states/2/properties/parameters/0/key"}, "key of parameter 1"},
		{Diagnostic{Widget: "call", Path: "/states/2/properties/url"}, "url"},
		{Diagnostic{Widget: "call", Path: "/states/2"}, ""},
		{Diagnostic{Path: "/flags/allow_concurrent_calls"}, ""},
	} {
		if got := cat.Place(f, c.d); got != c.want {
			t.Errorf("%s: %q, want %q", c.d.Path, got, c.want)
		}
	}
	v, err := NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range v.ValidateFlow(f) {
		if d.Path == "/states/1/transitions/1/conditions/0/arguments/0" && d.Rule == RuleConditions {
			found = true
			if want := "argument 1 of condition 1 of the 'help' branch is empty"; !strings.Contains(d.Message, want) {
				t.Errorf("message %q does not say %q", d.Message, want)
			}
		}
	}
	if !found {
		t.Error("no finding about the empty argument")
	}
}

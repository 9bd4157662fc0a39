package scenario

import (
	"strings"
	"testing"

	"github.com/studioflow/studioflow/engine/split"
	"github.com/studioflow/studioflow/model"
)

func TestSolveFindsATextEachConditionHolds(t *testing.T) {
	for _, conds := range [][]condition{
		{{typ: "equal_to", value: "2"}},
		{{typ: "matches_any_of", value: "yes, y, yeah"}},
		{{typ: "regex", value: `^\d{5}$`}},
		{{typ: "regex", value: `(sales|support)\s+please`}},
		{{typ: "regex", value: `[A-Z]{2}-[0-9]+`}},
		{{typ: "greater_than", value: "5"}, {typ: "less_than", value: "10"}},
		{{typ: "greater_than", value: "1.5"}, {typ: "less_than", value: "1.7"}},
		{{typ: "less_than", value: "0"}},
		{{typ: "not_equal_to", value: "0"}},
		{{typ: "does_not_match_any_of", value: "zz,0,9"}},
		{{typ: "is_blank"}},
		{{typ: "is_not_blank"}},
		{{typ: "contains", value: "help"}, {typ: "starts_with", value: "help"}},
		{{typ: "is_before_time", value: "09:00"}},
		{{typ: "is_after_date", value: "2024-12-31"}},
	} {
		got, why := solve(conds)
		if why != "" {
			t.Errorf("%v: no text: %s", conds, why)
			continue
		}
		for _, c := range conds {
			if ok, err := split.Match(c.typ, got, c.value); err != nil || !ok {
				t.Errorf("%v: %q does not satisfy %s %q", conds, got, c.typ, c.value)
			}
		}
	}
}

func TestSolveSaysWhyNoTextFits(t *testing.T) {
	for _, tc := range []struct {
		conds []condition
		want  string
	}{
		{[]condition{{typ: "greater_than", value: "10"}, {typ: "less_than", value: "5"}}, "no text satisfies all of its conditions"},
		{[]condition{{typ: "equal_to", value: "{{flow.variables.x}}"}}, "is a template"},
		{[]condition{{typ: "regex", value: `a\bb`}}, "no text satisfies"},
		{[]condition{{typ: "less_than", value: "ten"}}, "is not a number"},
	} {
		if got, why := solve(tc.conds); !strings.Contains(why, tc.want) {
			t.Errorf("%v: got %q, reason %q; want a reason with %q", tc.conds, got, why, tc.want)
		}
	}
}

func TestSlotOfFollowsReferencesToWhatAScenarioChooses(t *testing.T) {
	f, err := model.Parse([]byte(`{"description":"t","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
	 {"name":"Trigger","type":"trigger","properties":{},"transitions":[]},
	 {"name":"menu","type":"gather-input-on-call","properties":{},"transitions":[]},
	 {"name":"ask","type":"send-and-wait-for-reply","properties":{},"transitions":[]},
	 {"name":"api","type":"make-http-request","properties":{},"transitions":[]},
	 {"name":"flex","type":"send-to-flex","properties":{},"transitions":[]},
	 {"name":"voicemail","type":"record-voicemail","properties":{},"transitions":[]},
	 {"name":"sub","type":"run-subflow","properties":{},"transitions":[]},
	 {"name":"keep","type":"set-variables","properties":{"variables":[{"key":"choice","value":"{{widgets.menu.Digits}}"}]},"transitions":[]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	kinds := newWidgetKinds(loadTestCatalog(t))
	for template, want := range map[string]slot{
		"{{widgets.menu.Digits}}":                    {kind: "press", widget: "menu"},
		"{{ widgets.menu.SpeechResult | downcase }}": {kind: "speech", widget: "menu"},
		"{{widgets.ask.inbound.Body}}":               {kind: "reply", widget: "ask"},
		"{{widgets.api.parsed.order.status}}":        {kind: "parsed", widget: "api", path: "order.status"},
		"{{widgets.flex.QueueSid}}":                  {kind: "outputs", widget: "flex", path: "QueueSid"},
		"{{trigger.message.Body}}":                   {kind: "body"},
		"{{flow.data.lang}}":                         {kind: "data", path: "lang"},
		"{{flow.variables.choice}}":                  {kind: "press", widget: "menu"},
		// Blanks beside a dot, as Studio's lax parser reads them.
		"{{widgets.api.parsed. order.status}}": {kind: "parsed", widget: "api", path: "order.status"},
		"{{ widgets .menu.Digits }}":           {kind: "press", widget: "menu"},
	} {
		got, why := slotOf(f, template, 0, kinds)
		if why != "" || got != want {
			t.Errorf("%s: %+v (%s), want %+v", template, got, why, want)
		}
	}
	for template, want := range map[string]string{
		"Hello {{widgets.menu.Digits}}": "not a single {{reference}}",
		"{{widgets.nope.Digits}}":       "not a widget of the flow",
		"{{trigger.call.From}}":         "a scenario does not choose",
		"{{flow.variables.unset}}":      "set to 0 different values",
		// The engine records a voicemail itself, and a subflow runs: their
		// outputs are no outcome's to choose.
		"{{widgets.voicemail.RecordingUrl}}": "a scenario does not choose",
		"{{widgets.sub.result}}":             "a scenario does not choose",
		"{{widgets.menu.Confidence}}":        "a scenario does not choose",
	} {
		if _, why := slotOf(f, template, 0, kinds); !strings.Contains(why, want) {
			t.Errorf("%s: reason %q, want %q", template, why, want)
		}
	}
}

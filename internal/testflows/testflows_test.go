package testflows

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// The fixtures have the shapes and findings their comments promise.
func TestFixturesAreWhatTheySay(t *testing.T) {
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	v, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	findings := map[string][]string{
		StandbyList: {`error Goodbye /states/12/transitions/0/next`},
		Horoscope: {
			`warning get_horoscope /states/4/properties/url`,
			`warning get_compatibility /states/5/properties/url`,
			`warning get_celebrity_match /states/9/properties/url`,
		},
		CallbackTemplate: {`warning create_callback /states/3/properties/url`},
		ChatbotHandoff: {
			`warning autopilot_1 /states/1/type`,
			`warning send_to_flex_2 /states/6`,
		},
	}
	names := Names()
	if len(names) != 10 {
		t.Fatalf("%d fixtures, want 10: %v", len(names), names)
	}
	for _, name := range names {
		data := Read(t, name)
		f, err := model.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if canonical := bytes.Equal(f.Marshal(), data); canonical != slices.Contains(Canonical, name) {
			t.Errorf("%s: canonical %v, want %v", name, canonical, !canonical)
		}
		var got []string
		for _, d := range v.ValidateFlow(f) {
			got = append(got, fmt.Sprintf("%s %s %s", d.Severity, d.Widget, d.Path))
		}
		if !slices.Equal(got, findings[name]) {
			t.Errorf("%s: findings %q, want %q", name, got, findings[name])
		}
	}
	if !bytes.Contains(Read(t, JokeLine), []byte("\n            \"name\": \"Welcome\"")) || !bytes.Contains(Read(t, JokeLine), []byte(`"next": null`)) {
		t.Error("JokeLine lost its four-space indent or its null nexts")
	}
	if !bytes.HasPrefix(Read(t, ChatbotHandoff), []byte("\n{")) {
		t.Error("ChatbotHandoff lost its leading blank line")
	}
	if !bytes.Contains(Read(t, CallbackTemplate), []byte(`"${WORKFLOW_SID}"`)) {
		t.Error("CallbackTemplate lost its placeholders")
	}
}

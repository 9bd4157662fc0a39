package schemas

import (
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// Issue 10, "the validator passes what the engine then fails": each flow
// below fails when it runs, and the validator must say so, naming the widget
// and the field. (Written against ValidateFlow alone, so it ran — and
// failed — before the catalog's requirements existed.)
func TestValidatorReportsWhatIssue10SawTheRunFail(t *testing.T) {
	v := newTestValidator(t)
	const sms = `{"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"w"}]}`
	for _, tc := range []struct {
		name, widget, path, says string
		severity                 Severity
	}{
		{"Send Message with an empty body",
			`{"name":"w","type":"send-message","properties":{"body":"","from":"{{flow.channel.address}}","to":"{{contact.channel.address}}"},"transitions":[{"event":"sent"},{"event":"failed"}]}`,
			"/states/1/properties/body", "21602", Warning},
		{"Send Message with its From cleared",
			`{"name":"w","type":"send-message","properties":{"body":"Hi","from":"","to":"{{contact.channel.address}}"},"transitions":[{"event":"sent"},{"event":"failed"}]}`,
			"/states/1/properties/from", "21603", Warning},
		{"Say/Play reachable only from Incoming Message",
			`{"name":"w","type":"say-play","properties":{"say":"Hello"},"transitions":[{"event":"audioComplete"},{"event":"hangup"}]}`,
			"/states/1", "no call to act on", Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := model.Parse([]byte(`{"description":"issue 10","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[` + sms + `,` + tc.widget + `]}`))
			if err != nil {
				t.Fatal(err)
			}
			diags := v.ValidateFlow(f)
			for _, d := range diags {
				if d.Widget == "w" && d.Path == tc.path && d.Severity == tc.severity && strings.Contains(d.Message, tc.says) {
					return
				}
			}
			t.Errorf("no %s at w %s saying %q; got:\n%s", tc.severity, tc.path, tc.says, formatDiags(diags))
		})
	}
}

package schemas

import (
	"fmt"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// A template remembered from one flow answers for another: its references
// are checked against the flow at hand, not the one it was first seen in.
func TestRememberedTemplateChecksReferencesPerFlow(t *testing.T) {
	v := newTestValidator(t)
	const say = `{% if widgets.ask.Digits %}You said {{widgets.ask.Digits}}{% endif %}`
	flow := func(askName string) *model.Flow {
		f, err := model.Parse([]byte(fmt.Sprintf(`{"description":"d","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
			{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage"},{"event":"incomingCall","next":%q},{"event":"incomingConversationMessage"},{"event":"incomingRequest"},{"event":"incomingParent"}],"properties":{"offset":{"x":0,"y":0}}},
			{"name":%q,"type":"gather-input-on-call","transitions":[{"event":"keypress","next":"tell"},{"event":"speech"},{"event":"timeout"}],"properties":{"say":"Press a key","offset":{"x":0,"y":200}}},
			{"name":"tell","type":"say-play","transitions":[{"event":"audioComplete"}],"properties":{"say":%q,"offset":{"x":0,"y":400}}}]}`, askName, askName, say)))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	references := func(f *model.Flow) []string {
		var out []string
		for _, d := range v.ValidateFlow(f) {
			if d.Rule == RuleReference {
				out = append(out, d.Path+": "+d.Message)
			}
		}
		return out
	}
	if got := references(flow("ask")); len(got) != 0 {
		t.Fatalf("the template's widget exists and leads to it: want no reference warning, got %q", got)
	}
	got := references(flow("question"))
	if len(got) != 1 || !strings.Contains(got[0], "/states/2/properties/say") || !strings.Contains(got[0], "widgets.ask, but no widget has that name") {
		t.Fatalf("the same template where no widget is named ask: want one warning on /states/2/properties/say, got %q", got)
	}
}

// The remembered templates are bounded.
func TestRememberedTemplatesAreBounded(t *testing.T) {
	c := newLiquidChecker()
	for i := range liquidTextLimit + 10 {
		s := fmt.Sprintf(`{%% if x %%}{{widgets.w%d.y}}{%% endif %%}`, i)
		if refs := c.text(s).refs; len(refs) != 1 || refs[0].Name != fmt.Sprintf("w%d", i) {
			t.Fatalf("%s: refs %q", s, refs)
		}
	}
	if n := len(c.texts); n > liquidTextLimit {
		t.Fatalf("%d texts remembered, limit %d", n, liquidTextLimit)
	}
}

// A few long templates fill the memo's byte budget before its count: it
// starts again rather than keep them all.
func TestRememberedTemplatesAreBoundedInBytes(t *testing.T) {
	c := newLiquidChecker()
	long := strings.Repeat("x", liquidMemoBytes/4)
	for i := range 9 {
		c.text(fmt.Sprintf(`{%% if x %%}%d%s{%% endif %%}`, i, long))
	}
	if c.textBytes > liquidMemoBytes || c.verdictBytes > liquidMemoBytes {
		t.Fatalf("kept %d bytes of texts and %d of verdict keys, budget %d each", c.textBytes, c.verdictBytes, liquidMemoBytes)
	}
	if n := len(c.texts); n == 0 || n > 4 {
		t.Fatalf("%d texts of a quarter of the budget each are kept, want 1 to 4", n)
	}
}

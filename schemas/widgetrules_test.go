package schemas

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// One entry per widget type: widgetTable holds each type once, and the
// catalog is exactly its entries.
func TestEveryCatalogTypeHasExactlyOneEntry(t *testing.T) {
	c := loadCatalog(t)
	seen := map[string]int{}
	for _, e := range widgetTable {
		seen[e.Type]++
	}
	for typ, n := range seen {
		if n != 1 {
			t.Errorf("widgetTable has %d entries for %s", n, typ)
		}
	}
	if got := len(c.Types()); got != len(seen) {
		t.Errorf("the catalog has %d types, widgetTable %d", got, len(seen))
	}
	// Each type carries its entry as written (Maturity filled from the
	// schema where the entry leaves it empty): nothing copies it field by
	// field, so nothing can be dropped on the way.
	for _, e := range widgetTable {
		w, ok := c.Lookup(e.Type)
		if !ok {
			t.Errorf("the catalog lacks %s", e.Type)
			continue
		}
		got := w.WidgetEntry
		if e.Maturity == "" {
			got.Maturity = ""
		}
		if !sameEntry(got, e) {
			t.Errorf("the catalog's %s is not its widgetTable entry:\n%+v\nwant\n%+v", e.Type, got, e)
		}
	}
}

// sameEntry compares two entries, their requirements by ID (a requirement's
// check is a function, which reflect.DeepEqual never finds equal).
func sameEntry(a, b WidgetEntry) bool {
	id := func(r Requirement) string { return r.ID }
	if !slices.Equal(sliceMap(a.requires, id), sliceMap(b.requires, id)) {
		return false
	}
	a.requires, b.requires = nil, nil
	return reflect.DeepEqual(a, b)
}

func sliceMap[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// schemaRequiredWithoutRequirement lists the properties a type's schema
// requires that no Requirement checks, and why: the engine does not use
// them (the widget's outcome is the caller's choice), so an empty one fails
// nothing it runs. The schema still reports them missing.
var schemaRequiredWithoutRequirement = map[string]string{
	"connect-call-to/noun":                     "the call leg is simulated: its outcome is chosen",
	"connect-virtual-agent/connector":          "another product: its outcome is chosen",
	"look-up-profile/contact_identifier_value": "another product: its outcome is chosen",
	"make-outgoing-call-v1/from":               "the call is simulated: its outcome is chosen",
	"make-outgoing-call-v1/to":                 "the call is simulated: its outcome is chosen",
	"make-outgoing-call-v2/from":               "the call is simulated: its outcome is chosen",
	"make-outgoing-call-v2/to":                 "the call is simulated: its outcome is chosen",
	"send-to-flex/channel":                     "another product: its outcome is chosen",
	"send-to-flex/workflow":                    "another product: its outcome is chosen",
	"split-based-on/input":                     "each condition names its own value to test (arguments)",
}

// The entries agree with the schemas: a requirement concerns a property
// the type's schema declares (when it declares any: nothing public
// describes run-function-v2) and fails with one of the type's events; a
// property the schema requires is checked by a requirement unless listed
// above; a channel property is the schema's, voice by default.
func TestWidgetEntriesAgreeWithTheSchemas(t *testing.T) {
	c := loadCatalog(t)
	ids := map[string]bool{}
	uncovered := map[string]string{}
	for _, w := range c.Types() {
		declared := map[string]PropertySpec{}
		for _, p := range w.Properties() {
			declared[p.Name] = p
		}
		fields := map[string]bool{}
		for _, r := range w.Requirements() {
			if ids[r.ID] || !strings.HasPrefix(r.ID, w.Type+"/") {
				t.Errorf("requirement ID %s is repeated or does not start with its type %s", r.ID, w.Type)
			}
			ids[r.ID] = true
			fields[r.Field] = true
			if _, ok := declared[r.Field]; !ok && len(declared) > 0 {
				t.Errorf("%s: requirement %s concerns %q, which its schema does not declare", w.Type, r.ID, r.Field)
			}
			if _, ok := w.Event(r.Event); r.Event != "" && !ok {
				t.Errorf("%s: requirement %s fails with %q, which is not one of its events", w.Type, r.ID, r.Event)
			}
		}
		for _, p := range w.Properties() {
			if p.Required && !fields[p.Name] {
				uncovered[w.Type+"/"+p.Name] = schemaRequiredWithoutRequirement[w.Type+"/"+p.Name]
			}
		}
		if w.channelProperty != "" {
			p, ok := declared[w.channelProperty]
			if !ok || !slices.Contains(p.Enum, any(string(VoiceChannel))) || p.Default != string(VoiceChannel) {
				t.Errorf("%s: channel property %s is not the schema's voice-by-default choice (%+v)", w.Type, w.channelProperty, p)
			}
		}
		if key, ok := w.Dials(); ok {
			if _, declaredHere := declared[key]; !declaredHere {
				t.Errorf("%s dials %q, which its schema does not declare", w.Type, key)
			}
		}
		for _, event := range w.answers {
			if _, has := w.Event(event); !has || !w.AnswersCall(event) {
				t.Errorf("%s answers a call on %q, which is not one of its events", w.Type, event)
			}
		}
	}
	for key, why := range uncovered {
		if why == "" {
			t.Errorf("%s is required by its schema, but no requirement checks it and schemaRequiredWithoutRequirement does not say why", key)
		}
	}
	for key := range schemaRequiredWithoutRequirement {
		if _, ok := uncovered[key]; !ok {
			t.Errorf("schemaRequiredWithoutRequirement lists %s, which is not an unchecked required property", key)
		}
	}
}

// Connect Virtual Agent v2 acts on a call unless its channel says
// conversations (the engine's products table used to call it voice-only
// while the catalog said any channel).
func TestConnectVirtualAgentNeedsACallOnlyOnItsVoiceChannel(t *testing.T) {
	c := loadCatalog(t)
	w, _ := c.Lookup("connect-virtual-agent-v2")
	for _, tc := range []struct {
		props string
		want  bool
	}{{`{}`, true}, {`{"channel":"voice"}`, true}, {`{"channel":"conversations"}`, false}} {
		v, err := model.ParseValue([]byte(tc.props))
		if err != nil {
			t.Fatal(err)
		}
		if got := w.NeedsCall(v.(*model.Object)); got != tc.want {
			t.Errorf("NeedsCall(%s) = %v, want %v", tc.props, got, tc.want)
		}
	}
	if !w.NeedsCall(w.DefaultProperties()) {
		t.Error("a new Connect Virtual Agent (channel voice) does not need a call")
	}
	for _, typ := range []string{"say-play", "gather-input-on-call", "connect-call-to", "connect-virtual-agent"} {
		if w, _ := c.Lookup(typ); !w.NeedsCall(nil) {
			t.Errorf("%s does not need a call", typ)
		}
	}
	for _, typ := range []string{"send-message", "make-outgoing-call-v2", "make-http-request"} {
		if w, _ := c.Lookup(typ); w.NeedsCall(nil) {
			t.Errorf("%s needs a call", typ)
		}
	}
}

func requirementFlow(t *testing.T, from string) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(`{"description":"d","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"send"}]},
  {"name":"send","type":"send-message","properties":{"body":"Hi","from":` + from + `,"to":"{{contact.channel.address}}"},"transitions":[{"event":"sent","next":"sub"},{"event":"failed"}]},
  {"name":"sub","type":"run-subflow","properties":{"flow_sid":"FW0123456789abcdef0123456789abcdef"},"transitions":[{"event":"completed"},{"event":"failed"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func findingsOf(diags []Diagnostic, rule Rule) []string {
	var out []string
	for _, d := range diags {
		if d.Rule == rule {
			out = append(out, d.Widget+" "+d.Path)
		}
	}
	return out
}

// Clearing From in the inspector is reported on the next keystroke
// (ValidateWidget), and filling it in again clears the finding.
func TestRequirementsAreCheckedAsAWidgetIsEdited(t *testing.T) {
	v := newTestValidator(t)
	full := v.ValidateFlow(requirementFlow(t, `"{{flow.channel.address}}"`))
	if got := findingsOf(full, RuleRequirement); len(got) != 0 {
		t.Fatalf("a sound flow has requirement findings %v", got)
	}
	cleared := requirementFlow(t, `""`)
	merged := MergeWidget(full, "send", v.ValidateWidget(cleared, "send"))
	if got := findingsOf(merged, RuleRequirement); !slices.Equal(got, []string{"send /states/1/properties/from"}) {
		t.Fatalf("after clearing from: %v", got)
	}
	refilled := MergeWidget(merged, "send", v.ValidateWidget(requirementFlow(t, `"+15550001111"`), "send"))
	if got := findingsOf(refilled, RuleRequirement); len(got) != 0 {
		t.Fatalf("after filling from in: %v", got)
	}
}

// A validator that can find subflows reports one it cannot find; the one
// it was made from, which cannot tell, still does not (they remember their
// findings apart).
func TestWithSubflowsReportsMissingSubflowsWithoutChangingTheOriginal(t *testing.T) {
	v := newTestValidator(t)
	f := requirementFlow(t, `"+15550001111"`)
	if got := findingsOf(v.ValidateFlow(f), RuleRequirement); len(got) != 0 {
		t.Fatalf("without a finder: %v", got)
	}
	missing := v.WithSubflows(func(sid string) error { return errors.New("no flow " + sid) })
	if got := findingsOf(missing.ValidateFlow(f), RuleRequirement); !slices.Equal(got, []string{"sub /states/2/properties/flow_sid"}) {
		t.Fatalf("with a finder that finds nothing: %v", got)
	}
	if got := findingsOf(v.ValidateFlow(f), RuleRequirement); len(got) != 0 {
		t.Fatalf("the original after the copy: %v", got)
	}
	found := v.WithSubflows(func(string) error { return nil })
	if got := findingsOf(found.ValidateFlow(f), RuleRequirement); len(got) != 0 {
		t.Fatalf("with a finder that finds it: %v", got)
	}
}

// A regex condition's error speaks of the pattern as written, not of the
// wrapper that anchors it and ignores case, and a pattern that only
// compiles inside the wrapper is refused.
func TestSplitRegexErrorsSpeakOfThePattern(t *testing.T) {
	_, err := SplitRegex("[1-")
	if err == nil || strings.Contains(err.Error(), ")") || !strings.Contains(err.Error(), "[1-") {
		t.Errorf("[1-: %v", err)
	}
	if _, err := SplitRegex("a)(b"); err == nil {
		t.Error(`"a)(b" compiled: the wrapper closed its parentheses`)
	}
	if re, err := SplitRegex(" yes|si "); err != nil || !re.MatchString("YES") || re.MatchString("yes please") {
		t.Errorf("yes|si: %v", err)
	}
}

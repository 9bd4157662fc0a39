package schemas

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/studioflow/studioflow/model"
)

func TestInertStringsKnowTheBytesNotTheText(t *testing.T) {
	var table inertStrings
	a := "{{flow.channel.address}}"
	b := strings.Clone(a) // the same text at another address
	if table.has(a) {
		t.Fatal("an empty table has a string")
	}
	table.add(a)
	if !table.has(a) {
		t.Fatal("a string added is not there")
	}
	if table.has(b) {
		t.Fatal("a copy at another address counts as the string added")
	}
	if table.has(a[:len(a)-1]) {
		t.Fatal("a shorter string at the same address counts as the string added")
	}
	if table.has("") {
		t.Fatal("the empty string counts as added")
	}
}

// Texts repeated across a flow's widgets (the parser keeps one copy of
// each) get the same findings at every widget: a widget's findings from
// ValidateFlow, where strings the string rules remembered as having
// nothing to report are skipped, equal those ValidateWidget finds with
// nothing remembered. Flows both under and over parallelFrom.
func TestRepeatedTextsAreCheckedAtEveryWidget(t *testing.T) {
	texts := []string{
		"{{flow.channel.address}}",                      // nothing to check
		"Hi {{widgets.missing.body}}",                   // no such widget
		"{{widgets.w0.body}}",                           // upstream of every widget it stands in
		"{% if trigger.message.x %}yes{% endif %}",      // parses, nothing to report
		"{% if trigger.message.x %}unterminated",        // a Liquid error
		"Hello {{ trigger.message.name",                 // no closing }}
		"{{widgets.w3.body}} and {{trigger.message.y}}", // upstream of them too
		"{% for i in (1..9) %}{{i}}{% endfor %}ok",      // parses, nothing to report
		"Called by {{trigger.call.From}}",               // no call starts this flow
	}
	v := newTestValidator(t)
	for _, n := range []int{27, parallelFrom + 41} { // multiples of len(texts)
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			f := repeatedTextsFlow(t, n, texts)
			first, second := f.StateAt(1).Properties(), f.StateAt(1+len(texts)).Properties()
			a, _ := first.Get("body")
			b, _ := second.Get("body")
			if unsafe.StringData(a.(string)) != unsafe.StringData(b.(string)) {
				t.Fatal("the parser no longer keeps one copy of a repeated text: this test no longer exercises inertStrings")
			}
			all := v.ValidateFlow(f)
			reported := 0
			for i := range f.Len() {
				name := f.StateAt(i).Name()
				var inFlow []Diagnostic
				for _, d := range all {
					if d.Widget == name {
						inFlow = append(inFlow, d)
					}
				}
				alone := v.ValidateWidget(f, name)
				if !slices.Equal(inFlow, alone) {
					t.Fatalf("widget %s: ValidateFlow found\n%v\nValidateWidget found\n%v", name, inFlow, alone)
				}
				reported += len(alone)
			}
			// Every widget with one of the four texts that have something
			// to report reports it, once.
			if want := 4 * n / len(texts); reported != want {
				t.Fatalf("%d findings over %d widgets, want %d", reported, n, want)
			}
		})
	}
}

// repeatedTextsFlow is a chain of n send-message widgets, w0 … w(n-1),
// whose bodies cycle through texts.
func repeatedTextsFlow(t *testing.T, n int, texts []string) *model.Flow {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"description":"repeated texts","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger","states":[`)
	b.WriteString(`{"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"w0"},{"event":"incomingCall"},{"event":"incomingRequest"}]}`)
	for i := range n {
		next := fmt.Sprintf(`"next":"w%d",`, i+1)
		if i == n-1 {
			next = ""
		}
		fmt.Fprintf(&b, `,{"name":"w%d","type":"send-message","properties":{"offset":{"x":0,"y":%d},"body":%q,"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}"},"transitions":[{%s"event":"sent"},{"event":"failed"}]}`,
			i, 200*i, texts[i%len(texts)], next)
	}
	b.WriteString(`]}`)
	f, err := model.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

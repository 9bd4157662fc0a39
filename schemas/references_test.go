package schemas

import "testing"

// The judge finds incomingParent by its place in triggerNamespaces.
func TestParentEventNamesIncomingParent(t *testing.T) {
	if got := triggerNamespaces[parentEvent]; got.event != "incomingParent" || got.namespace != "parent" {
		t.Fatalf("triggerNamespaces[parentEvent] is %s/%s", got.event, got.namespace)
	}
	for _, c := range []struct {
		r      Reference
		event  string
		parent bool
	}{
		{Reference{Kind: RefTrigger, Name: "call"}, "incomingCall", true},
		{Reference{Kind: RefTrigger, Name: "parent"}, "incomingParent", true},
		{Reference{Kind: RefData, Name: "x"}, "incomingRequest", false},
	} {
		k, parent := fillingEvent(c.r)
		if k < 0 || triggerNamespaces[k].event != c.event || parent != c.parent {
			t.Errorf("%s: filled by %d (parent %v), want %s (parent %v)", c.r.subject(), k, parent, c.event, c.parent)
		}
	}
	if k, _ := fillingEvent(Reference{Kind: RefTrigger, Name: "sms"}); k != -1 {
		t.Errorf("trigger.sms is filled by event %d", k)
	}
}

func TestEqualBarBlanks(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"{{a}}", "{{ a }}", true}, {"{{a}}", "{{\ta\t}}", true}, {"", "  ", true},
		{"{{a}}", "{{ab}}", false}, {"{{a}}", "{{a}} x", false}, {"{{a}}", "{{a}}\n", false},
	} {
		if got := equalBarBlanks(c.a, c.b); got != c.want {
			t.Errorf("equalBarBlanks(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

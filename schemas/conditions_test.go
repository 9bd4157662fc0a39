package schemas

import (
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// The operator table names exactly the operators split-based-on's schema
// allows, each with words of its own rather than its id.
func TestConditionOperatorsAreTheSchemasEnumInStudiosWords(t *testing.T) {
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	wt, ok := cat.Lookup("split-based-on")
	if !ok {
		t.Fatal("no split-based-on in the catalog")
	}
	v, err := model.ParseValue(wt.Schema())
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"definitions", "Condition", "properties", "type", "enum"} {
		v, _ = v.(*model.Object).Get(key)
	}
	var enum []string
	for _, e := range v.([]any) {
		enum = append(enum, e.(string))
	}
	var ids []string
	labels := map[string]bool{}
	for _, op := range ConditionOperators() {
		ids = append(ids, op.ID)
		if op.Label == "" || strings.Contains(op.Label, "_") || labels[op.Label] {
			t.Errorf("operator %s has label %q: want Studio's words, one per operator", op.ID, op.Label)
		}
		labels[op.Label] = true
		if back, ok := ConditionOperatorByLabel(op.Label); !ok || back.ID != op.ID {
			t.Errorf("label %q does not lead back to %s", op.Label, op.ID)
		}
	}
	slices.Sort(enum)
	sorted := slices.Sorted(slices.Values(ids))
	if !slices.Equal(sorted, enum) {
		t.Errorf("operators %v, schema enum %v", sorted, enum)
	}
}

func TestAutoFriendlyNamesFollowStudiosPatternAndPortLabelsUseItsWords(t *testing.T) {
	cases := []struct {
		name, op, value string
		auto            bool
		port            string
	}{
		{"If value equal_to 1", "equal_to", "1", true, "If value equal to 1"},
		{"", "contains", "help", true, "If value contains help"},
		{"If value does_not_match_any_of a,b", "does_not_match_any_of", "a,b", true, "If value does not match any of a,b"},
		{"If value is_blank", "is_blank", "Is Blank", true, "If value is blank"},
		{"Wants help", "contains", "help", false, "Wants help"},
		{"If value equal_to 1", "equal_to", "2", false, "If value equal_to 1"},
	}
	for _, c := range cases {
		if got := IsAutoFriendlyName(c.name, c.op, c.value); got != c.auto {
			t.Errorf("IsAutoFriendlyName(%q, %s, %q) = %v", c.name, c.op, c.value, got)
		}
		if got := ConditionPortLabel(c.name, c.op, c.value); got != c.port {
			t.Errorf("ConditionPortLabel(%q, %s, %q) = %q, want %q", c.name, c.op, c.value, got, c.port)
		}
	}
	if got := AutoFriendlyName("equal_to", "1"); got != "If value equal_to 1" {
		t.Errorf("AutoFriendlyName = %q", got)
	}
}

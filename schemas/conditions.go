package schemas

import "strings"

// ConditionOperator is one of Split Based On's condition types: its id as
// the flow JSON writes it and its label as Studio's operator menu words it.
type ConditionOperator struct {
	ID    string // "does_not_match_any_of"
	Label string // "Does Not Match Any Of"
	// NoValue operators test the input alone; Studio still writes a value
	// (the operator's label) because the schema requires one.
	NoValue bool
}

// conditionOperators is the one table of Split Based On's operators, in
// the order of Studio's menu. The engine's split package evaluates them,
// the inspector offers them and the canvas words port labels with them.
var conditionOperators = []ConditionOperator{
	{ID: "equal_to", Label: "Equal To"},
	{ID: "not_equal_to", Label: "Not Equal To"},
	{ID: "matches_any_of", Label: "Matches Any Of"},
	{ID: "does_not_match_any_of", Label: "Does Not Match Any Of"},
	{ID: "is_blank", Label: "Is Blank", NoValue: true},
	{ID: "is_not_blank", Label: "Is Not Blank", NoValue: true},
	{ID: "regex", Label: "Regex"},
	{ID: "contains", Label: "Contains"},
	{ID: "does_not_contain", Label: "Does Not Contain"},
	{ID: "starts_with", Label: "Starts With"},
	{ID: "does_not_start_with", Label: "Does Not Start With"},
	{ID: "less_than", Label: "Less Than"},
	{ID: "greater_than", Label: "Greater Than"},
	{ID: "is_before_time", Label: "Is Before Time"},
	{ID: "is_after_time", Label: "Is After Time"},
	{ID: "is_before_date", Label: "Is Before Date"},
	{ID: "is_after_date", Label: "Is After Date"},
}

// ConditionOperators lists Split Based On's operators in Studio's menu order.
func ConditionOperators() []ConditionOperator {
	return append([]ConditionOperator(nil), conditionOperators...)
}

// ConditionOperatorByID finds an operator by its JSON id.
func ConditionOperatorByID(id string) (ConditionOperator, bool) {
	for _, op := range conditionOperators {
		if op.ID == id {
			return op, true
		}
	}
	return ConditionOperator{}, false
}

// ConditionOperatorByLabel finds an operator by Studio's words for it.
func ConditionOperatorByLabel(label string) (ConditionOperator, bool) {
	for _, op := range conditionOperators {
		if op.Label == label {
			return op, true
		}
	}
	return ConditionOperator{}, false
}

// ConditionLabel returns Studio's words for an operator id, or the id itself
// when it is not one Studio offers.
func ConditionLabel(id string) string {
	if op, ok := ConditionOperatorByID(id); ok {
		return op.Label
	}
	return id
}

// AutoFriendlyName is the friendly name Studio gives a condition the user
// has not named: "If value equal_to 1" (the operator's id, then the value;
// an operator that takes no value stops after its id).
func AutoFriendlyName(op, value string) string {
	if o, ok := ConditionOperatorByID(op); ok && o.NoValue {
		return "If value " + op
	}
	return strings.TrimRight("If value "+op+" "+value, " ")
}

// IsAutoFriendlyName reports whether name is the one Studio would have
// given the condition (so it may follow the operator and value), rather
// than one a person typed. An empty name counts as automatic.
func IsAutoFriendlyName(name, op, value string) bool {
	return name == "" || name == AutoFriendlyName(op, value) || name == "If value "+op+" "+value
}

// ConditionPortLabel words a condition's port as Studio's canvas does, in
// Studio's words: the friendly name a person gave, or "If value equal to 1"
// for one Studio named itself.
func ConditionPortLabel(friendlyName, op, value string) string {
	if !IsAutoFriendlyName(friendlyName, op, value) {
		return friendlyName
	}
	if o, ok := ConditionOperatorByID(op); ok {
		words := strings.ToLower(o.Label)
		if o.NoValue {
			return "If value " + words
		}
		return strings.TrimRight("If value "+words+" "+value, " ")
	}
	return strings.TrimRight("If value "+op+" "+value, " ")
}

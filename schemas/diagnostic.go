package schemas

// Severity says whether a diagnostic blocks publishing (error) or only
// deserves a look (warning); info is for findings that are neither about
// the flow's correctness (the editor lists transitions no test takes with
// it). The validator reports only errors and warnings.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rule names the check a diagnostic comes from.
type Rule string

// Rules that look at one widget at a time. ValidateWidget re-runs exactly
// these for the widget it is given.
const (
	RuleSchema     Rule = "schema"      // the widget against its type's JSON Schema
	RuleType       Rule = "widget-type" // unknown, end-of-life or legacy type
	RuleName       Rule = "name"        // missing, malformed or duplicate name
	RuleNext       Rule = "next"        // a transition to a widget that does not exist
	RuleEvent      Rule = "event"       // an event the type does not have, or twice
	RuleConditions Rule = "conditions"  // split-based-on conditions
	RuleLiquid     Rule = "liquid"      // Liquid syntax in a string
	RuleReference  Rule = "reference"   // {{widgets.X}} to a missing or non-upstream widget
	RuleOffset     Rule = "offset"      // properties.offset is not a position
	RuleVariables  Rule = "variables"   // set-variables entries (a quirk of the official schema)
	// RuleRequirement: a value the widget needs when it runs is missing or
	// unusable (an empty message body, a URL that is not one, …).
	RuleRequirement Rule = "requirement"
)

// Rules that need the whole flow; only ValidateFlow runs them.
const (
	RuleFlow        Rule = "flow"          // the top-level fields against the flow schema
	RuleInitial     Rule = "initial-state" // initial_state names the trigger
	RuleTrigger     Rule = "trigger"       // exactly one trigger, and it is connected
	RuleUnreachable Rule = "unreachable"   // no path from the trigger reaches the widget
	RuleCallReply   Rule = "send-and-wait-on-call"
	RuleWidgetLimit Rule = "widget-limit"
	RuleSubflows    Rule = "subflows" // Studio's limits on Run Subflow widgets
	// RuleEntry: a widget reached from an entry point where it cannot run
	// (a voice widget without a call, a subflow inside a subflow).
	RuleEntry Rule = "entry-point"
	// RuleLoop: widgets that always lead round to each other, so the
	// execution never ends until Studio stops it.
	RuleLoop Rule = "loop"
	// RuleConflict: a conflict a three-way merge recorded (model.ConflictsKey).
	RuleConflict Rule = "merge-conflict"
)

// PerWidget reports whether ValidateWidget re-runs the rule.
func (r Rule) PerWidget() bool {
	switch r {
	case RuleSchema, RuleType, RuleName, RuleNext, RuleEvent, RuleConditions, RuleLiquid, RuleReference, RuleOffset, RuleVariables, RuleRequirement:
		return true
	}
	return false
}

// Diagnostic is one finding about a flow.
type Diagnostic struct {
	Severity Severity
	// Widget is the name of the widget concerned, or "" for the flow itself.
	Widget string
	// Path is an RFC 6901 JSON pointer into the flow definition to the exact
	// value concerned (or where a missing one belongs), e.g.
	// /states/3/properties/timeout.
	Path string
	// Message says what is wrong in words a Studio user knows.
	Message string
	Rule    Rule
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(diags []Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// ByWidget groups diagnostics by widget name ("" for the flow itself).
func ByWidget(diags []Diagnostic) map[string][]Diagnostic {
	out := map[string][]Diagnostic{}
	for _, d := range diags {
		out[d.Widget] = append(out[d.Widget], d)
	}
	return out
}

// MergeWidget folds the result of ValidateWidget(flow, widget) into an
// earlier full result: the widget's per-widget diagnostics are replaced by
// fresh ones, everything else is kept, in ValidateFlow's order.
func MergeWidget(full []Diagnostic, widget string, fresh []Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(full)+len(fresh))
	inserted := false
	for _, d := range full {
		if d.Widget == widget && d.Rule.PerWidget() {
			if !inserted {
				out = append(out, fresh...)
				inserted = true
			}
			continue
		}
		out = append(out, d)
	}
	if !inserted {
		out = append(out, fresh...)
	}
	sortDiagnostics(out)
	return out
}

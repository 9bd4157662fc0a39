package schemas

import (
	"fmt"
	"strconv"

	"github.com/studioflow/studioflow/model"
)

// sameStepVariableRules warns where a pair of a Set Variables reads a
// variable an earlier pair of the same widget sets: "Variables get set at
// the end of a Step", so the pair still reads the value from before the
// widget (nothing, the first time), which is rarely what the builder meant.
// The first pair that sets a key may read that key's old value (the
// counter idiom): that is not reported; a later pair setting it again
// reads the old value too, not the earlier pair's, and is.
func (v *Validator) sameStepVariableRules(w *WidgetType, s *model.State, base string, out []Diagnostic) []Diagnostic {
	for _, p := range v.variableProps {
		if p.w != w {
			continue
		}
		val, _ := s.Properties().Get(p.key)
		list, _ := val.([]any)
		if len(list) < 2 {
			return out
		}
		setBy := map[string]int{} // key → the first pair setting it
		for j, item := range list {
			pair, ok := item.(*model.Object)
			if !ok {
				continue
			}
			key, _ := pair.String("key")
			text, _ := pair.String("value")
			for _, ref := range References(text) {
				first, set := setBy[ref.Name]
				if ref.Kind != RefVariable || !set {
					continue
				}
				out = append(out, Diagnostic{Severity: Warning, Widget: s.Name(), Rule: RuleReference,
					Path:    base + "/properties/" + model.EscapeToken(p.key) + "/" + strconv.Itoa(j) + "/value",
					Message: fmt.Sprintf("the value of %s refers to flow.variables.%s, which pair %d of this widget sets only when the widget ends (Studio sets variables at the end of a step): here it still holds its value from before this widget", key, ref.Name, first+1)})
			}
			if _, seen := setBy[key]; !seen && key != "" {
				setBy[key] = j
			}
		}
	}
	return out
}

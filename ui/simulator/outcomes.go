package simulator

import (
	"slices"

	"github.com/studioflow/studioflow/schemas"
)

// outcomeChoices orders the events a waiting widget accepts: its success
// event (the catalog's) first, then the rest in the catalog's order, then
// any the catalog does not know.
func outcomeChoices(cat *schemas.Catalog, widgetType string, accepted []string) []string {
	var order []string
	if cat != nil {
		if wt, ok := cat.Lookup(widgetType); ok {
			if s, ok := wt.SuccessEvent(); ok {
				order = append(order, s)
			}
			for _, e := range wt.Events() {
				order = append(order, e.Name)
			}
		}
	}
	order = append(order, accepted...)
	var out []string
	for _, e := range order {
		if slices.Contains(accepted, e) && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

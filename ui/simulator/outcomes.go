package simulator

import (
	"slices"

	"github.com/studioflow/studioflow/schemas"
)

// successEvents is the event each outside-product widget takes when all
// goes well, the one offered first.
var successEvents = map[string]string{
	"connect-call-to":          "callCompleted",
	"make-outgoing-call-v2":    "answered",
	"make-outgoing-call-v1":    "answered",
	"record-call":              "success",
	"enqueue-call":             "callComplete",
	"send-to-flex":             "callComplete",
	"capture-payments":         "success",
	"fork-stream":              "next",
	"add-twiml-redirect":       "return",
	"connect-virtual-agent":    "return",
	"connect-virtual-agent-v2": "completed",
	"look-up-profile":          "profileFound",
	"update-profile-traits":    "profileUpdated",
	"send-to-auto-pilot":       "sessionEnded",
	"send-message":             "sent",
}

// outcomeChoices orders the events a waiting widget accepts: its success
// event first, then the rest in the catalog's order, then any the catalog
// does not know.
func outcomeChoices(cat *schemas.Catalog, widgetType string, accepted []string) []string {
	var order []string
	if s, ok := successEvents[widgetType]; ok {
		order = append(order, s)
	}
	if cat != nil {
		if wt, ok := cat.Lookup(widgetType); ok {
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

package canvas

import (
	"fmt"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

func lookup(cat *schemas.Catalog, typ string) (schemas.WidgetType, bool) {
	if cat == nil {
		return schemas.WidgetType{}, false
	}
	return cat.Lookup(typ)
}

// displayTitle marks the types a user should not build on: ones Studio no
// longer offers and ones nobody knows.
func displayTitle(n node) string {
	switch {
	case n.trigger:
		return n.title
	case !n.known:
		return n.title + " (unknown type)"
	case n.maturity == schemas.EndOfLife:
		return n.title + " (end of life)"
	case n.maturity == schemas.Legacy:
		return n.title + " (legacy)"
	}
	return n.title
}

// portLabel words a transition as Studio does on the widget: the catalog's
// label for the event, and for a split's condition (its type's condition
// event) the condition's friendly name.
func portLabel(wt schemas.WidgetType, known bool, t model.Transition) string {
	if match, ok := wt.ConditionEvent(); ok && t.Event == match {
		if name := conditionLabel(t.Conditions); name != "" {
			return name
		}
	}
	if known {
		if e, ok := wt.Event(t.Event); ok {
			return e.Label
		}
	}
	return t.Event
}

// conditionLabel words a split condition's port: the friendly name a person
// gave it, or Studio's own wording in Studio's words ("If value equal to 1").
func conditionLabel(conditions []any) string {
	for _, c := range conditions {
		if obj, ok := c.(*model.Object); ok {
			name, _ := obj.String("friendly_name")
			typ, _ := obj.String("type")
			v, _ := obj.Get("value")
			value := ""
			if v != nil {
				value = fmt.Sprint(v)
			}
			if name == "" && typ == "" && value == "" {
				continue
			}
			return schemas.ConditionPortLabel(name, typ, value)
		}
	}
	return ""
}

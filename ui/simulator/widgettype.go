package simulator

import "github.com/studioflow/studioflow/schemas"

// widgetType returns what the catalog knows of a widget type, or the zero
// WidgetType (no attributes) when there is no catalog or it does not know
// the type: what the simulator does for a type comes from its catalog
// entry, never from its name.
func widgetType(cat *schemas.Catalog, typ string) schemas.WidgetType {
	if cat == nil {
		return schemas.WidgetType{}
	}
	wt, _ := cat.Lookup(typ)
	return wt
}

package simulator

import "github.com/studioflow/studioflow/schemas"

// widgetType returns what the catalog knows of a widget type, or the zero
// WidgetType (no attributes) when the catalog does not know the type: what
// the simulator does for a type comes from its catalog entry, never from
// its name. cat is nil only when the embedded catalog failed to load
// (NewPanel), and then no run starts either.
func widgetType(cat *schemas.Catalog, typ string) schemas.WidgetType {
	if cat == nil {
		return schemas.WidgetType{}
	}
	wt, _ := cat.Lookup(typ)
	return wt
}

package simulator

import (
	"slices"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// The start form offers every trigger event the catalog's trigger has,
// under the label its port carries there, and picks an event back from its
// label: the labels are the registry's, not a copy of them.
func TestStartFormOffersTheCatalogsTriggerEvents(t *testing.T) {
	c, err := loadCatalogOnce()
	if err != nil {
		t.Fatal(err)
	}
	trigger, ok := c.Lookup(model.TriggerType)
	if !ok {
		t.Fatal("the catalog has no trigger")
	}
	var catalogEvents []string
	for _, e := range trigger.Events() {
		catalogEvents = append(catalogEvents, e.Name)
		if got := triggerLabel(e.Name); got != e.Label {
			t.Errorf("%s: the form says %q, the trigger's port %q", e.Name, got, e.Label)
		}
		if got := triggerEvent(e.Label); got != e.Name {
			t.Errorf("label %q picks %q, want %s", e.Label, got, e.Name)
		}
	}
	offered := slices.Clone(triggerOrder)
	slices.Sort(offered)
	slices.Sort(catalogEvents)
	if !slices.Equal(offered, catalogEvents) {
		t.Errorf("the form offers %v, the trigger has %v", offered, catalogEvents)
	}
	if got := triggerEvent("no such label"); got != "" {
		t.Errorf("an unknown label picks %q", got)
	}
}

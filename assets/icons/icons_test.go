package icons

import (
	"encoding/xml"
	"testing"

	"github.com/studioflow/studioflow/schemas"
)

func TestEveryCatalogIconIsEmbeddedAndWellFormedSVG(t *testing.T) {
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, wt := range cat.Types() {
		data, ok := SVG(wt.Icon)
		if !ok {
			t.Errorf("%s: no icon %q", wt.Type, wt.Icon)
			continue
		}
		var doc struct {
			XMLName xml.Name
			ViewBox string `xml:"viewBox,attr"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s.svg: %v", wt.Icon, err)
			continue
		}
		if doc.XMLName.Local != "svg" || doc.ViewBox != "0 0 24 24" {
			t.Errorf("%s.svg: root <%s viewBox=%q>, want a 24×24 <svg>", wt.Icon, doc.XMLName.Local, doc.ViewBox)
		}
	}
	if _, ok := SVG("legacy"); !ok {
		t.Error("no icon for unknown types")
	}
	if _, ok := SVG("../icons"); ok {
		t.Error("a path outside the icon set was accepted")
	}
	if len(Names()) < 20 {
		t.Errorf("only %d icons embedded", len(Names()))
	}
}

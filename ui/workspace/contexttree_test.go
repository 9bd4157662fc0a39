package workspace

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
)

// A stored context shows a response's members in the response's order.
func TestContextTreeShowsAResponseInItsOrder(t *testing.T) {
	test.NewTempApp(t)
	ctx, err := engine.DecodeContext([]byte(`{"widgets":{"http":{"parsed":{"zeta":1,"alpha":{"y":2,"x":3},"mid":3},"status_code":200}}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := newContextTree()
	c.set(ctx)
	if got := c.children["/widgets/http/parsed"]; !slices.Equal(got, []string{"/widgets/http/parsed/zeta", "/widgets/http/parsed/alpha", "/widgets/http/parsed/mid"}) {
		t.Errorf("children of parsed = %v", got)
	}
	if got := c.children["/widgets/http/parsed/alpha"]; !slices.Equal(got, []string{"/widgets/http/parsed/alpha/y", "/widgets/http/parsed/alpha/x"}) {
		t.Errorf("children of alpha = %v", got)
	}
	if got, ok := c.label("widgets/http/parsed"); !ok || got != "parsed  {3}" {
		t.Errorf("parsed label = %q", got)
	}
	if got, ok := c.label("widgets/http/parsed/alpha/x"); !ok || got != "x: 3" {
		t.Errorf("leaf label = %q", got)
	}
}

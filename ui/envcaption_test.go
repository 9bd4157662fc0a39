package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
)

// placeholderFlow has an HTTP request whose URL is "${HOST}/orders".
func placeholderFlow(t *testing.T) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(`{"description":"env","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"orders"}]},
  {"name":"orders","type":"make-http-request","properties":{"offset":{"x":0,"y":200},"method":"GET","content_type":"application/x-www-form-urlencoded;charset=utf-8","url":"${HOST}/orders"},"transitions":[{"event":"success"},{"event":"failed"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// captionsOf returns the muted texts of the inspector row at path.
func captionsOf(t *testing.T, in *Inspector, path string) []string {
	t.Helper()
	for _, r := range in.rows {
		if r.path != path {
			continue
		}
		var out []string
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch v := o.(type) {
			case *mutedLabel:
				if v.Visible() {
					out = append(out, v.Text())
				}
			case *fyne.Container:
				for _, c := range v.Objects {
					walk(c)
				}
			}
		}
		walk(r.box)
		return out
	}
	t.Fatalf("no row %s (have %v)", path, rowPaths(in))
	return nil
}

func hasCaption(captions []string, want string) bool {
	for _, c := range captions {
		if c == want {
			return true
		}
	}
	return false
}

// With an environment chosen, a field holding placeholders shows its text
// as it runs there, kept in step with typing; a missing value is named.
func TestInspectorShowsPlaceholdersWithTheEnvironmentsValue(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: placeholderFlow(t)})
	e.selectWidgets([]string{"orders"})
	if c := captionsOf(t, e.inspector, "/properties/url"); len(c) != 0 && strings.Contains(strings.Join(c, "|"), "prod:") {
		t.Fatalf("captions %q before any environment is chosen", c)
	}
	e.inspector.SetEnvironment(&environments.Values{Name: "prod", Values: map[string]string{"HOST": "https://acme-1234.twil.io"}})
	if c := captionsOf(t, e.inspector, "/properties/url"); !hasCaption(c, "prod: https://acme-1234.twil.io/orders") {
		t.Fatalf("captions %q; want the URL as it runs in prod", c)
	}
	typeInto(t, e, "/properties/url", "${HOST}/orders/${ORDER}")
	if c := captionsOf(t, e.inspector, "/properties/url"); !hasCaption(c, "prod: no value for ${ORDER}") {
		t.Fatalf("captions %q after typing; want the missing value named", c)
	}
	if got := e.doc.Flow().State("orders").StringProperty("url"); got != "${HOST}/orders/${ORDER}" {
		t.Errorf("the flow's url became %q; the placeholders must stay", got)
	}
}

// Picking an environment in the simulator's start form is choosing it for
// the inspector too.
func TestSimulatorsEnvironmentPickIsTheInspectors(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "orders.json")
	if err := os.WriteFile(path, placeholderFlow(t).Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", "prod.yaml"), []byte("HOST: https://acme-1234.twil.io\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Path: path})
	e.selectWidgets([]string{"orders"})
	e.sim.open()
	if err := e.sim.panel.PickEnvironment("prod"); err != nil {
		t.Fatal(err)
	}
	if c := captionsOf(t, e.inspector, "/properties/url"); !hasCaption(c, "prod: https://acme-1234.twil.io/orders") {
		t.Fatalf("captions %q after picking prod in the simulator", c)
	}
	if err := e.sim.panel.PickEnvironment(""); err != nil {
		t.Fatal(err)
	}
	if c := captionsOf(t, e.inspector, "/properties/url"); len(c) != 0 && strings.Contains(strings.Join(c, "|"), "prod:") {
		t.Fatalf("captions %q after picking no environment", c)
	}
}

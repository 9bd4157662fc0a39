package schemas

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func loadCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestCatalogCoversEverySchemaAndEnumType(t *testing.T) {
	c := loadCatalog(t)
	for _, d := range c.Documents() {
		typ := typeOfDocument(d)
		if d.ID == FlowSchemaURL || d.ID == CommonsSchemaURL || d.ID == CoreMetaSchemaURL {
			continue
		}
		w, ok := c.Lookup(typ)
		if !ok {
			t.Errorf("schema %s has no catalog entry", d.File)
			continue
		}
		if w.SchemaURL != d.ID {
			t.Errorf("%s: schema URL %q, want %q", typ, w.SchemaURL, d.ID)
		}
	}
	enum, ok := c.docs.at(FlowSchemaURL, "/properties/states/items/properties/type/enum")
	if !ok {
		t.Fatal("flow schema has no type enum")
	}
	for _, e := range enum.([]any) {
		if _, ok := c.Lookup(e.(string)); !ok {
			t.Errorf("enum type %s is not in the catalog", e)
		}
	}
	if _, ok := c.Lookup("send-to-auto-pilot"); !ok {
		t.Error("send-to-auto-pilot (seen in real exports) is not in the catalog")
	}
}

// The flow schema dispatches each type to a widget schema with
// if/then; the catalog must hold the very schema the flow schema names.
func TestCatalogSchemaURLsMatchFlowSchemaDispatch(t *testing.T) {
	c := loadCatalog(t)
	branches, _ := c.docs.at(FlowSchemaURL, "/properties/states/items/allOf")
	n := 0
	for _, b := range branches.([]any) {
		obj := b.(*model.Object)
		ifs, _ := obj.Get("if")
		props, _ := ifs.(*model.Object).Get("properties")
		tv, _ := props.(*model.Object).Get("type")
		name, _ := tv.(*model.Object).String("const")
		then, _ := obj.Get("then")
		ref, _ := then.(*model.Object).String("$ref")
		w, ok := c.Lookup(name)
		if !ok || w.SchemaURL != ref {
			t.Errorf("flow schema sends %s to %s; catalog has %q", name, ref, w.SchemaURL)
		}
		n++
	}
	if n != 28 {
		t.Errorf("flow schema dispatches %d types, want 28", n)
	}
}

func TestCatalogEventsAreTheSchemasEvents(t *testing.T) {
	c := loadCatalog(t)
	for _, w := range c.Types() {
		items, ok := c.docs.at(w.SchemaURL, "/properties/transitions/items")
		if !ok {
			t.Errorf("%s: schema has no transitions items", w.Type)
			continue
		}
		fromSchema := c.docs.eventConsts(items, w.SchemaURL)
		var fromCatalog []string
		for _, e := range w.Events() {
			fromCatalog = append(fromCatalog, e.Name)
			if e.Label == "" {
				t.Errorf("%s: event %s has no label", w.Type, e.Name)
			}
		}
		if w.OpenEvents {
			if len(fromSchema) != 0 {
				t.Errorf("%s has open events but its schema names %v", w.Type, fromSchema)
			}
			continue
		}
		a, b := slices.Clone(fromSchema), slices.Clone(fromCatalog)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%s: schema events %v, catalog events %v", w.Type, fromSchema, fromCatalog)
		}
	}
}

func TestTriggerEventsAndLabels(t *testing.T) {
	w, _ := loadCatalog(t).Lookup("trigger")
	var labels []string
	for _, e := range w.Events() {
		labels = append(labels, e.Label)
	}
	want := []string{"Incoming Message", "Incoming Call", "Conversation", "REST API", "Subflow"}
	if !slices.Equal(labels, want) {
		t.Errorf("trigger labels %v, want %v", labels, want)
	}
	if w.InLibrary() || w.Maturity != GA {
		t.Errorf("trigger: in library %v, maturity %s", w.InLibrary(), w.Maturity)
	}
}

func TestMaturities(t *testing.T) {
	c := loadCatalog(t)
	want := map[string]Maturity{
		"send-message": GA, "update-profile-traits": Beta, "connect-virtual-agent": EndOfLife,
		"send-to-auto-pilot": EndOfLife, "make-outgoing-call-v1": Legacy, "understand": Legacy,
		"add-twiml-redirect": GA, "run-subflow": GA,
	}
	for typ, m := range want {
		if w, _ := c.Lookup(typ); w.Maturity != m {
			t.Errorf("%s maturity %q, want %q", typ, w.Maturity, m)
		}
	}
	for _, w := range c.Types() {
		if !slices.Contains([]Maturity{GA, Beta, EndOfLife, Legacy}, w.Maturity) {
			t.Errorf("%s has maturity %q", w.Type, w.Maturity)
		}
		if w.InLibrary() && (w.Maturity == EndOfLife || w.Maturity == Legacy) {
			t.Errorf("%s is %s but in the library", w.Type, w.Maturity)
		}
	}
}

func TestLibrarySections(t *testing.T) {
	lib := loadCatalog(t).Library()
	var cats []Category
	count := 0
	for _, s := range lib {
		cats = append(cats, s.Category)
		if len(s.Types) == 0 {
			t.Errorf("library section %s is empty", s.Category)
		}
		for _, w := range s.Types {
			count++
			if w.Category != s.Category || !w.InLibrary() || w.Icon == "" || w.Title == "" || w.NameBase == "" {
				t.Errorf("library entry %+v", w)
			}
		}
	}
	if !slices.Equal(cats, Categories()) {
		t.Errorf("sections %v", cats)
	}
	if count != 21 {
		t.Errorf("library offers %d widget types, want 21", count)
	}
	voice := lib[1].Types
	if voice[0].Type != "gather-input-on-call" || voice[0].Channel != VoiceChannel {
		t.Errorf("first voice widget %s (%s)", voice[0].Type, voice[0].Channel)
	}
}

func TestDefaultWidgetsUseTheTypesEventsInOrder(t *testing.T) {
	c := loadCatalog(t)
	for _, w := range c.Types() {
		pos := 0
		events := w.Events()
		for _, tr := range w.DefaultTransitions() {
			ev, _ := tr.(*model.Object).String("event")
			for pos < len(events) && events[pos].Name != ev {
				pos++
			}
			if pos == len(events) {
				t.Errorf("%s: default transition %q is not an event of the type, or out of order", w.Type, ev)
				break
			}
			if !events[pos].Repeatable {
				pos++
			}
		}
		if w.DefaultsSource() == "" {
			t.Errorf("%s: no defaults source", w.Type)
		}
	}
	if w, _ := c.Lookup("gather-input-on-call"); !strings.Contains(w.DefaultsSource(), "corrected") {
		t.Errorf("gather defaults source %q should say it was corrected", w.DefaultsSource())
	}
}

func TestNewStateIsAnExportShapedWidget(t *testing.T) {
	w, _ := loadCatalog(t).Lookup("send-message")
	s := w.NewState("send_message_3", 120, -40)
	if got := s.Keys(); !slices.Equal(got, []string{"name", "type", "transitions", "properties"}) {
		t.Errorf("keys %v", got)
	}
	out := string(model.MarshalCanonical(s))
	for _, want := range []string{`"name": "send_message_3"`, `"body": "Hello world!"`, `"x": 120`, `"y": -40`, `"event": "failed"`} {
		if !strings.Contains(out, want) {
			t.Errorf("new state lacks %s:\n%s", want, out)
		}
	}
}

func TestCatalogValuesAreCopies(t *testing.T) {
	c := loadCatalog(t)
	w, _ := c.Lookup("send-message")
	w.Events()[0].Label = "changed"
	w.DefaultProperties().Set("body", "changed")
	w.Properties()[0].Name = "changed"
	w.Schema()[0] = 'X'
	w.Title = "changed"
	again, _ := c.Lookup("send-message")
	if again.Events()[0].Label != "Sent" || again.StringDefault("body") != "Hello world!" ||
		again.Properties()[0].Name != "body" || again.Schema()[0] != '{' || again.Title != "Send Message" {
		t.Error("changing returned values changed the catalog")
	}
}

func TestPropertySpecsResolveCommonsAndQuirks(t *testing.T) {
	c := loadCatalog(t)
	spec := func(typ, name string) PropertySpec {
		w, _ := c.Lookup(typ)
		for _, p := range w.Properties() {
			if p.Name == name {
				return p
			}
		}
		t.Fatalf("%s has no property %s", typ, name)
		return PropertySpec{}
	}
	timeout := spec("capture-payments", "timeout")
	if !slices.Equal(timeout.Types, []string{"integer"}) || *timeout.Minimum != 1 || *timeout.Maximum != 30 || timeout.Default != json.Number("5") {
		t.Errorf("capture-payments timeout %+v", timeout)
	}
	if got := spec("send-and-wait-for-reply", "timeout").Types; !slices.Equal(got, []string{"string", "integer"}) {
		t.Errorf("send-and-wait timeout types %v", got)
	}
	method := spec("make-http-request", "method")
	if method.Definition != "HttpMethod" || method.Default != "GET" || len(method.Enum) != 2 {
		t.Errorf("http method %+v", method)
	}
	if !spec("make-http-request", "url").Required {
		t.Error("http url not required")
	}
	vars := spec("set-variables", "variables")
	if vars.Items == nil || vars.Items.Definition != "TypedParameter" || len(vars.Items.Members) != 4 {
		t.Errorf("set-variables variables %+v", vars)
	}
	w, _ := c.Lookup("gather-input-on-call")
	if got := w.RequiredOneOf(); len(got) != 2 || got[0][0] != "say" || got[1][0] != "play" {
		t.Errorf("gather required one of %v", got)
	}
}

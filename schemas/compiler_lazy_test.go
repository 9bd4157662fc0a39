package schemas

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// compiledOf compiles w's schema (see typeSchema) or fails the test.
func compiledOf(t testing.TB, w *WidgetType) (*jsonschema.Schema, *fastSchema) {
	t.Helper()
	s, fast, err := w.compiled.get()
	if err != nil {
		t.Fatalf("%s: %v", w.Type, err)
	}
	return s, fast
}

func fastOf(t testing.TB, w *WidgetType) *fastSchema {
	t.Helper()
	_, fast := compiledOf(t, w)
	return fast
}

// everyTypeFlow is a flow with a widget of every type in the catalog, as
// the editor adds them, and of each a copy whose properties are emptied
// (which most types refuse: the validator then words the schema's errors).
func everyTypeFlow(t testing.TB, cat *Catalog) *model.Flow {
	t.Helper()
	var states []any
	for i, typ := range cat.order {
		w := cat.types[typ]
		states = append(states, w.NewState(fmt.Sprintf("w%d", i), float64(i), 0))
		if typ == "trigger" {
			continue
		}
		broken := w.NewState(fmt.Sprintf("broken%d", i), float64(i), 200)
		broken.Set("properties", model.NewObject())
		states = append(states, broken)
	}
	f, err := model.FromObject(model.NewObject(
		model.Member{Key: "description", Value: "every type"},
		model.Member{Key: "states", Value: states},
		model.Member{Key: "initial_state", Value: "w0"},
		model.Member{Key: "flags", Value: model.NewObject(model.Member{Key: "allow_concurrent_calls", Value: true})},
	))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func compiledTypes(cat *Catalog) []string {
	var out []string
	for _, typ := range cat.order {
		if cat.types[typ].compiled.fast != nil {
			out = append(out, typ)
		}
	}
	return out
}

func TestWidgetTypesCompileAtFirstUse(t *testing.T) {
	cat := loadCatalog(t)
	if got := compiledTypes(cat); len(got) != 0 {
		t.Fatalf("compiled when the catalog loaded: %v", got)
	}
	v, err := NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse([]byte(`{"description": "d", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true},
	  "states": [
	    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "reply"}], "properties": {"offset": {"x": 0, "y": 0}}},
	    {"name": "reply", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"body": "hi", "from": "{{flow.channel.address}}", "offset": {"x": 0, "y": 200}}}
	  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	if diags := v.ValidateFlow(f); len(diags) != 0 {
		t.Errorf("unexpected findings: %v", diags)
	}
	if got, want := compiledTypes(cat), []string{"trigger", "send-message"}; !sameSet(got, want) {
		t.Errorf("compiled after validating a flow of two types: %v, want %v", got, want)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestEveryWidgetTypeCompiles(t *testing.T) {
	cat := loadCatalog(t)
	for _, w := range cat.Types() {
		if s, err := w.Compiled(); err != nil || s == nil {
			t.Errorf("%s: compiled %v, %v", w.Type, s, err)
		}
	}
}

// Validators on several goroutines compile a fresh catalog's types as they
// meet them, in whatever order, and find what one validator finds when
// the types were compiled one at a time (CI runs this under -race).
func TestLazyTypesCompiledConcurrentlyFindTheSame(t *testing.T) {
	ref := loadCatalog(t)
	refValidator, err := NewValidator(ref)
	if err != nil {
		t.Fatal(err)
	}
	want := refValidator.ValidateFlow(everyTypeFlow(t, ref))
	if len(want) == 0 {
		t.Fatal("the flow with emptied widgets has no findings: the test checks nothing")
	}
	for round := range 3 {
		cat := loadCatalog(t)
		f := everyTypeFlow(t, cat)
		const workers = 4
		got := make([][]Diagnostic, workers)
		var wg sync.WaitGroup
		for i := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := NewValidator(cat)
				if err != nil {
					t.Error(err)
					return
				}
				// Each starts at a different widget, so that they meet
				// the types in different orders.
				for k := range f.Len() {
					v.ValidateWidget(f, f.StateAt((k+i*7)%f.Len()).Name())
				}
				got[i] = v.ValidateFlow(f)
			}()
		}
		wg.Wait()
		for i, g := range got {
			if !reflect.DeepEqual(g, want) {
				t.Errorf("round %d, validator %d: %d findings, want %d\ngot  %v\nwant %v", round, i, len(g), len(want), g, want)
			}
		}
	}
}

// Each build plans only the nodes it made: the plans are the same as
// when every node is planned again after the last build (as the builder
// did when it built every type at once).
func TestBuildsPlanAsPlanningEverything(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	c := newCompiler(docs)
	var roots []*jsonschema.Schema
	for _, d := range docs {
		if d.ID == FlowSchemaURL || d.ID == CommonsSchemaURL || d.ID == CoreMetaSchemaURL {
			continue
		}
		s, err := c.Compile(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, s)
	}
	for _, order := range []string{"in turn", "backwards"} {
		if order == "backwards" {
			slices.Reverse(roots)
		}
		incremental, everything := newFastBuilder(), newFastBuilder()
		// A node's plan stays what its build made it: validators may be
		// reading it while later types are built (the -race test checks
		// that it is not even rewritten).
		firstPlans := map[*fastSchema]string{}
		for _, s := range roots {
			incremental.build(s)
			for _, n := range incremental.built {
				if first, ok := firstPlans[n]; !ok {
					firstPlans[n] = planOf(n)
				} else if now := planOf(n); now != first {
					t.Errorf("%s: %s replanned after building %s:\n%s\nwas\n%s", order, n.src.Location, s.Location, now, first)
				}
			}
			everything.node(s)
			everything.deferInPlaceCycles(everything.built[s])
		}
		planNodes(slices.Collect(maps.Values(everything.built)))
		if len(incremental.built) != len(everything.built) {
			t.Fatalf("%s: %d nodes built, want %d", order, len(incremental.built), len(everything.built))
		}
		planned := map[nodeKind]int{}
		for src, want := range everything.built {
			got := incremental.built[src]
			if a, b := planOf(got), planOf(want); a != b {
				t.Errorf("%s: %s planned\n%s\nwant\n%s", order, src.Location, a, b)
			}
			planned[got.kind]++
		}
		if planned[kindMerged] == 0 || planned[kindObject] == 0 || planned[kindApplicators] == 0 {
			t.Errorf("%s: kinds planned %v: the comparison misses the shortcuts", order, planned)
		}
	}
}

// planOf writes what planning decided for n, naming nodes by location.
func planOf(n *fastSchema) string {
	name := func(m *fastSchema) string {
		if m == nil {
			return "-"
		}
		return m.src.Location
	}
	var b strings.Builder
	fmt.Fprintf(&b, "kind %d deferred %v pins %v members %v applicators %v inPlace %v strings %q any %v",
		n.kind, n.deferred, n.pins, n.noMemberKeywords, n.noApplicators, n.noInPlace, n.strings, n.anyString)
	for _, d := range []*pinDispatch{n.anyOfBy, n.oneOfBy} {
		if d != nil {
			fmt.Fprintf(&b, " dispatch %s %q %v", d.key, d.values, d.morePins)
		}
	}
	if p := n.merged; p != nil {
		b.WriteString(" merged")
		for _, c := range p.conjuncts {
			b.WriteString(" " + name(c))
		}
		fmt.Fprintf(&b, " own %v", p.ownMembers)
	}
	return b.String()
}

// A type whose schema cannot be compiled (never one of the embedded ones)
// is reported on each of its widgets, not passed as valid.
func TestAnUncompilableTypeIsReported(t *testing.T) {
	cat := loadCatalog(t)
	v, err := NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	w := *cat.types["send-message"]
	w.compiled = &typeSchema{set: cat.compiler, url: schemaBase + "no-such-widget"}
	f, err := model.FromObject(model.NewObject(model.Member{Key: "states", Value: []any{w.NewState("reply", 0, 0)}}))
	if err != nil {
		t.Fatal(err)
	}
	diags := v.schemaRuleOf(&w, f.StateAt(0), "/states/1", nil)
	if len(diags) != 1 || diags[0].Severity != Error || diags[0].Path != "/states/1" ||
		!strings.Contains(diags[0].Message, "cannot be checked") || !strings.Contains(diags[0].Message, "no-such-widget") {
		t.Errorf("got %+v, want one error naming the schema that could not be compiled", diags)
	}
	// Nothing is compiled after an error (jsonschema/v5 may keep half-built
	// schemas), so a type not compiled yet is reported too.
	if _, _, err := cat.types["say-play"].compiled.get(); err == nil || !strings.Contains(err.Error(), "no-such-widget") {
		t.Errorf("a type compiled after the failure: err = %v, want one naming the failure", err)
	}
}

// The catalog's fragments load only the documents they are cut from (and
// what those refer to): with the flow definition's dispatch by type, every
// widget type's document was loaded and compiled with them.
func TestCatalogFragmentsLoadNoOtherWidgetSchema(t *testing.T) {
	docs, stripped := documentsWithoutTypeDispatch(t)
	loads := func(docs []Document) []string {
		c := newCompiler(docs)
		var loaded []string
		load := c.LoadURL
		c.LoadURL = func(url string) (io.ReadCloser, error) {
			loaded = append(loaded, url)
			return load(url)
		}
		for _, url := range fragmentURLs {
			if _, err := c.Compile(url); err != nil {
				t.Fatal(err)
			}
		}
		return loaded
	}
	want := []string{FlowSchemaURL, CommonsSchemaURL, CoreMetaSchemaURL, schemaBase + "split-based-on", schemaBase + "set-variables"}
	if got := loads(stripped); !sameSet(got, want) {
		t.Errorf("the catalog's fragments loaded %v, want %v", got, want)
	}
	if got := loads(docs); !slices.Contains(got, schemaBase+"send-message") {
		t.Errorf("with the official dispatch the fragments loaded %v: the test no longer shows what it avoids", got)
	}
}

// Only the dispatch is left out: every other member of the flow definition
// is as published.
func TestWithoutTypeDispatchKeepsTheRest(t *testing.T) {
	docs, stripped := documentsWithoutTypeDispatch(t)
	for i, d := range docs {
		if d.ID != FlowSchemaURL {
			if !slices.Equal(stripped[i].data, d.data) {
				t.Errorf("%s changed", d.File)
			}
			continue
		}
		var official, got map[string]any
		if err := json.Unmarshal(d.data, &official); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(stripped[i].data, &got); err != nil {
			t.Fatal(err)
		}
		items := official["properties"].(map[string]any)["states"].(map[string]any)["items"].(map[string]any)
		if _, ok := items["allOf"]; !ok {
			t.Fatal("the official flow definition has no dispatch at /properties/states/items/allOf")
		}
		delete(items, "allOf")
		if !reflect.DeepEqual(got, official) {
			t.Errorf("the flow definition without its dispatch differs from the official one in more than the dispatch")
		}
	}
}

// documentsWithoutTypeDispatch returns the embedded documents, and them as
// the catalog compiles them.
func documentsWithoutTypeDispatch(t *testing.T) (docs, stripped []Document) {
	t.Helper()
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	stripped, err = withoutTypeDispatch(docs)
	if err != nil {
		t.Fatal(err)
	}
	return docs, stripped
}

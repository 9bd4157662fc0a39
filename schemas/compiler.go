package schemas

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// Well-known schema URLs.
const (
	schemaBase        = "https://schemas.twilio.com/studio/draft/2019-09/"
	FlowSchemaURL     = schemaBase + "flow-definition"
	CommonsSchemaURL  = schemaBase + "commons"
	CoreMetaSchemaURL = schemaBase + "core"
)

// errNotEmbedded is what the compiler's loader answers for any URL that is not
// an embedded document: nothing is ever fetched from the network.
type errNotEmbedded string

func (e errNotEmbedded) Error() string {
	return fmt.Sprintf("schema %s is not embedded in Studioflow and is never fetched", string(e))
}

// newCompiler returns a draft-07 compiler that loads the embedded documents
// when a schema it compiles refers to them (a widget type's, first: see
// typeSchema), and refuses to load anything else.
func newCompiler(docs []Document) *jsonschema.Compiler {
	byID := make(map[string][]byte, len(docs))
	for _, d := range docs {
		byID[d.ID] = d.data
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.LoadURL = func(url string) (io.ReadCloser, error) {
		if data, ok := byID[url]; ok {
			return io.NopCloser(bytes.NewReader(data)), nil
		}
		return nil, errNotEmbedded(url)
	}
	return c
}

// Fragments of the official documents compiled on their own, for the checks
// that apply a piece of a schema to a piece of a flow.
const (
	flowDescriptionURL = FlowSchemaURL + "#/properties/description"
	flowSchemaPropURL  = FlowSchemaURL + "#/properties/$schema"
	flowFlagsURL       = FlowSchemaURL + "#/properties/flags"
	flowInitialURL     = FlowSchemaURL + "#/properties/initial_state"
	stateTypeURL       = FlowSchemaURL + "#/properties/states/items/properties/type"
	conditionURL       = schemaBase + "split-based-on#/definitions/Condition"
	variablesURL       = schemaBase + "set-variables#/properties/properties/variables"
	offsetURL          = CommonsSchemaURL + "#/definitions/Offset"
)

// fragmentURLs are the fragments the catalog compiles when it loads.
var fragmentURLs = []string{flowDescriptionURL, flowSchemaPropURL, flowFlagsURL, flowInitialURL, stateTypeURL, conditionURL, variablesURL, offsetURL}

// compiledSet holds the compiled schemas the catalog and validator use,
// each with its fast valid/invalid form (fastschema.go). The fragments
// above are compiled when the catalog loads; a widget type's schema when it
// is first used (see typeSchema).
type compiledSet struct {
	fragments     map[string]*jsonschema.Schema // by URL above
	fastFragments map[string]*fastSchema

	// mu serialises the compiler and the builder: jsonschema/v5's compiler
	// is not safe for concurrent use, and the builder shares the nodes of
	// common definitions between types. What they have returned is never
	// written again, so it is read without the lock.
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	builder  *fastBuilder
	// failed is the first compile error: jsonschema/v5 keeps the schemas
	// it had begun in its cache, and a later schema referring to one would
	// get it half built, so nothing is compiled after an error.
	failed error
}

func compileAll(docs []Document) (*compiledSet, error) {
	docs, err := withoutTypeDispatch(docs)
	if err != nil {
		return nil, err
	}
	set := &compiledSet{compiler: newCompiler(docs), builder: newFastBuilder(),
		fragments: map[string]*jsonschema.Schema{}, fastFragments: map[string]*fastSchema{}}
	for _, url := range fragmentURLs {
		s, fast, err := set.compile(url)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", url, err)
		}
		set.fragments[url], set.fastFragments[url] = s, fast
	}
	return set, nil
}

// withoutTypeDispatch returns docs with the flow definition's dispatch of
// each widget to its type's schema (properties/states/items/allOf) left
// out. jsonschema/v5 compiles a document's root before any fragment of it,
// so with the dispatch, compiling the flow's fragments loaded, checked
// against the meta-schema and compiled every widget type's schema, most of
// what loading the catalog cost. The catalog needs none of it: the
// validator applies each widget's type schema itself (schemaRule), and
// agreement_test holds it to the official dispatch, compiled whole.
func withoutTypeDispatch(docs []Document) ([]Document, error) {
	out := slices.Clone(docs)
	for i, d := range out {
		if d.ID != FlowSchemaURL {
			continue
		}
		root, err := model.ParseValue(d.data)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", d.File, err)
		}
		items, ok := pointerTo(root, "properties", "states", "items")
		if !ok || items.Delete("allOf") < 0 {
			return nil, fmt.Errorf("schema %s: no dispatch of widgets by type at /properties/states/items/allOf", d.File)
		}
		out[i].data = model.MarshalCanonical(root)
	}
	return out, nil
}

// pointerTo is the object at the end of keys, from v.
func pointerTo(v any, keys ...string) (*model.Object, bool) {
	for _, k := range keys {
		o, ok := v.(*model.Object)
		if !ok {
			return nil, false
		}
		if v, ok = o.Get(k); !ok {
			return nil, false
		}
	}
	o, ok := v.(*model.Object)
	return o, ok
}

// compile compiles the schema at url and builds its fast form.
func (set *compiledSet) compile(url string) (*jsonschema.Schema, *fastSchema, error) {
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.failed != nil {
		return nil, nil, fmt.Errorf("not compiled after an earlier schema failed: %w", set.failed)
	}
	s, err := set.compiler.Compile(url)
	if err != nil {
		set.failed = err
		return nil, nil, err
	}
	_, builtBefore := set.builder.built[s]
	fast := set.builder.build(s)
	if !builtBefore { // a node built before may be in use: never written again
		attachGenerated(url, fast)
	}
	return s, fast, nil
}

// typeSchema is a widget type's schema, compiled the first time a widget of
// that type is checked: a flow uses a handful of the catalog's 31 types,
// and compiling one takes 0.2 to 3 ms (jsonschema/v5 checks its document
// against the meta-schema first), 13 ms for all of them.
// TestEveryWidgetTypeCompiles compiles them all.
type typeSchema struct {
	set      *compiledSet
	url      string
	once     sync.Once
	compiled *jsonschema.Schema
	fast     *fastSchema
	err      error
}

// get returns the compiled schema and its fast form, compiling them on the
// first call; it is safe for concurrent use.
func (t *typeSchema) get() (*jsonschema.Schema, *fastSchema, error) {
	t.once.Do(func() {
		t.compiled, t.fast, t.err = t.set.compile(t.url)
		if t.err != nil {
			t.err = fmt.Errorf("the schema %s could not be compiled: %w", t.url, t.err)
		}
	})
	if t.fast == nil && t.err == nil { // the first call panicked
		return nil, nil, fmt.Errorf("the schema %s did not finish compiling", t.url)
	}
	return t.compiled, t.fast, t.err
}

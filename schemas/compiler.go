package schemas

import (
	"bytes"
	"fmt"
	"io"

	"github.com/santhosh-tekuri/jsonschema/v5"
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

// newCompiler returns a draft-07 compiler that knows every embedded document
// and refuses to load anything else.
func newCompiler(docs []Document) (*jsonschema.Compiler, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.LoadURL = func(url string) (io.ReadCloser, error) { return nil, errNotEmbedded(url) }
	for _, d := range docs {
		if err := c.AddResource(d.ID, bytes.NewReader(d.data)); err != nil {
			return nil, fmt.Errorf("register schema %s: %w", d.File, err)
		}
	}
	return c, nil
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

// compiledSet holds every compiled schema the catalog and validator use,
// each with its fast valid/invalid form (fastschema.go).
type compiledSet struct {
	widgets       map[string]*jsonschema.Schema // by widget type
	fragments     map[string]*jsonschema.Schema // by URL above
	fastWidgets   map[string]*fastSchema
	fastFragments map[string]*fastSchema
}

func compileAll(docs []Document) (*compiledSet, error) {
	c, err := newCompiler(docs)
	if err != nil {
		return nil, err
	}
	set := &compiledSet{widgets: map[string]*jsonschema.Schema{}, fragments: map[string]*jsonschema.Schema{}}
	for _, d := range docs {
		if d.ID == FlowSchemaURL || d.ID == CommonsSchemaURL || d.ID == CoreMetaSchemaURL {
			continue
		}
		s, err := c.Compile(d.ID)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", d.File, err)
		}
		set.widgets[typeOfDocument(d)] = s
	}
	for _, url := range []string{flowDescriptionURL, flowSchemaPropURL, flowFlagsURL, flowInitialURL, stateTypeURL, conditionURL, variablesURL, offsetURL} {
		s, err := c.Compile(url)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", url, err)
		}
		set.fragments[url] = s
	}
	b := newFastBuilder()
	set.fastWidgets = make(map[string]*fastSchema, len(set.widgets))
	for typ, s := range set.widgets {
		set.fastWidgets[typ] = b.build(s)
	}
	set.fastFragments = make(map[string]*fastSchema, len(set.fragments))
	for url, s := range set.fragments {
		set.fastFragments[url] = b.build(s)
	}
	return set, nil
}

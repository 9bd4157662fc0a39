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

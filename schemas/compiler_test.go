package schemas

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestEveryEmbeddedSchemaCompilesOffline(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 34 {
		t.Errorf("got %d embedded documents, want 23 official + 11 supplied", len(docs))
	}
	// Each on a compiler of its own, as the catalog compiles a widget
	// type's schema first: what it refers to must load on demand.
	for _, d := range docs {
		if _, err := newCompiler(docs).Compile(d.ID); err != nil {
			t.Errorf("%s (%s): %v", d.File, d.ID, err)
		}
	}
}

func TestCompilerRefusesUnembeddedURLs(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	c := newCompiler(docs)
	_, err = c.Compile("https://example.com/schema.json")
	var ne errNotEmbedded
	if !errors.As(err, &ne) || !strings.Contains(err.Error(), "never fetched") {
		t.Fatalf("compile of an unembedded URL: got %v, want the not-embedded refusal", err)
	}
}

// jsonschema/v5 checks a schema only against its draft's metaschema, so the
// extra keywords of core# are checked here by validating each widget schema
// as an instance of core#.
func TestWidgetSchemasSatisfyCoreMetaschema(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	c := newCompiler(docs)
	core, err := c.Compile(CoreMetaSchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	widgets := 0
	for _, d := range docs {
		var doc map[string]any
		if err := json.Unmarshal(d.data, &doc); err != nil {
			t.Fatal(err)
		}
		if doc["$schema"] != CoreMetaSchemaURL+"#" {
			continue
		}
		widgets++
		if err := core.Validate(doc); err != nil {
			t.Errorf("%s: %v", d.File, err)
		}
	}
	if widgets != 31 {
		t.Errorf("%d documents declare core#, want 22 official + 9 supplied widget schemas", widgets)
	}
	bad := map[string]any{"maturity": "alpha", "schema_revision": json.Number("0")}
	err = core.Validate(bad)
	if detail := fmt.Sprintf("%#v", err); err == nil || !strings.Contains(detail, "/maturity") || !strings.Contains(detail, "/schema_revision") {
		t.Fatalf("core# accepted maturity alpha and schema_revision 0: %v", err)
	}
}

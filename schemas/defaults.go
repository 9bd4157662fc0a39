package schemas

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// defaultFiles holds one new-widget snippet per type, in seed 001's form
// (transitions, type, name, properties). See WidgetType.DefaultsSource for provenance.
//
//go:embed defaults/*.json
var defaultFiles embed.FS

// Seed 001 prints one snippet per widget type. Five of them miss commas
// between "event" and "next" and are not JSON as printed: the files here are
// corrected copies (TestDefaultsMatchSeedSnippets proves that adding those
// commas, and nothing else, gives the file). Each type's WidgetEntry says
// which (its defaultsFrom field).

// DefaultsSource says where DefaultProperties and DefaultTransitions come from.
func (w WidgetType) DefaultsSource() string {
	switch {
	case w.Type == model.TriggerType:
		return "seed 001, the trigger of the Blank Flow sample"
	case w.defaultsFrom == defaultsSeedCorrected:
		return "seed 001 snippet, corrected: the commas it misses between \"event\" and \"next\" are added"
	case w.defaultsFrom == defaultsSeed:
		return "seed 001 snippet"
	default:
		return "Studioflow: seed 001 has no snippet; every event unconnected and the schema's required properties with their defaults"
	}
}

// loadDefaults parses every default widget, by type.
func loadDefaults() (map[string]*model.Object, error) {
	names, err := fs.Glob(defaultFiles, "defaults/*.json")
	if err != nil {
		return nil, fmt.Errorf("list default widgets: %w", err)
	}
	out := make(map[string]*model.Object, len(names))
	for _, name := range names {
		data, err := defaultFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read default widget %s: %w", name, err)
		}
		v, err := model.ParseValue(data)
		if err != nil {
			return nil, fmt.Errorf("default widget %s: %w", name, err)
		}
		obj, ok := v.(*model.Object)
		if !ok {
			return nil, fmt.Errorf("default widget %s is not a JSON object", name)
		}
		typ := strings.TrimSuffix(path.Base(name), ".json")
		if got, _ := obj.String("type"); got != typ {
			return nil, fmt.Errorf("default widget %s has type %q", name, got)
		}
		out[typ] = obj
	}
	return out, nil
}

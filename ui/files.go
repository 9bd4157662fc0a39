package ui

import (
	"fmt"
	"path/filepath"

	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/model"
)

// readFlowFile reads and parses a flow file, refusing files over
// model.MaxFileSize without reading all of them.
func readFlowFile(path string) (*model.Flow, error) {
	data, err := model.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := model.Parse(data)
	if err == nil {
		err = checkEditable(f)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return f, nil
}

// parseImport reads what Import from JSON accepts: a bare flow definition,
// or a Flow resource as Studio's REST API returns it (the definition under
// "definition", as an object or as JSON text).
func parseImport(data []byte) (*model.Flow, error) {
	v, err := model.ParseValue(data)
	if err != nil {
		return nil, err
	}
	root, ok := v.(*model.Object)
	if !ok {
		return nil, &model.StructureError{Msg: "a flow definition must be a JSON object, but this is " + model.TypeName(v)}
	}
	if !root.Has("states") {
		if dv, ok := root.Get("definition"); ok {
			switch d := dv.(type) {
			case *model.Object:
				root = d
			case string:
				return parseImport([]byte(d))
			}
		}
	}
	return model.FromObject(root)
}

// newImportedDocument opens an imported flow, laid out first when its
// widgets have no usable positions (the layout is the first undo step).
func newImportedDocument(f *model.Flow) (*model.Document, error) {
	doc := model.NewDocument(f)
	if layout.NeedsLayout(f) {
		if err := doc.Apply(layout.Op(f, layout.Options{})); err != nil {
			return nil, fmt.Errorf("lay out the imported flow: %w", err)
		}
	}
	return doc, nil
}

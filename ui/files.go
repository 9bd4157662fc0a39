package ui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/model"
)

// readFlowFile reads and parses a flow file, refusing files over
// model.MaxFileSize without reading all of them.
func readFlowFile(path string) (*model.Flow, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	f, err := model.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return f, nil
}

func readLimited(path string) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, model.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > model.MaxFileSize {
		return nil, fmt.Errorf("%s: %w: flow definitions are limited to %d MiB", filepath.Base(path), model.ErrTooLarge, model.MaxFileSize>>20)
	}
	return data, nil
}

// writeFileAtomic replaces path with data so that a crash leaves either the
// old or the new file, never half of one: the data goes to a temporary file
// beside it, which is synced and renamed over path. An existing file keeps
// its permission bits; a symbolic link keeps pointing at the replaced file.
func writeFileAtomic(path string, data []byte) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("resolve %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create a temporary file beside %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("set the mode of %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return nil
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

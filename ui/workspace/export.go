package workspace

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/studioflow/studioflow/model"
)

// ExportFlow writes the workspace flow's latest definition to path in
// Studio's canonical form ("Show Flow JSON"), atomically: a temporary file
// beside path renamed over it.
func (h *Home) ExportFlow(sid, path string) error {
	f, err := h.store.Flow(sid)
	if err != nil {
		return fmt.Errorf("export flow: %w", err)
	}
	flow, err := model.Parse(f.Definition)
	if err != nil {
		return fmt.Errorf("export %q: the stored definition is not a flow: %w", f.FriendlyName, err)
	}
	data := flow.Marshal()
	if len(data) == 0 || data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	if err := writeFileAtomic(path, data); err != nil {
		return fmt.Errorf("export %q: %w", f.FriendlyName, err)
	}
	return nil
}

// showExport asks where to export the flow.
func (h *Home) showExport(sid, name string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			h.showError(fmt.Errorf("choose where to export: %w", err))
			return
		}
		if w == nil {
			return
		}
		// The dialog creates the file; the export replaces it atomically.
		w.Close()
		if w.URI().Scheme() != "file" {
			h.showError(fmt.Errorf("export to %s: only local files are supported", w.URI()))
			return
		}
		if err := h.ExportFlow(sid, w.URI().Path()); err != nil {
			h.showError(err)
		}
	}, h.win)
	d.SetFileName(name + ".json")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, synced and renamed over path, so path is never half written. An
// existing file keeps its permission bits; a new one gets 0644.
func writeFileAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
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

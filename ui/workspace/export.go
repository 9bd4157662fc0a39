package workspace

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/studioflow/studioflow/internal/atomicfile"
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
	if err := atomicfile.Write(path, data); err != nil {
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

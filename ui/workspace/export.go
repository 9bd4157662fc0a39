package workspace

import (
	"fmt"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/filedialog"
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
	filedialog.Save(h.win, h.Prefs, filedialog.Options{
		Title: "Export " + name, Purpose: filedialog.Exports, Extensions: []string{".json"}, FileName: name + ".json",
	}, func(path string) {
		if err := h.ExportFlow(sid, path); err != nil {
			h.showError(err)
		}
	})
}

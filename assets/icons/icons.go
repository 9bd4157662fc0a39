// Package icons holds the widget-type icons the canvas draws in node
// headers, one SVG per name in the catalog's Icon field. The icons are
// drawn in white on a transparent ground, to sit on a header's colour.
package icons

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed *.svg
var files embed.FS

// SVG returns the icon named name (a schemas.WidgetType's Icon), or false
// when there is none.
func SVG(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, "/\\.") {
		return nil, false
	}
	data, err := files.ReadFile(name + ".svg")
	if err != nil {
		return nil, false
	}
	return data, true
}

// Names lists every embedded icon, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".svg"); ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

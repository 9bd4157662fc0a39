package flowmerge

import (
	"github.com/studioflow/studioflow/model"
)

// renameWidget rewrites a widget's transitions' targets by renamed; its own
// name stays. Liquid references ("widgets.NAME" in text) are merged as
// written: Studio does not rewrite them when a widget is renamed either, and
// the validator points out the ones left dangling.
func renameWidget(w *model.Object, renamed map[string]string) {
	if len(renamed) == 0 {
		return
	}
	for _, mem := range w.Members() {
		switch mem.Key {
		case "transitions":
			list, _ := mem.Value.([]any)
			for _, e := range list {
				t, ok := e.(*model.Object)
				if !ok {
					continue
				}
				if next, ok := t.String("next"); ok {
					if n, ok := renamed[next]; ok {
						t.Set("next", n)
					}
				}
			}
		}
	}
}

// renameAll rewrites references across a whole definition (every widget
// and initial_state) by renamed.
func renameAll(root *model.Object, renamed map[string]string) {
	if len(renamed) == 0 {
		return
	}
	if init, ok := root.String("initial_state"); ok {
		if n, ok := renamed[init]; ok {
			root.Set("initial_state", n)
		}
	}
	v, _ := root.Get("states")
	list, _ := v.([]any)
	for _, e := range list {
		if w, ok := e.(*model.Object); ok {
			renameWidget(w, renamed)
		}
	}
}

package engine

import "maps"

// The execution context is a tree of plain maps that is never changed in
// place: every update copies the maps along its path. A step's context
// snapshot is then just the root map of its moment, shared, not copied.

func withPath(root map[string]any, value any, path ...string) map[string]any {
	out := maps.Clone(root)
	if out == nil {
		out = map[string]any{}
	}
	if len(path) == 1 {
		out[path[0]] = value
		return out
	}
	child, _ := out[path[0]].(map[string]any)
	out[path[0]] = withPath(child, value, path[1:]...)
	return out
}

func lookup(root map[string]any, path ...string) any {
	var cur any = root
	for _, k := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

package simulator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// pathSep joins the keys of a context path into a tree node ID; it cannot
// appear in JSON keys people write.
const pathSep = "\x1f"

func joinPath(keys ...string) string { return strings.Join(keys, pathSep) }

func splitPath(id string) []string {
	if id == "" {
		return nil
	}
	return strings.Split(id, pathSep)
}

// changedPaths lists the node IDs whose value differs between before and
// after, with every ancestor of a change, so a collapsed branch shows that
// something inside it changed.
func changedPaths(before, after map[string]any) map[string]bool {
	out := map[string]bool{}
	diffValue(before, after, nil, out)
	return out
}

func diffValue(a, b any, path []string, out map[string]bool) bool {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		// The engine copies maps along a changed path only: a shared map is unchanged.
		if reflect.ValueOf(am).UnsafePointer() == reflect.ValueOf(bm).UnsafePointer() {
			return false
		}
		changed := false
		for _, k := range unionKeys(am, bm) {
			if diffValue(am[k], bm[k], append(slices.Clip(path), k), out) {
				changed = true
			}
		}
		if changed && len(path) > 0 {
			out[joinPath(path...)] = true
		}
		return changed
	}
	ak, aObj := engine.Keys(a)
	bk, bObj := engine.Keys(b)
	if aObj && bObj && !(aok && bok) {
		// A JSON object (a response, a variable) on either side: compare
		// member by member, in the order they are shown.
		if reflect.DeepEqual(a, b) {
			return false
		}
		changed := false
		for _, k := range unionOrdered(ak, bk) {
			av, _ := engine.Member(a, k)
			bv, _ := engine.Member(b, k)
			if diffValue(av, bv, append(slices.Clip(path), k), out) {
				changed = true
			}
		}
		if changed && len(path) > 0 {
			out[joinPath(path...)] = true
		}
		return changed
	}
	if reflect.DeepEqual(a, b) {
		return false
	}
	if len(path) > 0 {
		out[joinPath(path...)] = true
	}
	// Mark what is new inside a value that appeared or was replaced.
	for _, k := range bk {
		v, _ := engine.Member(b, k)
		diffValue(nil, v, append(slices.Clip(path), k), out)
	}
	return true
}

// unionOrdered is a's keys, then b's that a lacks.
func unionOrdered(a, b []string) []string {
	seen := make(map[string]bool, len(a))
	out := slices.Clone(a)
	for _, k := range a {
		seen[k] = true
	}
	for _, k := range b {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

func unionKeys(a, b map[string]any) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// contextValue returns the value at a node ID.
func contextValue(root map[string]any, id string) any {
	var cur any = root
	for _, k := range splitPath(id) {
		switch c := cur.(type) {
		case map[string]any, *liquid.Object:
			cur, _ = engine.Member(c, k)
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

// childIDs lists the children of a node: an object's keys in the order
// Liquid iterates them (a map's sorted, a JSON object's as written), list
// indexes in order.
func childIDs(root map[string]any, id string) []string {
	v := contextValue(root, id)
	prefix := id
	if prefix != "" {
		prefix += pathSep
	}
	if keys, ok := engine.Keys(v); ok {
		for i, k := range keys {
			keys[i] = prefix + k
		}
		return keys
	}
	switch c := v.(type) {
	case []any:
		ids := make([]string, len(c))
		for i := range c {
			ids[i] = prefix + strconv.Itoa(i)
		}
		return ids
	}
	return nil
}

func isBranch(root map[string]any, id string) bool {
	switch contextValue(root, id).(type) {
	case map[string]any, *liquid.Object, []any:
		return true
	}
	return false
}

// nodeLabel is "key: value" for a leaf, "key" for a branch.
func nodeLabel(root map[string]any, id string) string {
	keys := splitPath(id)
	key := "context"
	if len(keys) > 0 {
		key = keys[len(keys)-1]
	}
	v := contextValue(root, id)
	switch c := v.(type) {
	case map[string]any:
		return fmt.Sprintf("%s  {%d}", key, len(c))
	case *liquid.Object:
		return fmt.Sprintf("%s  {%d}", key, c.Len())
	case []any:
		return fmt.Sprintf("%s  [%d]", key, len(c))
	}
	return key + ": " + shortValue(v)
}

// shortValue shows a leaf on one line, cut with an ellipsis past 160 characters.
func shortValue(v any) string {
	var s string
	switch t := v.(type) {
	case nil:
		s = "null"
	case string:
		b, _ := json.Marshal(t)
		s = string(b)
	default:
		s = fmt.Sprint(t)
	}
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}

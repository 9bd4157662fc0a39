package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/schemas/liquid"
)

// The context tree shares its maps between the execution and every step
// snapshot (see context.go), so a snapshot writes each map once, in a table
// of nodes, and values refer to maps by their index in it. A node only ever
// refers to nodes before it: a table cannot describe a cycle, and restoring
// it rebuilds the same sharing.
//
// An encoded value is a JSON string, true/false or null as itself, or an
// object with a single tag telling the Go type apart where JSON cannot:
//
//	{"m": N}      map[string]any: node N (-1 for a nil map)
//	{"o": [k, v, …]}  *liquid.Object: its keys and encoded values, in order
//	{"a": [...]}  []any (null for a nil list)
//	{"i": 12}     int64
//	{"n": 12}     int
//	{"b": 12345678901234567890}  *big.Int (an integer past int64)
//	{"f": 1.5}    float64
//
// Any other type (a caller's []string or uint8, say) is written as the
// plain JSON value it marshals to, and restored as such.

// valueWriter builds the node table.
type valueWriter struct {
	nodes []map[string]any
	ids   map[uintptr]int // map pointer → node index
}

func newValueWriter() *valueWriter {
	return &valueWriter{ids: map[uintptr]int{}}
}

// mapRef writes m (once) and returns its node index, -1 for a nil map.
func (w *valueWriter) mapRef(m map[string]any) (int, error) {
	if m == nil {
		return -1, nil
	}
	ptr := uintptr(reflect.ValueOf(m).UnsafePointer())
	if id, ok := w.ids[ptr]; ok {
		return id, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	node := make(map[string]any, len(m))
	for _, k := range keys {
		v, err := w.value(m[k])
		if err != nil {
			return 0, fmt.Errorf("%s: %w", k, err)
		}
		node[k] = v
	}
	id := len(w.nodes)
	w.nodes = append(w.nodes, node)
	w.ids[ptr] = id
	return id, nil
}

func (w *valueWriter) value(v any) (any, error) {
	switch t := v.(type) {
	case nil, string, bool:
		return t, nil
	case map[string]any:
		id, err := w.mapRef(t)
		return map[string]any{"m": id}, err
	case *liquid.Object:
		pairs := make([]any, 0, 2*t.Len())
		for _, k := range t.Keys() {
			e, _ := t.Get(k)
			enc, err := w.value(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			pairs = append(pairs, k, enc)
		}
		return map[string]any{"o": pairs}, nil
	case []any:
		if t == nil {
			return map[string]any{"a": nil}, nil
		}
		list := make([]any, len(t))
		for i, e := range t {
			enc, err := w.value(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			list[i] = enc
		}
		return map[string]any{"a": list}, nil
	case int64:
		return map[string]any{"i": t}, nil
	case int:
		return map[string]any{"n": t}, nil
	case *big.Int:
		digits := t.String()
		if len(strings.TrimPrefix(digits, "-")) > liquid.MaxIntegerDigits {
			return nil, fmt.Errorf("an integer of more than %d digits", liquid.MaxIntegerDigits)
		}
		return map[string]any{"b": json.Number(digits)}, nil
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, fmt.Errorf("the number %v has no JSON form", t)
		}
		return map[string]any{"f": t}, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("a %T value: %w", v, err)
	}
	p, err := decodeJSON(string(raw))
	if err != nil {
		return nil, fmt.Errorf("a %T value: %w", v, err)
	}
	return w.value(p)
}

// maxExpandedValues bounds how many values one map holds once its shared
// nodes are counted each time they appear: a real context has thousands, and
// a damaged table that doubles at every node must not make walking the
// context (rendering, marshalling) take forever.
const maxExpandedValues = 1 << 20

// valueReader rebuilds the nodes of a snapshot.
type valueReader struct {
	nodes []map[string]any
	sizes []int // expanded size of each node
}

// readNodes decodes the node table; each node may refer only to earlier ones.
func readNodes(raw []map[string]any) (*valueReader, error) {
	r := &valueReader{nodes: make([]map[string]any, 0, len(raw)), sizes: make([]int, 0, len(raw))}
	for i, node := range raw {
		if node == nil {
			return nil, fmt.Errorf("node %d is null, not an object", i)
		}
		m := make(map[string]any, len(node))
		size := 1
		for k, enc := range node {
			v, n, err := r.value(enc)
			if err != nil {
				return nil, fmt.Errorf("node %d, key %q: %w", i, k, err)
			}
			m[k] = v
			size += n
		}
		if size > maxExpandedValues {
			return nil, fmt.Errorf("node %d expands to more than %d values", i, maxExpandedValues)
		}
		r.nodes = append(r.nodes, m)
		r.sizes = append(r.sizes, size)
	}
	return r, nil
}

// mapRef returns node id (nil for -1).
func (r *valueReader) mapRef(id int) (map[string]any, error) {
	m, _, err := r.node(id)
	return m, err
}

// node returns node id and its expanded size.
func (r *valueReader) node(id int) (map[string]any, int, error) {
	if id == -1 {
		return nil, 1, nil
	}
	if id < 0 || id >= len(r.nodes) {
		return nil, 0, fmt.Errorf("refers to map node %d, which does not come before it (%d known)", id, len(r.nodes))
	}
	return r.nodes[id], r.sizes[id], nil
}

// value decodes one encoded value, returning it and its expanded size.
func (r *valueReader) value(enc any) (any, int, error) {
	switch t := enc.(type) {
	case nil, string, bool:
		return t, 1, nil
	case map[string]any:
		if len(t) != 1 {
			return nil, 0, fmt.Errorf("a tagged value has %d members, want 1", len(t))
		}
		for tag, body := range t {
			return r.tagged(tag, body)
		}
	}
	return nil, 0, fmt.Errorf("a %s is not an encoded value (numbers, maps and lists are tagged)", jsonKind(enc))
}

func (r *valueReader) tagged(tag string, body any) (any, int, error) {
	switch tag {
	case "m":
		id, err := wholeNumber(body)
		if err != nil {
			return nil, 0, fmt.Errorf("map reference: %w", err)
		}
		return r.node(id)
	case "a":
		if body == nil {
			return []any(nil), 1, nil
		}
		list, ok := body.([]any)
		if !ok {
			return nil, 0, fmt.Errorf("list: want an array, found a %s", jsonKind(body))
		}
		out := make([]any, len(list))
		size := 1
		for i, e := range list {
			v, n, err := r.value(e)
			if err != nil {
				return nil, 0, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = v
			size += n
			if size > maxExpandedValues {
				return nil, 0, fmt.Errorf("a list expands to more than %d values", maxExpandedValues)
			}
		}
		return out, size, nil
	case "o":
		return r.object(body)
	case "i", "n", "b", "f":
		v, err := number(tag, body)
		return v, 1, err
	}
	return nil, 0, fmt.Errorf("unknown value tag %q", tag)
}

// object decodes an ordered object written as [key, value, key, value, …].
func (r *valueReader) object(body any) (any, int, error) {
	pairs, ok := body.([]any)
	if !ok || len(pairs)%2 != 0 {
		return nil, 0, fmt.Errorf("object: want an array of keys and values, found a %s", jsonKind(body))
	}
	o := liquid.NewObject(len(pairs) / 2)
	size := 1
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, 0, fmt.Errorf("object: key %d is a %s, not a string", i/2, jsonKind(pairs[i]))
		}
		v, n, err := r.value(pairs[i+1])
		if err != nil {
			return nil, 0, fmt.Errorf("object: %s: %w", k, err)
		}
		o.Set(k, v)
		size += n
		if size > maxExpandedValues {
			return nil, 0, fmt.Errorf("an object expands to more than %d values", maxExpandedValues)
		}
	}
	return o, size, nil
}

func number(tag string, body any) (any, error) {
	num, ok := body.(json.Number)
	if !ok {
		return nil, fmt.Errorf("tag %q: want a number, found a %s", tag, jsonKind(body))
	}
	switch tag {
	case "i":
		n, err := strconv.ParseInt(string(num), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("int64 %s: %w", num, err)
		}
		return n, nil
	case "n":
		n, err := strconv.ParseInt(string(num), 10, strconv.IntSize)
		if err != nil {
			return nil, fmt.Errorf("int %s: %w", num, err)
		}
		return int(n), nil
	case "b":
		if len(strings.TrimPrefix(string(num), "-")) > liquid.MaxIntegerDigits {
			return nil, fmt.Errorf("an integer of more than %d digits", liquid.MaxIntegerDigits)
		}
		n, ok := new(big.Int).SetString(string(num), 10)
		if !ok {
			return nil, fmt.Errorf("integer %s is not one", num)
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(string(num), 64)
	if err != nil {
		return nil, fmt.Errorf("float64 %s: %w", num, err)
	}
	return f, nil
}

func wholeNumber(v any) (int, error) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("want a number, found a %s", jsonKind(v))
	}
	n, err := strconv.Atoi(string(num))
	if err != nil {
		return 0, fmt.Errorf("%s is not a whole number", num)
	}
	return n, nil
}

// jsonKind names the JSON type of a decoded value, for error messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

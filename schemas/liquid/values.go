package liquid

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/osteele/liquid/values"
)

// Object is a JSON object whose members keep the order they were written in,
// so that iterating or printing it gives the same result every time, as in
// Studio (Ruby hashes keep insertion order). It is a Liquid value: the
// library looks its members up through the values.Value methods.
type Object struct {
	keys []string
	m    map[string]any
}

// NewObject returns an empty Object with room for n members.
func NewObject(n int) *Object {
	return &Object{keys: make([]string, 0, n), m: make(map[string]any, n)}
}

// Set adds or replaces a member; a new key goes last.
func (o *Object) Set(key string, v any) {
	if _, ok := o.m[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.m[key] = v
}

// Get returns a member.
func (o *Object) Get(key string) (any, bool) {
	v, ok := o.m[key]
	return v, ok
}

// Keys returns the keys in order. The slice must not be modified.
func (o *Object) Keys() []string { return o.keys }

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }

// MarshalJSON writes the members in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.m[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// The values.Value methods, through which the library reads an Object.

func (o *Object) Interface() any { return o }
func (o *Object) Int() int       { panic(values.TypeError("can't convert an object to an integer")) }
func (o *Object) Equal(other values.Value) bool {
	return rubyEqual(o, other.Interface())
}
func (o *Object) Less(values.Value) bool { return false }
func (o *Object) Contains(elem values.Value) bool {
	k, ok := elem.Interface().(string)
	if !ok {
		return false
	}
	_, has := o.m[k]
	return has
}
func (o *Object) IndexValue(index values.Value) values.Value {
	k, ok := index.Interface().(string)
	if !ok {
		return values.ValueOf(nil)
	}
	return valueOf(o.m[k])
}
func (o *Object) PropertyValue(index values.Value) values.Value {
	k, _ := index.Interface().(string)
	if v, ok := o.m[k]; ok {
		return valueOf(v)
	}
	switch k {
	case "size":
		return values.ValueOf(len(o.keys))
	case "first":
		if len(o.keys) > 0 {
			return values.ValueOf([]any{o.keys[0], o.m[o.keys[0]]})
		}
	}
	return values.ValueOf(nil)
}
func (o *Object) Test() bool { return true }

// DecodeJSON reads JSON the way Liquid sees it: objects as *Object in
// document order, arrays as []any, whole numbers as int (a *big.Int past
// an int: 12345678901234567890 stays exact), other numbers as float64 (so
// 20.0 stays a float and prints "20.0").
func DecodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("reading JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("reading JSON: unexpected data after the value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := NewObject(4)
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o.Set(k, v)
			}
			_, err := dec.Token()
			return o, err
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		return numberLiteral(string(t)), nil
	default:
		return t, nil
	}
}

// numberLiteral reads a JSON number: an integer when written whole (int,
// or *big.Int past an int), else float64. A number neither holds (1e400,
// an integer past MaxIntegerDigits) keeps its text.
func numberLiteral(lit string) any {
	if i, err := strconv.ParseInt(lit, 10, 0); err == nil {
		return int(i)
	}
	if v, ok := ParseInteger(lit); ok {
		return v
	}
	if f, err := strconv.ParseFloat(lit, 64); err == nil && !isIntegerLiteral(lit) {
		return f
	}
	return lit
}

// isIntegerLiteral reports whether lit is written as a JSON integer (no
// fraction, no exponent).
func isIntegerLiteral(lit string) bool {
	return allDigits(strings.TrimPrefix(lit, "-"))
}

// Normalize converts Go values into the ones Liquid works with: sized
// integers become int (or *big.Int past an int, as a *big.Int that fits
// becomes int), float32 becomes float64, json.Number is read, and
// maps become *Object with sorted keys (a Go map has no order, and output
// must not change from run to run). Values already in that form are
// returned as they are, without copying.
func Normalize(v any) any {
	out, _ := normalize(v)
	return out
}

// normalize reports whether it had to change anything.
func normalize(v any) (any, bool) {
	switch t := v.(type) {
	case nil, string, bool, int, float64, *Object:
		if o, ok := t.(*Object); ok {
			changed := false
			for _, k := range o.keys {
				if nv, c := normalize(o.m[k]); c {
					o.m[k] = nv // Objects are built by this package; fixing in place is safe
					changed = true
				}
			}
			_ = changed
		}
		return v, false
	case int64:
		if t >= math.MinInt && t <= math.MaxInt {
			return int(t), true
		}
		return big.NewInt(t), true
	case *big.Int:
		if i, ok := bigInteger(t).(int); ok {
			return i, true
		}
		return v, false
	case int32:
		return int(t), true
	case int16:
		return int(t), true
	case int8:
		return int(t), true
	case uint:
		return Normalize(uint64(t)), true
	case uint64:
		if t <= math.MaxInt {
			return int(t), true
		}
		return new(big.Int).SetUint64(t), true
	case uint32:
		return Normalize(int64(t)), true
	case uint16:
		return int(t), true
	case uint8:
		return int(t), true
	case float32:
		return float64(t), true
	case json.Number:
		return numberLiteral(string(t)), true
	case []any:
		var out []any
		for i, e := range t {
			if ne, c := normalize(e); c {
				if out == nil {
					out = make([]any, len(t))
					copy(out, t)
				}
				out[i] = ne
			}
		}
		if out != nil {
			return out, true
		}
		return v, false
	case lazyMap: // inside a value built from a lookup ("first" of an object)
		return Normalize(t.m), true
	case lazyList:
		return Normalize(t.l), true
	case bigValue:
		return Normalize(t.b), true
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := NewObject(len(keys))
		for _, k := range keys {
			o.Set(k, Normalize(t[k]))
		}
		return o, true
	case values.Range:
		return v, false
	case []string:
		out := make([]any, len(t))
		for i, s := range t {
			out[i] = s
		}
		return out, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = Normalize(rv.Index(i).Interface())
		}
		return out, true
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		keys := make([]string, 0, rv.Len())
		for _, k := range rv.MapKeys() {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		o := NewObject(len(keys))
		for _, k := range keys {
			o.Set(k, Normalize(rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())).Interface()))
		}
		return o, true
	case reflect.String:
		return rv.String(), true
	case reflect.Bool:
		return rv.Bool(), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return v, false
}

// AsMap returns the members of an object value as a map (for callers that
// hold Liquid values and need Go maps).
func AsMap(v any) (map[string]any, bool) {
	switch t := v.(type) {
	case *Object:
		m := make(map[string]any, len(t.keys))
		for _, k := range t.keys {
			m[k] = t.m[k]
		}
		return m, true
	case map[string]any:
		return t, true
	}
	return nil, false
}

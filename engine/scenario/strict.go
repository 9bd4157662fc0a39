package scenario

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

var unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()

// strictDecode decodes n into out after refusing any key that out's type
// (or a type inside it without its own UnmarshalYAML) does not have:
// yaml.v3 forgets KnownFields inside an UnmarshalYAML (Node.Decode starts
// a decoder of its own), so a typo in a step (not_pased:) would skip its
// check without a word.
func strictDecode(n *yaml.Node, out any) error {
	if err := knownKeys(n, reflect.TypeOf(out)); err != nil {
		return err
	}
	return n.Decode(out)
}

func knownKeys(n *yaml.Node, t reflect.Type) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil // Decode says what is wrong
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, ok := yamlName(f)
			if !ok {
				continue
			}
			fields[name] = f.Type
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				return fmt.Errorf("line %d: unknown key %q (the keys here are %s)", k.Line, k.Value, strings.Join(names, ", "))
			}
			if err := knownNested(n.Content[i+1], ft); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind == yaml.SequenceNode {
			for _, e := range n.Content {
				if err := knownNested(e, t.Elem()); err != nil {
					return err
				}
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				if err := knownNested(n.Content[i], t.Elem()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// knownNested checks a value inside a type, unless its type reads itself
// (its UnmarshalYAML checks its own keys).
func knownNested(n *yaml.Node, t reflect.Type) error {
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	return knownKeys(n, t)
}

// yamlName is the name yaml.v3 gives struct field f, and the options of its
// tag (omitempty, …); ok is false for a field yaml.v3 leaves out.
func yamlName(f reflect.StructField) (name, opts string, ok bool) {
	if !f.IsExported() {
		return "", "", false
	}
	name, opts, _ = strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return "", "", false
	}
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name, opts, true
}

package schemas

import (
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// PropertySpec describes one property of a widget (or a member of an object
// property) as its schema states it, with $refs resolved, for a
// schema-driven inspector.
type PropertySpec struct {
	Name        string
	Title       string
	Description string
	// Types lists the JSON types accepted: "string", "integer", "number",
	// "boolean", "array", "object" (several when the schema offers a choice,
	// e.g. send-and-wait-for-reply's timeout). Empty means any type.
	Types []string
	// Enum lists the allowed values (model values), when the schema restricts them.
	Enum []any
	// Default is the schema's default (a model value), or nil.
	Default          any
	Minimum, Maximum *float64
	MinLength        *int
	Pattern          string
	Required         bool
	// Definition names the commons definition the property refers to
	// ("Parameter", "HttpMethod", …), or "".
	Definition string
	// Items describes the elements of an array property.
	Items *PropertySpec
	// Members describes the members of an object property, in schema order.
	Members []PropertySpec
}

func (p PropertySpec) clone() PropertySpec {
	c := p
	c.Types = slices.Clone(p.Types)
	c.Enum = make([]any, len(p.Enum))
	for i, e := range p.Enum {
		c.Enum[i] = model.CloneValue(e)
	}
	if p.Enum == nil {
		c.Enum = nil
	}
	c.Default = model.CloneValue(p.Default)
	if p.Minimum != nil {
		v := *p.Minimum
		c.Minimum = &v
	}
	if p.Maximum != nil {
		v := *p.Maximum
		c.Maximum = &v
	}
	if p.MinLength != nil {
		v := *p.MinLength
		c.MinLength = &v
	}
	if p.Items != nil {
		it := p.Items.clone()
		c.Items = &it
	}
	if p.Members != nil {
		c.Members = make([]PropertySpec, len(p.Members))
		for i, m := range p.Members {
			c.Members[i] = m.clone()
		}
	}
	return c
}

// schemaKeywords are the draft-07 keywords that may appear in a schema
// object; any other member of the set-variables properties schema is a
// property schema written where "properties" was meant (QUIRKS.md 4).
var schemaKeywords = map[string]bool{
	"$schema": true, "$id": true, "$ref": true, "$comment": true, "title": true, "description": true,
	"default": true, "type": true, "enum": true, "const": true, "properties": true, "required": true,
	"additionalProperties": true, "items": true, "additionalItems": true, "allOf": true, "anyOf": true,
	"oneOf": true, "not": true, "if": true, "then": true, "else": true, "minimum": true, "maximum": true,
	"minLength": true, "maxLength": true, "minItems": true, "maxItems": true, "pattern": true,
	"definitions": true, "examples": true, "format": true, "transitions": true,
}

// propertySpecs reads the member schemas of an object schema.
func (s docSet) propertySpecs(node any, docID string, depth int) (specs []PropertySpec, requiredOneOf [][]string) {
	node, docID = s.deref(node, docID)
	obj, ok := node.(*model.Object)
	if !ok || depth > 8 {
		return nil, nil
	}
	required := map[string]bool{}
	if r, ok := obj.Get("required"); ok {
		list, _ := r.([]any)
		for _, k := range list {
			if str, ok := k.(string); ok {
				required[str] = true
			}
		}
	}
	if alts, ok := obj.Get("oneOf"); ok {
		list, _ := alts.([]any)
		for _, alt := range list {
			ao, _ := alt.(*model.Object)
			if r, ok := ao.Get("required"); ok {
				names, _ := r.([]any)
				var group []string
				for _, n := range names {
					if str, ok := n.(string); ok {
						group = append(group, str)
					}
				}
				requiredOneOf = append(requiredOneOf, group)
			}
		}
	}
	members := obj
	if p, ok := obj.Get("properties"); ok {
		members, _ = p.(*model.Object)
	} else {
		members = model.NewObject()
		for _, m := range obj.Members() {
			if !schemaKeywords[m.Key] {
				members.Set(m.Key, m.Value)
			}
		}
	}
	for _, m := range members.Members() {
		spec := s.propertySpec(m.Key, m.Value, docID, depth)
		spec.Required = required[m.Key]
		specs = append(specs, spec)
	}
	return specs, requiredOneOf
}

func (s docSet) propertySpec(name string, node any, docID string, depth int) PropertySpec {
	spec := PropertySpec{Name: name}
	if obj, ok := node.(*model.Object); ok {
		// draft-07 ignores a $ref's siblings, but they still document intent.
		s.readAnnotations(&spec, obj)
		if ref, ok := obj.String("$ref"); ok && strings.Contains(ref, "/commons#/definitions/") {
			spec.Definition = ref[strings.LastIndex(ref, "/")+1:]
		}
	}
	target, id := s.deref(node, docID)
	obj, ok := target.(*model.Object)
	if !ok {
		return spec
	}
	s.readAnnotations(&spec, obj)
	s.readTypes(&spec, obj)
	if e, ok := obj.Get("enum"); ok {
		list, _ := e.([]any)
		spec.Enum = list
	}
	if v, ok := obj.Get("minimum"); ok {
		if f, ok := model.NumberValue(v); ok {
			spec.Minimum = &f
		}
	}
	if v, ok := obj.Get("maximum"); ok {
		if f, ok := model.NumberValue(v); ok {
			spec.Maximum = &f
		}
	}
	if v, ok := obj.Get("minLength"); ok {
		if f, ok := model.NumberValue(v); ok {
			n := int(f)
			spec.MinLength = &n
		}
	}
	if p, ok := obj.String("pattern"); ok {
		spec.Pattern = p
	}
	if it, ok := obj.Get("items"); ok && depth < 8 {
		item := s.propertySpec("", it, id, depth+1)
		spec.Items = &item
	}
	if _, ok := obj.Get("properties"); ok && depth < 8 {
		spec.Members, _ = s.propertySpecs(obj, id, depth+1)
	}
	return spec
}

func (s docSet) readAnnotations(spec *PropertySpec, obj *model.Object) {
	if t, ok := obj.String("title"); ok && spec.Title == "" {
		spec.Title = t
	}
	if d, ok := obj.String("description"); ok && spec.Description == "" {
		spec.Description = d
	}
	if d, ok := obj.Get("default"); ok && spec.Default == nil {
		spec.Default = d
	}
}

func (s docSet) readTypes(spec *PropertySpec, obj *model.Object) {
	add := func(t any) {
		switch v := t.(type) {
		case string:
			if !slices.Contains(spec.Types, v) {
				spec.Types = append(spec.Types, v)
			}
		case []any:
			for _, e := range v {
				if str, ok := e.(string); ok && !slices.Contains(spec.Types, str) {
					spec.Types = append(spec.Types, str)
				}
			}
		}
	}
	if t, ok := obj.Get("type"); ok {
		add(t)
		return
	}
	for _, kw := range []string{"oneOf", "anyOf"} {
		list, ok := obj.Get(kw)
		if !ok {
			continue
		}
		branches, _ := list.([]any)
		for _, b := range branches {
			if bo, ok := b.(*model.Object); ok {
				if t, ok := bo.Get("type"); ok {
					add(t)
				}
				if spec.Default == nil {
					spec.Default, _ = bo.Get("default")
				}
			}
		}
	}
}

package scenario

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/engine"
)

// Values are values a builder writes freely: REST Parameters (data) and an
// outcome's outputs. They reach the engine as `run --data` and the REST API
// hand Parameters to it (engine.ParameterValues): YAML does not retype
// them (see freeValue).
type Values map[string]any

// UnmarshalYAML reads a mapping of free values (or nothing).
func (v *Values) UnmarshalYAML(n *yaml.Node) error {
	val, err := freeValue(n)
	if err != nil {
		return err
	}
	if val == nil {
		*v = nil
		return nil
	}
	m, ok := val.(map[string]any)
	if !ok {
		return fmt.Errorf("line %d: expected a mapping of names to values", n.Line)
	}
	*v = engine.ParameterValues(m).(map[string]any)
	return nil
}

// UnmarshalYAML reads a canned response; its json is a free value whose
// numbers keep their literals (json.Number), so the body holds them as
// written.
func (c *Canned) UnmarshalYAML(n *yaml.Node) error {
	type plain Canned
	if err := strictDecode(n, (*plain)(c)); err != nil {
		return err
	}
	c.JSON = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "json" {
			v, err := freeValue(n.Content[i+1])
			if err != nil {
				return err
			}
			c.JSON = v
		}
	}
	return nil
}

// jsonNumber is a JSON number literal, the one form of number freeValue
// reads (YAML's 0x1F, 0o17, 1_000, +1, .5 and .inf are text).
var jsonNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

// maxFreeNodes bounds the nodes freeValue visits, aliases included (a few
// aliases of aliases would otherwise expand without end).
const maxFreeNodes = 1_000_000

// freeValue reads a value the builder writes freely as JSON would read
// what they wrote, never as YAML retypes it: a plain true, false or null (or
// ~, or nothing) is that value, a JSON number literal is a json.Number
// holding the literal (any size, exact), and every other scalar is its
// text, as written: 2024-06-03 stays a date as text (YAML makes it a
// timestamp), 02134 a zip code (YAML 1.1 reads octal 1116), yes a word. A
// quoted or block scalar, or one tagged !!str, is text. Mappings become
// map[string]any, sequences []any.
func freeValue(n *yaml.Node) (any, error) {
	budget := maxFreeNodes
	return freeNode(n, &budget, 0)
}

func freeNode(n *yaml.Node, budget *int, depth int) (any, error) {
	*budget--
	if *budget < 0 || depth > 1000 {
		return nil, fmt.Errorf("line %d: the value is too large or nests too deep", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return freeNode(n.Alias, budget, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return freeNode(n.Content[0], budget, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := freeNode(e, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a key must be a name, not a list or a mapping", k.Line)
			}
			if k.Tag == "!!merge" {
				return nil, fmt.Errorf("line %d: merge keys (<<) are not read here: write the keys out", k.Line)
			}
			if _, dup := out[k.Value]; dup {
				return nil, fmt.Errorf("line %d: key %q appears twice", k.Line, k.Value)
			}
			v, err := freeNode(n.Content[i+1], budget, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	case yaml.ScalarNode:
		return freeScalar(n)
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
}

func freeScalar(n *yaml.Node) (any, error) {
	quoted := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if n.Style&yaml.TaggedStyle == 0 {
		if quoted {
			return n.Value, nil
		}
		return plainScalar(n.Value), nil
	}
	// An explicit tag: !!str is text; !!null, !!bool, !!int and !!float
	// must hold what JSON reads as such.
	switch n.Tag {
	case "!!str":
		return n.Value, nil
	case "!!null", "!!bool", "!!int", "!!float":
		v := plainScalar(n.Value)
		ok := false
		switch t := v.(type) {
		case nil:
			ok = n.Tag == "!!null"
		case bool:
			ok = n.Tag == "!!bool"
		case json.Number:
			ok = n.Tag == "!!float" || n.Tag == "!!int" && !strings.ContainsAny(string(t), ".eE")
		}
		if !ok || quoted {
			return nil, fmt.Errorf("line %d: %s %q is not what JSON reads as one (write true, false, null or a JSON number)", n.Line, n.Tag, n.Value)
		}
		return v, nil
	}
	return nil, fmt.Errorf("line %d: tag %s is not read here: write the value as JSON would (a text, a number, true, false or null)", n.Line, n.Tag)
}

// plainScalar reads an unquoted scalar as JSON would, or as its text.
func plainScalar(s string) any {
	switch s {
	case "true":
		return true
	case "false":
		return false
	case "null", "~", "":
		return nil
	}
	if jsonNumber.MatchString(s) {
		return json.Number(s)
	}
	return s
}

// jsonNumberType is written as the literal it holds (write.go).
var jsonNumberType = reflect.TypeOf(json.Number(""))

// numberNode writes a json.Number as its literal, unquoted, which
// freeValue reads back as the same literal.
func numberNode(lit string) *yaml.Node {
	if !jsonNumber.MatchString(lit) {
		return textNode(lit)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: lit}
}

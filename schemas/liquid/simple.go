package liquid

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// Most Studio templates are text with plain variable paths
// ("Hi {{trigger.message.Body}}"). Those render here by walking the maps
// directly, several times faster than the general renderer; anything else —
// tags, filters, whitespace control, special properties such as size, or a
// value that is not a string, bool, integer or nil — goes to the library.

// segment is literal text, or a variable path when path is set.
type segment struct {
	text string
	path []string
}

var plainPath = regexp.MustCompile(`^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*$`)

// reserved names mean something other than a map lookup in Liquid.
var reserved = map[string]bool{
	"size": true, "first": true, "last": true, "empty": true, "blank": true,
	"nil": true, "null": true, "true": true, "false": true, "forloop": true,
}

// compilePlain splits source into segments, or reports false when the
// template needs the full renderer.
func compilePlain(source string) ([]segment, bool) {
	if strings.Contains(source, "{%") {
		return nil, false
	}
	var segs []segment
	rest := source
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			if rest != "" {
				segs = append(segs, segment{text: rest})
			}
			return segs, true
		}
		end := strings.Index(rest[open:], "}}")
		if end < 0 {
			return nil, false
		}
		m := plainPath.FindStringSubmatch(rest[open+2 : open+end])
		if m == nil {
			return nil, false
		}
		path := strings.Split(m[1], ".")
		for _, p := range path {
			if reserved[p] {
				return nil, false
			}
		}
		if open > 0 {
			segs = append(segs, segment{text: rest[:open]})
		}
		segs = append(segs, segment{path: path})
		rest = rest[open+end+2:]
	}
}

// renderPlain renders segments, or reports false when a value needs the
// library's formatting.
func renderPlain(segs []segment, vars map[string]any) (string, bool, error) {
	var b strings.Builder
	for _, s := range segs {
		if s.path == nil {
			b.WriteString(s.text)
		} else {
			v, ok := walk(vars, s.path)
			if !ok {
				return "", false, nil
			}
			switch t := v.(type) {
			case nil:
			case string:
				b.WriteString(t)
			case bool:
				b.WriteString(strconv.FormatBool(t))
			case int:
				b.WriteString(strconv.Itoa(t))
			case int64:
				b.WriteString(strconv.FormatInt(t, 10))
			case *big.Int:
				b.WriteString(t.String())
			default:
				return "", false, nil
			}
		}
		if b.Len() > MaxOutputBytes {
			return "", true, ErrOutputTooLarge
		}
	}
	return b.String(), true, nil
}

// walk follows path through nested maps; false means a value on the way is
// neither a map nor nil, which the library would interpret.
func walk(vars map[string]any, path []string) (any, bool) {
	var cur any = vars
	for _, k := range path {
		switch m := cur.(type) {
		case nil:
			return nil, true
		case map[string]any:
			cur = m[k]
		default:
			return nil, false
		}
	}
	return cur, true
}

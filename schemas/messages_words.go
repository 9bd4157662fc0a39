package schemas

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

func patternMessage(field string, schema *model.Object, value any) string {
	p, _ := schema.String("pattern")
	switch p {
	case `^.*\S+.*$`:
		return field + " cannot be blank"
	case "^FW[0-9a-fA-F]{32}$":
		return fmt.Sprintf("%s must be a Flow SID written out (FW followed by 32 hexadecimal digits; Liquid is not allowed here), but it is %s", field, describeValue(value))
	case "^(LatestPublished|LatestDraft|[0-9]+)$":
		return fmt.Sprintf("%s must be LatestPublished, LatestDraft or a revision number, but it is %s", field, describeValue(value))
	}
	if d, ok := schema.String("description"); ok {
		return fmt.Sprintf("%s is not in the expected form (%s), but it is %s", field, d, describeValue(value))
	}
	return fmt.Sprintf("%s is not in the expected form, but it is %s", field, describeValue(value))
}

func eventText(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return describeValue(v)
}

func eventNotAllowed(event string, allowed []string) string {
	return fmt.Sprintf("%s is not an event of this widget; its events are %s", event, strings.Join(allowed, ", "))
}

func isTransitionItem(loc string) bool {
	rest, ok := strings.CutPrefix(loc, "/transitions/")
	if !ok || rest == "" {
		return false
	}
	_, err := strconv.Atoi(rest)
	return err == nil
}

// requiredGroups reads branches of the form {"required": [...]} (gather's
// say-or-play) as quoted name lists.
func requiredGroups(branches []any) []string {
	var groups []string
	for _, b := range branches {
		obj, ok := b.(*model.Object)
		if !ok || obj.Len() != 1 {
			return nil
		}
		r, ok := obj.Get("required")
		if !ok {
			return nil
		}
		names, _ := r.([]any)
		var quoted []string
		for _, n := range names {
			quoted = append(quoted, strconv.Quote(fmt.Sprint(n)))
		}
		groups = append(groups, strings.Join(quoted, " and "))
	}
	return groups
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func missingRequired(schema *model.Object, value any) []string {
	r, _ := schema.Get("required")
	names, _ := r.([]any)
	obj, _ := value.(map[string]any)
	var missing []string
	for _, n := range names {
		s, _ := n.(string)
		if _, ok := obj[s]; !ok {
			missing = append(missing, s)
		}
	}
	return missing
}

func typeNames(n any) []string {
	switch t := n.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

var typeWord = map[string]string{
	"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
	"array": "a list", "object": "an object", "null": "empty (null)",
}

func typeWords(types []string) string {
	words := make([]string, 0, len(types))
	for _, t := range types {
		if w, ok := typeWord[t]; ok {
			words = append(words, w)
		} else {
			words = append(words, t)
		}
	}
	return orList(words)
}

// typeWordsWithRange words a schema's type together with its bounds: "a
// whole number between 1 and 30".
func typeWordsWithRange(schema *model.Object) string {
	t, _ := schema.Get("type")
	words := typeWords(typeNames(t))
	if words == "" {
		words = "a number"
	}
	lo, hasLo := schema.Get("minimum")
	hi, hasHi := schema.Get("maximum")
	switch {
	case hasLo && hasHi:
		return fmt.Sprintf("%s between %v and %v", words, lo, hi)
	case hasLo:
		return fmt.Sprintf("%s of at least %v", words, lo)
	case hasHi:
		return fmt.Sprintf("%s of at most %v", words, hi)
	}
	return words
}

func numberOf(schema *model.Object, key string) float64 {
	v, _ := schema.Get(key)
	n, _ := model.NumberValue(v)
	return n
}

func literal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func valueList(list []any) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = literal(v)
	}
	return orList(parts)
}

// describeValue says what a JSON value is: `text ("3600")`, `the number 5`,
// `true`, `a list`.
func describeValue(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(t)
	case json.Number:
		return "the number " + string(t)
	case float64:
		return "the number " + strconv.FormatFloat(t, 'g', -1, 64)
	case string:
		if len(t) > 40 {
			t = t[:37] + "..."
		}
		return "text (" + strconv.Quote(t) + ")"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%v", v)
}

// valueAt returns the value at a JSON pointer inside a plain JSON value.
func valueAt(v any, pointer string) (any, bool) {
	if pointer == "" {
		return v, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = model.UnescapeToken(tok)
		switch n := v.(type) {
		case map[string]any:
			next, ok := n[tok]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) {
				return nil, false
			}
			v = n[i]
		default:
			return nil, false
		}
	}
	return v, true
}

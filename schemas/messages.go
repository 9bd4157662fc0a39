package schemas

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// finding is one schema problem, located relative to the validated value and
// worded for a person.
type finding struct {
	loc     string // JSON pointer relative to the validated value
	message string
	// keyword is the absolute location of the schema keyword the finding
	// reports, when a Studio tolerance may apply to it (tolerated.go).
	keyword string
}

// explainer turns jsonschema's error trees into findings, reading the
// schemas themselves for the words (bounds, enums, event lists).
type explainer struct {
	docs docSet
	// events lists a widget type's events in Studio's order, when known.
	events func(typ string) ([]string, bool)
	// namer words the transitions of a widget in plain form.
	namer func(instance any) transitionNamer
}

// explain walks an error tree. instance is the validated value in plain form
// (maps, slices, json.Number), used to say what a wrong value is; typ is the
// widget type validated, "" for other values.
//
// base is a JSON pointer prepended to every location: instance holds the
// validated value at base (for a top-level member of a flow, base is
// "/flags" and instance the whole definition).
func (x explainer) explain(err error, instance any, typ, base string) []finding {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []finding{{loc: base, message: err.Error()}}
	}
	w := walker{explainer: x, typ: typ, instance: instance, base: base}
	w.walk(ve)
	out := dedupeFindings(w.out)
	// jsonschema reports an object's properties in map order: put the
	// findings in a fixed order so that a flow always gets the same list.
	slices.SortStableFunc(out, func(a, b finding) int {
		if c := strings.Compare(a.loc, b.loc); c != 0 {
			return c
		}
		return strings.Compare(a.message, b.message)
	})
	return out
}

type walker struct {
	explainer
	typ      string
	instance any
	base     string
	out      []finding
}

func (w *walker) loc(ve *jsonschema.ValidationError) string { return w.base + ve.InstanceLocation }

// field names the value at loc, its transitions by their names.
func (w *walker) field(loc string) string {
	var name transitionNamer
	if w.namer != nil {
		name = w.namer(w.instance)
	}
	return describeField(loc, name)
}

func (w *walker) add(loc, message string) { w.out = append(w.out, finding{loc: loc, message: message}) }

func dedupeFindings(in []finding) []finding {
	seen := make(map[finding]bool, len(in))
	out := in[:0]
	for _, f := range in {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

func lastSegment(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}

func (w *walker) walk(ve *jsonschema.ValidationError) {
	switch kw := lastSegment(ve.KeywordLocation); {
	case kw == "anyOf" || kw == "oneOf":
		w.alternatives(ve)
	case len(ve.Causes) > 0:
		for _, c := range ve.Causes {
			w.walk(c)
		}
	default:
		w.out = append(w.out, w.leaf(ve))
	}
}

// eventMessage words an event the widget does not have, listing its events
// in Studio's order when the catalog knows them.
func (w *walker) eventMessage(event any, fromSchema []string) string {
	if names, ok := w.events(w.typ); ok {
		return eventNotAllowed(eventText(event), names)
	}
	return eventNotAllowed(eventText(event), fromSchema)
}

// alternatives explains a failed anyOf/oneOf: a transition whose event is
// not one of the widget's, a value of none of the offered types, a missing
// one-of-these property, or else the problems of the branch meant.
func (w *walker) alternatives(ve *jsonschema.ValidationError) {
	loc := w.loc(ve)
	node, docID, _ := w.docs.atURL(ve.AbsoluteKeywordLocation)
	branches, _ := node.([]any)
	value, _ := valueAt(w.instance, loc)

	if strings.HasPrefix(ve.Message, "valid against schemas at indexes") {
		groups := requiredGroups(branches)
		if len(groups) > 0 {
			w.add(loc, "use only one of "+orList(groups)+", not several")
			return
		}
		w.add(loc, w.field(loc)+" matches more than one of the allowed forms")
		return
	}

	// A transition: its event decides which branch was meant.
	if isTransitionItem(loc) {
		allowed := []string{}
		for _, b := range branches {
			allowed = append(allowed, w.docs.eventConsts(b, docID)...)
		}
		if len(allowed) > 0 {
			obj, isObj := value.(map[string]any)
			event, isString := obj["event"].(string)
			switch {
			case !isObj:
				w.add(loc, fmt.Sprintf("%s must be an object with an event, but it is %s", w.field(loc), describeValue(value)))
				return
			case obj["event"] == nil:
				w.add(loc+"/event", w.field(loc)+" has no event")
				return
			case !isString || !slices.Contains(allowed, event):
				w.add(loc+"/event", w.eventMessage(obj["event"], allowed))
				return
			}
			for i, c := range ve.Causes {
				if i < len(branches) && slices.Contains(w.docs.eventConsts(branches[i], docID), event) {
					w.walk(c)
					return
				}
			}
		}
	}

	if groups := requiredGroups(branches); len(groups) == len(branches) && len(groups) > 0 {
		w.out = append(w.out, finding{loc: loc, message: "set " + orList(groups), keyword: ve.AbsoluteKeywordLocation})
		return
	}

	var types []string
	onlyTypes := true
	for _, c := range ve.Causes {
		if lastSegment(c.KeywordLocation) != "type" || w.loc(c) != loc {
			onlyTypes = false
			break
		}
		if n, _, ok := w.docs.atURL(c.AbsoluteKeywordLocation); ok {
			types = append(types, typeNames(n)...)
		}
	}
	if onlyTypes && len(types) > 0 {
		w.add(loc, fmt.Sprintf("%s must be %s, but it is %s", w.field(loc), typeWords(types), describeValue(value)))
		return
	}

	// Otherwise report the branch that came closest (fewest problems).
	var best []finding
	for _, c := range ve.Causes {
		sub := walker{explainer: w.explainer, typ: w.typ, instance: w.instance, base: w.base}
		sub.walk(c)
		if best == nil || len(sub.out) < len(best) {
			best = sub.out
		}
	}
	w.out = append(w.out, best...)
}

func (w *walker) leaf(ve *jsonschema.ValidationError) finding {
	kw := lastSegment(ve.KeywordLocation)
	parentURL := strings.TrimSuffix(ve.AbsoluteKeywordLocation, "/"+kw)
	node, _, _ := w.docs.atURL(parentURL)
	schema, _ := node.(*model.Object)
	loc := w.loc(ve)
	value, _ := valueAt(w.instance, loc)
	field := w.field(loc)

	switch kw {
	case "type":
		return finding{loc: loc, message: fmt.Sprintf("%s must be %s, but it is %s", field, typeWordsWithRange(schema), describeValue(value))}
	case "required":
		missing := missingRequired(schema, value)
		if len(missing) == 0 {
			return finding{loc: loc, message: field + " lacks a required setting"}
		}
		msgs := make([]string, len(missing))
		for i, m := range missing {
			msgs[i] = strconv.Quote(m)
		}
		where := loc + "/" + model.EscapeToken(missing[0])
		if loc == "" {
			return finding{loc: where, message: "the widget has no " + strings.Join(msgs, ", ")}
		}
		if len(missing) == 1 {
			return finding{loc: where, message: fmt.Sprintf("%s is required", w.field(where))}
		}
		return finding{loc: where, message: fmt.Sprintf("%s needs %s", field, strings.Join(msgs, " and "))}
	case "enum":
		e, _ := schema.Get("enum")
		list, _ := e.([]any)
		if lastSegment(loc) == "event" && isTransitionItem(strings.TrimSuffix(loc, "/event")) {
			names := make([]string, 0, len(list))
			for _, n := range list {
				names = append(names, fmt.Sprint(n))
			}
			return finding{loc: loc, message: w.eventMessage(value, names)}
		}
		if len(list) == 1 {
			return finding{loc: loc, message: fmt.Sprintf("%s must be %s, but it is %s", field, literal(list[0]), describeValue(value))}
		}
		return finding{loc: loc, message: fmt.Sprintf("%s must be one of %s, but it is %s", field, valueList(list), describeValue(value))}
	case "const":
		c, _ := schema.Get("const")
		if lastSegment(loc) == "event" {
			return finding{loc: loc, message: w.eventMessage(value, []string{fmt.Sprint(c)})}
		}
		return finding{loc: loc, message: fmt.Sprintf("%s must be %s, but it is %s", field, literal(c), describeValue(value))}
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		return finding{loc: loc, message: fmt.Sprintf("%s must be %s, but it is %s", field, typeWordsWithRange(schema), describeValue(value))}
	case "minLength":
		n := numberOf(schema, "minLength")
		if n <= 1 {
			return finding{loc: loc, message: field + " cannot be empty"}
		}
		return finding{loc: loc, message: fmt.Sprintf("%s must be at least %g characters long", field, n)}
	case "maxLength":
		return finding{loc: loc, message: fmt.Sprintf("%s must be at most %g characters long", field, numberOf(schema, "maxLength"))}
	case "minItems":
		n := numberOf(schema, "minItems")
		if n <= 1 {
			return finding{loc: loc, message: field + " needs at least one entry"}
		}
		return finding{loc: loc, message: fmt.Sprintf("%s needs at least %g entries", field, n)}
	case "maxItems":
		return finding{loc: loc, message: fmt.Sprintf("%s may hold at most %g entries", field, numberOf(schema, "maxItems"))}
	case "pattern":
		return finding{loc: loc, message: patternMessage(field, schema, value)}
	case "additionalProperties", "additionalItems", "false":
		return finding{loc: loc, message: field + " is not allowed here"}
	}
	return finding{loc: loc, message: fmt.Sprintf("%s is not valid (%s)", field, ve.Message)}
}

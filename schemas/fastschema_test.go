package schemas

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// verdicts compares fastSchema's verdict with jsonschema/v5's on many
// values, and counts how many of each it saw, so that a test can prove it
// compared both valid and invalid values.
type verdicts struct {
	t              testing.TB
	valid, invalid map[string]int // by schema family
}

func newVerdicts(t testing.TB) *verdicts {
	return &verdicts{t: t, valid: map[string]int{}, invalid: map[string]int{}}
}

// check compares the verdicts on a model value and its plain form.
func (vs *verdicts) check(family, what string, fast *fastSchema, slow *jsonschema.Schema, view, instance any) {
	vs.t.Helper()
	fastOK := fast.valid(view)
	if fast.genFn != nil {
		if genOK := fast.check(view); genOK != fastOK {
			vs.t.Errorf("%s, %s: the generated code says valid=%v, the interpreter %v\nvalue: %s", family, what, genOK, fastOK, model.MarshalCanonical(view))
		}
	}
	err := slow.Validate(instance)
	if fastOK != (err == nil) {
		vs.t.Errorf("%s, %s: fast says valid=%v, jsonschema/v5 says %v\nvalue: %s", family, what, fastOK, err, model.MarshalCanonical(view))
	}
	if err == nil {
		vs.valid[family]++
	} else {
		vs.invalid[family]++
	}
}

// widget compares the verdicts on a widget against its own type's schema
// or, with everyType, against the schema of every type (which it mostly
// fails), and on the parts of it that the validator checks against
// fragments.
func (vs *verdicts) widget(v *Validator, what string, raw *model.Object, everyType bool) {
	vs.t.Helper()
	view, instance := schemaView(raw), schemaInstanceOf(raw)
	own, _ := raw.String("type")
	for _, typ := range v.cat.order {
		w := v.cat.types[typ]
		family := "widget"
		if own == typ {
			family = "own type"
		} else if !everyType {
			continue
		}
		compiled, fast := compiledOf(vs.t, w)
		vs.check(family, what+" as "+typ, fast, compiled, view, instance)
	}
	vs.fragments(v, what, raw)
}

// fragments: split conditions, offset and set-variables' variables.
func (vs *verdicts) fragments(v *Validator, what string, raw *model.Object) {
	vs.t.Helper()
	fragment := func(family string, c checkedSchema, val any) {
		vs.check(family, what, c.fast, c.slow, val, model.ToGeneric(val))
	}
	if props, ok := raw.Get("properties"); ok {
		if p, ok := props.(*model.Object); ok {
			if off, ok := p.Get("offset"); ok {
				fragment("offset", v.offset, off)
			}
			if vars, ok := p.Get("variables"); ok {
				fragment("variables", v.variables, vars)
			}
		}
	}
	tv, _ := raw.Get("transitions")
	list, _ := tv.([]any)
	for _, t := range list {
		obj, _ := t.(*model.Object)
		cv, _ := obj.Get("conditions")
		conds, _ := cv.([]any)
		for _, c := range conds {
			fragment("condition", v.condition, c)
		}
	}
}

// wrongValues replace a value to break it: every JSON type, numbers that
// bounds and the integer type tell apart, texts that enums and patterns
// reject, and a transition with an event no widget has.
func wrongValues() []any {
	return []any{
		nil, true, false, json.Number("7"), json.Number("0"), json.Number("-1"), json.Number("1.5"),
		json.Number("1.0"), json.Number("1e3"), json.Number("100000"), json.Number("99999999999999999999"),
		"", "bogus", "{{widgets.nowhere.x}}", "FW00000000000000000000000000000000", "LatestPublished", "GET", "a b",
		[]any{}, []any{"x"}, []any{json.Number("1")},
		model.NewObject(), model.NewObject(model.Member{Key: "event", Value: "bogus"}),
		model.NewObject(model.Member{Key: "x", Value: json.Number("1")}, model.Member{Key: "y", Value: json.Number("2")}),
	}
}

// valuePaths lists the path to every value inside v, v itself first.
func valuePaths(v any, prefix []string, out *[][]string) {
	*out = append(*out, slices.Clone(prefix))
	switch t := v.(type) {
	case *model.Object:
		t.Range(func(key string, val any) bool {
			valuePaths(val, append(prefix, key), out)
			return true
		})
	case []any:
		for i, e := range t {
			valuePaths(e, append(prefix, strconv.Itoa(i)), out)
		}
	}
}

// editAt applies fn to the value at path inside v (changed in place where it
// can be; v must be a copy) and returns the new v. fn returns the new value,
// or false to remove it.
func editAt(v any, path []string, fn func(any) (any, bool)) (any, bool) {
	if len(path) == 0 {
		return fn(v)
	}
	switch t := v.(type) {
	case *model.Object:
		child, _ := t.Get(path[0])
		nv, keep := editAt(child, path[1:], fn)
		if keep {
			t.Set(path[0], nv)
		} else {
			t.Delete(path[0])
		}
		return t, true
	case []any:
		i, _ := strconv.Atoi(path[0])
		nv, keep := editAt(t[i], path[1:], fn)
		if keep {
			t[i] = nv
			return t, true
		}
		return slices.Delete(slices.Clone(t), i, i+1), true
	}
	return v, true
}

// brokenVariants returns copies of w broken in every way wrongValues and a
// few structural edits allow, at every place inside it: wrong types, bad
// enum values, out-of-range numbers, missing members (required ones
// included), extra members, extra and duplicated transitions, "next": null.
func brokenVariants(w *model.Object) []*model.Object {
	var paths [][]string
	valuePaths(w, nil, &paths)
	var out []*model.Object
	edit := func(path []string, fn func(any) (any, bool)) {
		nv, _ := editAt(w.Clone(), path, fn)
		if obj, ok := nv.(*model.Object); ok {
			out = append(out, obj)
		}
	}
	for _, p := range paths {
		if len(p) > 0 {
			for _, wrong := range wrongValues() {
				edit(p, func(any) (any, bool) { return model.CloneValue(wrong), true })
			}
			edit(p, func(any) (any, bool) { return nil, false })
		}
		edit(p, func(old any) (any, bool) {
			switch t := old.(type) {
			case *model.Object:
				t.Set("zz_extra", "x")
			case []any:
				if len(t) > 0 {
					return append(t, model.CloneValue(t[0]), model.NewObject(model.Member{Key: "event", Value: "bogus"})), true
				}
				return append(t, model.NewObject(model.Member{Key: "event", Value: "bogus"})), true
			}
			return old, true
		})
		edit(p, func(old any) (any, bool) {
			if t, ok := old.(*model.Object); ok {
				t.Set("next", nil)
			}
			return old, true
		})
	}
	return out
}

// Every verdict the validator takes from fastSchema is jsonschema/v5's: on
// every widget of every shared export, the seed 001 samples and every
// default widget, each against every type's schema; on broken variants of a
// new widget of each type and of the first widget of each type in the
// exports (every place inside them broken every way brokenVariants knows),
// and on the mutations of TestLayerOneAgreesWithTheWholeFlowSchema of every
// shared widget, against their own type's schema; and on the fragments
// (split conditions, offsets, variables, the flow's top-level members) of
// all of those.
func TestFastSchemaAgreesWithJSONSchema(t *testing.T) {
	v := newTestValidator(t)
	vs := newVerdicts(t)

	var samples []*model.Object
	var flows []*model.Flow
	seenType := map[string]bool{}
	for _, file := range flowFiles(t) {
		f := parseFile(t, file)
		flows = append(flows, f)
		for i := 0; i < f.Len(); i++ {
			s := f.StateAt(i)
			what := fmt.Sprintf("%s widget %d", filepath.Base(file), i)
			vs.widget(v, what, s.Raw(), true)
			for m, mutate := range mutations {
				c := s.Raw().Clone()
				mutate(c)
				vs.widget(v, fmt.Sprintf("%s, mutation %d", what, m), c, false)
			}
			if !seenType[s.Type()] {
				seenType[s.Type()] = true
				samples = append(samples, s.Raw())
			}
		}
	}
	for _, l := range seedListingsIfPresent(t, samplesSeed) {
		if strings.HasPrefix(l.heading, "Simple Flow") || strings.HasPrefix(l.heading, "Blank Flow") {
			f, err := model.Parse([]byte(l.text()))
			if err != nil {
				t.Fatalf("seed 001 %q: %v", l.heading, err)
			}
			flows = append(flows, f)
			for i := 0; i < f.Len(); i++ {
				vs.widget(v, fmt.Sprintf("seed 001 %q widget %d", l.heading, i), f.StateAt(i).Raw(), true)
			}
		}
	}
	defaults, err := loadDefaults()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range v.cat.Types() {
		vs.widget(v, w.Type+" default", defaults[w.Type], true)
		samples = append(samples, w.NewState(w.NameBase+"_1", 10, 20))
	}
	for _, s := range samples {
		typ, _ := s.String("type")
		for k, broken := range brokenVariants(s) {
			vs.widget(v, fmt.Sprintf("%s broken variant %d", typ, k), broken, false)
		}
	}

	for _, f := range flows {
		root := f.Root()
		for _, fr := range v.flowFragments {
			val, ok := root.Get(fr.key)
			if !ok {
				continue
			}
			vs.check("flow member", fr.key, fr.schema.fast, fr.schema.slow, val, model.ToGeneric(val))
			for _, wrong := range wrongValues() {
				vs.check("flow member", fr.key+" replaced", fr.schema.fast, fr.schema.slow, wrong, model.ToGeneric(wrong))
			}
		}
	}

	if vs.invalid["widget"] < 1000 {
		t.Errorf("only %d widgets were compared against other types' schemas", vs.invalid["widget"])
	}
	for _, family := range []string{"own type", "condition", "offset", "variables", "flow member"} {
		if vs.valid[family] == 0 || vs.invalid[family] == 0 {
			t.Errorf("%s: %d valid and %d invalid values compared; both kinds must be exercised", family, vs.valid[family], vs.invalid[family])
		}
	}
	if vs.invalid["own type"] < 5000 {
		t.Errorf("only %d widgets were invalid against their own type; the variants do not exercise the schemas", vs.invalid["own type"])
	}
	t.Logf("valid: %v; invalid: %v", vs.valid, vs.invalid)
}

// FuzzFastSchemaAgrees: on any JSON value, fastSchema and jsonschema/v5
// agree for every widget type's schema and every fragment.
func FuzzFastSchemaAgrees(f *testing.F) {
	defaults, err := loadDefaults()
	if err != nil {
		f.Fatal(err)
	}
	for _, typ := range []string{"trigger", "split-based-on", "send-and-wait-for-reply", "gather-input-on-call", "set-variables", "make-http-request"} {
		f.Add(model.MarshalCanonical(defaults[typ]))
	}
	f.Add([]byte(`{"type": "say-play", "name": "a", "properties": {"say": "x", "play": "y", "loop": 1.0}, "transitions": [{"event": "audioComplete", "next": null}]}`))
	f.Add([]byte(`{"x": 1e3, "y": -0.5}`))
	f.Add([]byte(`[{"friendly_name": "f", "arguments": ["a"], "type": "equal_to", "value": "1"}]`))
	f.Add([]byte(`{"a": 1, "a": "x"}`))
	v := newTestValidator(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		val, err := model.ParseValue(data)
		if err != nil {
			return
		}
		vs := newVerdicts(t)
		if obj, ok := val.(*model.Object); ok {
			vs.widget(v, "fuzz", obj, true)
		}
		for _, c := range []checkedSchema{v.condition, v.offset, v.variables} {
			vs.check("fragment", "fuzz", c.fast, c.slow, val, model.ToGeneric(val))
		}
		for _, fr := range v.flowFragments {
			vs.check("flow member", fr.key, fr.schema.fast, fr.schema.slow, val, model.ToGeneric(val))
		}
		if list, ok := val.([]any); ok {
			for _, e := range list {
				vs.check("condition", "fuzz item", v.condition.fast, v.condition.slow, e, model.ToGeneric(e))
			}
		}
	})
}

// The Studio schemas use only keywords fastSchema implements: nothing is
// deferred, so the whole layer 1 of a valid flow runs without jsonschema/v5.
func TestFastSchemaCoversTheStudioSchemas(t *testing.T) {
	cat := loadCatalog(t)
	seen := map[*fastSchema]bool{}
	var deferred []string
	var walk func(n *fastSchema)
	walk = func(n *fastSchema) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.deferred {
			deferred = append(deferred, n.src.Location)
		}
		for _, c := range n.inPlace() {
			walk(c)
		}
		for _, c := range n.descendants() {
			walk(c)
		}
	}
	for _, typ := range cat.order {
		walk(fastOf(t, cat.types[typ]))
	}
	for _, n := range cat.compiler.fastFragments {
		walk(n)
	}
	if len(deferred) > 0 {
		t.Errorf("deferred to jsonschema/v5: %v", deferred)
	}
	if len(seen) < 200 {
		t.Errorf("only %d schema nodes reached", len(seen))
	}
}

// compileTestSchema compiles one draft-07 document given as text.
func compileTestSchema(t *testing.T, doc string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	if err := c.AddResource("https://example.test/s", strings.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("https://example.test/s")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func parseValues(t *testing.T, texts ...string) []any {
	t.Helper()
	out := make([]any, len(texts))
	for i, text := range texts {
		// The parser refuses repeated member names; objects built in code
		// can still repeat one, and the evaluator must agree on those too.
		v, err := decodeKeepingRepeats(json.NewDecoder(strings.NewReader(text)))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		out[i] = v
	}
	return out
}

// decodeKeepingRepeats reads one JSON value into model form, keeping every
// member of an object even when its name repeats.
func decodeKeepingRepeats(d *json.Decoder) (any, error) {
	d.UseNumber()
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		var members []model.Member
		for d.More() {
			key, err := d.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeKeepingRepeats(d)
			if err != nil {
				return nil, err
			}
			members = append(members, model.Member{Key: key.(string), Value: v})
		}
		_, err := d.Token()
		return model.NewObject(members...), err
	case json.Delim('['):
		list := []any{}
		for d.More() {
			v, err := decodeKeepingRepeats(d)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := d.Token()
		return list, err
	}
	return tok, nil
}

// Keywords fastSchema does not implement are left to jsonschema/v5 at the
// schema that carries them, never accepted unchecked; the rest of the
// document is still evaluated fast.
func TestFastSchemaDefersWhatItDoesNotImplement(t *testing.T) {
	s := compileTestSchema(t, `{
		"type": "object",
		"properties": {
			"mail": {"type": "string", "format": "email"},
			"tags": {"type": "array", "uniqueItems": true},
			"byPattern": {"patternProperties": {"^x": {"type": "integer"}}},
			"step": {"multipleOf": 0.5},
			"deps": {"dependencies": {"a": ["b"]}},
			"names": {"propertyNames": {"maxLength": 2}},
			"has": {"contains": {"const": 3}},
			"plain": {"type": "string", "maxLength": 3}
		}
	}`)
	n := newFastBuilder().build(s)
	deferred := map[string]bool{}
	for _, p := range n.properties {
		deferred[p.name] = p.schema.deferred
	}
	for name, want := range map[string]bool{"mail": true, "tags": true, "byPattern": true, "step": true, "deps": true, "names": true, "has": true, "plain": false} {
		if deferred[name] != want {
			t.Errorf("%s: deferred=%v, want %v", name, deferred[name], want)
		}
	}
	if n.deferred {
		t.Error("the root implements all its own keywords and should not be deferred")
	}
	vs := newVerdicts(t)
	for _, val := range parseValues(t,
		`{"mail": "a@b.example"}`, `{"mail": "not a mail"}`, `{"tags": [1, 2]}`, `{"tags": [1, 1]}`,
		`{"byPattern": {"xa": 1}}`, `{"byPattern": {"xa": "1"}}`, `{"step": 1.5}`, `{"step": 1.25}`,
		`{"deps": {"a": 1, "b": 2}}`, `{"deps": {"a": 1}}`, `{"names": {"ab": 1}}`, `{"names": {"abc": 1}}`,
		`{"has": [1, 3]}`, `{"has": [1, 2]}`, `{"plain": "abc"}`, `{"plain": "abcd"}`, `[]`,
	) {
		vs.check("deferred", string(model.MarshalCanonical(val)), n, s, val, model.ToGeneric(val))
	}
	if vs.valid["deferred"] < 7 || vs.invalid["deferred"] < 7 {
		t.Errorf("verdicts %v valid, %v invalid; each keyword needs a passing and a failing value", vs.valid, vs.invalid)
	}
}

// Every implemented keyword, also those the Studio schemas do not use or
// use only where no value reaches them (tuple items, maxItems, not): the
// verdicts agree on values either side of each. Numbers are compared by
// value as jsonschema/v5 does (1.0 and 1e3 are integers, 2.0 equals the
// enum's 2), also past int64; repeated keys count once, with their last
// value, as in model.ToGeneric.
func TestFastSchemaOnEveryKeyword(t *testing.T) {
	s := compileTestSchema(t, `{
		"properties": {
			"t": {"items": [{"type": "string"}, {"type": "integer"}], "additionalItems": false},
			"m": {"minItems": 1, "maxItems": 2},
			"u": {"items": [{"type": "string"}], "additionalItems": {"type": "boolean"}},
			"no": {"not": {"type": "string"}},
			"one": {"oneOf": [{"type": "integer"}, {"minimum": 5}]},
			"all": {"allOf": [{"type": "integer"}, {"minimum": 5}]},
			"cond": {"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "integer"}},
			"never": false,
			"any": true,
			"n": {"type": "integer", "minimum": 1, "maximum": 1000},
			"x": {"exclusiveMinimum": 0, "exclusiveMaximum": 1e20},
			"e": {"enum": [2, "two", null, [1, {"a": 1}]]},
			"c": {"const": {"a": 1.0, "b": [true]}},
			"s": {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-zé]+$"}
		},
		"additionalProperties": {"type": "string"},
		"minProperties": 1,
		"maxProperties": 3
	}`)
	n := newFastBuilder().build(s)
	vs := newVerdicts(t)
	for _, val := range parseValues(t,
		`{"n": 1}`, `{"n": 1.0}`, `{"n": 1e3}`, `{"n": 1e4}`, `{"n": 0}`, `{"n": 1.5}`, `{"n": -0}`, `{"n": 99999999999999999999}`,
		`{"x": 0}`, `{"x": 1e-30}`, `{"x": 99999999999999999999}`, `{"x": 1e20}`, `{"x": -1}`,
		`{"e": 2}`, `{"e": 2.0}`, `{"e": 20e-1}`, `{"e": 3}`, `{"e": "two"}`, `{"e": null}`, `{"e": [1, {"a": 1}]}`, `{"e": [1, {"a": 1, "b": 2}]}`, `{"e": [1]}`,
		`{"c": {"b": [true], "a": 1}}`, `{"c": {"a": 1, "b": [false]}}`, `{"c": {"a": 1}}`,
		`{"s": "éé"}`, `{"s": "ééé"}`, `{"s": "éééé"}`, `{"s": "e"}`, `{"s": "AB"}`,
		`{"z": "x"}`, `{"z": 1}`,
		`{}`, `{"a": "1", "b": "2", "c2": "3", "d": "4"}`,
		`{"t": ["a"]}`, `{"t": ["a", 1]}`, `{"t": ["a", 1, 2]}`, `{"t": []}`, `{"t": [1]}`, `{"t": ["a", "b"]}`,
		`{"m": []}`, `{"m": [1]}`, `{"m": [1, 2]}`, `{"m": [1, 2, 3]}`,
		`{"u": ["a", true, false]}`, `{"u": ["a", true, 1]}`, `{"u": [1]}`,
		`{"no": 1}`, `{"no": "x"}`, `{"one": 1}`, `{"one": 7}`, `{"one": 7.5}`, `{"one": 1.5}`, `{"all": 7}`, `{"all": 1}`, `{"all": 7.5}`,
		`{"cond": "ab"}`, `{"cond": "a"}`, `{"cond": 1}`, `{"cond": 1.5}`, `{"never": 1}`, `{"any": 1}`,
	) {
		vs.check("numbers", string(model.MarshalCanonical(val)), n, s, val, model.ToGeneric(val))
	}
	if vs.valid["numbers"] < 20 || vs.invalid["numbers"] < 20 {
		t.Errorf("%d valid, %d invalid: both must be exercised", vs.valid["numbers"], vs.invalid["numbers"])
	}
}

// A cycle of keywords applied to the same value cannot come out of
// jsonschema/v5's compiler (it refuses it), but fastSchema must still never
// loop on one: the cycle is deferred, and jsonschema/v5 reports it.
func TestFastSchemaDefersInPlaceCycles(t *testing.T) {
	s := &jsonschema.Schema{Location: "cycle", MinProperties: -1, MaxProperties: -1, MinItems: -1, MaxItems: -1, MinLength: -1, MaxLength: -1, MinContains: 1, MaxContains: -1}
	s.AnyOf = []*jsonschema.Schema{s}
	n := newFastBuilder().build(s)
	if !n.deferred {
		t.Fatal("the cycle was not deferred")
	}
	if got, want := n.valid(model.NewObject()), s.Validate(map[string]any{}) == nil; got != want {
		t.Errorf("fast %v, jsonschema/v5 %v", got, want)
	}
}

// Every field of jsonschema/v5's Schema is either implemented, deferred or
// an annotation; a jsonschema/v5 upgrade that adds a keyword fails here
// until supported learns it.
func TestFastSchemaKnowsEverySchemaField(t *testing.T) {
	implemented := []string{"Always", "Ref", "Types", "Constant", "Enum", "Not", "AllOf", "AnyOf", "OneOf", "If", "Then", "Else",
		"MinProperties", "MaxProperties", "Required", "Properties", "AdditionalProperties",
		"MinItems", "MaxItems", "Items", "AdditionalItems", "MinLength", "MaxLength", "Pattern",
		"Minimum", "ExclusiveMinimum", "Maximum", "ExclusiveMaximum"}
	deferred := []string{"Format", "RecursiveAnchor", "RecursiveRef", "DynamicAnchor", "DynamicRef",
		"PropertyNames", "RegexProperties", "PatternProperties", "Dependencies", "DependentRequired", "DependentSchemas", "UnevaluatedProperties",
		"UniqueItems", "PrefixItems", "Items2020", "Contains", "UnevaluatedItems",
		"ContentEncoding", "ContentMediaType", "ContentSchema", "MultipleOf", "Extensions"}
	// Contains' bounds and evaluation only apply with Contains (deferred).
	annotations := []string{"Location", "Draft", "Title", "Description", "Default", "Comment", "ReadOnly", "WriteOnly", "Examples", "Deprecated",
		"MinContains", "MaxContains", "ContainsEval"}
	st := reflect.TypeOf(jsonschema.Schema{})
	for i := 0; i < st.NumField(); i++ {
		field := st.Field(i)
		if !field.IsExported() {
			continue
		}
		name := field.Name
		switch {
		case slices.Contains(implemented, name), slices.Contains(annotations, name):
		case slices.Contains(deferred, name):
			s := jsonschema.Schema{MinProperties: -1, MaxProperties: -1, MinItems: -1, MaxItems: -1, MinLength: -1, MaxLength: -1, MinContains: 1, MaxContains: -1}
			setNonZero(reflect.ValueOf(&s).Elem().Field(i))
			if supported(&s) {
				t.Errorf("a schema with %s set is not deferred", name)
			}
		default:
			t.Errorf("jsonschema.Schema.%s is neither implemented, deferred nor an annotation", name)
		}
	}
}

// setNonZero gives a field some non-zero value of its type.
func setNonZero(f reflect.Value) {
	switch f.Kind() {
	case reflect.String:
		f.SetString("x")
	case reflect.Bool:
		f.SetBool(true)
	case reflect.Pointer:
		f.Set(reflect.New(f.Type().Elem()))
	case reflect.Slice:
		f.Set(reflect.MakeSlice(f.Type(), 1, 1))
	case reflect.Map:
		m := reflect.MakeMap(f.Type())
		m.SetMapIndex(reflect.New(f.Type().Key()).Elem(), reflect.New(f.Type().Elem()).Elem())
		f.Set(m)
	case reflect.Interface:
		f.Set(reflect.ValueOf(true))
	}
}

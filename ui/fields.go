package ui

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// property is one property of the shown widget as an editor sees it.
type property struct {
	widget  string
	key     string
	spec    schemas.PropertySpec
	value   any
	present bool
}

// propertyEditor is the control for one property.
type propertyEditor struct {
	object fyne.CanvasObject
	// focus is what gets keyboard focus when a problem points here.
	focus fyne.Focusable
	// localError shows a problem found before the value reaches the model
	// (a value outside the schema's range), "" when there is none.
	localError func() string
	// hint is the schema's description of the property, if any.
	hint string
}

// editorKind picks the control for a property from its schema, the way
// defyne maps a Go type to a property editor: the first kind whose match
// accepts the property builds it.
type editorKind struct {
	name  string
	match func(p property) bool
	build func(in *Inspector, p property) propertyEditor
}

// editorKinds is the table, most specific first.
var editorKinds = []editorKind{
	{"choice", func(p property) bool { return len(p.spec.Enum) > 0 }, buildChoice},
	{"check", func(p property) bool { return onlyType(p.spec, "boolean") || isBool(p) }, buildCheck},
	{"key/value table", isKeyValueArray, func(in *Inspector, p property) propertyEditor {
		return newKeyValueTable(in, p, "Key", "Value").editor()
	}},
	{"text list", func(p property) bool {
		return onlyType(p.spec, "array") && p.spec.Items != nil && onlyType(*p.spec.Items, "string")
	}, buildTextList},
	{"object", func(p property) bool { return onlyType(p.spec, "object") || isObject(p) }, buildJSONField},
	{"whole number", func(p property) bool { return onlyType(p.spec, "integer") || onlyType(p.spec, "number") }, buildNumber},
	{"text or number", func(p property) bool {
		return slices.Contains(p.spec.Types, "string") && (slices.Contains(p.spec.Types, "integer") || slices.Contains(p.spec.Types, "number"))
	}, buildTextOrNumber},
	{"text", func(p property) bool { return onlyType(p.spec, "string") || isString(p) || !p.present }, buildText},
	{"JSON", func(property) bool { return true }, buildJSONField},
}

// kindFor returns the editor kind for a property.
func kindFor(p property) editorKind {
	for _, k := range editorKinds {
		if k.match(p) {
			return k
		}
	}
	return editorKinds[len(editorKinds)-1]
}

func onlyType(s schemas.PropertySpec, t string) bool { return len(s.Types) == 1 && s.Types[0] == t }

func isBool(p property) bool   { _, ok := p.value.(bool); return p.present && ok }
func isString(p property) bool { _, ok := p.value.(string); return p.present && ok }
func isObject(p property) bool { _, ok := p.value.(*model.Object); return p.present && ok }

func isKeyValueArray(p property) bool {
	if !onlyType(p.spec, "array") || p.spec.Items == nil {
		return false
	}
	it := *p.spec.Items
	if it.Definition == "Parameter" || it.Definition == "TypedParameter" {
		return true
	}
	var key, value bool
	for _, m := range it.Members {
		key = key || m.Name == "key"
		value = value || m.Name == "value"
	}
	return key && value
}

// multiLineKeys are properties that hold message text or long Liquid.
var multiLineKeys = map[string]bool{
	"body": true, "say": true, "attributes": true, "task_attributes": true, "description": true,
	"context": true, "hints": true, "payment_amount": true,
}

func wantsMultiLine(key, text string) bool {
	return multiLineKeys[key] || strings.Contains(text, "\n") || (strings.Contains(text, "{{") && len(text) > 40)
}

func buildText(in *Inspector, p property) propertyEditor {
	text, _ := p.value.(string)
	e := newTextField(wantsMultiLine(p.key, text), in.keys)
	e.SetText(text)
	e.SetPlaceHolder(placeholderFor(p.spec))
	caption, showEnv := in.envCaption(text)
	if !countedKeys[p.key] {
		e.OnChanged = func(s string) {
			in.setProperty(p.widget, p.key, s)
			showEnv(s)
		}
		if caption == nil {
			return propertyEditor{object: e, focus: e}
		}
		return propertyEditor{object: container.NewVBox(e, caption), focus: e}
	}
	count := newMutedLabel(textCount(p.key, text), theme.SizeNameCaptionText, false)
	e.OnChanged = func(s string) {
		in.setProperty(p.widget, p.key, s)
		count.SetText(textCount(p.key, s))
		showEnv(s)
	}
	box := container.NewVBox(e, count)
	if caption != nil {
		box.Add(caption)
	}
	return propertyEditor{object: box, focus: e}
}

// countedKeys are the texts a writer sizes: message bodies (in SMS) and
// spoken text (in characters).
var countedKeys = map[string]bool{"body": true, "say": true}

// placeholderFor suggests the schema's default in an empty field. It says
// "e.g.", not "Default:": an empty value is not replaced by the default
// when the flow runs (an empty From fails), so the field must hold it.
func placeholderFor(s schemas.PropertySpec) string {
	if s.Default != nil {
		return "e.g. " + displayValue(s.Default) + " (Studio's default)"
	}
	return ""
}

func displayValue(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return string(t)
	case bool:
		return strconv.FormatBool(t)
	case nil:
		return ""
	default:
		return string(model.MarshalCanonical(t))
	}
}

func buildNumber(in *Inspector, p property) propertyEditor {
	e := newTextField(false, in.keys)
	e.SetText(displayValue(p.value))
	hint := rangeHint(p.spec)
	if ph := placeholderFor(p.spec); ph != "" {
		hint = strings.TrimSpace(ph + "  " + hint)
	}
	e.SetPlaceHolder(hint)
	local := func() string { return numberProblem(p.spec, e.Text) }
	e.OnChanged = func(s string) {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			in.deleteProperty(p.widget, p.key)
		case isNumberText(s):
			in.setProperty(p.widget, p.key, json.Number(s))
		default:
			// Kept as typed (Liquid, a typo): the schema check reports it.
			in.setProperty(p.widget, p.key, s)
		}
	}
	return propertyEditor{object: e, focus: e, localError: local}
}

func isNumberText(s string) bool {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "xXpP_") && s != "NaN" && !strings.Contains(strings.ToLower(s), "inf")
}

func rangeHint(s schemas.PropertySpec) string {
	switch {
	case s.Minimum != nil && s.Maximum != nil:
		return fmt.Sprintf("%g to %g", *s.Minimum, *s.Maximum)
	case s.Minimum != nil:
		return fmt.Sprintf("at least %g", *s.Minimum)
	case s.Maximum != nil:
		return fmt.Sprintf("at most %g", *s.Maximum)
	}
	return ""
}

// numberProblem checks a number field's text against the schema before the
// validator sees it, so the range shows while typing.
func numberProblem(s schemas.PropertySpec, text string) string {
	text = strings.TrimSpace(text)
	if text == "" || strings.Contains(text, "{{") {
		return ""
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return "enter a number"
	}
	if onlyType(s, "integer") && f != float64(int64(f)) {
		return "enter a whole number"
	}
	if s.Minimum != nil && f < *s.Minimum || s.Maximum != nil && f > *s.Maximum {
		return "must be " + rangeHint(s)
	}
	return ""
}

// buildTextOrNumber keeps the JSON type the file had: "60" stays a string
// and 60 a number; a new value becomes a number when it looks like one.
func buildTextOrNumber(in *Inspector, p property) propertyEditor {
	e := newTextField(false, in.keys)
	e.SetText(displayValue(p.value))
	e.SetPlaceHolder(placeholderFor(p.spec))
	_, wasString := p.value.(string)
	e.OnChanged = func(s string) {
		if !wasString && isNumberText(strings.TrimSpace(s)) {
			in.setProperty(p.widget, p.key, json.Number(strings.TrimSpace(s)))
			return
		}
		in.setProperty(p.widget, p.key, s)
	}
	return propertyEditor{object: e, focus: e}
}

func buildCheck(in *Inspector, p property) propertyEditor {
	c := kbd.NewCheck("", nil)
	v, _ := p.value.(bool)
	if !p.present {
		v, _ = p.spec.Default.(bool)
	}
	c.SetChecked(v)
	c.OnChanged = func(b bool) { in.setProperty(p.widget, p.key, b) }
	return propertyEditor{object: c, focus: c}
}

func buildChoice(in *Inspector, p property) propertyEditor {
	options := make([]string, 0, len(p.spec.Enum)+1)
	byText := map[string]any{}
	for _, e := range p.spec.Enum {
		t := displayValue(e)
		options = append(options, t)
		byText[t] = e
	}
	current := displayValue(p.value)
	if p.present && byText[current] == nil {
		// A value the schema does not list stays visible (and is flagged).
		options = append(options, current)
		byText[current] = p.value
	}
	s := kbd.NewSelect(options, nil)
	if p.present {
		s.SetSelected(current)
	} else if p.spec.Default != nil {
		s.PlaceHolder = placeholderFor(p.spec)
	}
	s.OnChanged = func(t string) { in.setProperty(p.widget, p.key, model.CloneValue(byText[t])) }
	return propertyEditor{object: s, focus: s}
}

// buildTextList edits an array of strings one per line.
func buildTextList(in *Inspector, p property) propertyEditor {
	list, _ := p.value.([]any)
	lines := make([]string, 0, len(list))
	for _, v := range list {
		lines = append(lines, displayValue(v))
	}
	e := newTextField(true, in.keys)
	e.SetText(strings.Join(lines, "\n"))
	e.SetPlaceHolder("One per line")
	e.OnChanged = func(s string) {
		items := []any{}
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				items = append(items, l)
			}
		}
		in.setProperty(p.widget, p.key, items)
	}
	return propertyEditor{object: e, focus: e}
}

// buildJSONField edits any value as JSON text; text that does not parse is
// not applied and says why.
func buildJSONField(in *Inspector, p property) propertyEditor {
	e := newTextField(true, in.keys)
	e.TextStyle = fyne.TextStyle{Monospace: true}
	if p.present {
		e.SetText(string(model.MarshalCanonical(p.value)))
	}
	e.SetPlaceHolder("JSON value")
	problem := ""
	e.OnChanged = func(s string) {
		problem = ""
		if strings.TrimSpace(s) == "" {
			in.deleteProperty(p.widget, p.key)
			return
		}
		v, err := model.ParseValue([]byte(s))
		if err != nil {
			problem = "not applied: " + err.Error()
			in.refreshLocalErrors()
			return
		}
		in.setProperty(p.widget, p.key, v)
	}
	return propertyEditor{object: e, focus: e, localError: func() string { return problem }}
}

// readableKey turns a property key into a title: finish_on_key → "Finish on
// key", waitUrlMethod → "Wait URL method".
func readableKey(key string) string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for i, r := range key {
		switch {
		case r == '_' || r == '-' || r == ' ':
			flush()
		case unicode.IsUpper(r) && i > 0:
			flush()
			cur = append(cur, unicode.ToLower(r))
		default:
			cur = append(cur, r)
		}
	}
	flush()
	for i, w := range words {
		switch w {
		case "url", "sid", "id", "sip", "json", "ach", "api":
			words[i] = strings.ToUpper(w)
		default:
			if i == 0 {
				words[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
	}
	return strings.Join(words, " ")
}

// titleFor is the label of a property: the schema's title, or its key made
// readable.
func titleFor(s schemas.PropertySpec, key string) string {
	if s.Title != "" {
		return s.Title
	}
	return readableKey(key)
}

// fieldBox lays out a labelled control with its error line below it.
func fieldBox(title, hint string, required bool, control fyne.CanvasObject, problems fyne.CanvasObject) *fyne.Container {
	label := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if required {
		label.SetText(title + " *")
	}
	box := container.NewVBox(label)
	if hint != "" {
		box.Add(newMutedLabel(hint, theme.SizeNameCaptionText, false))
	}
	box.Add(control)
	box.Add(problems)
	return box
}

func newErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

package schemas

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// Category is a section of Studio's widget library.
type Category string

// The widget library's sections, in Studio's order.
const (
	FlowControl          Category = "Flow Control"
	Voice                Category = "Voice"
	Messaging            Category = "Messaging"
	ToolsAndCode         Category = "Tools & Code"
	ConnectOtherProducts Category = "Connect Other Products"
)

// Categories lists the library sections in display order.
func Categories() []Category {
	return []Category{FlowControl, Voice, Messaging, ToolsAndCode, ConnectOtherProducts}
}

// Maturity is how far along Twilio says a widget type is.
type Maturity string

// Maturities. Legacy is Studioflow's: a type Studio no longer offers whose
// schema says nothing (or says ga while its title says deprecated).
const (
	GA        Maturity = "ga"
	Beta      Maturity = "beta"
	EndOfLife Maturity = "end-of-life"
	Legacy    Maturity = "legacy"
)

// Channel tells which executions a widget type works in.
type Channel string

// Channels.
const (
	// AnyChannel widgets work whatever started the execution.
	AnyChannel Channel = "any"
	// VoiceChannel widgets need a live call (an execution started by incomingCall).
	VoiceChannel Channel = "voice"
	// MessagingChannel widgets converse by message; Send & Wait For Reply may
	// not be reached from incomingCall while concurrent calls are allowed.
	MessagingChannel Channel = "messaging"
)

// Event is one transition event of a widget type.
type Event struct {
	Name  string // as written in the JSON ("incomingMessage")
	Label string // as Studio shows it on the widget ("Incoming Message")
	// Repeatable events may appear on several transitions of one widget:
	// split-based-on's "match", one per condition. On a type that tests
	// conditions, the repeatable event is the one its conditions ride on
	// (see ConditionEvent) and its other event the one taken when none
	// holds (UnmatchedEvent).
	Repeatable bool
	// CallEnded marks the event a widget takes when the call it acts on
	// ends under it: the caller hangs up (see CallEndedEvent).
	CallEnded bool
	// Starts is, for the trigger's events, the channel of the executions
	// the event starts: voice for a call, messaging for a message or a
	// conversation, any for a REST request or a parent flow. Other types'
	// events leave it empty.
	Starts Channel
	// Answers is, for the events of a widget that waits on the contact,
	// the kind of input that makes the widget take the event: Gather's
	// keypress answers keys pressed, its speech words spoken, Send & Wait's
	// incomingMessage a reply, and the timeouts (Gather's, Send & Wait's
	// No Reply, Record Voicemail's No Audio) NoInput (see InputEvent,
	// ContactInputs). Holds is the output, below widgets.NAME, holding
	// what the contact gave ("Digits"). Other events leave both empty.
	Answers InputKind
	Holds   string
	// Fails marks the event the widget takes when its work fails outright:
	// the message is not delivered, the request, the Function or the
	// subflow fails, the call cannot be placed (see FailureEvent). Types
	// whose failures are several kinds (a queue, a payment) mark none.
	Fails bool
}

// WidgetType is everything Studioflow knows about one widget type: its
// entry in the registry (WidgetEntry, catalog_table.go), with Maturity
// taken from the schema where the entry leaves it empty, and what Load
// reads from the schemas. It is a value: the slices and objects its
// methods return are copies.
type WidgetType struct {
	WidgetEntry

	SchemaURL    string
	SchemaOrigin Origin

	schema        []byte
	compiled      *typeSchema // with its quick valid/invalid form
	properties    []PropertySpec
	requiredOneOf [][]string
	defaults      *model.Object
}

// InLibrary is false for types Studio no longer offers (and for the
// trigger, which every flow has exactly one of).
func (w WidgetType) InLibrary() bool { return !w.hidden }

// Events lists the type's transition events in Studio's order.
func (w WidgetType) Events() []Event { return slices.Clone(w.events) }

// SuccessEvent returns the event a widget of this type takes when all goes
// well (the product answers, the call connects, the message is sent): the
// one Studio lists first. ok is false when the type has none: its events are
// unknown (legacy types) or depend only on the widget's input (trigger,
// split-based-on).
func (w WidgetType) SuccessEvent() (name string, ok bool) {
	if len(w.events) == 0 || w.branching {
		return "", false
	}
	return w.events[0].Name, true
}

// Event returns the event with that name.
func (w WidgetType) Event(name string) (Event, bool) { return w.event(name) }

// AllowsEvent reports whether a transition of this type may carry the event.
func (w WidgetType) AllowsEvent(name string) bool { return w.allowsEvent(name) }

// The rules call these through the catalog's *WidgetType: a method on the
// value copies the whole type (some 400 bytes) at every call, which was a
// third of the transition rule's time.

func (w *WidgetType) event(name string) (Event, bool) {
	if e := w.eventNamed(name); e != nil {
		return *e, true
	}
	return Event{}, false
}

// eventNamed is the type's event with that name, nil when it has none
// (event without copying it, for the rules run on every transition).
func (w *WidgetType) eventNamed(name string) *Event {
	for i := range w.events {
		if w.events[i].Name == name {
			return &w.events[i]
		}
	}
	return nil
}

func (w *WidgetType) allowsEvent(name string) bool {
	return w.eventNamed(name) != nil || w.OpenEvents
}

// Schema returns the type's schema document as JSON text (for display or a
// schema-driven inspector).
func (w WidgetType) Schema() []byte { return slices.Clone(w.schema) }

// Compiled returns the type's compiled schema (compiled on the first
// call), or the reason it could not be compiled. It is safe for concurrent
// use.
func (w WidgetType) Compiled() (*jsonschema.Schema, error) {
	s, _, err := w.compiled.get()
	return s, err
}

// Properties describes the type's properties as its schema states them.
func (w WidgetType) Properties() []PropertySpec {
	out := make([]PropertySpec, len(w.properties))
	for i, p := range w.properties {
		out[i] = p.clone()
	}
	return out
}

// RequiredOneOf lists groups of properties of which exactly one group must be
// present (say-play: say, play or digits).
func (w WidgetType) RequiredOneOf() [][]string {
	out := make([][]string, len(w.requiredOneOf))
	for i, g := range w.requiredOneOf {
		out[i] = slices.Clone(g)
	}
	return out
}

// DefaultProperties returns the properties a new widget of this type starts
// with, offset included.
func (w WidgetType) DefaultProperties() *model.Object {
	v, _ := w.defaults.Get("properties")
	if o, ok := v.(*model.Object); ok {
		return o.Clone()
	}
	return model.NewObject()
}

// DefaultTransitions returns the transitions a new widget of this type starts
// with (every event, unconnected).
func (w WidgetType) DefaultTransitions() []any {
	v, _ := w.defaults.Get("transitions")
	list, _ := v.([]any)
	out, _ := model.CloneValue(list).([]any)
	if out == nil {
		out = []any{}
	}
	return out
}

// NewState returns a new widget of this type, named and placed, with its
// members in the order Studio exports them (name, type, transitions,
// properties).
func (w WidgetType) NewState(name string, x, y float64) *model.Object {
	props := w.DefaultProperties()
	props.Set("offset", model.NewObject(
		model.Member{Key: "x", Value: numberLiteral(x)},
		model.Member{Key: "y", Value: numberLiteral(y)},
	))
	return model.NewObject(
		model.Member{Key: "name", Value: name},
		model.Member{Key: "type", Value: w.Type},
		model.Member{Key: "transitions", Value: w.DefaultTransitions()},
		model.Member{Key: "properties", Value: props},
	)
}

func numberLiteral(f float64) any {
	v, err := model.FromGeneric(f)
	if err != nil {
		return model.Int(0)
	}
	return v
}

func (w WidgetType) clone() WidgetType {
	c := w
	c.events = slices.Clone(w.events)
	c.requires = slices.Clone(w.requires)
	c.answers = slices.Clone(w.answers)
	c.outputs = slices.Clone(w.outputs)
	c.roles = maps.Clone(w.roles)
	return c
}

// Catalog is the one description of every widget type that the canvas, the
// inspector, the engine and the validator read. Build it once with Load; it
// never changes afterwards and is safe for concurrent use.
type Catalog struct {
	types map[string]*WidgetType
	// byName finds types[name] faster (see typeOf): typeList[i] is the
	// type order[i] names.
	byName    nameTable
	typeList  []*WidgetType
	order     []string
	documents []Document
	docs      docSet
	compiler  *compiledSet
	// What every validator of the catalog shares, as Ajv's compiled
	// validator is shared by every validation: the Liquid parser's
	// verdicts (a pure function of the string, bounded by
	// liquidVerdictLimit), and the memory of ValidateFlow's flow-wide
	// tables (flowScratch: half a megabyte at 2,000 widgets), recycled.
	liquid  *liquidChecker
	scratch *sync.Pool
}

// Load reads the embedded schemas, compiles them and builds the catalog.
func Load() (*Catalog, error) {
	documents, err := Documents()
	if err != nil {
		return nil, err
	}
	docs, err := newDocSet(documents)
	if err != nil {
		return nil, err
	}
	compiled, err := compileAll(documents)
	if err != nil {
		return nil, err
	}
	defaults, err := loadDefaults()
	if err != nil {
		return nil, err
	}
	byType := map[string]Document{}
	for _, d := range documents {
		byType[typeOfDocument(d)] = d
	}
	c := &Catalog{types: map[string]*WidgetType{}, documents: documents, docs: docs, compiler: compiled,
		liquid: newLiquidChecker(), scratch: &sync.Pool{}}
	for _, e := range widgetTable {
		doc, ok := byType[e.Type]
		if !ok {
			return nil, fmt.Errorf("widget type %s has no schema document", e.Type)
		}
		def, ok := defaults[e.Type]
		if !ok {
			return nil, fmt.Errorf("widget type %s has no default widget", e.Type)
		}
		w := &WidgetType{WidgetEntry: e, SchemaURL: doc.ID, SchemaOrigin: doc.Origin,
			schema: doc.data, compiled: &typeSchema{set: compiled, url: doc.ID}, defaults: def}
		if err := w.bindRequirements(); err != nil {
			return nil, fmt.Errorf("widget type %s: %w", e.Type, err)
		}
		root := docs.byID[doc.ID]
		if w.Maturity == "" {
			m, _ := root.String("maturity")
			w.Maturity = Maturity(m)
		}
		if propsSchema, ok := docs.at(doc.ID, "/properties/properties"); ok {
			w.properties, w.requiredOneOf = docs.propertySpecs(propsSchema, doc.ID, 0)
		}
		c.types[e.Type] = w
		c.order = append(c.order, e.Type)
		c.typeList = append(c.typeList, w)
	}
	c.byName, _ = newNameTable(c.order)
	return c, nil
}

// typeOf is types[typ], without hashing typ when a name table could be
// built for the type names.
func (c *Catalog) typeOf(typ string) (*WidgetType, bool) {
	if c.byName.slots == nil {
		w, ok := c.types[typ]
		return w, ok
	}
	if i := c.byName.candidate(typ); i >= 0 && c.order[i] == typ {
		return c.typeList[i], true
	}
	return nil, false
}

// Lookup returns the widget type with that type name.
func (c *Catalog) Lookup(typ string) (WidgetType, bool) {
	w, ok := c.types[typ]
	if !ok {
		return WidgetType{}, false
	}
	return w.clone(), true
}

// Types lists every known widget type: library types in library order, then
// the ones Studio no longer offers.
func (c *Catalog) Types() []WidgetType {
	out := make([]WidgetType, 0, len(c.order))
	for _, t := range c.order {
		out = append(out, c.types[t].clone())
	}
	return out
}

// LibrarySection is one category of the widget library with its types.
type LibrarySection struct {
	Category Category
	Types    []WidgetType
}

// Library returns the widget library: the types a user can add, by category.
func (c *Catalog) Library() []LibrarySection {
	var out []LibrarySection
	for _, cat := range Categories() {
		sec := LibrarySection{Category: cat}
		for _, t := range c.order {
			if w := c.types[t]; !w.hidden && w.Category == cat {
				sec.Types = append(sec.Types, w.clone())
			}
		}
		out = append(out, sec)
	}
	return out
}

// Documents lists the embedded schema documents.
func (c *Catalog) Documents() []Document { return slices.Clone(c.documents) }

// StringDefault returns a default property when it is a string ("" otherwise).
func (w WidgetType) StringDefault(key string) string {
	s, _ := w.DefaultProperties().String(key)
	return s
}

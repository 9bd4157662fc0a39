package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
)

// MaxFileSize is the largest definition Parse accepts. Studio's own
// definitions stay well under a few megabytes (2,000 widgets of typical size
// come to about 2 MB); 10 MiB leaves room while bounding memory.
const MaxFileSize = 10 << 20

// ErrTooLarge is wrapped by Parse when the input is over MaxFileSize.
var ErrTooLarge = errors.New("file is too large")

// StructureError reports a definition that is valid JSON but cannot be a
// flow at all (no states list, a widget that is not an object, …). Path is a
// JSON pointer to the offending value.
type StructureError struct {
	Path string
	Msg  string
}

func (e *StructureError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Flow is a Studio flow definition. Every member of the JSON is kept, in
// order, with each scalar's original type; typed accessors read from it.
//
// A Flow is changed only through a Document's operations; values returned by
// its accessors are shared and must not be modified. A Flow is not safe for
// use by several goroutines while it is being changed: validate a Clone off
// the UI goroutine.
type Flow struct {
	root         *Object
	states       []*State
	byName       map[string]int
	finalNewline bool
	// sizeHint is the canonical size of the file the flow was read from
	// (parser.canonicalSize): Marshal's first guess at the size of what it
	// writes.
	sizeHint int
	// shape counts the changes to the graph made through a Document: see
	// ShapeVersion.
	shape uint64
}

// ShapeVersion increases whenever a Document adds, removes, renames or
// rewires widgets in this flow, or replaces it: what is derived from the
// graph alone (which widget leads to which) can be kept while it stays the
// same. Content edits (a property, a condition) leave it as it is.
func (f *Flow) ShapeVersion() uint64 { return f.shape }

// State is one widget of a flow.
type State struct {
	raw         *Object
	name, typ   string
	props       *Object // raw's "properties", nil when it is not an object
	transitions []Transition
	// textKey is a hash of the JSON text the widget was parsed from, while
	// it is unchanged since (0 otherwise): see ContentKey.
	textKey uint64
}

// Transition is one outgoing event of a widget. Next is empty when the
// transition is not connected (whether the file wrote "next": null or left it
// out is kept in the underlying JSON).
type Transition struct {
	Event      string
	Next       string
	Conditions []any
}

// Parse reads a flow definition. Errors are *SyntaxError for malformed JSON,
// *StructureError for JSON that is not a flow, or wrap ErrTooLarge.
func Parse(data []byte) (*Flow, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%w: %s, and flow definitions are limited to %s", ErrTooLarge, humanSize(len(data)), humanSize(MaxFileSize))
	}
	var items []itemKey
	p := &parser{data: data, items: &items}
	v, err := parseDocument(p)
	if err != nil {
		return nil, err
	}
	root, ok := v.(*Object)
	if !ok {
		return nil, &StructureError{Msg: fmt.Sprintf("a flow definition must be a JSON object, but this file holds %s", TypeName(v))}
	}
	f, err := FromObject(root)
	if err != nil {
		return nil, err
	}
	f.finalNewline = len(data) > 0 && data[len(data)-1] == '\n'
	f.sizeHint = p.canonicalSize()
	k := 0
	for _, st := range f.states {
		for k < len(items) && items[k].obj != st.raw {
			k++
		}
		if k == len(items) {
			break
		}
		st.textKey = items[k].key
	}
	return f, nil
}

// textSeed keys widget texts for ContentKey; fixed for the process.
var textSeed = maphash.MakeSeed()

func textKey(text []byte) uint64 {
	if k := maphash.Bytes(textSeed, text); k != 0 {
		return k
	}
	return 1
}

// ContentKey returns a 64-bit hash of the JSON text the widget was parsed
// from, and true, while the widget is unchanged since it was parsed (every
// edit through this package's operations forgets it; Clone keeps it). Equal
// keys mean equal JSON (but for a 2^-64 chance); different keys can still be
// equal JSON written differently. It lets a cache skip hashing the widget.
func (s *State) ContentKey() (uint64, bool) { return s.textKey, s.textKey != 0 }

// FromObject builds a flow from an already parsed top-level object, which it
// takes ownership of.
func FromObject(root *Object) (*Flow, error) {
	sv, ok := root.Get("states")
	if !ok {
		return nil, &StructureError{Msg: `the definition has no "states" list, so it holds no widgets`}
	}
	list, ok := sv.([]any)
	if !ok {
		return nil, &StructureError{Path: "/states", Msg: fmt.Sprintf(`"states" must be a list of widgets, but it is %s`, TypeName(sv))}
	}
	f := &Flow{root: root, states: make([]*State, len(list)), finalNewline: true}
	// One allocation for all widgets, and one for all their transitions.
	slab := make([]State, len(list))
	total := 0
	for i, e := range list {
		obj, ok := e.(*Object)
		if !ok {
			return nil, &StructureError{Path: fmt.Sprintf("/states/%d", i), Msg: fmt.Sprintf("each widget must be a JSON object, but this one is %s", TypeName(e))}
		}
		slab[i].raw = obj
		if tv, ok := obj.Get("transitions"); ok {
			t, _ := tv.([]any)
			total += len(t)
		}
	}
	transitions := make([]Transition, total)
	for i := range slab {
		s := &slab[i]
		tv, _ := s.raw.Get("transitions")
		n := len(asList(tv))
		s.transitions, transitions = transitions[:0:n], transitions[n:]
		s.refresh()
		f.states[i] = s
	}
	f.reindex()
	return f, nil
}

func asList(v any) []any {
	list, _ := v.([]any)
	return list
}

func newState(raw *Object) *State {
	s := &State{raw: raw}
	s.refresh()
	return s
}

// refresh re-derives the typed view of the state from its JSON after a
// change (which also ends its ContentKey).
//
// One pass over the members reads them all; where a name occurs twice the
// last one counts, as with Get.
func (s *State) refresh() {
	s.textKey = 0
	s.name, s.typ, s.props = "", "", nil
	var list []any
	if s.raw != nil {
		for _, m := range s.raw.members {
			switch m.Key {
			case "name":
				s.name, _ = m.Value.(string)
			case "type":
				s.typ, _ = m.Value.(string)
			case "properties":
				s.props, _ = m.Value.(*Object)
			case "transitions":
				list, _ = m.Value.([]any)
			}
		}
	}
	if cap(s.transitions) < len(list) {
		s.transitions = make([]Transition, 0, len(list))
	}
	s.transitions = s.transitions[:len(list)]
	for i, e := range list {
		t := &s.transitions[i]
		*t = Transition{}
		obj, ok := e.(*Object)
		if !ok || obj == nil {
			continue
		}
		for _, m := range obj.members {
			switch m.Key {
			case "event":
				t.Event, _ = m.Value.(string)
			case "next":
				t.Next, _ = m.Value.(string)
			case "conditions":
				t.Conditions, _ = m.Value.([]any)
			}
		}
	}
}

func (f *Flow) reindex() {
	f.byName = make(map[string]int, len(f.states))
	for i, s := range f.states {
		if _, dup := f.byName[s.name]; !dup {
			f.byName[s.name] = i
		}
	}
}

// syncStates writes the state list back into the root object.
func (f *Flow) syncStates() {
	list := make([]any, len(f.states))
	for i, s := range f.states {
		list[i] = s.raw
	}
	f.root.Set("states", list)
	f.reindex()
}

// Marshal writes the flow in Studio's canonical form, ending with a newline
// when the file it came from did (new flows do).
func (f *Flow) Marshal() []byte {
	b := marshalCanonical(f.root, max(4096, f.sizeHint+f.sizeHint/64+1))
	if f.finalNewline {
		b = append(b, '\n')
	}
	return b[:len(b):len(b)]
}

// Clone returns a deep copy.
func (f *Flow) Clone() *Flow {
	c, _ := FromObject(f.root.Clone())
	c.finalNewline, c.sizeHint = f.finalNewline, f.sizeHint
	if len(c.states) == len(f.states) {
		for i, s := range f.states {
			c.states[i].textKey = s.textKey
		}
	}
	return c
}

// Root returns the whole definition as an ordered object (read-only).
func (f *Flow) Root() *Object { return f.root }

// Generic returns the whole definition in encoding/json's plain form.
func (f *Flow) Generic() any { return ToGeneric(f.root) }

// Description returns the flow's description.
func (f *Flow) Description() string {
	s, _ := f.root.String("description")
	return s
}

// InitialState returns the name in initial_state.
func (f *Flow) InitialState() string {
	s, _ := f.root.String("initial_state")
	return s
}

// Flags returns the flags object, or nil.
func (f *Flow) Flags() *Object {
	v, _ := f.root.Get("flags")
	o, _ := v.(*Object)
	return o
}

// AllowConcurrentCalls reports flags.allow_concurrent_calls.
func (f *Flow) AllowConcurrentCalls() bool {
	v, _ := f.Flags().Get("allow_concurrent_calls")
	b, _ := v.(bool)
	return b
}

// Len returns the number of widgets.
func (f *Flow) Len() int { return len(f.states) }

// States returns the widgets in file order.
func (f *Flow) States() []*State {
	return append([]*State(nil), f.states...)
}

// StateAt returns the i-th widget.
func (f *Flow) StateAt(i int) *State { return f.states[i] }

// State returns the widget with that name (the first, if names repeat), or nil.
func (f *Flow) State(name string) *State {
	if i, ok := f.byName[name]; ok {
		return f.states[i]
	}
	return nil
}

// IndexOf returns the position of the named widget, or -1.
func (f *Flow) IndexOf(name string) int {
	if i, ok := f.byName[name]; ok {
		return i
	}
	return -1
}

// NamesUnique reports whether no two widgets share a name (a missing name
// counts as ""), so that IndexOf(StateAt(i).Name()) is i for every i.
func (f *Flow) NamesUnique() bool { return len(f.byName) == len(f.states) }

// TriggerType is the type of the widget a flow's executions start from: a
// flow has exactly one, which cannot be deleted, copied or led back to.
// Every layer that treats the trigger apart asks IsTrigger.
const TriggerType = "trigger"

// Trigger returns the first widget of type trigger, or nil.
func (f *Flow) Trigger() *State {
	for _, s := range f.states {
		if s.IsTrigger() {
			return s
		}
	}
	return nil
}

// Name returns the widget's name ("" when missing or not a string).
func (s *State) Name() string { return s.name }

// Type returns the widget's type ("" when missing or not a string).
func (s *State) Type() string { return s.typ }

// IsTrigger reports whether the widget is a trigger (type TriggerType).
func (s *State) IsTrigger() bool { return s.typ == TriggerType }

// Transitions returns the widget's transitions in order.
func (s *State) Transitions() []Transition {
	return append([]Transition(nil), s.transitions...)
}

// TransitionCount returns the number of transitions.
func (s *State) TransitionCount() int { return len(s.transitions) }

// Transition returns the i-th transition.
func (s *State) Transition(i int) Transition { return s.transitions[i] }

// Next returns the target of the first transition with that event, and
// whether such a transition exists.
func (s *State) Next(event string) (string, bool) {
	for _, t := range s.transitions {
		if t.Event == event {
			return t.Next, true
		}
	}
	return "", false
}

// Raw returns the widget's JSON object (read-only).
func (s *State) Raw() *Object { return s.raw }

// Generic returns the widget in encoding/json's plain form.
func (s *State) Generic() any { return ToGeneric(s.raw) }

// Properties returns the properties object, or nil.
func (s *State) Properties() *Object { return s.props }

// Property returns one property's value.
func (s *State) Property(key string) (any, bool) {
	return s.Properties().Get(key)
}

// StringProperty returns a property when it is a string.
func (s *State) StringProperty(key string) string {
	v, _ := s.Properties().String(key)
	return v
}

// Offset returns properties.offset, the widget's position on the canvas.
func (s *State) Offset() (x, y float64, ok bool) {
	v, _ := s.Property("offset")
	o, isObj := v.(*Object)
	if !isObj {
		return 0, 0, false
	}
	xv, _ := o.Get("x")
	yv, _ := o.Get("y")
	x, okx := NumberValue(xv)
	y, oky := NumberValue(yv)
	if !okx || !oky {
		return 0, 0, false
	}
	return x, y, true
}

// NumberValue converts a JSON number to float64.
func NumberValue(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// Int returns a JSON number literal for a whole number.
func Int(n int) json.Number { return json.Number(strconv.Itoa(n)) }

func humanSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// blankFlow is Studio's "Blank Flow" definition (seed 001), with its member
// order and "next": null style.
const blankFlow = `{
  "states": [
    {
      "transitions": [
        {
          "event": "incomingMessage",
          "next": null
        },
        {
          "event": "incomingCall",
          "next": null
        },
        {
          "event": "incomingRequest",
          "next": null
        }
      ],
      "type": "trigger",
      "name": "Trigger",
      "properties": {
        "offset": {
          "y": 0,
          "x": 0
        }
      }
    }
  ],
  "initial_state": "Trigger",
  "flags": {
    "allow_concurrent_calls": true
  },
  "description": "A New Flow"
}
`

// NewBlankFlow returns the flow Studio starts a new one from.
func NewBlankFlow() *Flow {
	f, err := Parse([]byte(blankFlow))
	if err != nil {
		panic("model: the built-in blank flow does not parse: " + err.Error())
	}
	return f
}

package schemas

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
)

// MaxWidgets is Studio's limit on widgets in one flow (the FAQ's 2,000;
// Twilio's published schema says 1,000, see QUIRKS.md 11).
const MaxWidgets = 2000

// Validator checks flows in two layers, the JSON Schemas and the Studio
// rules they cannot express, into one list of diagnostics. Build it once
// with NewValidator; it is safe for concurrent use. A flow must not change
// while it is being validated (validate a Clone off the UI goroutine).
type Validator struct {
	cat     *Catalog
	explain explainer
	liquid  *liquidChecker
	content *contentCache

	flowRequired  []string
	flowFragments []flowFragment
	schemaMax     int             // the flow schema's maxItems on states
	typeEnum      map[string]bool // the flow schema's type enum
	condition     checkedSchema
	variables     checkedSchema
	offset        checkedSchema
	// findSubflow says why a flow_sid names no flow (WithSubflows); nil
	// when nothing can tell.
	findSubflow func(flowSID string) error
	// shapes keeps the graph of the flow ValidateWidget saw last.
	shapes *shapeCache
	// variableProps are the widget types that have a property holding
	// flow variables, with its name (WidgetType.PropertyWithRole, read
	// once): a few, so a scan finds one faster than a map.
	variableProps []typeProperty
}

// shapeCache remembers what ValidateWidget derives from a flow's graph
// (which widgets lead to which) while the flow's ShapeVersion stays the
// same: between keystrokes in one widget, the graph does not change.
type shapeCache struct {
	mu   sync.Mutex
	last *flowShape
}

// of returns the shape of f, kept from before when f's graph is unchanged.
func (c *shapeCache) of(f *model.Flow) *flowShape {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.last; s != nil && s.flow == f && s.version == f.ShapeVersion() && s.widgets == f.Len() {
		return s
	}
	c.last = &flowShape{flow: f, version: f.ShapeVersion(), widgets: f.Len()}
	return c.last
}

// flowShape is one flow's graph, built on first use, and the ancestors of
// the widgets asked about.
type flowShape struct {
	mu        sync.Mutex
	flow      *model.Flow
	version   uint64
	widgets   int
	g         *graph
	ancestors map[int][]bool
	// variableSetters: see setters (nil until asked).
	variableSetters []int
}

// setters lists the widgets whose type sets flow variables: kept with the
// graph, as a widget's type changes only with it (ReplaceFlow).
func (s *flowShape) setters(props []typeProperty) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.variableSetters == nil {
		s.variableSetters = variableSetters(s.flow, props)
		if s.variableSetters == nil {
			s.variableSetters = []int{}
		}
	}
	return s.variableSetters
}

// flowShapeAncestors bounds how many widgets' ancestors a shape keeps.
const flowShapeAncestors = 64

// leadsTo reports whether a path of at least one transition leads from
// widget a to widget b.
func (s *flowShape) leadsTo(a, b int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.g == nil {
		built := newGraph(s.flow)
		s.g, s.ancestors = &built, map[int][]bool{}
	}
	anc, ok := s.ancestors[b]
	if !ok {
		if len(s.ancestors) >= flowShapeAncestors {
			clear(s.ancestors)
		}
		anc = s.g.ancestors(b)
		s.ancestors[b] = anc
	}
	return anc[a]
}

// variableProps lists the widget types that have a property holding flow
// variables, with its name (WidgetType.PropertyWithRole).
func (c *Catalog) variableProps() []typeProperty {
	var out []typeProperty
	for _, typ := range c.order {
		if w, ok := c.typeOf(typ); ok {
			if key, ok := w.PropertyWithRole(FlowVariables); ok {
				out = append(out, typeProperty{w, key})
			}
		}
	}
	return out
}

// typeProperty is a property of a widget type.
type typeProperty struct {
	w   *WidgetType
	key string
}

type flowFragment struct {
	key    string
	schema checkedSchema
}

// checkedSchema is a compiled schema with its fast form: fast decides
// whether a value is valid, slow explains why it is not.
type checkedSchema struct {
	slow *jsonschema.Schema
	fast *fastSchema
}

// NewValidator prepares a validator for the catalog's schemas.
func NewValidator(cat *Catalog) (*Validator, error) {
	v := &Validator{
		cat:      cat,
		liquid:   cat.liquid,
		content:  newContentCache(),
		shapes:   &shapeCache{},
		typeEnum: map[string]bool{},
	}
	v.variableProps = cat.variableProps()
	v.explain = explainer{docs: cat.docs, events: v.eventsOf, namer: cat.instanceNamer}
	frag := func(url string) checkedSchema {
		return checkedSchema{cat.compiler.fragments[url], cat.compiler.fastFragments[url]}
	}
	v.condition, v.variables, v.offset = frag(conditionURL), frag(variablesURL), frag(offsetURL)
	v.flowFragments = []flowFragment{
		{"description", frag(flowDescriptionURL)}, {"$schema", frag(flowSchemaPropURL)},
		{"flags", frag(flowFlagsURL)}, {"initial_state", frag(flowInitialURL)},
	}
	req, ok := cat.docs.at(FlowSchemaURL, "/required")
	if !ok {
		return nil, fmt.Errorf("flow schema has no required list")
	}
	for _, r := range req.([]any) {
		if s, ok := r.(string); ok {
			v.flowRequired = append(v.flowRequired, s)
		}
	}
	if mx, ok := cat.docs.at(FlowSchemaURL, "/properties/states/maxItems"); ok {
		n, _ := model.NumberValue(mx)
		v.schemaMax = int(n)
	}
	enum, ok := cat.docs.at(FlowSchemaURL, "/properties/states/items/properties/type/enum")
	if !ok {
		return nil, fmt.Errorf("flow schema has no widget type enum")
	}
	for _, e := range enum.([]any) {
		if s, ok := e.(string); ok {
			v.typeEnum[s] = true
		}
	}
	return v, nil
}

// Catalog returns the catalog the validator reads.
func (v *Validator) Catalog() *Catalog { return v.cat }

func (v *Validator) eventsOf(typ string) ([]string, bool) {
	w, ok := v.cat.typeOf(typ)
	if !ok || w.OpenEvents {
		return nil, false
	}
	names := make([]string, len(w.events))
	for i, e := range w.events {
		names[i] = e.Name
	}
	return names, true
}

// ValidateFlow runs every check on the flow.
func (v *Validator) ValidateFlow(f *model.Flow) []Diagnostic {
	var out []Diagnostic
	out = v.flowSchema(f, out)
	out = conflictRules(f, out)
	n := f.Len()
	if n > MaxWidgets {
		return append(out, Diagnostic{Severity: Error, Path: "/states", Rule: RuleWidgetLimit,
			Message: fmt.Sprintf("the flow has %d widgets, but Studio allows at most %d; the widgets were not checked one by one", n, MaxWidgets)})
	}
	if n > v.schemaMax {
		out = append(out, Diagnostic{Severity: Warning, Path: "/states", Rule: RuleWidgetLimit,
			Message: fmt.Sprintf("the flow has %d widgets: Studio allows %d, but Twilio's published flow schema allows only %d, so other tools may reject it", n, MaxWidgets, v.schemaMax)})
	}
	scratch := v.cat.flowScratch()
	var g graph
	var flowFindings []Diagnostic
	perWidget := v.widgets(f, flowWork{
		// The wiring and the upstream index are built while other cores
		// start on the widgets' content rules, which need neither.
		prepare: func() widgetContext {
			g = newGraphIn(f, scratch)
			return v.widgetContext(f, newUpstreamIndex(g).leadsTo, g.targets, nil)
		},
		// The flow rules (reachability from each entry point, loops) run
		// beside the per-widget rules.
		alongside: func() { flowFindings = v.flowRules(f, g, nil) },
		scratch:   scratch,
	})
	v.cat.putFlowScratch(scratch) // nothing holds its tables any more
	return mergeDiagnostics(append(out, flowFindings...), perWidget)
}

// ValidateWidget re-runs the per-widget rules (Rule.PerWidget) for the
// widget(s) with that name, for the editor to merge into an earlier
// ValidateFlow result with MergeWidget. Edits that change the graph (adding,
// removing, renaming or connecting widgets) can change other widgets'
// diagnostics too; run ValidateFlow after those.
func (v *Validator) ValidateWidget(f *model.Flow, name string) []Diagnostic {
	first := f.IndexOf(name)
	if first < 0 {
		return nil
	}
	shape := v.shapes.of(f)
	ctx := v.widgetContext(f, shape.leadsTo, nil, func() []int { return shape.setters(v.variableProps) })
	var out []Diagnostic
	for i := first; i < f.Len(); i++ {
		if f.StateAt(i).Name() == name {
			out = v.widget(ctx, i, out)
		}
	}
	return out
}

// widgetContext is what the per-widget rules know of f's wiring.
// setters lists the widgets that set flow variables (nil: found on first
// use).
func (v *Validator) widgetContext(f *model.Flow, leadsTo func(a, b int) bool, targets [][]int32, setters func() []int) widgetContext {
	return widgetContext{flow: f, leadsTo: leadsTo, targets: targets,
		refs: refScope{flow: f, leadsTo: leadsTo, facts: newRefFacts(f, v.variableProps, setters)}}
}

// EditReachesOthers reports whether editing widget name's properties can
// change other widgets' findings, which ValidateWidget does not re-run:
// its type sets flow variables, which other widgets' templates read.
func (v *Validator) EditReachesOthers(f *model.Flow, name string) bool {
	for i := f.IndexOf(name); i >= 0 && i < f.Len(); i++ {
		st := f.StateAt(i)
		if st.Name() != name {
			continue // names can repeat: every widget of that name counts
		}
		for _, p := range v.variableProps {
			if p.w.Type == st.Type() {
				return true
			}
		}
	}
	return false
}

// statePath is the JSON Pointer to the i-th widget ("/states/12"); for a
// flow within Studio's limit it is cut from one shared text, not written.
func statePath(i int) string {
	if i >= 0 && i < MaxWidgets {
		t := &statePaths
		return t.text[t.ends[i]-t.lengths[i] : t.ends[i]]
	}
	return "/states/" + strconv.Itoa(i)
}

// statePaths is every widget path under MaxWidgets, back to back in one
// text (about 20 KB), built when the package loads and never changed.
var statePaths = func() (t struct {
	text          string
	ends, lengths [MaxWidgets]int32
}) {
	var b []byte
	for i := range MaxWidgets {
		start := len(b)
		b = strconv.AppendInt(append(b, "/states/"...), int64(i), 10)
		t.ends[i], t.lengths[i] = int32(len(b)), int32(len(b)-start)
	}
	t.text = string(b)
	return t
}()

// sortDiagnostics orders flow-level diagnostics first, then by widget
// position, keeping each widget's own order.
func sortDiagnostics(diags []Diagnostic) {
	keys := make([]int, len(diags))
	for i, d := range diags {
		keys[i] = stateIndexOf(d.Path)
	}
	sort.Stable(byWidget{diags, keys})
}

// byWidget sorts diagnostics by their widget's position, read once.
type byWidget struct {
	diags []Diagnostic
	keys  []int
}

func (b byWidget) Len() int           { return len(b.diags) }
func (b byWidget) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byWidget) Swap(i, j int) {
	b.diags[i], b.diags[j] = b.diags[j], b.diags[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

// mergeDiagnostics is sortDiagnostics(append(flow, widgets...)) for
// widgets that arrive in widget order (as the per-widget rules give them):
// the few flow-rule findings are sorted, then merged in.
func mergeDiagnostics(flow, widgets []Diagnostic) []Diagnostic {
	wkeys := make([]int, len(widgets))
	for i, d := range widgets {
		wkeys[i] = stateIndexOf(d.Path)
		if i > 0 && wkeys[i] < wkeys[i-1] { // not in order after all
			all := append(flow, widgets...)
			sortDiagnostics(all)
			return all
		}
	}
	sortDiagnostics(flow)
	if len(flow) == 0 {
		return widgets
	}
	out := make([]Diagnostic, 0, len(flow)+len(widgets))
	i, j := 0, 0
	for i < len(flow) && j < len(widgets) {
		if wkeys[j] < stateIndexOf(flow[i].Path) {
			out = append(out, widgets[j])
			j++
		} else {
			out = append(out, flow[i])
			i++
		}
	}
	out = append(out, flow[i:]...)
	return append(out, widgets[j:]...)
}

func stateIndexOf(path string) int {
	rest, ok := strings.CutPrefix(path, "/states/")
	if !ok {
		return -1
	}
	end := strings.IndexByte(rest, '/')
	if end < 0 {
		end = len(rest)
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil {
		return -1
	}
	return n
}

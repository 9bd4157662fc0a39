package schemas

import (
	"fmt"
	"runtime"
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
		liquid:   newLiquidChecker(),
		content:  newContentCache(),
		typeEnum: map[string]bool{},
	}
	v.explain = explainer{docs: cat.docs, events: v.eventsOf}
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
	w, ok := v.cat.types[typ]
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
	g := newGraph(f)
	out = v.flowRules(f, g, out)
	ctx := widgetContext{flow: f, leadsTo: newUpstreamIndex(g).leadsTo}
	out = append(out, v.widgets(ctx, n)...)
	sortDiagnostics(out)
	return out
}

// parallelFrom is the flow size from which the per-widget rules run on
// every core: below it, starting goroutines costs more than it saves.
const parallelFrom = 256

// widgets runs the per-widget rules on every widget, split over the cores
// for big flows; the result keeps widget order.
func (v *Validator) widgets(ctx widgetContext, n int) []Diagnostic {
	workers := runtime.GOMAXPROCS(0)
	if n < parallelFrom || workers < 2 {
		var out []Diagnostic
		for i := 0; i < n; i++ {
			out = v.widget(ctx, i, out)
		}
		return out
	}
	parts := make([][]Diagnostic, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				parts[w] = v.widget(ctx, i, parts[w])
			}
		}()
	}
	wg.Wait()
	var out []Diagnostic
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
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
	var g *graph
	var ancestors map[int][]bool
	ctx := widgetContext{flow: f, leadsTo: func(a, b int) bool {
		if g == nil {
			built := newGraph(f)
			g, ancestors = &built, map[int][]bool{}
		}
		anc, ok := ancestors[b]
		if !ok {
			anc = g.ancestors(b)
			ancestors[b] = anc
		}
		return anc[a]
	}}
	var out []Diagnostic
	for i := first; i < f.Len(); i++ {
		if f.StateAt(i).Name() == name {
			out = v.widget(ctx, i, out)
		}
	}
	return out
}

// widgetContext is what the per-widget rules need to know about the rest
// of the flow.
type widgetContext struct {
	flow *model.Flow
	// leadsTo reports whether a path of at least one transition leads from
	// widget a to widget b.
	leadsTo func(a, b int) bool
}

func statePath(i int) string { return "/states/" + strconv.Itoa(i) }

// widget runs the per-widget rules on the i-th widget.
func (v *Validator) widget(ctx widgetContext, i int, out []Diagnostic) []Diagnostic {
	s := ctx.flow.StateAt(i)
	start := len(out)
	base := statePath(i)
	out = v.typeRule(s, base, out)
	for _, d := range v.content.findings(s, v.contentRules) {
		d.Widget = s.Name()
		d.Path = base + d.Path
		out = append(out, d)
	}
	if v.findSubflow != nil { // otherwise among contentRules
		out = v.requirementRules(s, base, out, start)
	}
	out = v.nameRule(ctx.flow, s, i, base, out)
	out = v.transitionRules(ctx.flow, s, base, out)
	out = v.stringRules(ctx, s, i, base, out)
	return dedupe(out, start)
}

// contentRules are the per-widget rules whose outcome depends on the
// widget's own JSON alone (paths relative to the widget, no widget name), so
// their result can be remembered by content.
func (v *Validator) contentRules(s *model.State) []Diagnostic {
	var out []Diagnostic
	out = v.schemaRule(s, "", out)
	if v.findSubflow == nil { // the widget's JSON alone decides
		out = v.requirementRules(s, "", out, 0)
	}
	out = v.splitRules(s, "", out)
	out = v.propertyQuirkRules(s, "", out)
	return out
}

// dedupe drops repeats (same path and message) among out[start:]; the two
// layers word a shared finding the same way on purpose.
func dedupe(out []Diagnostic, start int) []Diagnostic {
	if len(out)-start < 2 {
		return out
	}
	type key struct{ path, msg string }
	seen := map[key]bool{}
	kept := out[:start]
	for _, d := range out[start:] {
		k := key{d.Path, d.Message}
		if !seen[k] {
			seen[k] = true
			kept = append(kept, d)
		}
	}
	return kept
}

// sortDiagnostics orders flow-level diagnostics first, then by widget
// position, keeping each widget's own order.
func sortDiagnostics(diags []Diagnostic) {
	sort.SliceStable(diags, func(a, b int) bool {
		return stateIndexOf(diags[a].Path) < stateIndexOf(diags[b].Path)
	})
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

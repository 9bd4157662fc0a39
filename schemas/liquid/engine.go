// Package liquid renders Twilio Studio's dialect of Liquid: Shopify's Ruby
// Liquid (lax mode), as Studio runs it, plus what Studio adds or limits —
// the to_json filter, loops capped at 15 iterations, output capped at 16 KB,
// and date filters that work in US Pacific time. DIALECT.md lists the choices.
//
// Templates are parsed here (tags and blocks), and so are the expressions
// flows hold nearly always: a value and its filters (chain.go). Any other
// expression is parsed and evaluated by github.com/osteele/liquid's
// expressions package. The filters, comparisons and printing follow Ruby
// Liquid.
//
// Every render works within a budget of loop iterations and of memory
// (budget.go). Past a cap or the budget, rendering stops and Render returns
// a *TemplateError whose Reason names it; output is never truncated silently.
package liquid

import (
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Pacific time must work on machines without a zoneinfo database.

	"github.com/osteele/liquid/expressions"

	"github.com/studioflow/studioflow/internal/memo"
)

const (
	// MaxCachedTemplates bounds the parse cache; when full it is emptied.
	MaxCachedTemplates = 10000
	// StudioTimeZone is where Studio's date filters work.
	StudioTimeZone = "America/Los_Angeles"
)

// Engine parses each distinct template once, caches it, and renders it on demand.
// It is safe for concurrent use.
type Engine struct {
	pacific *time.Location
	now     func() time.Time
	states  sync.Pool // *renderState, each with its own filters bound to it
	// compiled holds each template parsed. Editing a flow creates a new
	// template per keystroke: past MaxCachedTemplates it starts over
	// rather than grow without bound.
	compiled *memo.Map[string, compiled]
}

type compiled struct {
	plain []segment // set when the template is text and plain variable paths
	tpl   *template
	err   *TemplateError
}

// New returns an Engine whose "now" and "today" come from now (time.Now when nil).
func New(now func() time.Time) *Engine {
	if now == nil {
		now = time.Now
	}
	pacific, err := time.LoadLocation(StudioTimeZone)
	if err != nil {
		// time/tzdata is embedded, so this only happens if the build is broken.
		panic(fmt.Sprintf("liquid: loading %s: %v", StudioTimeZone, err))
	}
	e := &Engine{pacific: pacific, now: now, compiled: memo.New[string, compiled](MaxCachedTemplates)}
	e.states.New = func() any { return e.newState() }
	return e
}

// renderState is one render's variables, counters and budget.
type renderState struct {
	e          *Engine
	cfg        expressions.Config
	ctx        expressions.Context
	vars       map[string]any
	assigned   map[string]bool
	counters   map[string]int
	cycles     map[string]int
	forOffsets map[string]int
	ifchanged  *string
	iterations int
	builtBytes int
	args       []any // filter arguments' buffer, lent to one chain at a time (evalChain)
}

func (e *Engine) newState() *renderState {
	r := &renderState{e: e}
	r.cfg = expressions.NewConfig()
	r.registerFilters()
	return r
}

func (r *renderState) reset(vars map[string]any) {
	if r.vars == nil {
		r.vars = make(map[string]any, len(vars)+4)
		r.assigned = map[string]bool{}
		r.counters = map[string]int{}
		r.cycles = map[string]int{}
		r.forOffsets = map[string]int{}
		r.ctx = expressions.NewContext(r.vars, r.cfg)
	}
	for k, v := range vars {
		r.vars[k] = lazy(v)
	}
	// Ruby Liquid's reserved words are never variables.
	r.vars["empty"], r.vars["blank"] = "", ""
	delete(r.vars, "null")
	r.ifchanged = nil
	r.iterations, r.builtBytes = 0, 0
}

// release empties the state for the pool, dropping every reference to the
// render's data.
func (r *renderState) release() {
	clear(r.vars)
	clear(r.assigned)
	clear(r.counters)
	clear(r.cycles)
	clear(r.forOffsets)
	clear(r.args[:cap(r.args)]) // the last filter's arguments
	r.ifchanged = nil
}

func (r *renderState) assign(name string, v any) {
	r.vars[name] = lazy(v)
	r.assigned[name] = true
}

// integer evaluates a loop parameter as an integer.
func (r *renderState) integer(x *expr, what string) (int, error) {
	v, err := r.eval(x)
	if err != nil {
		return 0, err
	}
	n, ok := toInteger(v)
	if !ok {
		return 0, fmt.Errorf("loop %s must be a number, not %s", what, inspect(Normalize(v)))
	}
	return n, nil
}

func (r *renderState) renderNodes(nodes []node, w *writer) error {
	for _, n := range nodes {
		if err := n.render(r, w); err != nil {
			return err
		}
	}
	return nil
}

// Render renders source with the given variables. Undefined variables render as
// "" and are falsy. Errors are *TemplateError.
func (e *Engine) Render(source string, vars map[string]any) (out string, err error) {
	if !strings.Contains(source, "{{") && !strings.Contains(source, "{%") {
		return source, nil
	}
	defer func() {
		// A flaw in the Liquid library must fail this template, not the program,
		// and say what failed without a Go stack trace.
		if p := recover(); p != nil {
			out, err = "", &TemplateError{Template: source, Reason: "the template could not be rendered: " + firstLine(fmt.Sprint(p))}
		}
	}()
	c := e.parse(source)
	if c.err != nil {
		return "", c.err
	}
	if c.plain != nil {
		out, ok, err := renderPlain(c.plain, vars)
		if err != nil {
			return "", &TemplateError{Template: source, Reason: err.Error(), cause: err}
		}
		if ok {
			return out, nil
		}
	}
	return e.renderTemplate(c.tpl, source, vars)
}

// renderTemplate renders a parsed template with a pooled render state.
func (e *Engine) renderTemplate(tpl *template, source string, vars map[string]any) (string, error) {
	r := e.states.Get().(*renderState)
	defer func() {
		r.release()
		e.states.Put(r)
	}()
	r.reset(vars)
	w := &writer{limit: MaxOutputBytes, over: ErrOutputTooLarge}
	// A break or continue outside a loop stops the template there, as in Ruby Liquid.
	if err := r.renderNodes(tpl.body, w); err != nil && !isLoopSignal(err) {
		return "", newRenderError(source, err)
	}
	return w.String(), nil
}

// Check parses source (using the cache) and reports a syntax error, if any.
func (e *Engine) Check(source string) error {
	if c := e.parse(source); c.err != nil {
		return c.err
	}
	return nil
}

// CachedTemplates reports how many distinct templates the engine holds.
func (e *Engine) CachedTemplates() int {
	return e.compiled.Len()
}

func (e *Engine) parse(source string) (c compiled) {
	if c, ok := e.compiled.Get(source); ok {
		return c
	}
	defer func() {
		if p := recover(); p != nil {
			c = compiled{err: &TemplateError{Template: source, Reason: "the template could not be parsed: " + firstLine(fmt.Sprint(p))}}
		}
	}()
	tpl, err := parse(source)
	if err != nil {
		c = compiled{err: newParseError(source, err)}
	} else {
		c = compiled{tpl: tpl}
		c.plain, _ = compilePlain(source)
	}
	e.compiled.Put(source, c)
	return c
}

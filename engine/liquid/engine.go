// Package liquid renders Twilio Studio's dialect of Liquid: Shopify Liquid as
// implemented by github.com/osteele/liquid, plus what Studio adds or limits —
// the to_json filter, loops capped at 15 iterations, output capped at 16 KB,
// and date filters that work in US Pacific time.
//
// Beyond the cap, rendering stops and Render returns a *TemplateError whose
// Reason names the cap; output is never truncated silently.
package liquid

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Pacific time must work on machines without a zoneinfo database.

	osteele "github.com/osteele/liquid"
)

const (
	// MaxOutputBytes is Studio's cap on one rendered template (16 KB).
	MaxOutputBytes = 16 * 1024
	// MaxLoopIterations is Studio's cap on the iterations of one for or tablerow loop.
	MaxLoopIterations = 15
	// MaxCachedTemplates bounds the parse cache; when full it is emptied.
	MaxCachedTemplates = 10000
	// StudioTimeZone is where Studio's date filters work.
	StudioTimeZone = "America/Los_Angeles"
)

// ErrOutputTooLarge is wrapped by a TemplateError when output passes MaxOutputBytes.
var ErrOutputTooLarge = errors.New("rendered output is larger than Studio's 16 KB (16384 bytes) limit")

// ErrTooManyIterations is wrapped by a TemplateError when a loop passes MaxLoopIterations.
var ErrTooManyIterations = errors.New("loop ran more than Studio's 15 iterations")

// Engine parses each distinct template once, caches it, and renders it on demand.
// It is safe for concurrent use.
type Engine struct {
	lib      *osteele.Engine
	pacific  *time.Location
	now      func() time.Time
	mu       sync.RWMutex
	compiled map[string]compiled
}

type compiled struct {
	plain []segment // set when the template is text and plain variable paths
	tpl   *osteele.Template
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
	e := &Engine{
		lib:      osteele.NewEngine(),
		pacific:  pacific,
		now:      now,
		compiled: map[string]compiled{},
	}
	// include and render read files from the local disk; Studio has no such thing.
	e.lib.UnregisterTag("include")
	e.lib.UnregisterTag("render")
	e.lib.RegisterTag(loopGuardTag, loopGuard)
	e.lib.RegisterFilter("to_json", toJSON)
	e.lib.RegisterFilter("date", e.dateFilter)
	return e
}

// Render renders source with the given variables. Undefined variables render as
// "" and are falsy. Errors are *TemplateError.
func (e *Engine) Render(source string, vars map[string]any) (out string, err error) {
	if !strings.Contains(source, "{{") && !strings.Contains(source, "{%") {
		return source, nil
	}
	defer func() {
		// A flaw in the Liquid library must fail this template, not the program.
		if p := recover(); p != nil {
			out, err = "", &TemplateError{Template: source, Reason: fmt.Sprintf("the Liquid library failed: %v", p)}
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
	w := cappedWriter{limit: MaxOutputBytes}
	if err := c.tpl.FRender(&w, vars); err != nil {
		return "", newRenderError(source, err)
	}
	return w.buf.String(), nil
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
	e.mu.RLock()
	defer e.mu.RUnlock()
	return len(e.compiled)
}

func (e *Engine) parse(source string) (c compiled) {
	e.mu.RLock()
	c, ok := e.compiled[source]
	e.mu.RUnlock()
	if ok {
		return c
	}
	defer func() {
		if p := recover(); p != nil {
			c = compiled{err: &TemplateError{Template: source, Reason: fmt.Sprintf("the Liquid parser failed: %v", p)}}
		}
	}()
	tpl, err := e.lib.ParseTemplateLocation([]byte(guardLoops(tightenPaths(source))), "", 1)
	if err != nil {
		c = compiled{err: newParseError(source, err)}
	} else {
		c = compiled{tpl: tpl}
		c.plain, _ = compilePlain(source)
	}
	e.mu.Lock()
	if len(e.compiled) >= MaxCachedTemplates {
		// Editing a flow creates a new template per keystroke; start over
		// rather than grow without bound.
		clear(e.compiled)
	}
	e.compiled[source] = c
	e.mu.Unlock()
	return c
}

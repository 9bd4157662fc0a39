package schemas

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/studioflow/studioflow/model"
)

// The per-widget rules over a whole flow: widgets in chunks, each chunk's
// remembered content findings looked up under one lock and the new ones
// remembered under one more, every chunk on whichever core is free.

// parallelFrom is the flow size from which the per-widget rules run on
// every core: below it, starting goroutines costs more than it saves.
const parallelFrom = 256

// widgetChunk is how many widgets a goroutine takes at a time.
const widgetChunk = 64

// widgetContext is what the per-widget rules need to know about the rest
// of the flow.
type widgetContext struct {
	flow *model.Flow
	// leadsTo reports whether a path of at least one transition leads from
	// widget a to widget b.
	leadsTo func(a, b int) bool
	// refs judges the values templates read.
	refs refScope
	// targets is graph.targets when the flow's wiring is resolved (nil:
	// the rules look names up).
	targets [][]int32
	// scratch is memory for the rules, one per goroutine (nil: they make
	// their own).
	scratch *widgetScratch
}

// target is where widget i's transition j leads (graph.targets' values).
func (ctx widgetContext) target(i, j int, next string) int {
	if ctx.targets != nil {
		return int(ctx.targets[i][j])
	}
	if next == "" {
		return noTarget
	}
	if k := ctx.flow.IndexOf(next); k >= 0 {
		return k
	}
	return unknownTarget
}

// widgetScratch is memory one goroutine reuses from widget to widget.
type widgetScratch struct {
	paths  []pathSeg
	values staticValues
	// One chunk's content keys, and the findings not remembered yet.
	keys     []uint64
	found    []bool
	newKeys  []uint64
	newFound [][]Diagnostic
	// The new keys of widgets without findings (contentCache.putAll).
	cleanKeys []uint64
	// Strings found to need no check, this validation; what the others
	// hold, and the references they hold.
	inert inertStrings
	// scanned is nil in the scratch of one widget's validation
	// (ValidateWidget), where nothing repeats: see flowScratch.worker.
	scanned  *scannedStrings
	refArena []Reference
}

// reset readies the scratch for another validation.
func (sc *widgetScratch) reset() {
	clear(sc.inert[:])
	if sc.scanned != nil {
		clear(sc.scanned[:])
	}
	sc.refArena = sc.refArena[:0]
	clear(sc.newFound)
	sc.values = staticValues{}
}

// flowWork is what ValidateFlow does besides the per-widget rules.
type flowWork struct {
	// prepare resolves what the rules after the content rules need.
	prepare func() widgetContext
	// alongside runs the flow rules, after prepare.
	alongside func()
	// scratch lends the tables; nothing built in it outlives the call.
	scratch *flowScratch
}

// widgets runs the per-widget rules on every widget of f, and work, split
// over the cores for big flows; the result keeps widget order.
//
// On several cores, the content rules (the schemas, most of the work) need
// nothing of the rest of the flow: workers take chunks of them at once,
// while this goroutine prepares the flow's wiring and then runs the flow
// rules. Each goroutine runs the remaining rules on the chunks it found the
// content of, as soon as the wiring is ready: no barrier between the two.
// Chunks go to whichever goroutine is free, so one held up (a busy machine)
// leaves the rest to the others.
func (v *Validator) widgets(f *model.Flow, work flowWork) []Diagnostic {
	n := f.Len()
	// Nothing remembered yet (a first validation): no lookups.
	fresh := v.content.empty()
	if fresh { // most widgets of a flow have no finding
		v.content.clean.Reserve(n)
	}
	workers := min(runtime.GOMAXPROCS(0), (n+widgetChunk-1)/widgetChunk)
	if n < parallelFrom || workers < 2 {
		ctx := work.prepare()
		work.alongside()
		ctx.scratch = work.scratch.worker(0)
		var out []Diagnostic
		content := sized(work.scratch.content, widgetChunk)
		types := sized(work.scratch.types, widgetChunk)
		work.scratch.content, work.scratch.types = content, types
		for lo := 0; lo < n; lo += widgetChunk {
			hi := min(n, lo+widgetChunk)
			v.chunkContent(ctx.scratch, f, lo, hi, types, content, fresh)
			out = v.chunkRules(ctx, lo, hi, types, content, out)
		}
		return out
	}
	chunks := (n + widgetChunk - 1) / widgetChunk
	content := sized(work.scratch.content, n)
	types := sized(work.scratch.types, n) // each widget's, found with its content
	work.scratch.content, work.scratch.types = content, types
	parts := make([][]Diagnostic, chunks)
	var nextChunk atomic.Int64
	ready := make(chan struct{}) // ctx is set
	var ctx widgetContext
	// A goroutine runs the other rules on the chunks whose content it
	// found itself, once ctx is ready: no chunk waits for another.
	run := func(sc *widgetScratch) {
		var pending []int
		rules := func() {
			local := ctx
			local.scratch = sc
			for _, c := range pending {
				lo, hi := c*widgetChunk, min(n, (c+1)*widgetChunk)
				parts[c] = v.chunkRules(local, lo, hi, types[lo:hi], content[lo:hi], nil)
			}
			pending = pending[:0]
		}
		for {
			c := int(nextChunk.Add(1) - 1)
			if c >= chunks {
				break
			}
			lo, hi := c*widgetChunk, min(n, (c+1)*widgetChunk)
			v.chunkContent(sc, f, lo, hi, types[lo:hi], content[lo:hi], fresh)
			pending = append(pending, c)
			select {
			case <-ready:
				rules()
			default:
			}
		}
		<-ready
		rules()
	}
	var wg sync.WaitGroup
	for i := range workers - 1 {
		wg.Add(1)
		sc := work.scratch.worker(i + 1)
		go func() {
			defer wg.Done()
			run(sc)
		}()
	}
	ctx = work.prepare()
	close(ready)
	work.alongside()
	run(work.scratch.worker(0))
	wg.Wait()
	total := 0
	for _, p := range parts {
		total += len(p)
	}
	out := make([]Diagnostic, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// chunkContent finds the content rules' findings of widgets lo to hi-1
// into content (one per widget): remembered ones looked up under one lock
// (unless the cache was empty when the validation began), the others
// computed and remembered under one more.
func (v *Validator) chunkContent(sc *widgetScratch, f *model.Flow, lo, hi int, types []*WidgetType, content [][]Diagnostic, fresh bool) {
	count := hi - lo
	sc.keys = sc.keys[:0]
	for i := lo; i < hi; i++ {
		s := f.StateAt(i)
		sc.keys = append(sc.keys, v.content.key(s))
		types[i-lo], _ = v.cat.typeOf(s.Type())
	}
	sc.found = slices.Grow(sc.found[:0], count)[:count]
	if fresh {
		clear(sc.found)
		clear(content)
	} else {
		v.content.getAll(sc.keys, content, sc.found)
	}
	sc.newKeys, sc.newFound = sc.newKeys[:0], sc.newFound[:0]
	for k, found := range sc.found {
		if !found {
			d := slices.Clip(v.contentRules(sc, types[k], f.StateAt(lo+k)))
			content[k] = d
			sc.newKeys, sc.newFound = append(sc.newKeys, sc.keys[k]), append(sc.newFound, d)
		}
	}
	if len(sc.newKeys) > 0 {
		sc.cleanKeys = v.content.putAll(sc.newKeys, sc.newFound, sc.cleanKeys)
	}
	clear(sc.newFound) // the cache holds them; the scratch need not
}

// chunkRules runs the per-widget rules on widgets lo to hi-1, given their
// content findings.
func (v *Validator) chunkRules(ctx widgetContext, lo, hi int, types []*WidgetType, content [][]Diagnostic, out []Diagnostic) []Diagnostic {
	for k := range hi - lo {
		out = v.widgetWith(ctx, lo+k, types[k], content[k], out)
	}
	return out
}

// widget runs the per-widget rules on the i-th widget.
func (v *Validator) widget(ctx widgetContext, i int, out []Diagnostic) []Diagnostic {
	if ctx.scratch == nil {
		ctx.scratch = &widgetScratch{}
	}
	s := ctx.flow.StateAt(i)
	w, _ := v.cat.typeOf(s.Type())
	content := v.content.findings(s, func(s *model.State) []Diagnostic { return v.contentRules(ctx.scratch, w, s) })
	return v.widgetWith(ctx, i, w, content, out)
}

// widgetWith is widget with the content rules' findings already known
// (paths relative to the widget, no widget name).
func (v *Validator) widgetWith(ctx widgetContext, i int, w *WidgetType, content []Diagnostic, out []Diagnostic) []Diagnostic {
	s := ctx.flow.StateAt(i)
	start := len(out)
	base := statePath(i)
	out = v.typeRule(s, w, base, out)
	for _, d := range content {
		d.Widget = s.Name()
		d.Path = base + d.Path
		out = append(out, d)
	}
	if v.findSubflow != nil { // otherwise among contentRules
		out = v.requirementRules(ctx.scratch, w, s, base, out, start)
	}
	out = v.nameRule(ctx.flow, s, i, base, out)
	out = v.transitionRules(ctx, w, s, i, base, out)
	out = v.stringRules(ctx, w, s, i, base, out)
	return dedupe(out, start)
}

// contentRules are the per-widget rules whose outcome depends on the
// widget's own JSON alone (paths relative to the widget, no widget name), so
// their result can be remembered by content.
func (v *Validator) contentRules(sc *widgetScratch, w *WidgetType, s *model.State) []Diagnostic {
	var out []Diagnostic
	out = v.schemaRuleOf(w, s, "", out)
	if v.findSubflow == nil { // the widget's JSON alone decides
		out = v.requirementRules(sc, w, s, "", out, 0)
	}
	out = v.splitRules(w, s, "", out)
	out = v.propertyQuirkRules(w, s, "", out)
	out = v.sameStepVariableRules(w, s, "", out)
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

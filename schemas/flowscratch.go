package schemas

// flowScratch is the memory of one ValidateFlow's flow-wide tables: the
// wiring (graph), the upstream index and the search that builds it, and
// the searches from the entry points. The catalog's pool recycles it from
// one validation to the next (of any validator of the catalog), so that a
// validation allocates little of its own; each table keeps the size of the
// biggest flow it served.
type flowScratch struct {
	edges, targets []int32
	lists          [][]int32
	// The upstream index's search and tables.
	index, low, comp, flat, stack []int32
	onStack, cyclic               []bool
	members                       []span
	call                          []tarjanFrame
	below                         [][]uint64
	bitsets                       []uint64
	// The entry rules' searches.
	reach reachScratch
	// The per-widget rules' tables (validator_widgets.go): one finding
	// list and type per widget, and each worker's scratch.
	content    [][]Diagnostic
	types      []*WidgetType
	workers    []*widgetScratch
	graphTypes []*WidgetType // the flow rules' (graph.withTypes)
}

// worker returns the i-th worker's scratch, as new: nothing of an earlier
// validation remains in it.
func (sc *flowScratch) worker(i int) *widgetScratch {
	for len(sc.workers) <= i {
		sc.workers = append(sc.workers, &widgetScratch{scanned: &scannedStrings{}})
	}
	w := sc.workers[i]
	w.reset()
	return w
}

// sized returns s with length n, zeroed, reusing its memory when it is
// big enough.
func sized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// flowScratch takes memory for a validation from the catalog's pool; give
// it back with putFlowScratch once nothing holds the tables built in it.
func (c *Catalog) flowScratch() *flowScratch {
	if sc, ok := c.scratch.Get().(*flowScratch); ok {
		return sc
	}
	return &flowScratch{}
}

func (c *Catalog) putFlowScratch(sc *flowScratch) {
	clear(sc.content) // the findings belong to the validation's result
	c.scratch.Put(sc)
}

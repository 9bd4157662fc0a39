package layout

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

type fixture struct {
	name string
	flow *model.Flow
}

// fixtures parses the project's test flows and, when they sit beside the
// checkout, the real exports too.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	var out []fixture
	for _, path := range append(testflows.Paths(), real...) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("reading %s: %v", path, err)
		}
		f, err := model.Parse(data)
		if err != nil {
			t.Fatalf("parsing %s: %v", path, err)
		}
		out = append(out, fixture{filepath.Base(path), f})
	}
	return out
}

func mustParse(t testing.TB, js string) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(js))
	if err != nil {
		t.Fatalf("parsing test flow: %v", err)
	}
	return f
}

// placedRect is a widget's rectangle at its laid out position, at the
// default size.
func placedRect(f *model.Flow, name string, p model.Position) rect {
	w, h := DefaultSize(f.State(name).TransitionCount())
	return rect{p.X, p.Y, w, h}
}

// assertNoOverlap checks every pair of laid out widgets (by brute force, so
// it does not share the sweep NeedsLayout uses).
func assertNoOverlap(t *testing.T, f *model.Flow, pos map[string]model.Position) {
	t.Helper()
	names := sortedNames(pos)
	rects := make([]rect, len(names))
	for i, n := range names {
		rects[i] = placedRect(f, n, pos[n])
	}
	for i := range rects {
		for j := i + 1; j < len(rects); j++ {
			if rects[i].overlaps(rects[j]) {
				t.Errorf("%s %v overlaps %s %v", names[i], rects[i], names[j], rects[j])
			}
		}
	}
}

func sortedNames(pos map[string]model.Position) []string {
	names := make([]string, 0, len(pos))
	for n := range pos {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// reaches reports whether a path of transitions leads from one widget to
// another.
func reaches(f *model.Flow, from, to string) bool {
	seen := map[string]bool{from: true}
	queue := []string{from}
	for len(queue) > 0 {
		s := f.State(queue[0])
		queue = queue[1:]
		if s == nil {
			continue
		}
		for _, tr := range s.Transitions() {
			if tr.Next == to {
				return true
			}
			if tr.Next != "" && !seen[tr.Next] {
				seen[tr.Next] = true
				queue = append(queue, tr.Next)
			}
		}
	}
	return false
}

func generated(t testing.TB, n int) *model.Flow {
	t.Helper()
	return modeltest.GenerateFlow(n)
}

// withPositions returns the flow after moving its widgets through the
// model, as the canvas would.
func withPositions(t testing.TB, f *model.Flow, pos map[string]model.Position) *model.Flow {
	t.Helper()
	doc := model.NewDocument(f.Clone())
	if err := doc.Apply(model.MoveWidgets(pos)); err != nil {
		t.Fatalf("moving widgets: %v", err)
	}
	return doc.Flow()
}

// tangledFlow is a flow of n widgets whose transitions (one to three each)
// point at pseudo-random widgets within reach places of their own, either
// way, from a fixed seed: denser and more crossed than real flows.
func tangledFlow(t testing.TB, n, reach int, seed uint64) *model.Flow {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString(`{"initial_state": "Trigger", "states": [{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "w1"}, {"event": "incomingCall", "next": "w2"}]}`)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, `, {"name": "w%d", "type": "split-based-on", "transitions": [`, i)
		for k := range 1 + rng.IntN(3) {
			if k > 0 {
				b.WriteString(", ")
			}
			to := min(max(i+rng.IntN(2*reach+1)-reach, 1), n-1)
			fmt.Fprintf(&b, `{"event": "e%d", "next": "w%d"}`, k, to)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return mustParse(t, b.String())
}

// funnelFlow is a chain of n-2 widgets after the trigger whose failure ports
// all lead to one shared error widget at the end: a common Studio pattern
// that gives wires spanning up to the whole flow's depth.
func funnelFlow(t testing.TB, n int) *model.Flow {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"initial_state": "Trigger", "states": [{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "w1"}]}`)
	for i := 1; i < n-1; i++ {
		next := ""
		if i+1 < n-1 {
			next = fmt.Sprintf(`, "next": "w%d"`, i+1)
		}
		fmt.Fprintf(&b, `, {"name": "w%d", "type": "make-http-request", "transitions": [{"event": "success"%s}, {"event": "failed", "next": "Error"}]}`, i, next)
	}
	b.WriteString(`, {"name": "Error", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}]}]}`)
	return mustParse(t, b.String())
}

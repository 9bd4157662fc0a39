package simulator

import (
	"os"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// The project's test flows (internal/testflows) these tests use.
const (
	orderLookupIVR = testflows.OrderIVR
	jokeHotline    = testflows.JokeLine
	prideAstrology = testflows.Horoscope
)

// fakeHighlighter records every highlight the panel sends, as the canvas would receive them.
type fakeHighlighter struct {
	mu      sync.Mutex
	got     []Highlight
	cleared int
}

func (f *fakeHighlighter) SetHighlight(h Highlight) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, h)
}

func (f *fakeHighlighter) ClearHighlight() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleared++
}

func (f *fakeHighlighter) last(t *testing.T) Highlight {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) == 0 {
		t.Fatal("the highlighter received nothing")
	}
	return f.got[len(f.got)-1]
}

// sawActive reports whether any highlight had widget active.
func (f *fakeHighlighter) sawActive(widget string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.ContainsFunc(f.got, func(h Highlight) bool { return h.Active == widget })
}

var loadCatalogOnce = sync.OnceValues(schemas.Load)

// loadFlow parses a test flow: one of the project's fixtures by name, or
// else a real export beside the checkout, skipping the test when there is
// none.
func loadFlow(t *testing.T, name string) *model.Flow {
	t.Helper()
	path := testflows.Path(name)
	if !slices.Contains(testflows.Names(), name) {
		path = corpus.Flow(t, name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f
}

// newTestPanel mounts a panel for a shared flow in a test window, on a
// virtual clock and without the call timer's ticking.
func newTestPanel(t *testing.T, flowFile string) (*Panel, *fakeHighlighter, fyne.Window) {
	t.Helper()
	return newTestPanelFlow(t, loadFlow(t, flowFile))
}

func newTestPanelFlow(t *testing.T, flow *model.Flow) (*Panel, *fakeHighlighter, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	cat, err := loadCatalogOnce()
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	doc := model.NewDocument(flow)
	hl := &fakeHighlighter{}
	w := test.NewTempWindow(t, nil)
	p := NewPanel(doc, cat, hl, w)
	p.tick = 0
	// The test driver's fyne.Do runs functions on the calling goroutine; the
	// panel's updates instead wait in a queue that settle runs on the test's.
	var mu sync.Mutex
	var queued []func()
	p.post = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		queued = append(queued, f)
	}
	drains[p] = func() {
		mu.Lock()
		fs := queued
		queued = nil
		mu.Unlock()
		for _, f := range fs {
			f()
		}
	}
	t.Cleanup(func() { delete(drains, p) })
	p.virtual.SetChecked(true)
	t.Cleanup(p.Close)
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(520, 900))
	return p, hl, w
}

// drains holds each test panel's queue runner (tests in this package run one at a time).
var drains = map[*Panel]func(){}

// settle waits until the engine has nothing left to do, or is held at a
// breakpoint, and then applies its updates on the test goroutine.
func settle(p *Panel) {
	p.sess.waitIdle()
	drains[p]()
}

// startAs picks a trigger in the form and presses Start, then waits for the engine.
func startAs(t *testing.T, p *Panel, event string) {
	t.Helper()
	p.start.pick.SetSelected(triggerLabel(event))
	test.Tap(p.start.startBtn)
	settle(p)
}

// stepTrail lists "widget:event" for each step of the run on show.
func stepTrail(p *Panel) []string {
	var out []string
	for _, s := range p.shown.steps {
		out = append(out, s.TransitionedFrom+":"+s.Name)
	}
	return out
}

func execution(t *testing.T, p *Panel) *engine.Execution {
	t.Helper()
	r := p.sess.current()
	if r == nil || r.x == nil {
		t.Fatal("no execution")
	}
	return r.x
}

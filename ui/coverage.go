package ui

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
)

// canvasCoverage turns a flow's coverage into the canvas overlay: each
// wire the coverage counts is taken or never taken; widgets no scenario
// reached are dimmed.
func canvasCoverage(f *model.Flow, c *coverage.Flow) *canvas.Coverage {
	out := &canvas.Coverage{}
	for _, st := range f.States() {
		for i, t := range st.Transitions() {
			taken, counted := c.Port(st.Name(), i, t.Event)
			switch {
			case !counted:
			case taken:
				out.Taken = append(out.Taken, canvas.WireRef{From: st.Name(), Transition: i})
			default:
				out.NeverTaken = append(out.NeverTaken, canvas.WireRef{From: st.Name(), Transition: i})
			}
		}
		if !c.Reached(st.Name()) {
			out.Unreached = append(out.Unreached, st.Name())
		}
	}
	return out
}

// clearCoverage forgets the coverage shown and takes its overlay off the
// canvas, saying nothing: the flow it was measured on is being replaced.
func (e *Editor) clearCoverage() {
	e.lastCoverage, e.coverageStatus = nil, ""
	if ed, ok := e.canvas.(editorCanvas); ok {
		ed.SetCoverage(nil)
	}
}

// setCoverage shows c over the canvas (nil hides it) and says so in the
// status line.
func (e *Editor) setCoverage(c *coverage.Flow, what string) {
	ed, ok := e.canvas.(editorCanvas)
	if !ok {
		return
	}
	if c == nil {
		e.clearCoverage()
		e.diagnosticsChanged(e.live.Diagnostics())
		e.status.SetText(what)
		return
	}
	e.lastCoverage = c
	ed.SetCoverage(canvasCoverage(e.doc.Flow(), c))
	e.diagnosticsChanged(e.live.Diagnostics())
	taken, total := c.Transitions()
	e.coverageStatus = fmt.Sprintf("Coverage (%s): transitions %d/%d (%s), %d never taken", what, taken, total, coverage.Percent(taken, total), total-taken)
	e.status.SetText(e.coverageStatus)
}

// ShowCoverage runs, in the background, the scenarios beside the flow's
// file that name it (offline: HTTP widgets they do not can fail) and
// overlays what they took on the canvas.
func (e *Editor) ShowCoverage() { e.showCoverage(func() {}) }

// showCoverage is ShowCoverage calling done once the overlay is set.
func (e *Editor) showCoverage(done func()) {
	if e.path == "" {
		e.showError(errors.New("save the flow first: coverage runs the scenario files beside it"))
		done()
		return
	}
	doc, path, cat := e.doc, e.path, e.cat
	e.status.SetText("Running the scenarios beside " + filepath.Base(path) + "…")
	go func() {
		c, ran, err := scenario.CoverageBeside(path, scenario.Options{Catalog: cat, HTTPClient: &http.Client{Transport: offline{}}})
		e.post.Post(func() {
			e.coverageRan(doc, path, c, ran, err)
			done()
		})
	}()
}

// coverageRan shows what the scenarios beside path measured of doc, unless
// another flow has replaced doc while they ran: coverage belongs to the
// flow it was measured on.
func (e *Editor) coverageRan(doc *model.Document, path string, c *coverage.Flow, ran int, err error) {
	switch {
	case e.doc != doc:
		// The status line already shows the flow opened since.
	case err != nil:
		e.showError(err)
	case c == nil:
		e.setCoverage(nil, "No scenario beside "+filepath.Base(path)+" names it")
	default:
		e.setCoverage(c, fmt.Sprintf("%d scenarios beside the flow", ran))
	}
}

// ShowCoverageProfile overlays a --coverprofile file's coverage of this
// flow (the flow of the same file, or the profile's only flow).
func (e *Editor) ShowCoverageProfile() {
	filedialog.Open(e.win, e.prefs, filedialog.Options{
		Title: "Coverage profile", Purpose: filedialog.Tests, Extensions: []string{".json"}, Dir: e.fileDir(),
	}, e.loadCoverageProfile)
}

func (e *Editor) loadCoverageProfile(file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		e.showError(fmt.Errorf("read the coverage profile: %w", err))
		return
	}
	p, err := coverage.ReadProfile(data)
	if err != nil {
		e.showError(err)
		return
	}
	var match *coverage.Flow
	for _, f := range p.Flows {
		abs := f.Path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(filepath.Dir(file), f.Path)
		}
		if a, err := filepath.Abs(abs); err == nil && a == e.path {
			match = f
		}
	}
	for _, f := range p.Flows {
		if match == nil && filepath.Base(f.Path) == filepath.Base(e.path) {
			match = f
		}
	}
	if match == nil && len(p.Flows) == 1 {
		match = p.Flows[0]
	}
	if match == nil {
		e.showError(fmt.Errorf("the profile %s has no coverage of %s", filepath.Base(file), filepath.Base(e.path)))
		return
	}
	e.setCoverage(match, filepath.Base(file))
}

// HideCoverage removes the coverage overlay.
func (e *Editor) HideCoverage() { e.setCoverage(nil, "Coverage hidden") }

// offline refuses real requests: coverage runs never leave the machine.
type offline struct{}

func (offline) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("%s: coverage runs make no real requests (give the widget a canned response)", r.URL.Host)
}

// ShowUncovered lists the transitions the shown coverage never took; choosing
// one selects its widget, brings it into view and focuses its transition.
func (e *Editor) ShowUncovered() {
	c := e.lastCoverage
	if c == nil {
		e.showError(errors.New("show test coverage first (Run > Show Test Coverage)"))
		return
	}
	never := c.NeverTaken()
	if len(never) == 0 {
		showMessage(e.win, "Uncovered transitions", "The scenarios take every transition of the flow.")
		return
	}
	var d *kbd.Dialog
	list := newPaneList(func() int { return len(never) }, newUncoveredRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { setUncoveredRow(o, never[i].String()) })
	list.OnSelected = func(i widget.ListItemID) {
		d.Hide()
		e.goToTransition(never[i])
	}
	d = kbd.NewMessage(fmt.Sprintf("%d transitions never taken", len(never)), "Close", list, e.win)
	lines := make([]string, len(never))
	for i, n := range never {
		lines[i] = n.String()
	}
	fitDialog(d, list, textLinesSize(lines), e.win)
	d.Show()
}

// newUncoveredRow is a row of the list of uncovered transitions.
func newUncoveredRow() fyne.CanvasObject { return widget.NewRichText() }

// setUncoveredRow shows a transition (`route  match "sales" → sales`) in
// a row, the text after each arrow in a segment of its own. The theme's
// text font has no "→", so the symbol font draws it; that font has no
// space, and text shapes a space with the glyph before it: in one segment,
// the space after the arrow was drawn as a box.
func setUncoveredRow(o fyne.CanvasObject, text string) {
	var segments []widget.RichTextSegment
	for part := range strings.SplitAfterSeq(text, "→") {
		if part != "" {
			segments = append(segments, &widget.TextSegment{Text: part, Style: widget.RichTextStyleInline})
		}
	}
	rt := o.(*widget.RichText)
	rt.Segments = segments
	rt.Refresh()
}

// goToTransition selects the widget a branch leaves and focuses its
// transition in the inspector.
func (e *Editor) goToTransition(b coverage.Branch) {
	f := e.doc.Flow()
	if f.State(b.Widget) == nil {
		return
	}
	e.selectWidgets([]string{b.Widget})
	e.canvas.Reveal(b.Widget)
	if d, ok := uncoveredDiagnostic(f, b); ok {
		e.inspector.FocusProblem(d)
	}
}

// uncoveredDiagnostic is the Problems row of a transition no test took:
// an info finding at the transition's pointer, so choosing it goes to the
// widget and its transition as any problem does. ok is false when the
// flow no longer has that transition.
func uncoveredDiagnostic(f *model.Flow, b coverage.Branch) (schemas.Diagnostic, bool) {
	st := f.State(b.Widget)
	if st == nil {
		return schemas.Diagnostic{}, false
	}
	for i, t := range st.Transitions() {
		if t.Event == b.Event && (b.Index == 0 || b.Index == i+1) {
			message := "no test takes this transition to " + b.Next
			if b.Next == "" {
				message = "no test takes this transition (it ends the flow)"
			}
			return schemas.Diagnostic{
				Severity: schemas.Info, Rule: ruleUntested, Widget: b.Widget,
				Path:    fmt.Sprintf("/states/%d/transitions/%d", f.IndexOf(b.Widget), i),
				Message: message,
			}, true
		}
	}
	return schemas.Diagnostic{}, false
}

// ruleUntested marks the Problems rows of transitions the shown coverage
// never took.
const ruleUntested schemas.Rule = "untested"

// withUncovered is ds followed by a row for each transition the shown
// coverage never took (ds alone when no coverage is shown).
func (e *Editor) withUncovered(ds []schemas.Diagnostic) []schemas.Diagnostic {
	if e.lastCoverage == nil {
		return ds
	}
	out := slices.Clip(ds)
	for _, b := range e.lastCoverage.NeverTaken() {
		if d, ok := uncoveredDiagnostic(e.doc.Flow(), b); ok {
			out = append(out, d)
		}
	}
	return out
}

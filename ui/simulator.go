package ui

import (
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/simulator"
)

// simulatorSlot mounts the simulator panel beside the canvas, as a tab
// next to the inspector, when Run is chosen; it runs the flow as it is on
// screen, unsaved edits included.
type simulatorSlot struct {
	e     *Editor
	panel *simulator.Panel
	tabs  *container.AppTabs
	tab   *container.TabItem
}

func newSimulatorSlot(e *Editor) *simulatorSlot { return &simulatorSlot{e: e} }

// setDocument closes the panel of the previous document.
func (s *simulatorSlot) setDocument(*model.Document) {
	if s.panel == nil {
		return
	}
	s.panel.Close()
	s.panel = nil
	if s.tabs != nil && s.tab != nil {
		s.tabs.Remove(s.tab)
		s.tab = nil
	}
}

// open mounts the panel (once per document) and shows it.
func (s *simulatorSlot) open() {
	if s.panel == nil {
		var hl simulator.Highlighter
		if ed, ok := s.e.canvas.(editorCanvas); ok {
			hl = canvasHighlighter{ed.Editor}
		}
		s.panel = simulator.NewPanel(s.e.doc, s.e.cat, hl, s.e.win, s.e.post)
		s.panel.Prefs = s.e.prefs
		s.panel.OnHover = func(text string, cell fyne.CanvasObject) { s.e.tips.showBy(text, cell) }
		s.panel.OnSelectWidget = func(name string) {
			s.e.selectWidgets([]string{name})
			s.e.canvas.Reveal(name)
		}
		if s.e.path != "" {
			s.panel.SubflowDir = filepath.Dir(s.e.path)
			s.panel.UseEnvironmentsFrom(filepath.Dir(s.e.path))
		}
		// The environment picked for runs is the one the inspector shows
		// placeholders with.
		s.panel.OnEnvironment(s.e.inspector.SetEnvironment)
		// A workspace flow runs under its own SID (flow.flow_sid), so the
		// simulator, the recorded executions and the REST API agree.
		s.panel.FlowSID = func() string { return s.e.ws.flowSID }
		s.panel.OnRunEnded(func(x *engine.Execution) {
			s.e.post.Post(func() {
				s.e.ws.recordRun(x)
				s.e.setLastRun(x)
			})
		})
		// Scrolled vertically only: the panel fits the tab's width, so the
		// Start button is never scrolled out of sight, and a tall panel never
		// pushes the window past the screen. Room on the right for the scroll
		// bar, which floats over the content (as in the inspector).
		padded := container.New(layout.NewCustomPaddedLayout(0, 0, 0, 2*theme.Padding()), s.panel.Content())
		s.tab = container.NewTabItem("Simulator", container.NewVScroll(padded))
		s.tabs.Append(s.tab)
	}
	s.tabs.Select(s.tab)
}

// breakpointItem is the canvas context menu's breakpoint toggle, when the
// simulator is open.
func (s *simulatorSlot) breakpointItem(name string) *fyne.MenuItem {
	if s.panel == nil {
		return nil
	}
	label := "Add Breakpoint"
	if slices.Contains(s.panel.Breakpoints(), name) {
		label = "Remove Breakpoint"
	}
	return fyne.NewMenuItem(label, func() { s.panel.ToggleBreakpoint(name) })
}

// Run opens the simulator on the flow as it is on screen, with the
// keyboard on its Start button (Space starts).
func (e *Editor) Run() {
	e.sim.open()
	e.sim.panel.FocusStart()
}

// StartRun opens the simulator and starts a run at once, with the trigger
// its form shows (at first, the first the flow wires); the keyboard goes
// to the dial pad for a call, to the reply box for a message.
func (e *Editor) StartRun() {
	e.sim.open()
	e.sim.panel.Start()
}

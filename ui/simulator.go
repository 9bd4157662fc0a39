package ui

import (
	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
)

// simulatorSlot is where the Run command mounts the simulator panel.
type simulatorSlot struct {
	e *Editor
}

func newSimulatorSlot(e *Editor) *simulatorSlot { return &simulatorSlot{e: e} }

func (s *simulatorSlot) setDocument(*model.Document) {}

func (s *simulatorSlot) breakpointItem(string) *fyne.MenuItem { return nil }

// Run opens the simulator on the flow as it is on screen.
func (e *Editor) Run() {
	showMessage(e.win, "Simulator", "The simulator panel (ui/simulator) is not in this build yet. `studioflow run FLOW` simulates a flow in the terminal.")
}

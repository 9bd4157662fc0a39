package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// F6 from the step log's table or its context tree (which keep the arrows)
// leaves them for the next pane, as from anywhere else.
func TestF6LeavesTheStepLogsTableAndTree(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	c := e.win.Canvas()
	e.Run()
	selectTab(e.sim.tabs, "Simulator")
	var steps *container.AppTabs
	for _, o := range test.LaidOutObjects(c.Content()) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, it := range tabs.Items {
				if it.Text == "Steps" {
					steps = tabs
					tabs.Select(it)
				}
			}
		}
	}
	if steps == nil {
		t.Fatal("no Steps tab in the simulator")
	}
	// Fyne's Table and Tree, or a kind embedding them.
	var table, tree fyne.Focusable
	for _, o := range test.LaidOutObjects(c.Content()) {
		f, ok := o.(fyne.Focusable)
		switch t := fmt.Sprintf("%T", o); {
		case ok && table == nil && strings.HasSuffix(t, "Table"):
			table = f
		case ok && tree == nil && strings.HasSuffix(t, ".Tree"):
			tree = f
		}
	}
	for name, f := range map[string]fyne.Focusable{"table": table, "tree": tree} {
		if f == nil {
			t.Errorf("no step log %s", name)
			continue
		}
		c.Focus(f)
		if c.Focused() != f {
			t.Errorf("the step log's %s did not take the keyboard", name)
			continue
		}
		pressKey(c, fyne.KeyF6)
		if c.Focused() == f || c.Focused() == nil {
			t.Errorf("F6 from the step log's %s left the keyboard on %T", name, c.Focused())
		}
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// In the editor at 1024×700 the simulator's Steps table fits its panel,
// cutting what does not fit: the pointer on a cut cell shows the step's
// whole row in the editor's tooltip, which goes when another tab of the
// simulator is chosen (no MouseOut comes then).
func TestHoveringACutStepShowsItsRowInTheEditorsTooltip(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.win.Resize(fyne.NewSize(1024, 700))
	e.StartRun()
	e.sim.panel.WaitIdle()
	uiQueue(e).Run()
	selectTab(e.sim.tabs, "Simulator")
	c := e.win.Canvas()
	var tabs *container.AppTabs
	for _, o := range test.LaidOutObjects(c.Content()) {
		if at, ok := o.(*container.AppTabs); ok {
			for _, it := range at.Items {
				if it.Text == "Steps" {
					tabs = at
					at.Select(it)
				}
			}
		}
	}
	if tabs == nil {
		t.Fatal("no Steps tab in the simulator")
	}
	var cell *widget.Label
	for _, o := range shownObjects(t, c.Content()) {
		l, ok := o.(*widget.Label)
		if !ok || l.Text != "incomingMessage" || l.Truncation != fyne.TextTruncateEllipsis {
			continue
		}
		if need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding(); need > l.Size().Width {
			cell = l
		}
	}
	if cell == nil {
		t.Fatal("at 1024×700 the Steps table cuts no incomingMessage cell: its columns are not fitted to the panel")
	}
	at := a.Driver().AbsolutePositionForObject(cell).Add(fyne.NewPos(cell.Size().Width/2, cell.Size().Height/2))
	test.MoveMouse(c, at)
	if got, want := e.tips.Text(), "Trigger (trigger) left on incomingMessage to ask_sign"; got != want || !tipShows(e) {
		t.Errorf("the pointer on the cut cell shows tooltip %q (shown %v), want %q", got, tipShows(e), want)
	}
	tabs.SelectIndex(0)
	if got := e.tips.Text(); got != "" || tipShows(e) {
		t.Errorf("with the Steps tab gone its tooltip %q stays", got)
	}
}

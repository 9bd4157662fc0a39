package workspace

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Escape from a focused item of New Flow's source choice closes the dialog
// and creates nothing, as from its other controls; the arrows still move
// the choice.
func TestEscapeFromARadioItemClosesNewFlowCreatingNothing(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	CloseOnKeys(fx.win)
	before := fx.home.ShownFlows()
	test.Tap(fx.home.newButton)
	test.Type(entries(overlay(t, fx.win))[0], "Never made")
	c := fx.win.Canvas()
	isItem := func(f fyne.Focusable) bool {
		return f != nil && strings.Contains(strings.ToLower(fmt.Sprintf("%T", f)), "radioitem")
	}
	for range 10 { // Tab, as the user does, to the first choice
		if isItem(c.Focused()) {
			break
		}
		c.FocusNext()
	}
	first := c.Focused()
	if !isItem(first) {
		t.Fatalf("Tab from the name field never reached the source choice (on %T)", first)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if !isItem(c.Focused()) || c.Focused() == first {
		t.Errorf("Down left the keyboard on %T, not the next choice", c.Focused())
	}
	if len(entries(overlay(t, fx.win))) != 2 {
		t.Error("Down did not choose pasted JSON (no paste field)")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	noOverlay(t, fx.win)
	if got := fx.home.ShownFlows(); !slices.Equal(got, before) {
		t.Errorf("Escape from the radio item changed the flows to %v, was %v", got, before)
	}
}

package workspace

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/kbd"
)

// Every dialog of the Flows home takes the keyboard, draws the focus ring
// around it over the dialog, keeps its keys from the window behind, and
// closes on Escape (typed where the keyboard is) changing nothing; the
// window stays open (with no dialog up Escape closes it:
// TestEscapeAndCtrlWCloseTheFlowsHomeAndEscapeDismissesItsDialogFirst).
func TestHomeDialogsKeepTheKeysAndCloseOnEscape(t *testing.T) {
	fx := newSyncFixture(t, foodnowFlow, vaccineFlow)
	CloseOnKeys(fx.win)
	ring := kbd.Install(fx.win)
	closed := 0
	fx.win.SetOnClosed(func() { closed++ })
	food := fx.flowNamed(t, "FoodNow fallback")
	fx.home.Select(food.SID)
	r := fx.home.detail.revisions
	c := fx.win.Canvas()
	shown := func() string {
		out := ""
		for _, f := range fx.home.ShownFlows() {
			out += f + "|"
		}
		return out
	}
	before := shown()
	for _, d := range []struct {
		name string
		open func()
	}{
		{"New flow", func() { test.Tap(fx.home.newButton) }},
		{"Rename", func() { test.Tap(fx.home.detail.renameBtn) }},
		{"Duplicate", func() { test.Tap(fx.home.detail.duplicateBtn) }},
		{"Delete", func() { test.Tap(fx.home.detail.deleteBtn) }},
		{"Publish revision", func() { r.list.Select(0); test.Tap(r.publishBtn) }},
		{"Open from Twilio", fx.sync.ShowOpen},
		{"Publish to Twilio", func() { fx.sync.ShowPublish(food.SID) }},
	} {
		d.open()
		top := c.Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no dialog", d.name)
		}
		f := c.Focused()
		obj, ok := f.(fyne.CanvasObject)
		if !ok || kbd.PathTo(top, obj) == nil {
			t.Fatalf("%s: the keyboard is on %T, not in the dialog", d.name, f)
		}
		ring.Track()
		pos, size, on := ring.Shown()
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
		if !on || pos != at.SubtractXY(kbd.Gap, kbd.Gap) || size != obj.Size().AddWidthHeight(2*kbd.Gap, 2*kbd.Gap) {
			t.Errorf("%s: ring shown=%v at %v %v, want around the focused %T at %v", d.name, on, pos, size, f, at)
		}
		// A button of the dialog, pressed or not, keeps Escape working.
		if b, ok := f.(*kbd.Button); ok {
			b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
		}
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Fatalf("%s: Escape on the focused %T left the dialog up", d.name, f)
		}
		if closed != 0 {
			t.Fatalf("%s: Escape closed the window, not the dialog", d.name)
		}
		if got := shown(); got != before {
			t.Fatalf("%s: Escape changed the flows: %s, was %s", d.name, got, before)
		}
	}
}

// Deleting the flow shown, from the keyboard: Delete… keeps the keyboard
// while its question is up; once the flow is gone (and the detail with its
// buttons hidden) the keyboard is on the list of flows, not dropped.
func TestDeletingFromTheKeyboardLeavesItOnTheList(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow, vaccineFlow)
	food := fx.flowNamed(t, "FoodNow fallback")
	fx.home.Select(food.SID)
	c := fx.win.Canvas()
	del := fx.home.detail.deleteBtn
	c.Focus(del)
	del.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	yes := button(t, overlay(t, fx.win), "Delete")
	c.Focus(yes)
	yes.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	noOverlay(t, fx.win)
	if len(fx.home.ShownFlows()) != 1 {
		t.Fatalf("after Delete the home shows %v", fx.home.ShownFlows())
	}
	if c.Focused() != fx.home.list {
		t.Fatalf("after Delete the keyboard is on %T, want the list of flows", c.Focused())
	}
}

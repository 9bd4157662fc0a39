package e2e

import (
	"strings"
	"testing"
)

// Wiring a widget takes its "no path from the Trigger" line away from the
// top of the inspector: its fields stay where they were, so a click aimed
// at one lands on it (a GUI review saw them move up ~50 px under the
// pointer). The widget just added with Enter in the Library is in view.
func TestInspectorFieldsStayPutWhenAWidgetsWarningGoes(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	app, window := newFlowWindow(t, x, bin)

	app.addFromLibrary(t, window, "send message")
	app.waitText(t, "Studioflow", "no path from the Trigger")
	before := app.box(t, "Studioflow", "send_message_1")
	x.screenshot(t, "stable-layout-1-warning")

	app.wireFromTrigger(t, window, "Incoming Message")
	app.until(t, "the widget's warning gone", func() (bool, string) {
		shown, ok := app.texts(t, "Studioflow")
		return ok && !strings.Contains(shown, "no path from the Trigger"), shown
	})
	x.settled(t, "stable-layout-settled")
	after := app.box(t, "Studioflow", "send_message_1")
	x.screenshot(t, "stable-layout-2-wired")
	if after != before {
		t.Errorf("the Name field moved from %v to %v when the warning above it went", before, after)
	}
}

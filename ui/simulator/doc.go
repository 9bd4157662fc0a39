// Package simulator is Studioflow's Simulator panel: it runs the flow on
// screen, unsaved edits included, as a caller (a mock phone with a dial pad)
// or a texter (an SMS thread) would meet it, and shows what happens inside:
// the canvas highlight through a Highlighter, a step log with the context
// after each step, HTTP requests and canned responses, breakpoints, a
// fast-forward for timeouts, and "Save as test" to turn the session into a
// scenario file that `studioflow test` replays.
//
// The engine runs on one worker goroutine per panel; its events reach the
// widgets through the panel's uiloop.Poster (Fyne's UI goroutine; a queue
// the test runs, in tests), so the window never waits on a flow or an HTTP
// call. Breakpoints need nothing from the engine beyond its Observer: the
// worker holds on the step event that leads into a widget with a breakpoint.
package simulator

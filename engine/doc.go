// Package engine runs Twilio Studio flows offline: executions started from a
// trigger, steps through every widget type, Studio's runtime limits, and the
// Execution and Step records Studio's REST API serves.
//
// # Driving an execution
//
// A Runtime holds what executions share (clock, HTTP client, Liquid cache,
// subflow resolver). Runtime.Start creates an Execution from a Trigger and
// runs it until it ends or waits on the contact; Runtime.Resume feeds it one
// Input (digits, speech, a reply, a hangup, a timeout, an outcome choice) and
// runs it to the next wait or the end. Both return the Events produced, in
// order; Config.Observer, when set, also hears each Event as it happens.
//
// A waiting Execution is plain data: nothing runs and no goroutine exists for
// it until the next Resume. Execution.Waiting says what it waits for, and
// Waiting.Deadline when its timeout falls due on the Runtime's Clock.
// Execution.Snapshot writes it as versioned JSON, and Runtime.Restore
// rebuilds it, in another Runtime or another process, given the same flow:
// it then resumes exactly as it would have without the interruption.
//
// Host adds Studio's sessions on top: it routes an inbound message to the
// contact's active execution, refuses a second REST execution for a contact,
// keys voice executions by call, and fires wait timeouts from the Clock (a
// VirtualClock fires a 3600-second timeout as soon as a test advances it).
//
// Widgets that need another Twilio product (Flex, payments, outgoing calls,
// connect-call-to, virtual agents, profiles, the legacy types) take the
// caller's Outcome from StartOptions.Outcomes, else their success event with
// plausible outputs; with StartOptions.AskOutcomes they wait for an
// InputOutcome instead. A widget type the engine does not know ends the
// execution with a readable error unless an Outcome names its event.
// make-http-request and run-function make real HTTP requests through
// Config.HTTPClient unless StartOptions.HTTP holds canned responses.
//
// How an execution ends is in Execution.Ended: completed (a transition with
// no next, or the caller hung up), failed (broken Liquid, a dangling next, an
// unknown widget, a bad regex; the failing widget gets a step named "failed"
// whose Detail says why), limit (1,000 steps including subflows, or the same
// widget run 10 times in a row) or stopped (Runtime.Stop, Host.End).
//
// An Execution is not safe for concurrent use; Host serialises access to the
// executions it holds.
package engine

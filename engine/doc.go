// Package engine runs Twilio Studio flows offline: executions started from a
// trigger, steps through every widget type, Studio's runtime limits, and the
// steps each execution takes (what Studio's REST API serves as execution
// steps; the REST layer, studio/wire, adds the URLs and links).
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
// # What the engine reads from the catalog
//
// Which events a widget type has, in Studio's order, which of them is its
// success event (schemas.WidgetType.SuccessEvent), which widgets act on a
// call (WidgetType.NeedsCall: the type's channel, or Connect Virtual Agent's
// channel property), which event answers a call and which number a type
// dials, and what a widget needs to run (WidgetType.Requirements) come from
// the one widget catalog in package schemas, given as Config.Catalog (nil:
// New loads the embedded one). The engine keeps only how each type behaves
// (a table keyed by type) and which outputs it makes up.
//
// Before a widget's behaviour runs, the engine asks its catalog entry: a
// widget that cannot run in this execution (WidgetType.Refuses: a voice
// widget without a call, a Run Subflow inside a subflow) or a requirement
// its rendered properties do not meet (an empty message body or From, a URL
// that is not one, a method Studio does not send, a subflow that cannot be
// found, a variable without a key, …) fails the step, or takes the widget's
// failure event, with the catalog's words. The validator checks the same
// entry before running, so every such reason is reported there first (see
// TestValidatorReportsEveryStaticFailureTheEngineHits). A canned HTTP
// response or the caller's Outcome stands in for an HTTP widget's request,
// URL and method included.
//
// Widgets that need another Twilio product (Flex, payments, outgoing calls,
// connect-call-to, virtual agents, profiles, the legacy types) take the
// caller's Outcome from StartOptions.Outcomes, else their type's success event
// with plausible outputs; with StartOptions.AskOutcomes they wait for an
// InputOutcome offering the type's events, success first. An Outcome naming
// an event the type does not have is refused with the list of its events:
// by Start for a widget of the flow, by a failed step for one of a subflow.
//
// Issue 3 asks both that "unknown types" take the caller's outcome or their
// success event, and that "an unknown widget type" end the execution with a
// readable reason. The catalog settles which is which:
//   - A type the catalog knows, retired ones included (send-to-auto-pilot,
//     make-outgoing-call-v1, create-task, understand, …), never fails for
//     being old: without a choice it takes its success event or, when the
//     catalog knows nothing of its events (create-task and the other legacy
//     chat, sync and understand types), the first event its transitions name.
//     A caller's Outcome may name any event for those.
//   - A type the catalog does not know at all has no success event to take:
//     the execution ends, failed, with a reason naming the type and how to
//     choose its outcome, unless the caller chose one (or AskOutcomes offers
//     the events its transitions name), which it then follows.
//
// A voice widget (say-play, gather, record-voicemail, connect-call-to,
// enqueue-call, capture-payments, …) needs a call. Reached in a messaging,
// conversation or REST execution with no answered make-outgoing-call, its
// step fails and the execution ends with a reason saying there is no call to
// act on: Studio cannot say, gather or dial on an SMS conversation.
//
// make-http-request and run-function make real HTTP requests through
// Config.HTTPClient unless StartOptions.HTTP holds canned responses or the
// caller's Outcome names them (no request is made then). Run Function, a
// Twilio product like the others, also asks with AskOutcomes when no canned
// response stands in for it.
//
// An Outcome is never accepted and then ignored: Start refuses one for a
// widget the engine runs itself (say-play, gather, split, set-variables,
// run-subflow, …: their events come from the flow and the contact's input),
// and send-and-wait-for-reply takes only deliveryFailure or timeout (its
// reply is the contact's input).
//
// Runtime behaviour Studio documents, followed here:
//   - A gather recognises speech only when its speech transition is
//     connected. Unwired, speech is not taken: Resume reports an
//     EventIgnored, the transcript notes it, and the gather goes on waiting
//     with the same deadline (a timeout or keys end it).
//   - Set Variables stores what the template renders, whitespace included;
//     a value that is exactly a number (no space, newline or quotation mark
//     around it; no leading zero; a decimal not ending in 0) is a number,
//     anything else text. See variableValue.
//   - Integers keep their value at any size, as Ruby's do: REST Parameters
//     (ParseParameters), response bodies and Set Variables values hold one
//     past int64 as a *big.Int, never through a float64, so
//     12345678901234567890 reaches the context, its JSON, a snapshot and
//     the text rendered as written.
//   - Widgets acting on the answered call report CallStatus in-progress
//     (trigger.call keeps the webhook's ringing; a hangup completes it), and
//     a product widget's outputs agree with the event taken (a hangup during
//     Connect Call To is a canceled dial with no duration).
//   - A say or play is one transcript entry with its loop count.
//
// How an execution ends is in Execution.Ended: completed (a transition with
// no next, or the caller hung up), failed (broken Liquid, a dangling next, an
// unknown widget, a voice widget without a call, a bad regex), limit (1,000
// steps including subflows, or the same widget run 10 times in a row) or
// stopped (Runtime.Stop, Host.End). A widget's error is the end reason and
// Ending.Widget names the widget; it gets no step, since a step is named for
// an event the widget took and an error is none of its events.
//
// An Execution is not safe for concurrent use; Host serialises access to the
// executions it holds.
package engine

package engine

import (
	"maps"

	"github.com/studioflow/studioflow/model"
)

// productOutputs are the plausible widgets.NAME.* values of the widgets
// that need another Twilio product (or a call leg Studioflow cannot place),
// by type, for the event taken: they agree with it (a hangup is no
// completed dial, a busy line no answered call). Such a widget takes the
// caller's Outcome; without one, its success event (a catalog fact) with
// these outputs. Types the catalog knows but this table lacks (the legacy
// chat, task, sync and understand types, fork-stream) run the same way with
// no outputs. Whether a type acts on a call, which number it dials and
// which events answer a call are catalog facts.
var productOutputs = map[string]widgetOutputs{
	"connect-call-to":          dialOutputs,
	"make-outgoing-call-v2":    outgoingCallOutputs,
	"make-outgoing-call-v1":    outgoingCallOutputs,
	"record-call":              recordCallOutputs,
	"enqueue-call":             enqueueOutputs,
	"send-to-flex":             flexOutputs,
	"capture-payments":         paymentOutputs,
	"add-twiml-redirect":       emptyOutputs,
	"connect-virtual-agent":    virtualAgentOutputs,
	"connect-virtual-agent-v2": virtualAgentOutputs,
	"look-up-profile":          profileOutputs,
	"update-profile-traits":    profileOutputs,
	"send-to-auto-pilot":       autopilotOutputs,
}

func performProduct(r *run, st *model.State, p props) outcome {
	w := r.rt.types[st.Type()].w
	if w.NeedsCall(p.obj) {
		if o, over := r.callOver(st); over {
			return o
		}
	}
	if key, dials := w.Dials(); dials {
		if err := r.announceDial(st, p, key); err != nil {
			return outcome{err: err}
		}
	}
	return r.callEffects(st, r.choose(st, r.rt.defaultEvent(st), r.outputsFor(st, p)))
}

// callEffects applies what a product widget's event does to the call,
// however the event was chosen: its call-ended event (hangup; the
// catalog's for a type it does not know or whose events are open) ends it, an
// event that answers a call (the catalog says which: Make Outgoing Call's
// answered) makes its outputs the call later voice widgets act on.
func (r *run) callEffects(st *model.State, o outcome) outcome {
	w := r.rt.types[st.Type()].w
	switch {
	case r.endsCall(st, o.event):
		r.x.callOver = true
	case w.AnswersCall(o.event) && o.outputs != nil:
		r.x.outgoing, r.x.callOver = o.outputs, false
	}
	return o
}

// announceDial reports the number a dialling widget calls (what the
// contact would notice).
func (r *run) announceDial(st *model.State, p props, key string) error {
	to, err := r.renderProp(p, key, "{{contact.channel.address}}")
	if err != nil {
		return err
	}
	from, err := r.renderProp(p, "from", "{{flow.channel.address}}")
	if err != nil {
		return err
	}
	r.emit(Event{Kind: EventDial, Widget: st.Name(), Text: to, To: to, From: from})
	r.transcribe("outbound", "dial", st.Name(), to)
	return nil
}

func emptyOutputs(*run, *model.State, props, string) map[string]any { return map[string]any{} }

// dialOutputs: callCompleted is the dialled party's call ending after a
// conversation (completed, with a duration); the call-ended event (hangup)
// is the caller hanging up while it rang (canceled, no duration, the
// caller's call completed).
func dialOutputs(r *run, st *model.State, p props, event string) map[string]any {
	out := r.callFields()
	if r.endsCall(st, event) {
		out["CallStatus"] = "completed"
		maps.Copy(out, map[string]any{"DialCallSid": r.rt.sid("CA"), "DialCallStatus": "canceled", "DialCallDuration": "0"})
		return out
	}
	maps.Copy(out, map[string]any{"DialCallSid": r.rt.sid("CA"), "DialCallStatus": "completed", "DialCallDuration": "42"})
	if p.boolean("record", false) {
		out["RecordingUrl"] = "https://api.twilio.com/2010-04-01/Accounts/" + r.x.AccountSID + "/Recordings/" + r.rt.sid("RE")
	}
	return out
}

// outgoingCallStatus is the CallStatus of a placed call for each event;
// the call-ended event's is completed.
var outgoingCallStatus = map[string]string{
	"answered": "in-progress", "answeredByMachine": "in-progress", "busy": "busy",
	"noAnswer": "no-answer", "failed": "failed",
}

func outgoingCallOutputs(r *run, st *model.State, p props, event string) map[string]any {
	to, _ := r.renderProp(p, "to", "{{contact.channel.address}}")
	from, _ := r.renderProp(p, "from", "{{flow.channel.address}}")
	status := outgoingCallStatus[event]
	switch {
	case r.endsCall(st, event):
		status = "completed"
	case status == "":
		status = "in-progress"
	}
	out := map[string]any{
		"AccountSid": r.x.AccountSID, "CallSid": r.rt.sid("CA"), "CallStatus": status, "To": to, "From": from,
	}
	if p.boolean("detect_answering_machine", false) && status == "in-progress" {
		out["AnsweredBy"] = "human"
		if event == "answeredByMachine" {
			out["AnsweredBy"] = "machine_start"
		}
		out["MachineDetectionDuration"] = "1200"
	}
	return out
}

func recordCallOutputs(r *run, st *model.State, p props, event string) map[string]any {
	call := r.callFields()
	sid := r.rt.sid("RE")
	status, errorCode := "in-progress", any(nil)
	if event == r.failureEvent(st) {
		status, errorCode = "failed", "21220"
	}
	return map[string]any{
		"AccountSid": r.x.AccountSID, "ApiVersion": "2010-04-01", "CallSid": call["CallSid"], "Channels": 2,
		"ConferenceSid": nil, "Sid": sid, "Status": status, "Source": "StartCallRecordingAPI",
		"StartTime": r.rt.now().UTC().Format("Mon, 02 Jan 2006 15:04:05 -0700"), "Duration": "-1",
		"Price": nil, "PriceUnit": "USD", "ErrorCode": errorCode, "EncryptionDetails": nil,
		"Uri": "/2010-04-01/Accounts/" + r.x.AccountSID + "/Calls/" + text(call["CallSid"]) + "/Recordings/" + sid + ".json",
	}
}

// queueResult is the Enqueue verb's QueueResult for each event
// (schemas/SOURCES.md §3.3: queue-full, system-error).
var queueResult = map[string]string{"callComplete": "bridged", "failedToEnqueue": "queue-full", "callFailure": "system-error"}

func enqueueOutputs(r *run, st *model.State, p props, event string) map[string]any {
	out := r.callFields()
	result := queueResult[event]
	if result == "" {
		result = "bridged"
	}
	maps.Copy(out, map[string]any{"QueueResult": result, "QueueSid": r.rt.sid("QU"), "QueueTime": "30"})
	return out
}

func flexOutputs(r *run, st *model.State, p props, event string) map[string]any {
	attributes, err := r.renderProp(p, "attributes", "")
	if err != nil {
		attributes = ""
	}
	out := map[string]any{"Attributes": attributes}
	if event != "failedToEnqueue" && event != "callFailure" {
		out["TaskSid"], out["Age"] = r.rt.sid("WT"), "0"
	}
	if r.onCall() {
		result := queueResult[event]
		if result == "" {
			result = "bridged"
		}
		maps.Copy(out, r.callFields())
		out["QueueResult"] = result
	}
	return out
}

// paymentResult is <Pay>'s Result for each capture-payments event; the
// call-ended event's is caller-hung-up.
var paymentResult = map[string]string{
	"success": "success", "maxFailedAttempts": "too-many-failed-attempts", "providerError": "payment-connector-error",
	"payInterrupted": "caller-interrupted-with-star", "validationError": "validation-error",
}

func paymentOutputs(r *run, st *model.State, p props, event string) map[string]any {
	out := r.callFields()
	result := paymentResult[event]
	ended := r.endsCall(st, event)
	switch {
	case ended:
		result = "caller-hung-up"
		out["CallStatus"] = "completed"
	case result == "":
		result = "success"
	}
	out["Result"] = result
	if result != "success" {
		return out
	}
	maps.Copy(out, map[string]any{
		"PaymentToken": r.rt.sid("PT"), "PaymentConfirmationCode": "ch_" + r.rt.sid("")[:12],
		"PaymentCardNumber": "xxxx-xxxx-xxxx-1111", "PaymentCardType": "visa", "PaymentCardPostalCode": "94105",
		"ExpirationDate": "1230", "SecurityCode": "xxx", "ProfileId": "",
	})
	return out
}

// virtualAgentOutputs: the agent's status is the event taken, completed
// for the success event (v1's return, v2's completed).
func virtualAgentOutputs(r *run, st *model.State, p props, event string) map[string]any {
	status := event
	if status == "" || status == r.successEvent(st) {
		status = "completed"
	}
	return map[string]any{"VirtualAgentProvider": "simulated", "VirtualAgentStatus": status, "VirtualAgentProviderData": map[string]any{}}
}

// profileOutputs: a profile only for the success event (profileFound,
// profileUpdated).
func profileOutputs(r *run, st *model.State, p props, event string) map[string]any {
	if event != r.successEvent(st) {
		return map[string]any{}
	}
	return map[string]any{"profile": map[string]any{"id": r.rt.sid("PR"), "traits": map[string]any{}}}
}

func autopilotOutputs(r *run, st *model.State, p props, event string) map[string]any {
	return map[string]any{"CurrentTask": "fallback", "AssistantSid": p.str("autopilot_assistant_sid"), "DialogueSid": r.rt.sid("UK")}
}

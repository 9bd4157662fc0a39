package engine

import (
	"maps"

	"github.com/studioflow/studioflow/model"
)

// product describes a widget that needs another Twilio product (or a call
// leg Studioflow cannot place). It takes the caller's Outcome; without one,
// its success event (a catalog fact) with plausible outputs. Types the
// catalog knows but this table lacks (the legacy chat, task, sync and
// understand types) run the same way with no outputs.
type product struct {
	voice bool // stops when the caller has hung up
	// outputs are plausible widgets.NAME.* values for the event taken: they
	// agree with it (a hangup is no completed dial, a busy line no
	// answered call).
	outputs func(r *run, st *model.State, p props, event string) map[string]any
	// announce reports what the contact would notice (a dialled number).
	announce func(r *run, st *model.State, p props) error
}

var products = map[string]product{
	"connect-call-to":          {voice: true, outputs: dialOutputs, announce: announceDial("to")},
	"make-outgoing-call-v2":    {outputs: outgoingCallOutputs, announce: announceDial("to")},
	"make-outgoing-call-v1":    {outputs: outgoingCallOutputs, announce: announceDial("to")},
	"record-call":              {voice: true, outputs: recordCallOutputs},
	"enqueue-call":             {voice: true, outputs: enqueueOutputs},
	"send-to-flex":             {outputs: flexOutputs},
	"capture-payments":         {voice: true, outputs: paymentOutputs},
	"fork-stream":              {voice: true},
	"add-twiml-redirect":       {outputs: emptyOutputs},
	"connect-virtual-agent":    {voice: true, outputs: virtualAgentOutputs},
	"connect-virtual-agent-v2": {voice: true, outputs: virtualAgentOutputs},
	"look-up-profile":          {outputs: profileOutputs},
	"update-profile-traits":    {outputs: profileOutputs},
	"send-to-auto-pilot":       {outputs: autopilotOutputs},
}

func performProduct(r *run, st *model.State, p props) outcome {
	d := products[st.Type()]
	if d.voice {
		if o, over := r.callOver(st); over {
			return o
		}
	}
	if d.announce != nil {
		if err := d.announce(r, st, p); err != nil {
			return outcome{err: err}
		}
	}
	o := r.choose(st, r.rt.defaultEvent(st), r.outputsFor(st, p))
	switch o.event {
	case "hangup":
		r.x.callOver = true
	case "answered", "answeredByMachine":
		if o.outputs != nil {
			r.x.outgoing, r.x.callOver = o.outputs, false
		}
	}
	return o
}

func announceDial(key string) func(r *run, st *model.State, p props) error {
	return func(r *run, st *model.State, p props) error {
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
}

func emptyOutputs(*run, *model.State, props, string) map[string]any { return map[string]any{} }

// dialOutputs: callCompleted is the dialled party's call ending after a
// conversation (completed, with a duration); hangup is the caller hanging up
// while it rang (canceled, no duration, the caller's call completed).
func dialOutputs(r *run, st *model.State, p props, event string) map[string]any {
	out := r.callFields()
	if event == "hangup" {
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

// outgoingCallStatus is the CallStatus of a placed call for each event.
var outgoingCallStatus = map[string]string{
	"answered": "in-progress", "answeredByMachine": "in-progress", "busy": "busy",
	"noAnswer": "no-answer", "failed": "failed", "hangup": "completed",
}

func outgoingCallOutputs(r *run, st *model.State, p props, event string) map[string]any {
	to, _ := r.renderProp(p, "to", "{{contact.channel.address}}")
	from, _ := r.renderProp(p, "from", "{{flow.channel.address}}")
	status := outgoingCallStatus[event]
	if status == "" {
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
	if event == "failed" {
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
// (studio-semantics.md §3.3: queue-full, system-error).
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

// paymentResult is <Pay>'s Result for each capture-payments event.
var paymentResult = map[string]string{
	"success": "success", "maxFailedAttempts": "too-many-failed-attempts", "providerError": "payment-connector-error",
	"payInterrupted": "caller-interrupted-with-star", "hangup": "caller-hung-up", "validationError": "validation-error",
}

func paymentOutputs(r *run, st *model.State, p props, event string) map[string]any {
	out := r.callFields()
	result := paymentResult[event]
	if result == "" {
		result = "success"
	}
	out["Result"] = result
	if event == "hangup" {
		out["CallStatus"] = "completed"
	}
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

func virtualAgentOutputs(r *run, st *model.State, p props, event string) map[string]any {
	status := event
	if status == "" || status == "return" {
		status = "completed"
	}
	return map[string]any{"VirtualAgentProvider": "simulated", "VirtualAgentStatus": status, "VirtualAgentProviderData": map[string]any{}}
}

func profileOutputs(r *run, st *model.State, p props, event string) map[string]any {
	if event != "profileFound" && event != "profileUpdated" {
		return map[string]any{}
	}
	return map[string]any{"profile": map[string]any{"id": r.rt.sid("PR"), "traits": map[string]any{}}}
}

func autopilotOutputs(r *run, st *model.State, p props, event string) map[string]any {
	return map[string]any{"CurrentTask": "fallback", "AssistantSid": p.str("autopilot_assistant_sid"), "DialogueSid": r.rt.sid("UK")}
}

package engine

import (
	"maps"

	"github.com/studioflow/studioflow/model"
)

// productOutputs are the plausible widgets.NAME.* values of the widgets
// that need another Twilio product (or a call leg Studioflow cannot place),
// by type. Such a widget takes the caller's Outcome; without one, its
// success event (a catalog fact) with these outputs. Types the catalog
// knows but this table lacks (the legacy chat, task, sync and understand
// types, fork-stream) run the same way with no outputs. Whether a type acts
// on a call and which number it dials are catalog facts too.
var productOutputs = map[string]func(r *run, st *model.State, p props) map[string]any{
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
	var defaults map[string]any
	if outputs, ok := productOutputs[st.Type()]; ok {
		defaults = outputs(r, st, p)
	}
	o := r.choose(st, r.rt.defaultEvent(st), defaults)
	answered, _ := w.AnswersCall()
	switch {
	case o.event == "hangup":
		r.x.callOver = true
	case o.event == answered && o.outputs != nil:
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

func emptyOutputs(*run, *model.State, props) map[string]any { return map[string]any{} }

func dialOutputs(r *run, st *model.State, p props) map[string]any {
	out := r.callFields()
	maps.Copy(out, map[string]any{"DialCallSid": r.rt.sid("CA"), "DialCallStatus": "completed", "DialCallDuration": "42"})
	if p.boolean("record", false) {
		out["RecordingUrl"] = "https://api.twilio.com/2010-04-01/Accounts/" + r.x.AccountSID + "/Recordings/" + r.rt.sid("RE")
	}
	return out
}

func outgoingCallOutputs(r *run, st *model.State, p props) map[string]any {
	to, _ := r.renderProp(p, "to", "{{contact.channel.address}}")
	from, _ := r.renderProp(p, "from", "{{flow.channel.address}}")
	out := map[string]any{
		"AccountSid": r.x.AccountSID, "CallSid": r.rt.sid("CA"), "CallStatus": "in-progress", "To": to, "From": from,
	}
	if p.boolean("detect_answering_machine", false) {
		out["AnsweredBy"] = "human"
		out["MachineDetectionDuration"] = "1200"
	}
	return out
}

func recordCallOutputs(r *run, st *model.State, p props) map[string]any {
	call := r.callFields()
	sid := r.rt.sid("RE")
	return map[string]any{
		"AccountSid": r.x.AccountSID, "ApiVersion": "2010-04-01", "CallSid": call["CallSid"], "Channels": 2,
		"ConferenceSid": nil, "Sid": sid, "Status": "in-progress", "Source": "StartCallRecordingAPI",
		"StartTime": r.rt.now().UTC().Format("Mon, 02 Jan 2006 15:04:05 -0700"), "Duration": "-1",
		"Price": nil, "PriceUnit": "USD", "ErrorCode": nil, "EncryptionDetails": nil,
		"Uri": "/2010-04-01/Accounts/" + r.x.AccountSID + "/Calls/" + text(call["CallSid"]) + "/Recordings/" + sid + ".json",
	}
}

func enqueueOutputs(r *run, st *model.State, p props) map[string]any {
	out := r.callFields()
	maps.Copy(out, map[string]any{"QueueResult": "hangup", "QueueSid": r.rt.sid("QU"), "QueueTime": "30"})
	return out
}

func flexOutputs(r *run, st *model.State, p props) map[string]any {
	attributes, err := r.renderProp(p, "attributes", "")
	if err != nil {
		attributes = ""
	}
	return map[string]any{"TaskSid": r.rt.sid("WT"), "Attributes": attributes, "Age": "0"}
}

func paymentOutputs(r *run, st *model.State, p props) map[string]any {
	out := r.callFields()
	maps.Copy(out, map[string]any{
		"Result": "success", "PaymentToken": r.rt.sid("PT"), "PaymentConfirmationCode": "ch_" + r.rt.sid("")[:12],
		"PaymentCardNumber": "xxxx-xxxx-xxxx-1111", "PaymentCardType": "visa", "PaymentCardPostalCode": "94105",
		"ExpirationDate": "1230", "SecurityCode": "xxx", "ProfileId": "",
	})
	return out
}

func virtualAgentOutputs(r *run, st *model.State, p props) map[string]any {
	return map[string]any{"VirtualAgentProvider": "simulated", "VirtualAgentStatus": "completed", "VirtualAgentProviderData": map[string]any{}}
}

func profileOutputs(r *run, st *model.State, p props) map[string]any {
	return map[string]any{"profile": map[string]any{"id": r.rt.sid("PR"), "traits": map[string]any{}}}
}

func autopilotOutputs(r *run, st *model.State, p props) map[string]any {
	return map[string]any{"CurrentTask": "fallback", "AssistantSid": p.str("autopilot_assistant_sid"), "DialogueSid": r.rt.sid("UK")}
}

package engine

import (
	"fmt"
	"maps"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// renderProp renders a property, falling back to def when it is empty.
func (r *run) renderProp(p props, key, def string) (string, error) {
	src := p.str(key)
	if src == "" {
		switch def {
		case "{{contact.channel.address}}":
			return r.x.ContactChannelAddress, nil
		case "{{flow.channel.address}}":
			return text(lookup(r.x.ctx, "flow", "channel", "address")), nil
		}
		src = def
	}
	out, err := r.render(src)
	if err != nil {
		return "", fmt.Errorf("property %s: %w", key, err)
	}
	return out, nil
}

// send renders and "sends" the widget's message, returning outbound.* values.
// A message Twilio would refuse (no body, recipient or sender) never gets
// here: the catalog's requirements for the type stop it first.
func (r *run) send(st *model.State, p props) (map[string]any, error) {
	body, err := r.renderProp(p, "body", "")
	if err != nil {
		return nil, err
	}
	to, err := r.renderProp(p, "to", "{{contact.channel.address}}")
	if err != nil {
		return nil, err
	}
	from, err := r.renderProp(p, "from", "{{flow.channel.address}}")
	if err != nil {
		return nil, err
	}
	media, err := r.renderProp(p, "media_url", "")
	if err != nil {
		return nil, err
	}
	if p.str("message_type") == "content_template" && body == "" {
		body = "[content template " + p.str("content_sid") + "]"
	}
	outbound := map[string]any{
		"Sid": r.rt.sid("SM"), "AccountSid": r.x.AccountSID, "Body": body, "From": from, "To": to,
		"Status": "sent", "NumMedia": "0", "NumSegments": "1",
	}
	if media != "" {
		outbound["MediaUrl"] = media
		outbound["NumMedia"] = "1"
	}
	r.emit(Event{Kind: EventSend, Widget: st.Name(), Text: body, To: to, From: from})
	r.transcribe("outbound", "sms", st.Name(), body)
	return outbound, nil
}

func sendMessage(r *run, st *model.State, p props) outcome {
	outbound, err := r.send(st, p)
	if err != nil {
		return outcome{err: err}
	}
	failed := r.failureEvent(st)
	o := r.choose(st, r.rt.defaultEvent(st), func(event string) map[string]any { return sentOutputs(outbound, event == failed) })
	if o.wait != nil {
		// Sent already; the caller picks sent or failed next.
		r.x.ctx = withPath(r.x.ctx, sentOutputs(outbound, false), "widgets", st.Name())
	}
	return o
}

// sentOutputs are send-message's outputs for the event it takes, from the
// message sent. Current docs name them outbound.*, the older guide
// message.*: both are published. A failed message (the widget takes its
// failure event) carries Twilio's error.
func sentOutputs(outbound map[string]any, failed bool) map[string]any {
	outbound = maps.Clone(outbound)
	if failed {
		maps.Copy(outbound, map[string]any{"Status": "failed", "ErrorCode": "30003", "ErrorMessage": "Unreachable destination handset"})
	}
	message := map[string]any{"Sid": outbound["Sid"], "To": outbound["To"], "From": outbound["From"], "Body": outbound["Body"]}
	return map[string]any{"outbound": outbound, "message": message}
}

// sentOutputs, for a send-message whose outcome the caller picks in the
// simulator after it was sent: the message is the one its wait recorded.
func (r *run) sentOutputs(st *model.State, p props, event string) map[string]any {
	sent, _ := lookup(r.x.ctx, "widgets", st.Name(), "outbound").(map[string]any)
	return sentOutputs(sent, event == r.failureEvent(st))
}

func sendAndWait(r *run, st *model.State, p props) outcome {
	chosen, ok := r.x.opts.Outcomes[st.Name()]
	ok = ok && chosen.Event != "" // an outcome naming no event picks none here
	if ok {
		if err := r.rt.checkEvent(st, chosen.Event); err != nil {
			return outcome{err: fmt.Errorf("the caller's outcome: %w", err)}
		}
	}
	failed, noReply := r.failureEvent(st), r.inputEvent(st, schemas.NoInput)
	if ok && chosen.Event == failed {
		return outcome{event: failed, outputs: plainMap(chosen.Outputs), detail: ChosenByCaller}
	}
	outbound, err := r.send(st, p)
	if err != nil {
		return outcome{err: err}
	}
	if ok && chosen.Event == noReply {
		out := map[string]any{"outbound": outbound}
		maps.Copy(out, plainMap(chosen.Outputs))
		r.transcribe("inbound", "silence", st.Name(), "")
		return outcome{event: noReply, outputs: out, detail: ChosenByCaller + ": no reply"}
	}
	r.x.ctx = withPath(r.x.ctx, map[string]any{"outbound": outbound}, "widgets", st.Name())
	return outcome{wait: &Wait{Kind: WaitReply, Timeout: time.Duration(p.integer("timeout", 3600)) * time.Second}}
}

func acceptReply(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error) {
	sent, _ := lookup(r.x.ctx, "widgets", st.Name()).(map[string]any)
	out := map[string]any{"outbound": sent["outbound"]}
	switch in.Kind {
	case InputMessage:
		r.transcribe("inbound", "sms", st.Name(), in.Text)
		flowAddr := text(lookup(r.x.ctx, "flow", "channel", "address"))
		sid := r.rt.sid("SM")
		inbound := map[string]any{
			"Body": in.Text, "From": r.x.ContactChannelAddress, "To": flowAddr, "MessageSid": sid,
			"SmsMessageSid": sid, "AccountSid": r.x.AccountSID, "NumMedia": "0", "ApiVersion": "2010-04-01",
		}
		copyMessageFields(inbound, plainMap(in.Fields))
		out["inbound"] = inbound
		return outcome{event: r.inputEvent(st, schemas.MessageReply), outputs: out}, nil
	case InputTimeout:
		r.transcribe("inbound", "silence", st.Name(), "")
		return outcome{event: r.inputEvent(st, schemas.NoInput), outputs: out, detail: fmt.Sprintf("no reply within %s", w.Timeout)}, nil
	}
	return outcome{}, unexpected(w, in)
}

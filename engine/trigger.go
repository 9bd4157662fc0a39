package engine

import (
	"fmt"
	"maps"
	"slices"
)

// Trigger events, as the trigger widget names them.
const (
	TriggerCall         = "incomingCall"
	TriggerMessage      = "incomingMessage"
	TriggerConversation = "incomingConversationMessage"
	TriggerRequest      = "incomingRequest"
	TriggerParent       = "incomingParent"
)

// TriggerEvents lists the five trigger events.
var TriggerEvents = []string{TriggerMessage, TriggerCall, TriggerConversation, TriggerRequest, TriggerParent}

// Default addresses when a trigger names none.
const (
	DefaultContactAddress = "+15555550100"
	DefaultFlowAddress    = "+15555550199"
)

// Trigger is what starts an execution. From and To are the parameters Twilio
// itself uses for that trigger: for a call, message or conversation, From is
// the contact and To the flow's number; for a REST request, To is the contact
// and From the flow's number (as in POST /v2/Flows/{Sid}/Executions).
type Trigger struct {
	Event      string
	From, To   string
	Body       string         // message or conversation text
	Parameters map[string]any // REST Parameters (flow.data) or subflow parameters
	// Fields adds or overrides webhook fields of trigger.call, trigger.message, …
	Fields map[string]any
}

func validTrigger(event string) error {
	if slices.Contains(TriggerEvents, event) {
		return nil
	}
	return fmt.Errorf("unknown trigger event %q (want one of %v)", event, TriggerEvents)
}

// addresses returns the contact's and the flow's address.
func (t Trigger) addresses() (contact, flow string) {
	from, to := t.From, t.To
	if t.Event == TriggerRequest {
		from, to = to, from // REST: To is the contact
	}
	if from == "" {
		from = DefaultContactAddress
	}
	if to == "" {
		to = DefaultFlowAddress
	}
	return from, to
}

// webhook builds the trigger.* namespace with the fields Twilio sends.
func (rt *Runtime) webhook(t Trigger, contact, flowAddr string) (key string, fields map[string]any, initiatedBy string) {
	acct := rt.cfg.AccountSID
	geo := func(m map[string]any, prefixes ...string) {
		for _, p := range prefixes {
			m[p+"City"] = ""
			m[p+"State"] = ""
			m[p+"Zip"] = ""
			m[p+"Country"] = "US"
		}
	}
	switch t.Event {
	case TriggerCall:
		sid := rt.sid("CA")
		m := map[string]any{
			"AccountSid": acct, "ApiVersion": "2010-04-01", "CallSid": sid, "CallStatus": "ringing",
			"Called": flowAddr, "Caller": contact, "Direction": "inbound", "From": contact, "To": flowAddr,
		}
		geo(m, "From", "To", "Caller", "Called")
		maps.Copy(m, t.Fields)
		return "call", m, text(m["CallSid"])
	case TriggerMessage:
		sid := rt.sid("SM")
		m := map[string]any{
			"AccountSid": acct, "ApiVersion": "2010-04-01", "Body": t.Body, "From": contact, "To": flowAddr,
			"MessageSid": sid, "SmsMessageSid": sid, "SmsSid": sid, "SmsStatus": "received",
			"NumMedia": "0", "NumSegments": "1",
		}
		geo(m, "From", "To")
		copyMessageFields(m, t.Fields)
		return "message", m, text(m["MessageSid"])
	case TriggerConversation:
		m := map[string]any{
			"AccountSid": acct, "Body": t.Body, "Author": contact, "From": contact,
			"ConversationSid": rt.sid("CH"), "MessageSid": rt.sid("IM"), "ParticipantSid": rt.sid("MB"),
			"ChatServiceSid": rt.sid("IS"), "MessagingServiceSid": rt.sid("MG"),
			"EventType": "onMessageAdded", "Source": "SMS", "DateCreated": rt.now().UTC().Format("2006-01-02T15:04:05.000Z"),
		}
		maps.Copy(m, t.Fields)
		return "conversation", m, text(m["MessageSid"])
	case TriggerRequest:
		m := map[string]any{"from": flowAddr, "to": contact, "parameters": plainMap(t.Parameters)}
		maps.Copy(m, t.Fields)
		return "request", m, acct
	default: // TriggerParent: filled by the run-subflow widget
		m := map[string]any{"parameters": plainMap(t.Parameters)}
		maps.Copy(m, t.Fields)
		return "parent", m, ""
	}
}

// copyMessageFields copies a messaging webhook's fields over m, a
// message's parameters. Twilio names one message's SID three ways
// (MessageSid, SmsMessageSid, SmsSid): the one the webhook gives is the
// SID under every name m has, not only the one it came under.
func copyMessageFields(m, fields map[string]any) {
	maps.Copy(m, fields)
	for _, name := range [...]string{"MessageSid", "SmsMessageSid", "SmsSid"} {
		sid, given := fields[name]
		if !given {
			continue
		}
		for _, alias := range [...]string{"MessageSid", "SmsMessageSid", "SmsSid"} {
			if _, has := m[alias]; has {
				if _, own := fields[alias]; !own {
					m[alias] = sid
				}
			}
		}
		return
	}
}

func plainMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	out, _ := plain(m).(map[string]any)
	return out
}

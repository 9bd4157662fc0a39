package restapi

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/wire"
)

// maxWebhookBody bounds a webhook's body. Twilio's messaging webhooks are
// a few KB (a 1,600-character body, ten media URLs and some twenty other
// fields, form-encoded); 64 KiB leaves room for any of them while a burst
// of hostile posts costs the server little.
const maxWebhookBody = 64 << 10

// incomingWebhook takes a messaging webhook as Twilio sends it (From, To,
// Body, MessageSid, …) and starts or resumes the contact's execution.
func (s *Server) incomingWebhook(q *request) *wire.Error {
	if q.params["AccountSid"] != s.cfg.AccountSID {
		return notFound(q.r.URL.Path)
	}
	form, apiErr := q.form()
	if apiErr != nil {
		return apiErr
	}
	fields := map[string]string{}
	for k, v := range form {
		if len(v) > 0 {
			fields[k] = v[0]
		}
	}
	if _, voice := fields["CallSid"]; voice {
		return badRequest("This is a voice webhook (it has CallSid); the local Studio takes messaging webhooks only: run calls in the simulator or with studioflow run")
	}
	for _, name := range []string{"From", "To"} {
		if fields[name] == "" {
			return badRequest("Missing required parameter %s in the webhook body", name)
		}
	}
	if _, ok := fields["Body"]; !ok {
		fields["Body"] = ""
	}
	if _, ok := fields["AccountSid"]; !ok {
		fields["AccountSid"] = s.cfg.AccountSID
	}
	res, err := s.cfg.Sessions.Incoming(q.params["FlowSid"], fields)
	if err != nil {
		return q.executionError(err)
	}
	if !wantsJSON(q.r) {
		// What Studio answers Twilio's messaging webhook: empty TwiML (it
		// sends its messages through the API, not in the answer).
		q.w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		q.w.WriteHeader(http.StatusOK)
		_, _ = q.w.Write([]byte(emptyTwiML))
		return nil
	}
	// A local tool playing the contact's phone needs the replies.
	reply := wire.WebhookReply{Execution: newExecution(q.base, q.account, res.Execution), Messages: []wire.OutboundMessage{}}
	for _, e := range res.Events {
		switch e.Kind {
		case engine.EventSend, engine.EventSay, engine.EventPlay, engine.EventDigits, engine.EventDial:
			reply.Messages = append(reply.Messages, wire.OutboundMessage{Widget: e.Widget, Kind: string(e.Kind), Body: e.Text, To: e.To, From: e.From})
		}
	}
	writeJSON(q.w, http.StatusOK, reply)
	return nil
}

// emptyTwiML is Studio's answer to Twilio's messaging webhook.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

// wantsJSON reports whether the request's Accept header names
// application/json (Twilio's webhook requests do not).
func wantsJSON(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for _, part := range strings.Split(v, ",") {
			mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err == nil && mt == "application/json" {
				return true
			}
		}
	}
	return false
}

// Signature computes X-Twilio-Signature for a POST of params to fullURL:
// base64 HMAC-SHA1, keyed by the auth token, of the URL followed by each
// parameter's name and value in name order. Tools that play Twilio calling
// the webhook use it to sign their requests.
func Signature(authToken, fullURL string, params url.Values) string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range names {
		for _, v := range params[k] {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// httpResult is a response (real or canned) as the HTTP widgets see it.
type httpResult struct {
	status      int
	contentType string
	body        string
	headers     map[string]any
	failure     string // set when there was no usable response
}

// call performs the widget's request, or takes its next canned response.
func (r *run) call(st *model.State, method, rawURL, contentType, body string, form url.Values) httpResult {
	if canned, ok := r.x.opts.HTTP[st.Name()]; ok && len(canned) > 0 {
		if r.x.httpRuns == nil {
			r.x.httpRuns = map[string]int{}
		}
		i := min(r.x.httpRuns[st.Name()], len(canned)-1)
		r.x.httpRuns[st.Name()]++
		c := canned[i]
		if c.Error != "" {
			return httpResult{failure: c.Error}
		}
		status := c.Status
		if status == 0 {
			status = http.StatusOK
		}
		if len(c.Body) > MaxHTTPResponse {
			return httpResult{failure: fmt.Sprintf("the response is larger than Studio's %d KB limit", MaxHTTPResponse/1024)}
		}
		return httpResult{status: status, contentType: c.ContentType, body: c.Body, headers: map[string]any{"content-type": c.ContentType}}
	}
	return r.realCall(method, rawURL, contentType, body, form)
}

func (r *run) realCall(method, rawURL, contentType, body string, form url.Values) httpResult {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return httpResult{failure: fmt.Sprintf("%q is not an http(s) URL", rawURL)}
	}
	// Text a template put in the query as it is (a space, a quote) would
	// make an invalid request line: it is percent-encoded, as a browser
	// does (the path's is by url.URL itself).
	u.RawQuery = escapeQueryText(u.RawQuery)
	var payload io.Reader
	switch {
	case method == http.MethodGet:
		if len(form) > 0 {
			q := u.Query()
			for k, vs := range form {
				for _, v := range vs {
					q.Add(k, v)
				}
			}
			u.RawQuery = q.Encode()
		}
	case strings.HasPrefix(strings.ToLower(contentType), "application/json"):
		payload = strings.NewReader(body)
	default:
		payload = strings.NewReader(form.Encode())
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.rt.cfg.HTTPTimeout)
	defer cancel()
	if !r.deadline.IsZero() {
		// The run's own deadline, when it comes first.
		var stop context.CancelFunc
		ctx, stop = context.WithDeadline(ctx, r.deadline)
		defer stop()
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), payload)
	if err != nil {
		return httpResult{failure: fmt.Sprintf("building the request: %v", err)}
	}
	if payload != nil {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("User-Agent", "Twilio-Studio (studioflow)")
	resp, err := r.rt.client.Do(req)
	if err != nil {
		var netErr net.Error
		if r.overdue() {
			return httpResult{failure: fmt.Sprintf("no response from %s before the run's %v limit", u.Host, r.rt.cfg.RunTimeout)}
		}
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
			return httpResult{failure: fmt.Sprintf("no response from %s within %s (Studio's HTTP timeout)", u.Host, r.rt.cfg.HTTPTimeout)}
		}
		return httpResult{failure: fmt.Sprintf("request to %s failed: %v", u.Host, err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxHTTPResponse+1))
	if err != nil {
		return httpResult{failure: fmt.Sprintf("reading the response from %s: %v", u.Host, err)}
	}
	if len(data) > MaxHTTPResponse {
		return httpResult{failure: fmt.Sprintf("the response from %s is larger than Studio's %d KB limit", u.Host, MaxHTTPResponse/1024)}
	}
	headers := map[string]any{}
	for k, vs := range resp.Header {
		headers[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	return httpResult{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: string(data), headers: headers}
}

// renderParams renders the widget's {key, value} parameters.
func (r *run) renderParams(p props) (url.Values, error) {
	form := url.Values{}
	for _, kv := range p.pairs("parameters") {
		v, err := r.render(kv.Value)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", kv.Key, err)
		}
		form.Add(kv.Key, v)
	}
	return form, nil
}

// parsedObject is the response body decoded, only when it is a JSON object;
// its members keep the response's order.
func parsedObject(res httpResult) (*liquid.Object, bool) {
	v, err := decodeJSON(res.body)
	if err != nil {
		return nil, false
	}
	o, ok := v.(*liquid.Object)
	return o, ok
}

func responseOutputs(res httpResult) map[string]any {
	return map[string]any{"status_code": int64(res.status), "content_type": res.contentType, "body": res.body}
}

// outcomeChosen reports whether an HTTP widget's result comes from the
// caller instead of a request: an Outcome names it, or (askable: Run
// Function, a Twilio product like the others) the caller is asked and no
// canned response stands in for the Function.
func (r *run) outcomeChosen(st *model.State, askable bool) bool {
	if _, ok := r.x.opts.Outcomes[st.Name()]; ok {
		return true
	}
	_, canned := r.x.opts.HTTP[st.Name()]
	return askable && r.x.opts.AskOutcomes && !canned
}

// requestStandsIn reports whether something stands in for the request an
// HTTP widget would make (a canned response, or the caller's outcome as
// makeHTTPRequest and runFunction take it), so what the request needs does
// not matter.
func (r *run) requestStandsIn(st *model.State) bool {
	if len(r.x.opts.HTTP[st.Name()]) > 0 {
		return true
	}
	return r.outcomeChosen(st, r.rt.types[st.Type()].w.CallsFunction())
}

// httpOutcomeOutputs are make-http-request's outputs for a chosen event: a
// 200 with an empty JSON object for its success event, else a 500.
func httpOutcomeOutputs(succeeded bool) map[string]any {
	if succeeded {
		return map[string]any{"status_code": int64(200), "content_type": "application/json", "body": "{}", "parsed": liquid.NewObject(0)}
	}
	return map[string]any{"status_code": int64(500), "content_type": "text/plain", "body": "Internal Server Error"}
}

// functionOutputs are run-function's outputs for a chosen event; parsed
// keeps what earlier runs of the widget left, as a real run would.
func (r *run) functionOutputs(st *model.State, event string) map[string]any {
	succeeded := event == r.successEvent(st) // else a failure (fail)
	out := httpOutcomeOutputs(succeeded)
	delete(out, "parsed")
	out["headers"] = map[string]any{"content-type": out["content_type"]}
	previous := lookup(r.x.ctx, "widgets", st.Name(), "parsed")
	if _, isObject := Keys(previous); isObject {
		out["parsed"] = mergeObjects(previous, nil)
	} else if succeeded {
		out["parsed"] = liquid.NewObject(0)
	}
	return out
}

func makeHTTPRequest(r *run, st *model.State, p props) outcome {
	if r.outcomeChosen(st, false) {
		return r.choose(st, r.successEvent(st), func(event string) map[string]any { return requestOutputs(r, st, p, event) })
	}
	method, _ := schemas.HTTPMethod(p.str("method")) // an unknown one is refused before: a requirement
	target, err := r.renderProp(p, "url", "")
	if err != nil {
		return outcome{err: err}
	}
	contentType := p.str("content_type")
	if contentType == "" {
		contentType = "application/x-www-form-urlencoded;charset=utf-8"
	}
	form, err := r.renderParams(p)
	if err != nil {
		return outcome{err: err}
	}
	body, err := r.renderProp(p, "body", "")
	if err != nil {
		return outcome{err: err}
	}
	res := r.call(st, method, target, contentType, body, form)
	if res.failure != "" {
		return outcome{event: r.failureEvent(st), detail: res.failure}
	}
	out := responseOutputs(res)
	if parsed, ok := parsedObject(res); ok {
		out["parsed"] = parsed
	}
	if res.status >= 200 && res.status < 300 {
		return outcome{event: r.successEvent(st), outputs: out}
	}
	return outcome{event: r.failureEvent(st), outputs: out, detail: fmt.Sprintf("HTTP status %d", res.status)}
}

// runFunction calls a Twilio Function with its parameters as a form POST.
// parsed is merged into what earlier runs of the same widget left. Like
// every widget that needs another Twilio product, it takes the caller's
// Outcome instead when there is one, and with AskOutcomes (the simulator's
// outcome buttons) asks for one unless a canned response stands in.
func runFunction(r *run, st *model.State, p props) outcome {
	if r.outcomeChosen(st, true) {
		return r.choose(st, r.successEvent(st), func(event string) map[string]any { return r.functionOutputs(st, event) })
	}
	target, err := r.renderProp(p, "url", "")
	if err != nil {
		return outcome{err: err}
	}
	form, err := r.renderParams(p)
	if err != nil {
		return outcome{err: err}
	}
	res := r.call(st, http.MethodPost, target, "application/x-www-form-urlencoded", "", form)
	if res.failure != "" {
		return outcome{event: r.failureEvent(st), detail: res.failure}
	}
	out := responseOutputs(res)
	out["headers"] = res.headers
	previous := lookup(r.x.ctx, "widgets", st.Name(), "parsed")
	_, hadObject := Keys(previous)
	if parsed, ok := parsedObject(res); ok {
		out["parsed"] = mergeObjects(previous, parsed)
	} else if hadObject {
		out["parsed"] = mergeObjects(previous, nil)
	}
	if res.status >= 200 && res.status < 400 {
		return outcome{event: r.successEvent(st), outputs: out}
	}
	return outcome{event: r.failureEvent(st), outputs: out, detail: fmt.Sprintf("HTTP status %d", res.status)}
}

// escapeQueryText percent-encodes the bytes of a query that may not stand
// in a request line as they are (controls, space, '"', '<', '>', '`' and
// non-ASCII: WHATWG's query percent-encode set), leaving what is already
// escaped or delimits the query (%, &, =, +, …) alone.
func escapeQueryText(q string) string {
	const hex = "0123456789ABCDEF"
	needs := func(c byte) bool { return c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`' }
	i := 0
	for i < len(q) && !needs(q[i]) {
		i++
	}
	if i == len(q) {
		return q
	}
	b := make([]byte, 0, len(q)+8)
	b = append(b, q[:i]...)
	for ; i < len(q); i++ {
		if c := q[i]; needs(c) {
			b = append(b, '%', hex[c>>4], hex[c&0xF])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

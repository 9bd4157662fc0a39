package schemas

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// What a widget needs when it runs. Each widget type's entry in widgetTable
// lists its Requirements; the engine checks them on the rendered values when
// the widget runs, and the validator checks them on the values as written,
// wherever they do not depend on Liquid. Both read the same entry, so a
// reason the engine fails a step for is a reason the validator reports.

// Values is a widget's properties as a requirement sees them.
type Values interface {
	// Get returns the property as written in the flow.
	Get(key string) (any, bool)
	// Render returns text as it will be when the widget runs. ok is false
	// when that cannot be known: before running, text holding Liquid; while
	// running, text whose Liquid does not render (the widget reports that).
	Render(text string) (string, bool)
	// FindSubflow says why the flow a run-subflow widget names cannot be
	// found (nil when it can). known is false when nothing can tell (no
	// resolver).
	FindSubflow(flowSID string) (known bool, err error)
}

// Finding is one unmet requirement: the property concerned as a JSON
// pointer under the widget's properties ("/body", "/variables/2/key") and
// what is wrong, in words a Studio user knows.
type Finding struct {
	Path    string
	Message string
}

// Requirement is one reason a widget of a type fails when it runs that can
// be known from its properties alone.
type Requirement struct {
	// ID names the reason ("send-message/body") in tests and documents.
	ID string
	// Field is the property concerned.
	Field string
	// Event is the event the widget takes when the requirement is not met:
	// its type's failure event (WidgetType.FailureEvent), set by Load; ""
	// when the step fails the whole execution instead.
	Event string
	check func(v Values) []Finding
	// takes, for a requirement whose unmet case takes the type's failure
	// event, is its check given that event; Load binds it (bind).
	takes func(v Values, fail Event) []Finding
}

// Check returns what is unmet, nothing when the requirement holds or cannot
// be decided.
func (r Requirement) Check(v Values) []Finding { return r.check(v) }

// bind is r for a type whose failure event is fail (ok false: it has
// none): a requirement that takes it gets its Event and the check naming
// it. A type's table entry listing such a requirement without a failure
// event is an error.
func (r Requirement) bind(fail Event, ok bool) (Requirement, error) {
	if r.takes == nil {
		return r, nil
	}
	if !ok {
		return r, fmt.Errorf("requirement %s takes the failure event, but the type has none (an event marked Fails)", r.ID)
	}
	takes := r.takes
	r.Event = fail.Name
	r.check = func(v Values) []Finding { return takes(v, fail) }
	r.takes = nil
	return r, nil
}

// text returns a property as text: a string as is, a number or boolean as
// written, "" when absent or null. ok is false for a list or an object.
func text(v Values, key string) (string, bool) {
	return textOf(v.Get(key))
}

// textOf is text given the property (raw) and whether it is there.
func textOf(raw any, has bool) (string, bool) {
	switch t := raw.(type) {
	case nil:
		return "", true
	case string:
		return t, true
	case bool, json.Number:
		return fmt.Sprint(t), true
	}
	return "", !has
}

// rendered returns a property as it will be at run time; def stands for it
// when the property is absent (the schema's default). known is false when
// that cannot be told.
func rendered(v Values, key, def string) (s string, known bool) {
	raw, has := v.Get(key)
	src, ok := textOf(raw, has)
	if !ok {
		return "", false
	}
	if !has {
		src = def
	}
	return v.Render(src)
}

// nonEmpty requires key to render to some text; problem says what is
// wrong, %s standing for the label of the failure event the widget takes.
func nonEmpty(id, key, def, problem string, unless func(Values) (holds, known bool)) Requirement {
	return Requirement{ID: id, Field: key, takes: func(v Values, fail Event) []Finding {
		if unless != nil {
			if holds, known := unless(v); holds || !known {
				return nil
			}
		}
		s, known := rendered(v, key, def)
		if !known || strings.TrimSpace(s) != "" {
			return nil
		}
		return []Finding{{Path: "/" + model.EscapeToken(key), Message: fmt.Sprintf(problem, fail.Label)}}
	}}
}

// messageRequirements are Send Message's and Send & Wait For Reply's: the
// Messaging API refuses a message without a body, a recipient or a sender,
// and the widget takes its failure event.
// Send & Wait For Reply always answers the contact: it has no "to".
func messageRequirements(typ string) []Requirement {
	mediaOrTemplate := func(v Values) (bool, bool) {
		if t, _ := text(v, "message_type"); t == "content_template" {
			return true, true
		}
		media, known := rendered(v, "media_url", "")
		return strings.TrimSpace(media) != "", known
	}
	out := []Requirement{
		nonEmpty(typ+"/body", "body", "",
			"the message body is empty: Twilio refuses a message with no body and no media (error 21602), so the widget takes %s", mediaOrTemplate),
		nonEmpty(typ+"/from", "from", "{{flow.channel.address}}",
			`"from" is empty: Twilio refuses a message with no sender (error 21603), so the widget takes %s; write {{flow.channel.address}} to send from the flow's number`, nil),
	}
	if typ == "send-message" {
		out = append(out, nonEmpty(typ+"/to", "to", "{{contact.channel.address}}",
			`"to" is empty: Twilio refuses a message with no recipient (error 21604), so the widget takes %s; write {{contact.channel.address}} to answer the contact`, nil))
	}
	return out
}

// httpURL requires key to render to an absolute http(s) URL. Before
// running, a URL that starts with Liquid is unknown, but text before the
// first {{ must already begin like one.
func httpURL(id, key string) Requirement {
	return Requirement{ID: id, Field: key, takes: func(v Values, fail Event) []Finding {
		src, ok := text(v, key)
		if !ok {
			return nil
		}
		s, known := v.Render(src)
		p := func() string { return "/" + model.EscapeToken(key) } // written for a finding
		if !known {
			prefix := strings.ToLower(strings.TrimSpace(src[:liquidStart(src)]))
			if prefix == "" || couldBeHTTP(prefix) {
				return nil
			}
			return []Finding{{Path: p(), Message: fmt.Sprintf("%s must be an http:// or https:// URL, but it begins %q; the widget takes %s when it runs", key, prefix, fail.Name)}}
		}
		if problem := urlProblem(s); problem != "" {
			return []Finding{{Path: p(), Message: fmt.Sprintf("%s %s; the widget takes %s when it runs", key, problem, fail.Name)}}
		}
		return nil
	}}
}

// urlProblem says why s is not a URL an HTTP widget can call ("" when it is).
func urlProblem(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "is empty: there is nothing to call"
	}
	if plainHTTPURL(s) {
		return ""
	}
	u, err := url.Parse(s)
	var bad *url.Error
	switch {
	case err != nil && strings.Contains(s, "${"):
		// An environment's placeholder (model/environments), not filled in.
		return fmt.Sprintf("is %q, whose ${…} placeholder has no value, so it is not a URL yet", s)
	case errors.As(err, &bad) && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")):
		// The scheme is right: say what is wrong after it ("invalid
		// character "$" in host name").
		return fmt.Sprintf("is %q, which is not a valid URL: %v", s, bad.Err)
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return fmt.Sprintf("is %q, which is not an http:// or https:// URL", s)
	case u.Host == "":
		return fmt.Sprintf("is %q, which names no host", s)
	}
	return ""
}

// plainHTTPURL recognises, without parsing, the URLs url.Parse reads as
// http(s) with a host: "http://" or "https://", a host of letters, digits,
// dots and hyphens, then nothing or a path of characters that need no
// escaping. Anything else is left to url.Parse.
func plainHTTPURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	host := 0
	for host < len(rest) && urlByte[rest[host]] == urlHost {
		host++
	}
	if host == 0 || (host < len(rest) && rest[host] != '/') {
		return false
	}
	for i := host; i < len(rest); i++ {
		if urlByte[rest[i]] == urlOther {
			return false
		}
	}
	return true
}

// Byte classes of plainHTTPURL.
const (
	urlOther uint8 = iota // anything url.Parse may read otherwise ("%", "?", "#", spaces, …)
	urlHost               // letters, digits, "." and "-"
	urlPath               // other characters a path may hold as they are
)

// urlByte is each byte's class (never written after it is built).
var urlByte = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = urlHost, urlHost
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = urlHost
	}
	t['.'], t['-'] = urlHost, urlHost
	for _, c := range "/_~!$&'()*+,;=:@" {
		t[c] = urlPath
	}
	return t
}()

func liquidStart(s string) int {
	i := len(s)
	for _, open := range []string{"{{", "{%"} {
		if j := strings.Index(s, open); j >= 0 && j < i {
			i = j
		}
	}
	return i
}

func couldBeHTTP(prefix string) bool {
	for _, scheme := range []string{"http://", "https://"} {
		if strings.HasPrefix(prefix, scheme) || strings.HasPrefix(scheme, prefix) {
			return true
		}
	}
	return false
}

// twilioAuth: with add_twilio_auth on, Studio sends the account's
// credentials only to Twilio's own hosts, and refuses any other.
func twilioAuth(id string) Requirement {
	return Requirement{ID: id, Field: "url", takes: func(v Values, fail Event) []Finding {
		on, _ := v.Get("add_twilio_auth")
		if b, _ := on.(bool); !b {
			if s, _ := on.(string); strings.TrimSpace(strings.ToLower(s)) != "true" {
				return nil
			}
		}
		src, _ := text(v, "url")
		s, known := v.Render(src)
		if !known || urlProblem(s) != "" || IsTwilioURL(s) {
			return nil
		}
		return []Finding{{Path: "/url", Message: fmt.Sprintf("add_twilio_auth is on, but %q is not a Twilio URL; Studio sends nothing and the widget takes %s", s, fail.Name)}}
	}}
}

// IsTwilioURL reports whether rawURL is on one of Twilio's hosts
// (twilio.com, its subdomains, or a Functions domain *.twil.io).
func IsTwilioURL(rawURL string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == "twilio.com" || strings.HasSuffix(h, ".twilio.com") || strings.HasSuffix(h, ".twil.io")
}

// httpMethods are the methods Studio's HTTP widgets offer (commons'
// HttpMethod); empty means GET.
var httpMethods = []string{"GET", "POST"}

// HTTPMethod returns the method a widget's method property asks for, and
// whether Studio offers it.
func HTTPMethod(written string) (string, bool) {
	m := strings.ToUpper(strings.TrimSpace(written))
	if m == "" {
		return "GET", true
	}
	return m, slices.Contains(httpMethods, m)
}

func httpMethod(id string) Requirement {
	return Requirement{ID: id, Field: "method", takes: func(v Values, fail Event) []Finding {
		m, ok := text(v, "method")
		if !ok {
			return nil
		}
		if _, offered := HTTPMethod(m); offered {
			return nil
		}
		return []Finding{{Path: "/method", Message: fmt.Sprintf("method is %q, but Studio sends only GET or POST; the widget takes %s when it runs", m, fail.Name)}}
	}}
}

// subflowFound: Run Subflow needs a flow_sid, written as is (Studio does not
// render Liquid there), naming a flow that exists.
func subflowFound(id string) Requirement {
	return Requirement{ID: id, Field: "flow_sid", takes: func(v Values, fail Event) []Finding {
		sid, ok := text(v, "flow_sid")
		if !ok {
			return nil
		}
		sid = strings.TrimSpace(sid)
		switch {
		case sid == "":
			return []Finding{{Path: "/flow_sid", Message: "no subflow is chosen (flow_sid is empty), so the widget takes " + fail.Name + " when it runs"}}
		case hasLiquid(sid):
			return []Finding{{Path: "/flow_sid", Message: "flow_sid holds Liquid, but Studio takes it as written (a subflow is chosen, not computed), so the widget takes " + fail.Name + " when it runs"}}
		}
		if known, err := v.FindSubflow(sid); known && err != nil {
			return []Finding{{Path: "/flow_sid", Message: fmt.Sprintf("the subflow %s cannot be found (%v), so the widget takes %s when it runs", sid, err, fail.Name)}}
		}
		return nil
	}}
}

// variableEntries: every Set Variables entry needs a key, and a value
// marked "Parse as JSON" must be JSON.
func variableEntries(id string) Requirement {
	return Requirement{ID: id, Field: "variables", check: func(v Values) []Finding {
		return keyedEntries(v, "variables", "variable")
	}}
}

func subflowParameters(id string) Requirement {
	return Requirement{ID: id, Field: "parameters", check: func(v Values) []Finding {
		return keyedEntries(v, "parameters", "parameter")
	}}
}

func keyedEntries(v Values, field, noun string) []Finding {
	raw, _ := v.Get(field)
	list, _ := raw.([]any)
	var out []Finding
	for i, item := range list {
		obj, ok := item.(*model.Object)
		if !ok {
			continue
		}
		base := func() string { return "/" + field + "/" + strconv.Itoa(i) } // written for a finding
		key, _ := obj.String("key")
		if strings.TrimSpace(key) == "" {
			out = append(out, Finding{Path: base() + "/key", Message: fmt.Sprintf("%s %d has no name (key), so the execution fails when the widget runs", noun, i+1)})
			continue
		}
		typ, _ := obj.String("type")
		if !strings.EqualFold(typ, "json") && !strings.EqualFold(typ, "object") {
			continue
		}
		src, _ := obj.String("value")
		s, known := v.Render(src)
		if known && !json.Valid([]byte(strings.TrimSpace(s))) {
			out = append(out, Finding{Path: base() + "/value", Message: fmt.Sprintf("%s %s is marked Parse as JSON, but its value %q is not JSON, so the execution fails when the widget runs", noun, key, strings.TrimSpace(s))})
		}
	}
	return out
}

// SplitRegex compiles the value of a Split Based On "regex" condition as
// Studio applies it: RE2, ignoring case, to the whole input. The engine
// tests with it when the split runs (a pattern that does not compile fails
// the execution); the validator compiles a pattern written without Liquid.
func SplitRegex(pattern string) (*regexp.Regexp, error) {
	pattern = strings.TrimSpace(pattern)
	// The pattern alone first: its error speaks of what the builder wrote
	// (the wrapper's ")" would show in "missing closing ]: `[1-)`"), and a
	// pattern such as "a)(b" that the wrapper would close up is refused.
	if _, err := regexp.Compile(pattern); err != nil {
		return nil, fmt.Errorf("regex %q: %w", pattern, err)
	}
	re, err := regexp.Compile(`(?i)^(?:` + pattern + `)$`)
	if err != nil {
		return nil, fmt.Errorf("regex %q: %w", pattern, err)
	}
	return re, nil
}

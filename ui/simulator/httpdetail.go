package simulator

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// exchange is an HTTP widget's request and the answer it got.
type exchange struct {
	Method, URL, RequestType, RequestBody string
	RequestErr                            string // the request could not be rendered

	Answered    bool // a response came back (whatever its status)
	Status      int
	ContentType string
	Body        string
	Failure     string // why there was no response
}

// renderFunc renders a Liquid template against a context.
type renderFunc func(template string, ctx map[string]any) (string, error)

// exchangeOf reads what an HTTP widget's step received from the context it
// left; with render and the flow, it also rebuilds the request from the
// widget's properties and the context before the step.
func exchangeOf(cat *schemas.Catalog, step *engine.Step, req *requestSource) (exchange, bool) {
	if step == nil || !widgetType(cat, step.Type).CallsHTTP() || strings.HasPrefix(step.Detail, engine.ChosenByCaller) {
		// Its outcome was chosen: no request was made.
		return exchange{}, false
	}
	var ex exchange
	failure, _ := widgetType(cat, step.Type).FailureEvent()
	failed := step.Name == failure
	if failed && !strings.HasPrefix(step.Detail, "HTTP status") {
		ex.Failure = step.Detail
	} else {
		out, _ := lookupPath(step.Context, "widgets", step.TransitionedFrom).(map[string]any)
		ex.Answered = true
		ex.Status = asInt(out["status_code"])
		ex.ContentType = fmt.Sprint(orEmpty(out["content_type"]))
		ex.Body = fmt.Sprint(orEmpty(out["body"]))
	}
	if req != nil {
		req.fill(&ex, step, widgetType(cat, step.Type).CallsFunction())
	}
	return ex, true
}

// requestSource rebuilds requests: the flow that ran, the context before the
// step and the runtime's Liquid.
type requestSource struct {
	flow   *model.Flow
	before map[string]any
	render renderFunc
}

func (rs *requestSource) fill(ex *exchange, step *engine.Step, function bool) {
	st := rs.flow.State(step.TransitionedFrom)
	if st == nil {
		return
	}
	r := func(key string) string {
		out, err := rs.render(st.StringProperty(key), rs.before)
		if err != nil && ex.RequestErr == "" {
			ex.RequestErr = fmt.Sprintf("%s: %v", key, err)
		}
		return out
	}
	ex.URL = r("url")
	params := url.Values{}
	if v, ok := st.Property("parameters"); ok {
		if list, ok := v.([]any); ok {
			for _, item := range list {
				obj, ok := item.(*model.Object)
				if !ok {
					continue
				}
				k, _ := obj.Get("key")
				val, _ := obj.Get("value")
				rendered, err := rs.render(fmt.Sprint(orEmpty(val)), rs.before)
				if err != nil && ex.RequestErr == "" {
					ex.RequestErr = fmt.Sprintf("parameter %v: %v", k, err)
				}
				params.Add(fmt.Sprint(orEmpty(k)), rendered)
			}
		}
	}
	if function {
		ex.Method, ex.RequestType, ex.RequestBody = "POST", "application/x-www-form-urlencoded", params.Encode()
		return
	}
	ex.Method = strings.ToUpper(strings.TrimSpace(st.StringProperty("method")))
	if ex.Method == "" {
		ex.Method = "GET"
	}
	ex.RequestType = st.StringProperty("content_type")
	if ex.RequestType == "" {
		ex.RequestType = "application/x-www-form-urlencoded;charset=utf-8"
	}
	switch {
	case ex.Method == "GET":
		if len(params) > 0 {
			sep := "?"
			if strings.Contains(ex.URL, "?") {
				sep = "&"
			}
			ex.URL += sep + params.Encode()
		}
	case strings.HasPrefix(strings.ToLower(ex.RequestType), "application/json"):
		ex.RequestBody = r("body")
	default:
		ex.RequestBody = params.Encode()
	}
}

func (ex exchange) requestText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", ex.Method, ex.URL)
	if ex.RequestBody != "" {
		fmt.Fprintf(&b, "Content-Type: %s\n\n%s\n", ex.RequestType, ex.RequestBody)
	}
	if ex.RequestErr != "" {
		fmt.Fprintf(&b, "(could not render %s)\n", ex.RequestErr)
	}
	return b.String()
}

func (ex exchange) responseText() string {
	if !ex.Answered {
		return "no response: " + ex.Failure
	}
	return fmt.Sprintf("%d  %s\n\n%s", ex.Status, ex.ContentType, ex.Body)
}

func asInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	}
	return 0
}

func orEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

func lookupPath(root map[string]any, path ...string) any {
	var cur any = root
	for _, k := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

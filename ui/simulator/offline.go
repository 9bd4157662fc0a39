package simulator

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

// httpAsk is a request an HTTP widget (Make HTTP Request, Run Function)
// could not make, put to the person at the simulator: answer it with a
// canned response, or let the widget fail as Studio would.
type httpAsk struct {
	Widget string
	URL    string
	Reason string
	answer chan *engine.CannedResponse
}

// askingTransport makes a run's real requests; when one cannot be made
// (offline, a name that does not resolve, a refused connection, no answer
// in time) it holds the run and asks for a canned answer instead of
// letting the first run dead-end on "fail".
type askingTransport struct {
	s    *session
	r    *simRun
	base http.RoundTripper
}

func (t askingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.s.requesting(t.r, req.URL.String())
	resp, err := t.base.RoundTrip(req)
	if err == nil {
		return resp, nil
	}
	c := t.s.askHTTP(t.r, req.URL.String(), err)
	if c == nil {
		return nil, err
	}
	status := c.Status
	if status == 0 {
		status = http.StatusOK
	}
	header := http.Header{}
	if c.ContentType != "" {
		header.Set("Content-Type", c.ContentType)
	}
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: header,
		Body: io.NopCloser(strings.NewReader(c.Body)), ContentLength: int64(len(c.Body)), Request: req,
	}, nil
}

// requesting tells the panel that the run's current widget is making a
// real request (which can take up to Studio's 10 s timeout).
func (s *session) requesting(r *simRun, url string) {
	s.mu.Lock()
	r.state.Requesting = r.entering + " is requesting " + url
	st := r.state
	s.mu.Unlock()
	s.notify(update{Run: r.id, State: &st})
}

// askHTTP tells the panel that the run's current widget could not make its
// request and waits (on the worker goroutine, as a breakpoint does) for an
// answer: a canned response, or nil to let the request fail.
func (s *session) askHTTP(r *simRun, url string, cause error) *engine.CannedResponse {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	a := &httpAsk{Widget: r.entering, URL: url, Reason: cause.Error(), answer: make(chan *engine.CannedResponse, 1)}
	s.asking = a
	r.state.Asking, r.state.Requesting = a, ""
	st := r.state
	s.idle.Broadcast()
	s.mu.Unlock()
	s.notify(update{Run: r.id, State: &st})
	var c *engine.CannedResponse
	select {
	case c = <-a.answer:
	case <-s.done:
	}
	s.mu.Lock()
	s.asking = nil
	r.state.Asking = nil
	s.mu.Unlock()
	return c
}

// answerHTTP answers the pending question: c, or nil to let the request fail.
func (s *session) answerHTTP(c *engine.CannedResponse) bool {
	s.mu.Lock()
	a := s.asking
	s.asking = nil
	s.mu.Unlock()
	if a == nil {
		return false
	}
	a.answer <- c
	return true
}

// cannedAnswerForm offers, right under the status line, a canned answer
// for a request that could not be made: prefilled with the widget's canned
// response (the HTTP tab's), and remembered there for the next runs.
func (p *Panel) cannedAnswerForm(a *httpAsk) fyne.CanvasObject {
	set := p.canned.setting(a.Widget)
	status := kbd.NewEntry()
	status.SetText(set.status)
	ctype := kbd.NewEntry()
	ctype.SetText(set.contentType)
	body := kbd.NewMultiLineEntry()
	body.SetText(set.body)
	body.SetMinRowsVisible(3)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	use := kbd.NewButtonWithIcon("Use this answer", theme.ConfirmIcon(), func() {
		code, err := parseStatus(status.Text)
		if err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		p.canned.setCanned(a.Widget, code, strings.TrimSpace(ctype.Text), body.Text)
		p.canned.reveal(a.Widget)
		p.sess.answerHTTP(&engine.CannedResponse{Status: code, ContentType: strings.TrimSpace(ctype.Text), Body: body.Text})
		if rv := p.shown; rv != nil {
			rv.note = fmt.Sprintf("%s answered with the canned response; later runs use it too (HTTP tab: choose Real URL to call %s again).", a.Widget, a.URL)
		}
	})
	use.Importance = widget.HighImportance
	fail := kbd.NewButton("Let it fail", func() { p.sess.answerHTTP(nil) })
	title := widget.NewLabelWithStyle(a.Widget+" asked for "+a.URL, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapBreak
	return container.NewVBox(
		title,
		widget.NewForm(widget.NewFormItem("Status", status), widget.NewFormItem("Content type", ctype), widget.NewFormItem("Body", body)),
		problem,
		container.NewGridWithColumns(2, fail, use),
	)
}

package simulator

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

const (
	useRealURL = "Real URL"
	useCanned  = "Canned response"
)

// cannedSetting is one HTTP widget's choice: its real URL or a canned response.
type cannedSetting struct {
	canned      bool
	status      string
	contentType string
	body        string
}

// cannedEditor lets the user answer HTTP widgets with canned responses.
type cannedEditor struct {
	cat      *schemas.Catalog
	settings map[string]*cannedSetting
	widgets  map[string]string // HTTP widget name → its URL template
	pick     *kbd.Select
	url      *widget.Label
	mode     *kbd.Radio
	status   *kbd.Entry
	ctype    *kbd.Entry
	body     *kbd.Entry
	problem  *widget.Label
	form     *fyne.Container
	content  fyne.CanvasObject
	loading  bool // true while the fields show a setting, so their change hooks keep still
}

func newCannedEditor(f *model.Flow, cat *schemas.Catalog) *cannedEditor {
	e := &cannedEditor{cat: cat, settings: map[string]*cannedSetting{}}
	e.pick = kbd.NewSelect(nil, func(string) { e.load() })
	e.pick.PlaceHolder = "HTTP widget…"
	e.url = widget.NewLabel("")
	e.url.Wrapping = fyne.TextWrapBreak
	e.mode = kbd.NewRadio([]string{useRealURL, useCanned}, func(string) { e.store() })
	e.mode.Horizontal = true
	e.status = kbd.NewEntry()
	e.status.OnChanged = func(string) { e.store() }
	e.ctype = kbd.NewEntry()
	e.ctype.OnChanged = func(string) { e.store() }
	e.body = kbd.NewMultiLineEntry()
	e.body.SetMinRowsVisible(6)
	e.body.OnChanged = func(string) { e.store() }
	e.problem = widget.NewLabel("")
	e.problem.Importance = widget.DangerImportance
	e.form = container.NewVBox(
		e.url, e.mode,
		widget.NewForm(widget.NewFormItem("Status", e.status), widget.NewFormItem("Content type", e.ctype)),
		widget.NewLabel("Body"), e.body, e.problem,
		widget.NewLabel("Changes apply to the next run."),
	)
	e.content = container.NewVScroll(container.NewVBox(e.pick, e.form))
	e.setFlow(f)
	return e
}

// setFlow lists the flow's HTTP widgets, keeping the settings of those still there.
func (e *cannedEditor) setFlow(f *model.Flow) {
	e.widgets = map[string]string{}
	var names []string
	for _, st := range f.States() {
		if widgetType(e.cat, st.Type()).CallsHTTP() {
			names = append(names, st.Name())
			e.widgets[st.Name()] = st.StringProperty("url")
		}
	}
	e.pick.SetOptions(names)
	if len(names) == 0 {
		e.pick.PlaceHolder = "(the flow has no HTTP widgets)"
		e.form.Hide()
		return
	}
	e.form.Show()
	if _, ok := e.widgets[e.pick.Selected]; !ok {
		e.pick.SetSelected(names[0])
	}
}

func (e *cannedEditor) setting(name string) *cannedSetting {
	s, ok := e.settings[name]
	if !ok {
		s = &cannedSetting{status: "200", contentType: "application/json", body: "{}"}
		e.settings[name] = s
	}
	return s
}

// load shows the picked widget's setting.
func (e *cannedEditor) load() {
	name := e.pick.Selected
	if name == "" {
		return
	}
	s := e.setting(name)
	e.loading = true
	e.url.SetText("URL: " + e.widgets[name])
	if s.canned {
		e.mode.SetSelected(useCanned)
	} else {
		e.mode.SetSelected(useRealURL)
	}
	e.status.SetText(s.status)
	e.ctype.SetText(s.contentType)
	e.body.SetText(s.body)
	e.loading = false
	e.enableFields(s.canned)
}

// store keeps what the fields say for the picked widget.
func (e *cannedEditor) store() {
	if e.loading || e.pick.Selected == "" {
		return
	}
	s := e.setting(e.pick.Selected)
	s.canned = e.mode.Selected == useCanned
	s.status, s.contentType, s.body = e.status.Text, e.ctype.Text, e.body.Text
	e.enableFields(s.canned)
	if _, err := parseStatus(s.status); err != nil && s.canned {
		e.problem.SetText(err.Error())
	} else {
		e.problem.SetText("")
	}
}

func (e *cannedEditor) enableFields(on bool) {
	for _, w := range []*kbd.Entry{e.status, e.ctype, e.body} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

func parseStatus(text string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 100 || n > 599 {
		return 0, fmt.Errorf("status %q is not an HTTP status (100–599)", text)
	}
	return n, nil
}

// responses are the canned answers of the widgets set to canned (a bad
// status is sent as 200, the problem shown beside the field).
func (e *cannedEditor) responses() map[string]engine.CannedResponse {
	out := map[string]engine.CannedResponse{}
	for name, s := range e.settings {
		if _, still := e.widgets[name]; !still || !s.canned {
			continue
		}
		status, err := parseStatus(s.status)
		if err != nil {
			status = 200
		}
		out[name] = engine.CannedResponse{Status: status, ContentType: s.contentType, Body: s.body}
	}
	return out
}

// reveal shows widget name's setting in the HTTP tab.
func (e *cannedEditor) reveal(name string) {
	if _, ok := e.widgets[name]; ok && e.pick.Selected != name {
		e.pick.SetSelected(name)
	}
}

// setCanned sets a widget's canned response from code (tests, a saved session).
func (e *cannedEditor) setCanned(name string, status int, contentType, body string) {
	s := e.setting(name)
	s.canned, s.status, s.contentType, s.body = true, strconv.Itoa(status), contentType, body
	if e.pick.Selected == name {
		e.load()
	}
}

package simulator

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// triggerOrder lists the trigger events the form offers, a call first.
var triggerOrder = []string{engine.TriggerCall, engine.TriggerMessage, engine.TriggerConversation, engine.TriggerRequest, engine.TriggerParent}

// triggerLabel is the trigger event as Studio's trigger widget names its
// port (the catalog's label), or the event itself when it is not one.
func triggerLabel(event string) string { return schemas.EntryLabel(event) }

// startsMessaging reports whether a run started by the trigger event
// converses by message (a message or a conversation: the catalog's
// channel for the event), so it starts with the contact's text.
func startsMessaging(event string) bool {
	return schemas.EntryChannel(event) == schemas.MessagingChannel
}

// triggerEvent is the trigger event the form offers under label ("" for none).
func triggerEvent(label string) string {
	for _, e := range triggerOrder {
		if triggerLabel(e) == label {
			return e
		}
	}
	return ""
}

// startForm picks the trigger, the addresses and the parameters of a new run.
type startForm struct {
	pick     *kbd.Select
	contact  *kbd.Entry
	flowAddr *kbd.Entry
	body     *kbd.Entry
	params   *kbd.Entry
	paramRow *fyne.Container
	bodyRow  *fyne.Container
	problem  *widget.Label
	startBtn *kbd.Button
	// envPick picks the environment substituted into the flow's ${NAME}
	// placeholders; envRow is hidden when the flow has none beside it.
	envPick *kbd.Select
	envRow  *fyne.Container
	envs    []environments.Choice
	// details are the rows below the trigger (addresses, environment,
	// message, parameters), folded while the run on show is live: they
	// only set up the next run, and the contact's view needs the room.
	details *fyne.Container
	content fyne.CanvasObject
	onStart func(engine.Trigger)
	// onPick, when set, hears the trigger event picked.
	onPick func(event string)
	// onEnv, when set, hears the environment picked.
	onEnv func()
}

// noEnvironment is the picker's choice of running the flow as written.
const noEnvironment = "(none: placeholders as written)"

// setEnvironments offers envs in the picker (hidden when there are none),
// keeping the choice when it is still offered.
func (sf *startForm) setEnvironments(envs []environments.Choice) {
	sf.envs = envs
	if len(envs) == 0 {
		sf.envPick.ClearSelected()
		sf.envRow.Hide()
		return
	}
	options := []string{noEnvironment}
	for _, c := range envs {
		options = append(options, c.Name)
	}
	kept := sf.envPick.Selected
	sf.envPick.SetOptions(options)
	if !slices.Contains(options, kept) {
		kept = noEnvironment
	}
	sf.envPick.SetSelected(kept)
	sf.envRow.Show()
}

// environment returns the picked environment's values, nil for none.
func (sf *startForm) environment() (*environments.Values, error) {
	for _, c := range sf.envs {
		if c.Name == sf.envPick.Selected {
			return environments.Load(c.Path)
		}
	}
	return nil, nil
}

func newStartForm(f *model.Flow, onStart func(engine.Trigger)) *startForm {
	sf := &startForm{onStart: onStart}
	labels := make([]string, len(triggerOrder))
	for i, e := range triggerOrder {
		labels[i] = triggerLabel(e)
	}
	sf.pick = kbd.NewSelect(labels, func(string) { sf.refresh() })
	sf.contact = kbd.NewEntry()
	sf.contact.SetText(engine.DefaultContactAddress)
	sf.flowAddr = kbd.NewEntry()
	sf.flowAddr.SetText(engine.DefaultFlowAddress)
	sf.body = kbd.NewEntry()
	sf.body.SetPlaceHolder("first message (Hi)")
	sf.params = kbd.NewMultiLineEntry()
	sf.params.SetPlaceHolder(`Parameters JSON, e.g. {"name": "Ada"}`)
	sf.params.SetMinRowsVisible(2)
	sf.problem = widget.NewLabel("")
	sf.problem.Importance = widget.DangerImportance
	sf.problem.Hide()
	sf.startBtn = kbd.NewButtonWithIcon("Start", theme.MediaPlayIcon(), sf.submit)
	sf.startBtn.Importance = widget.HighImportance
	sf.envPick = kbd.NewSelect(nil, func(string) {
		if sf.onEnv != nil {
			sf.onEnv()
		}
	})
	sf.envRow = container.NewBorder(nil, nil, widget.NewLabel("Environment"), nil, sf.envPick)
	sf.envRow.Hide()
	sf.paramRow = container.NewBorder(nil, nil, widget.NewLabel("Parameters"), nil, sf.params)
	sf.bodyRow = container.NewBorder(nil, nil, widget.NewLabel("Message"), nil, sf.body)
	// One row each, so a narrow panel still shows the whole numbers.
	addresses := container.New(layout.NewFormLayout(),
		widget.NewLabel("Contact"), sf.contact,
		widget.NewLabel("Flow"), sf.flowAddr,
	)
	sf.details = container.NewVBox(addresses, sf.envRow, sf.bodyRow, sf.paramRow)
	sf.content = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Trigger"), sf.startBtn, sf.pick),
		sf.details, sf.problem,
	)
	sf.setFlow(f)
	return sf
}

// setLive folds the details while the run on show is live and unfolds
// them once it ends (or with no run).
func (sf *startForm) setLive(live bool) {
	if live == !sf.details.Visible() {
		return
	}
	if live {
		sf.details.Hide()
	} else {
		sf.details.Show()
	}
}

// setFlow picks the first trigger the flow wires, when none is chosen yet.
func (sf *startForm) setFlow(f *model.Flow) {
	if sf.pick.Selected != "" {
		return
	}
	event := engine.TriggerCall
	if wired := engine.WiredTriggers(f); len(wired) > 0 && slices.Contains(triggerOrder, wired[0]) {
		event = wired[0]
	}
	sf.pick.SetSelected(triggerLabel(event))
}

func (sf *startForm) event() string { return triggerEvent(sf.pick.Selected) }

func (sf *startForm) refresh() {
	if sf.onPick != nil {
		sf.onPick(sf.event())
	}
	switch sf.event() {
	case engine.TriggerRequest, engine.TriggerParent:
		sf.paramRow.Show()
	default:
		sf.paramRow.Hide()
	}
	if startsMessaging(sf.event()) {
		sf.bodyRow.Show()
	} else {
		sf.bodyRow.Hide()
	}
}

// trigger builds the trigger from the form, with Twilio's From and To: for
// REST the contact is To.
func (sf *startForm) trigger() engine.Trigger {
	t := engine.Trigger{Event: sf.event(), From: strings.TrimSpace(sf.contact.Text), To: strings.TrimSpace(sf.flowAddr.Text)}
	if t.Event == engine.TriggerRequest {
		t.From, t.To = t.To, t.From
	}
	if startsMessaging(t.Event) {
		t.Body = sf.body.Text
		if t.Body == "" {
			t.Body = "Hi"
		}
	}
	return t
}

// parameters reads the Parameters JSON (an object; empty means none).
func (sf *startForm) parameters() (map[string]any, error) {
	text := strings.TrimSpace(sf.params.Text)
	if text == "" {
		return nil, nil
	}
	m, err := engine.ParseParameters(text)
	if err != nil {
		return nil, fmt.Errorf("parameters must be a JSON object like {\"name\": \"Ada\"}: %w", err)
	}
	return m, nil
}

func (sf *startForm) submit() {
	if sf.event() == "" {
		sf.showProblem("Pick a trigger first.")
		return
	}
	t := sf.trigger()
	if t.Event == engine.TriggerRequest || t.Event == engine.TriggerParent {
		params, err := sf.parameters()
		if err != nil {
			sf.showProblem(err.Error())
			return
		}
		t.Parameters = params
	}
	sf.problem.Hide()
	sf.onStart(t)
}

func (sf *startForm) showProblem(msg string) {
	sf.problem.SetText(msg)
	sf.problem.Show()
}

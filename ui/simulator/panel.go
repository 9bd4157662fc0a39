package simulator

import (
	"fmt"
	"image/color"
	"net/http"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Panel is the Simulator: it runs the flow on screen as a caller or a
// texter would meet it, and shows what happens inside. Use it from the UI
// goroutine; engine work happens on a worker goroutine of its own.
type Panel struct {
	// OnSelectWidget, when set, hears the widget of a step picked in the step log.
	OnSelectWidget func(name string)
	// OnHover, when set, shows text in a tooltip by the object at (a step
	// the table cuts, under the pointer); text "" hides it.
	OnHover func(text string, at fyne.CanvasObject)
	// SubflowDir, when set, is where run-subflow widgets find their flows
	// (FW….json files), as `studioflow test` looks for them.
	SubflowDir string
	// FlowSID, when set, gives the SID the flow runs under (flow.flow_sid):
	// the workspace flow's own. Empty or unset, a run gets a random FW… SID.
	FlowSID func() string
	// Prefs, when set, remember the folder tests are saved in.
	Prefs fyne.Preferences

	doc  *model.Document
	cat  *schemas.Catalog
	hl   Highlighter
	win  fyne.Window
	sess *session

	runs  []*runView
	shown *runView
	// post runs the worker's updates and the call timer's ticks on the UI
	// goroutine.
	post uiloop.Poster
	// tick is how often the call timer repaints; zero turns it off (tests).
	tick time.Duration
	// transport makes the runs' real requests (nil: the default; tests
	// give one that fails as an offline machine does).
	transport  http.RoundTripper
	ticking    bool
	unsubcribe func()

	start    *startForm
	phone    *phoneView
	sms      *smsView
	steps    *stepLog
	canned   *cannedEditor
	outcomes *fyne.Container
	bpList   *widget.Label
	bpPick   *kbd.Select

	runPick    *kbd.Select
	status     *widget.Label
	stepBtn    *kbd.Button
	contBtn    *kbd.Button
	ffBtn      *kbd.Button
	stopBtn    *kbd.Button
	saveBtn    *kbd.Button
	virtual    *kbd.Check
	tabs       *container.AppTabs
	contactTab *container.TabItem // the phone for calls, the thread for messages
	content    fyne.CanvasObject
}

// runView is the UI's copy of one run, built from the session's updates.
type runView struct {
	id        int
	trigger   engine.Trigger
	flow      *model.Flow
	render    renderFunc
	started   time.Time
	endedAt   time.Time
	entries   []entry
	steps     []*engine.Step
	execution string
	state     runState
	lastErr   string
	note      string // what the simulator did on the person's behalf (a canned answer)
}

// NewPanel returns a simulator for doc. hl may be nil when there is no
// canvas. A nil cat is the engine's default catalog (engine.CatalogOrDefault),
// so the panel reads the widget types the runs it starts do. post runs the
// updates of the panel's goroutines on the UI goroutine (nil: Fyne's,
// uiloop.Fyne; tests give a uiloop.Queue).
func NewPanel(doc *model.Document, cat *schemas.Catalog, hl Highlighter, win fyne.Window, post uiloop.Poster) *Panel {
	// An embedded catalog that does not load leaves cat nil: every run
	// then fails to start and the panel shows the engine's reason.
	cat, _ = engine.CatalogOrDefault(cat)
	p := &Panel{doc: doc, cat: cat, hl: hl, win: win, tick: time.Second, post: uiloop.Or(post)}
	p.sess = newSession(func(u update) { p.post.Post(func() { p.apply(u) }) })
	p.build()
	p.unsubcribe = doc.Subscribe(func(model.Change) { p.flowChanged() })
	return p
}

// WaitIdle returns once the engine has nothing left to do (the run waits on
// the contact, is held at a breakpoint, or ended) and its updates have been
// posted to the UI goroutine. A test that starts a run waits here, then
// runs its poster's queue, before it reads the window.
func (p *Panel) WaitIdle() { p.sess.waitIdle() }

// Content is the panel's widget tree, to mount beside the canvas.
func (p *Panel) Content() fyne.CanvasObject { return p.content }

// Close stops the panel's worker (releasing a paused run) and its subscriptions.
func (p *Panel) Close() {
	p.sess.close()
	if p.unsubcribe != nil {
		p.unsubcribe()
	}
	p.ticking = false
}

// ToggleBreakpoint adds a breakpoint before widget, or removes it.
func (p *Panel) ToggleBreakpoint(widget string) {
	on := !slices.Contains(p.sess.breakpointList(), widget)
	p.sess.setBreakpoint(widget, on)
	p.refreshBreakpoints()
	p.highlight()
}

// Breakpoints lists the widgets with a breakpoint, sorted.
func (p *Panel) Breakpoints() []string { return p.sess.breakpointList() }

// OnRunEnded sets fn to hear every execution the panel runs once it has
// ended (the desktop app records them in the workspace). fn runs off the UI
// goroutine, on the simulator's worker, and must not touch widgets.
func (p *Panel) OnRunEnded(fn func(x *engine.Execution)) {
	p.sess.mu.Lock()
	p.sess.onEnded = fn
	p.sess.mu.Unlock()
}

// SaveTest writes the run on show as a scenario file at path (and the flow
// as it ran beside it), for `studioflow test` to replay.
func (p *Panel) SaveTest(path string) error {
	if p.shown == nil {
		return fmt.Errorf("save as test: no run to save")
	}
	rec, ok := p.sess.recording(p.shown.id)
	if !ok {
		return fmt.Errorf("save as test: run %d was cleared", p.shown.id)
	}
	return writeTest(rec, path, p.SubflowDir)
}

func (p *Panel) build() {
	p.start = newStartForm(p.doc.Flow(), p.startRun)
	p.phone = newPhoneView(p)
	p.sms = newSMSView(p)
	p.steps = newStepLog(p)
	p.canned = newCannedEditor(p.doc.Flow(), p.cat)
	p.outcomes = container.NewVBox()
	p.status = widget.NewLabel("Pick a trigger and press Start.")
	p.status.Wrapping = fyne.TextWrapWord

	p.stopBtn = kbd.NewButtonWithIcon("Stop", theme.MediaStopIcon(), p.sess.stop)
	p.stepBtn = kbd.NewButtonWithIcon("Step", theme.MediaSkipNextIcon(), p.sess.step)
	p.contBtn = kbd.NewButtonWithIcon("Continue", theme.MediaPlayIcon(), p.sess.resumeRun)
	p.ffBtn = kbd.NewButtonWithIcon("Fast-forward", theme.MediaFastForwardIcon(), p.sess.fastForward)
	p.saveBtn = kbd.NewButtonWithIcon("Save as test", theme.DocumentSaveIcon(), p.askSaveTest)
	// On by default: a gather or a reply wait lasts until the person acts
	// or presses Fast-forward, so a first run never times out while they
	// find the keypad.
	p.virtual = kbd.NewCheck("Virtual clock", nil)
	p.virtual.SetChecked(true)
	// A run reads it when it starts: it sits with the start form's
	// details, folded while the run on show is live.
	p.start.details.Add(p.virtual)
	p.runPick = kbd.NewSelect(nil, p.pickRun)
	p.runPick.PlaceHolder = "(no runs yet)"
	clear := kbd.NewButtonWithIcon("Clear", theme.DeleteIcon(), p.clearRuns)

	p.bpPick = kbd.NewSelect(widgetNames(p.doc.Flow()), nil)
	p.bpPick.PlaceHolder = "widget…"
	p.bpList = widget.NewLabel("No breakpoints.")
	p.bpList.Wrapping = fyne.TextWrapWord
	bpToggle := kbd.NewButton("Toggle breakpoint", func() {
		if p.bpPick.Selected != "" {
			p.ToggleBreakpoint(p.bpPick.Selected)
		}
	})
	// Wrapped: the sentence's length must not set the panel's width.
	bpHelp := widget.NewLabel("The execution pauses before entering a widget with a breakpoint.")
	bpHelp.Wrapping = fyne.TextWrapWord
	breakpoints := container.NewVBox(
		bpHelp,
		container.NewBorder(nil, nil, nil, bpToggle, p.bpPick),
		p.bpList,
		container.NewHBox(p.stepBtn, p.contBtn),
	)

	// One tab for the contact: only the phone or only the thread is in it
	// (a hidden view adds nothing to its height), so a messaging run shows
	// its reply box without scrolling and no keypad.
	// The tabs carry words only: with icons the four did not fit the
	// panel's width beside a 1024×700 canvas, and Breakpoints hid behind
	// the tab strip's "…".
	p.contactTab = container.NewTabItem("Phone", container.NewStack(p.phone.content, p.sms.content))
	// The step log wants height for its table and the context below it,
	// but only while it shows: tabs are as tall as their tallest content,
	// so a fixed minimum would push the reply box below the fold again.
	stepsRoom := fynecanvas.NewRectangle(color.Transparent)
	stepsTab := container.NewTabItem("Steps", container.NewStack(stepsRoom, p.steps.content))
	p.tabs = container.NewAppTabs(
		p.contactTab,
		stepsTab,
		container.NewTabItem("HTTP", p.canned.content),
		container.NewTabItem("Breakpoints", container.NewVScroll(breakpoints)),
	)
	controls := container.NewVBox(
		p.start.content,
		container.NewBorder(nil, nil, widget.NewLabel("Run"), container.NewHBox(clear), p.runPick),
		// One row of run buttons, so the phone below keeps its keypad in
		// view at 1024×700.
		container.NewHBox(p.stopBtn, p.ffBtn, p.saveBtn),
		p.status,
		p.outcomes,
	)
	p.tabs.OnSelected = func(ti *container.TabItem) {
		if ti == stepsTab {
			stepsRoom.SetMinSize(fyne.NewSize(0, stepsHeight))
		} else {
			stepsRoom.SetMinSize(fyne.Size{})
			p.steps.hover(-1, nil) // no MouseOut comes when the keys switch tabs
		}
	}
	p.content = container.NewBorder(controls, nil, nil, nil, p.tabs)
	p.start.onPick = p.showContactFor
	p.showContactFor(p.start.event())
	p.refreshControls()
}

// stepsHeight is the Steps tab's height while it shows: the table of a
// typical run's steps above the context of the one picked.
const stepsHeight = 480

// showContactFor shows the contact's side of a run started by event: the
// phone for a call, the message thread otherwise (a REST or subflow start
// of a flow that places calls shows the phone).
func (p *Panel) showContactFor(event string) {
	phone := event == engine.TriggerCall
	if event == engine.TriggerRequest || event == engine.TriggerParent {
		phone = placesCalls(p.doc.Flow())
	}
	if phone {
		p.phone.content.Show()
		p.sms.content.Hide()
		p.contactTab.Text = "Phone"
	} else {
		p.sms.content.Show()
		p.phone.content.Hide()
		p.contactTab.Text = "Messages"
	}
	if p.tabs != nil {
		p.tabs.Refresh()
	}
}

// placesCalls reports whether the flow makes outgoing calls.
func placesCalls(f *model.Flow) bool {
	for _, st := range f.States() {
		if strings.HasPrefix(st.Type(), "make-outgoing-call") {
			return true
		}
	}
	return false
}

// startRun begins an execution of the flow as it is on screen now.
func (p *Panel) startRun(trig engine.Trigger) {
	cfg, err := p.config(trig)
	if err != nil {
		p.start.showProblem(err.Error())
		return
	}
	p.sess.start(cfg)
	p.showContactFor(trig.Event)
	p.tabs.Select(p.contactTab)
	p.focusContact(trig.Event)
}

// FocusStart puts the keyboard on the Start button (Space starts a run).
func (p *Panel) FocusStart() { p.focus(p.start.startBtn) }

// Start starts a run as the Start button does, with what the form shows.
func (p *Panel) Start() { p.start.submit() }

// focusContact moves the keyboard to where the contact acts once a run
// started by event is under way: the dial pad for a call (digits, * and #
// typed go to it), the reply box for a message; otherwise it stays put.
func (p *Panel) focusContact(event string) {
	switch {
	case event == engine.TriggerCall:
		p.focus(p.phone.keyButtons[dialKeys[0]])
	case startsMessaging(event):
		p.focus(p.sms.reply)
	}
}

func (p *Panel) focus(f fyne.Focusable) {
	if p.win != nil {
		p.win.Canvas().Focus(f)
	}
}

// config is what a run starts with: the flow as on screen, with the picked
// environment's values in its placeholders (environments.Apply, the rule
// run and serve follow too).
func (p *Panel) config(trig engine.Trigger) (startConfig, error) {
	values, err := p.start.environment()
	if err != nil {
		return startConfig{}, err
	}
	flow, err := environments.Apply(p.doc.Flow().Clone(), values)
	if err != nil {
		return startConfig{}, err
	}
	cfg := startConfig{
		Flow: flow, Trigger: trig, Canned: p.canned.responses(), Virtual: p.virtual.Checked, Catalog: p.cat,
	}
	if p.SubflowDir != "" {
		cfg.Subflows = engine.FolderResolver(p.SubflowDir)
	}
	if p.FlowSID != nil {
		cfg.FlowSID = p.FlowSID()
	}
	cfg.Transport = p.transport
	return cfg, nil
}

// sendReply is the contact texting: a reply to the active run, or a new run.
func (p *Panel) sendReply(body string) {
	trig := p.start.trigger()
	trig.Event = p.replyEvent()
	trig.Parameters = nil
	cfg, err := p.config(trig)
	if err != nil {
		p.start.showProblem(err.Error())
		return
	}
	p.sess.reply(body, cfg)
}

// replyEvent is the trigger event a message typed with no execution
// waiting starts a run from: a conversation's when the start form picks
// Conversation, else an incoming message's.
func (p *Panel) replyEvent() string {
	if p.start.trigger().Event == engine.TriggerConversation {
		return engine.TriggerConversation
	}
	return engine.TriggerMessage
}

// flowChanged follows edits: new widgets for breakpoints and canned responses.
func (p *Panel) flowChanged() {
	f := p.doc.Flow()
	p.bpPick.SetOptions(widgetNames(f))
	p.canned.setFlow(f)
	p.start.setFlow(f)
}

func widgetNames(f *model.Flow) []string {
	var names []string
	for _, st := range f.States() {
		if !st.IsTrigger() {
			names = append(names, st.Name())
		}
	}
	return names
}

func (p *Panel) askSaveTest() {
	if p.win == nil {
		return
	}
	filedialog.Save(p.win, p.Prefs, filedialog.Options{
		Title: "Save as test", Purpose: filedialog.Tests, Extensions: []string{".yaml", ".yml"}, FileName: "recorded.test.yaml",
	}, func(path string) {
		if err := p.SaveTest(path); err != nil {
			kbd.ShowError(err, p.win)
			return
		}
		p.status.SetText("Saved " + path + " — run it with `studioflow test`.")
	})
}

// keepTicking repaints the call timer each tick while a call is live.
func (p *Panel) keepTicking() {
	if p.ticking || p.tick <= 0 {
		return
	}
	p.ticking = true
	var next func()
	next = func() {
		time.AfterFunc(p.tick, func() {
			p.post.Post(func() {
				if !p.ticking {
					return
				}
				if !p.phone.tickClock(p.shown) {
					p.ticking = false
					return
				}
				next()
			})
		})
	}
	next()
}

package simulator

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// dialKeys is the phone's 12-key pad, row by row.
var dialKeys = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"}

// phoneView is the mock phone: call state, transcript, dial pad, speech and hang-up.
type phoneView struct {
	p          *Panel
	state      *spokenLabel // says the whole phone to a screen reader (describe)
	clock      *widget.Label
	keys       *widget.Label
	transcript *fyne.Container
	scroll     *container.Scroll
	speech     *kbd.Entry
	keyButtons map[string]*padKey
	hangupBtn  *kbd.Button
	content    fyne.CanvasObject
}

func newPhoneView(p *Panel) *phoneView {
	v := &phoneView{p: p, keyButtons: map[string]*padKey{}}
	v.state = newSpokenLabel("No call", v.describe)
	v.state.TextStyle = fyne.TextStyle{Bold: true}
	v.clock = widget.NewLabelWithStyle("00:00", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	v.keys = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	v.keys.Wrapping = fyne.TextWrapWord // a long widget name must not widen the panel
	v.transcript = container.NewVBox()
	v.scroll = container.NewVScroll(v.transcript)
	v.scroll.SetMinSize(fyne.NewSize(200, 90))
	pad := container.NewGridWithColumns(3)
	for _, k := range dialKeys {
		b := newPadKey(k, v.press)
		v.keyButtons[k] = b
		pad.Add(b)
	}
	v.speech = kbd.NewEntry()
	v.speech.SetPlaceHolder("say something…")
	sayBtn := kbd.NewButtonWithIcon("Say", theme.VolumeUpIcon(), v.say)
	v.speech.OnSubmitted = func(string) { v.say() }
	v.hangupBtn = kbd.NewButtonWithIcon("Hang up", theme.CancelIcon(), p.sess.hangup)
	v.hangupBtn.Importance = widget.DangerImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, v.clock, v.state),
		widget.NewSeparator(),
	)
	// The keypad stands beside the transcript, and speech and Hang up
	// share a row, so the whole phone fits beside the canvas in a
	// 1024×700 window.
	bottom := container.NewVBox(
		v.keys,
		container.NewBorder(nil, nil, nil, container.NewHBox(sayBtn, v.hangupBtn), v.speech),
	)
	v.content = container.NewBorder(top, bottom, nil, container.NewVBox(pad), keepAtEnd(v.scroll))
	return v
}

// press is the caller pressing key on the pad, by a tap or typed.
func (v *phoneView) press(key string) { v.p.sess.pressKey(key) }

// padKey is one key of the dial pad. Focused, it takes every key of the
// pad typed on the keyboard (0–9, * and #), not only its own: the keyboard
// dials as the pad does. Space presses the focused key itself.
type padKey struct {
	kbd.Button // Space or Enter presses it keeping the keyboard on it
	press      func(key string)
}

func newPadKey(key string, press func(string)) *padKey {
	k := &padKey{press: press}
	k.Text = key
	k.OnTapped = func() { press(key) }
	k.ExtendBaseWidget(k)
	return k
}

// TypedRune is part of fyne.Focusable: a pad key typed is pressed.
func (k *padKey) TypedRune(r rune) {
	if key := string(r); slices.Contains(dialKeys, key) {
		k.press(key)
		return
	}
	k.Button.TypedRune(r)
}

func (v *phoneView) say() {
	words := strings.TrimSpace(v.speech.Text)
	if words == "" {
		return
	}
	v.speech.SetText("")
	v.p.sess.speak(words)
}

func (v *phoneView) reset(rv *runView) {
	v.transcript.RemoveAll()
	v.refresh(rv)
}

// add puts one voice line into the transcript.
func (v *phoneView) add(e entry) {
	line, inbound := voiceLine(e)
	if line == "" {
		return
	}
	l := widget.NewLabel(line)
	l.Wrapping = fyne.TextWrapWord
	if inbound {
		l.Alignment = fyne.TextAlignTrailing
		l.Importance = widget.HighImportance
	}
	v.transcript.Add(l)
	scrollToEnd(v.scroll)
}

// note puts a remark from the simulator (not the flow, not the caller)
// into the transcript: a key nothing heard, and why.
func (v *phoneView) note(text string) {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	v.transcript.Add(l)
	scrollToEnd(v.scroll)
}

// scrollToEnd shows the last line of a scrolled list just added to: the
// content is laid out at its new height first (ScrollToBottom alone
// measures the old one, leaving the newest line out of sight).
// Laid out twice: wrapped lines know their height once they have their
// width.
func scrollToEnd(s *container.Scroll) {
	if s.Size().Width > 0 {
		for range 2 {
			s.Content.Resize(fyne.NewSize(s.Size().Width, s.Content.MinSize().Height))
		}
	}
	s.ScrollToBottom()
}

// keepAtEnd holds a transcript's scroll at its newest line when the panel
// around it changes size (a status growing a line, the start form folding),
// unless the person scrolled up to read.
func keepAtEnd(s *container.Scroll) fyne.CanvasObject {
	return container.New(&atEndLayout{s: s}, s)
}

type atEndLayout struct{ s *container.Scroll }

func (l *atEndLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	atEnd := l.s.Offset.Y >= l.s.Content.Size().Height-l.s.Size().Height-1
	changed := l.s.Size() != size
	l.s.Move(fyne.NewPos(0, 0))
	l.s.Resize(size)
	if changed && atEnd {
		scrollToEnd(l.s)
	}
}

func (l *atEndLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.s.MinSize() }

// voiceLine words a call event or a caller's action; "" for what a phone would not show.
func voiceLine(e entry) (line string, inbound bool) {
	if a := e.Action; a != nil {
		switch a.Kind {
		case engine.InputPress:
			return "You pressed " + a.Text, true
		case engine.InputSpeech:
			return "You said “" + a.Text + "”", true
		case engine.InputHangup:
			return "You hung up", true
		case engine.InputTimeout:
			return "(silence: the wait timed out)", true
		}
		return "", false
	}
	ev := e.Event
	loop := ""
	if ev.Loop > 1 {
		loop = fmt.Sprintf(" ×%d", ev.Loop)
	}
	switch ev.Kind {
	case engine.EventSay:
		return "Says: " + ev.Text + loop, false
	case engine.EventPlay:
		return "Plays: " + ev.Text + loop, false
	case engine.EventDigits:
		return "Sends digits: " + ev.Text, false
	case engine.EventDial:
		return "Dials " + ev.Text, false
	case engine.EventIgnored:
		return "(" + ev.Note + "; still listening)", false
	}
	return "", false
}

// callState words where the call stands.
func callState(rv *runView, cat *schemas.Catalog) string {
	if rv == nil || rv.trigger.Event != engine.TriggerCall {
		return "No call — start an Incoming Call"
	}
	st := rv.state
	switch {
	case st.Ended != nil:
		return "Call ended"
	case len(rv.steps) == 0:
		return "Ringing…"
	case st.Paused != "":
		return "In call (paused)"
	case st.Waiting != nil && st.Waiting.Kind == engine.WaitOutcome:
		wt := widgetType(cat, st.Waiting.Type)
		if wt.QueuesCall() {
			return "On hold / queued"
		}
		if _, dials := wt.Dials(); dials {
			return "Connecting…"
		}
	case st.Waiting != nil && st.Waiting.Kind == engine.WaitRecord:
		return "In call — recording"
	}
	return "In call"
}

func elapsed(rv *runView) string {
	if rv == nil {
		return "00:00"
	}
	end := time.Now()
	if !rv.endedAt.IsZero() {
		end = rv.endedAt
	}
	d := end.Sub(rv.started).Round(time.Second)
	return fmt.Sprintf("%02d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// refresh shows the call state and what the pad is collecting.
func (v *phoneView) refresh(rv *runView) {
	v.state.SetText(callState(rv, v.p.cat))
	v.clock.SetText(elapsed(rv))
	v.keys.SetText(gatherHint(rv))
	live := rv != nil && rv.trigger.Event == engine.TriggerCall && rv.state.Ended == nil
	if live {
		v.hangupBtn.Enable()
		v.p.keepTicking()
	} else {
		v.hangupBtn.Disable()
	}
}

// tickClock repaints the timer; it reports whether the call is still live.
func (v *phoneView) tickClock(rv *runView) bool {
	v.clock.SetText(elapsed(rv))
	return rv != nil && rv.trigger.Event == engine.TriggerCall && rv.state.Ended == nil
}

func gatherHint(rv *runView) string {
	if rv == nil || rv.state.Waiting == nil {
		return ""
	}
	w := rv.state.Waiting
	switch w.Kind {
	case engine.WaitGather:
		var rules []string
		if w.FinishOnKey != "" {
			rules = append(rules, "ends with "+w.FinishOnKey)
		}
		switch {
		case w.NumberDigits == 1:
			rules = append(rules, "1 digit")
		case w.NumberDigits > 1:
			rules = append(rules, fmt.Sprintf("%d digits", w.NumberDigits))
		}
		hint := "Listening at " + rv.state.At
		if len(rules) > 0 {
			hint += " (" + strings.Join(rules, ", ") + ")"
		}
		return hint + ": " + rv.state.Keys + "_"
	case engine.WaitRecord:
		return "Recording at " + rv.state.At + ": say something or press keys"
	}
	return ""
}

package simulator

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Bubble colours: the flow's messages grey on the left, the contact's blue on the right.
var (
	flowBubble    = color.NRGBA{R: 0x8a, G: 0x8f, B: 0x98, A: 0x40}
	contactBubble = color.NRGBA{R: 0x1f, G: 0x6f, B: 0xeb, A: 0x55}
)

// smsView is the message thread between the flow and the contact.
type smsView struct {
	p       *Panel
	thread  *fyne.Container
	scroll  *container.Scroll
	reply   *kbd.Entry
	sendBtn *kbd.Button
	noReply *kbd.Button
	hint    *widget.Label
	content fyne.CanvasObject
}

func newSMSView(p *Panel) *smsView {
	v := &smsView{p: p}
	v.thread = container.NewVBox()
	v.scroll = container.NewVScroll(v.thread)
	v.scroll.SetMinSize(fyne.NewSize(200, 90))
	v.reply = kbd.NewEntry()
	v.reply.SetPlaceHolder("text the flow…")
	v.reply.OnSubmitted = func(string) { v.send() }
	v.sendBtn = kbd.NewButtonWithIcon("Send", theme.MailSendIcon(), v.send)
	v.noReply = kbd.NewButtonWithIcon("No reply", nil, p.sess.noReply)
	v.hint = widget.NewLabel("")
	v.hint.Wrapping = fyne.TextWrapWord
	bottom := container.NewVBox(v.hint, container.NewBorder(nil, nil, nil, container.NewHBox(v.sendBtn, v.noReply), v.reply))
	v.content = container.NewBorder(nil, bottom, nil, nil, keepAtEnd(v.scroll))
	return v
}

func (v *smsView) send() {
	body := v.reply.Text
	if strings.TrimSpace(body) == "" {
		return
	}
	v.reply.SetText("")
	v.p.sendReply(body)
}

func (v *smsView) reset(rv *runView) {
	v.thread.RemoveAll()
	if rv != nil && startsMessaging(rv.trigger.Event) {
		v.bubble(rv.trigger.Body, "", true)
	}
	v.refresh(rv)
}

// add shows a message the flow sent or the contact's reply.
func (v *smsView) add(e entry) {
	switch {
	case e.Event != nil && e.Event.Kind == engine.EventSend:
		v.bubble(e.Event.Text, mediaOf(v.p.shown, e.Event), false)
	case e.Action != nil && e.Action.Kind == engine.InputMessage:
		v.bubble(e.Action.Text, "", true)
	case e.Action != nil && e.Action.Kind == engine.InputTimeout && v.p.shown != nil && v.p.shown.trigger.Event != engine.TriggerCall:
		l := widget.NewLabelWithStyle("(no reply: the wait timed out)", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
		v.thread.Add(l)
	}
}

// mediaOf finds the media URL of a sent message in the widget's outputs.
func mediaOf(rv *runView, ev *engine.Event) string {
	if rv == nil {
		return ""
	}
	for i := len(rv.steps) - 1; i >= 0; i-- {
		s := rv.steps[i]
		if s.TransitionedFrom == ev.Widget {
			if url, ok := lookupPath(s.Context, "widgets", ev.Widget, "outbound", "MediaUrl").(string); ok {
				return url
			}
			return ""
		}
	}
	if flow := rv.flow; flow != nil {
		if st := flow.State(ev.Widget); st != nil {
			return st.StringProperty("media_url")
		}
	}
	return ""
}

func (v *smsView) bubble(body, media string, fromContact bool) {
	text := body
	if media != "" {
		text += "\n[media] " + media
	}
	l := newSpokenLabel(text, func() string { return bubbleSpeech(text, fromContact) })
	l.Wrapping = fyne.TextWrapWord
	bg := fynecanvas.NewRectangle(flowBubble)
	if fromContact {
		bg.FillColor = contactBubble
	}
	bg.CornerRadius = 10
	b := container.NewStack(bg, l)
	// Bubbles take about three quarters of the width, on the sender's side.
	v.thread.Add(container.New(&bubbleLayout{right: fromContact}, b))
	scrollToEnd(v.scroll)
}

// bubbleLayout gives its one child 75% of the width, against one side.
type bubbleLayout struct{ right bool }

func (l *bubbleLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := size.Width * 0.75
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		x := float32(0)
		if l.right {
			x = size.Width - w
		}
		o.Move(fyne.NewPos(x, 0))
	}
}

func (l *bubbleLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (v *smsView) refresh(rv *runView) {
	switch {
	case rv == nil || rv.state.Ended != nil:
		v.hint.SetText("No active execution: a message starts a new one from " + triggerLabel(v.p.replyEvent()) + ".")
		v.noReply.Disable()
	case rv.state.Waiting != nil && rv.state.Waiting.Kind == engine.WaitReply:
		v.hint.SetText("Waiting for a reply at " + rv.state.At + ".")
		v.noReply.Enable()
	default:
		v.hint.SetText("")
		v.noReply.Disable()
	}
}

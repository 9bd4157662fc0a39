package engine

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestGatherInputs(t *testing.T) {
	tests := []struct {
		name     string
		props    string
		in       Input
		event    string
		key      string
		want     any
		nextPath string
	}{
		{"finish key is not a digit", `{"say":"Press"}`, Input{Kind: InputPress, Text: "123#"}, "keypress", "Digits", "123", ""},
		{"keys after the finish key are dropped", `{}`, Input{Kind: InputPress, Text: "12#45"}, "keypress", "Digits", "12", ""},
		{"number_of_digits submits early", `{"number_of_digits":1}`, Input{Kind: InputPress, Text: "42"}, "keypress", "Digits", "4", ""},
		{"custom finish key", `{"finish_on_key":"*"}`, Input{Kind: InputPress, Text: "9#*"}, "keypress", "Digits", "9#", ""},
		{"no finish key", `{"finish_on_key":""}`, Input{Kind: InputPress, Text: "9#"}, "keypress", "Digits", "9#", ""},
		{"silence times out", `{"timeout":7}`, Input{Kind: InputTimeout}, "timeout", "", nil, ""},
		{"hangup", `{}`, Input{Kind: InputHangup}, "hangup", "CallStatus", "completed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFlow(t,
				trigger("incomingCall>g"),
				widget("g", "gather-input-on-call", tt.props, "keypress>,speech>,timeout>,hangup>"),
			)
			rt, _ := testRuntime(Config{})
			x, evs := start(t, rt, f, Trigger{Event: TriggerCall, From: "+15551234567"}, StartOptions{})
			if x.Waiting == nil || x.Waiting.Kind != WaitGather || x.At() != "g" {
				t.Fatalf("not waiting at the gather: %+v", x.Waiting)
			}
			if evs[len(evs)-1].Kind != EventWait {
				t.Fatalf("last event = %+v, want a wait", evs[len(evs)-1])
			}
			resume(t, rt, x, tt.in)
			if got := x.Steps[len(x.Steps)-1].Name; got != tt.event {
				t.Fatalf("event = %s, want %s", got, tt.event)
			}
			if tt.key != "" {
				if got := widgetOutput(x, "g", tt.key); got != tt.want {
					t.Fatalf("widgets.g.%s = %#v, want %#v", tt.key, got, tt.want)
				}
				if got := widgetOutput(x, "g", "CallSid"); got != lookup(x.Context(), "trigger", "call", "CallSid") {
					t.Errorf("gather outputs lack the call's CallSid: %v", got)
				}
			}
			wantEnded(t, x, EndCompleted, "ended at g")
		})
	}
}

func TestGatherTimeoutFollowsTheWidgetsTimeout(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>g"), widget("g", "gather-input-on-call", `{"timeout":7}`, "timeout>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{})
	if x.Waiting.Timeout != 7*time.Second || !x.Waiting.Deadline.Equal(testStart.Add(7*time.Second)) {
		t.Fatalf("wait = %+v", x.Waiting)
	}
}

func TestSayPlayAndDigits(t *testing.T) {
	f := testFlow(t,
		trigger("incomingCall>greet"),
		widget("greet", "say-play", `{"say":"Hello {{trigger.call.From}}","loop":2,"voice":"alice","language":"en-US"}`, "audioComplete>music"),
		widget("music", "say-play", `{"play":"https://example.com/{{flow.channel.address}}.mp3"}`, "audioComplete>tones"),
		widget("tones", "say-play", `{"digits":"1w2"}`, "audioComplete>"),
	)
	rt, _ := testRuntime(Config{})
	x, evs := start(t, rt, f, Trigger{Event: TriggerCall, From: "+1222", To: "+1333"}, StartOptions{})
	var got []Event
	for _, e := range evs {
		if e.Kind == EventSay || e.Kind == EventPlay || e.Kind == EventDigits {
			got = append(got, e)
		}
	}
	if len(got) != 3 || got[0].Text != "Hello +1222" || got[0].Loop != 2 || got[0].Voice != "alice" ||
		got[1].Text != "https://example.com/+1333.mp3" || got[2].Text != "1w2" {
		t.Fatalf("voice events = %+v", got)
	}
	if len(x.Transcript) != 3 || x.Transcript[0].Kind != "say" || x.Transcript[1].Kind != "play" || x.Transcript[2].Kind != "digits" {
		t.Fatalf("transcript = %+v", x.Transcript)
	}
	if path(x) != "Trigger:incomingCall>greet greet:audioComplete>music music:audioComplete>tones tones:audioComplete>Ended" {
		t.Fatalf("steps = %s", path(x))
	}
}

func TestHangupStopsAtTheNextVoiceWidget(t *testing.T) {
	f := testFlow(t,
		trigger("incomingCall>g"),
		widget("g", "gather-input-on-call", `{}`, "hangup>note"),
		widget("note", "set-variables", `{"variables":[{"key":"hung","value":"yes"}]}`, "next>bye"),
		widget("bye", "say-play", `{"say":"Bye"}`, "audioComplete>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{})
	resume(t, rt, x, Input{Kind: InputHangup})
	wantEnded(t, x, EndCompleted, "hung up")
	if x.Variables()["hung"] != "yes" {
		t.Fatalf("widgets after a hangup should still run: %v", x.Variables())
	}
}

func TestRecordVoicemail(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>rec"), widget("rec", "record-voicemail", `{"transcribe":true,"timeout":5}`, "recordingComplete>,noAudio>,hangup>"))
	for _, tt := range []struct {
		in    Input
		event string
	}{{Input{Kind: InputSpeech, Text: "call me back"}, "recordingComplete"}, {Input{Kind: InputTimeout}, "noAudio"}, {Input{Kind: InputHangup}, "hangup"}} {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{})
		if x.Waiting == nil || x.Waiting.Kind != WaitRecord {
			t.Fatalf("not recording: %+v", x.Waiting)
		}
		resume(t, rt, x, tt.in)
		if got := x.Steps[len(x.Steps)-1].Name; got != tt.event {
			t.Fatalf("%v: event %s, want %s", tt.in.Kind, got, tt.event)
		}
		if tt.event == "recordingComplete" {
			if widgetOutput(x, "rec", "TranscriptionText") != "call me back" || !sidPattern.MatchString(widgetOutput(x, "rec", "RecordingSid").(string)) {
				t.Fatalf("recording outputs = %v", widgetOutput(x, "rec"))
			}
		}
	}
}

func TestWrongInputLeavesTheExecutionWaiting(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>g"), widget("g", "gather-input-on-call", `{}`, "keypress>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{})
	if _, err := rt.Resume(x, Input{Kind: InputMessage, Text: "hi"}); err == nil {
		t.Fatal("a message was accepted by a gather")
	}
	if _, err := rt.Resume(x, Input{Kind: InputPress, Text: "12a"}); err == nil {
		t.Fatal("the key 'a' was accepted")
	}
	if x.Waiting == nil || x.At() != "g" {
		t.Fatal("a rejected input changed the execution")
	}
	resume(t, rt, x, Input{Kind: InputPress, Text: "5"})
	if _, err := rt.Resume(x, Input{Kind: InputPress, Text: "5"}); err == nil {
		t.Fatal("an ended execution accepted input")
	}
}

// "Connecting a widget to the User Said Something transition will enable
// Speech Recognition": with speech wired, words are recognised; unwired, the
// gather goes on waiting, and times out or takes keys.
func TestSpeechIsRecognisedOnlyWhenTheSpeechTransitionIsWired(t *testing.T) {
	call := Trigger{Event: TriggerCall, From: "+15551234567"}
	t.Run("wired", func(t *testing.T) {
		f := testFlow(t,
			trigger("incomingCall>g"),
			widget("g", "gather-input-on-call", `{"say":"Which department?"}`, "keypress>,speech>heard,timeout>"),
			widget("heard", "say-play", `{"say":"You said {{widgets.g.SpeechResult}}"}`, "audioComplete>"),
		)
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, call, StartOptions{})
		resume(t, rt, x, Input{Kind: InputSpeech, Text: "Sales please."})
		if got := path(x); got != "Trigger:incomingCall>g g:speech>heard heard:audioComplete>Ended" {
			t.Fatalf("steps %s", got)
		}
		if widgetOutput(x, "g", "SpeechResult") != "Sales please." || widgetOutput(x, "g", "CallStatus") != "in-progress" {
			t.Fatalf("outputs %v", widgetOutput(x, "g"))
		}
	})
	for _, tt := range []struct {
		name, then, want string
		in               Input
	}{
		{"unwired, then silence: timeout", "silence", "Trigger:incomingCall>g g:timeout>sorry sorry:audioComplete>Ended", Input{Kind: InputTimeout}},
		{"unwired, then keys: keypress", "keys", "Trigger:incomingCall>g g:keypress>Ended", Input{Kind: InputPress, Text: "2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The shape of real exports: speech listed, not connected.
			f := testFlow(t,
				trigger("incomingCall>g"),
				widget("g", "gather-input-on-call", `{"say":"Press 1 or 2","timeout":5}`, "keypress>,speech>,timeout>sorry"),
				widget("sorry", "say-play", `{"say":"No input"}`, "audioComplete>"),
			)
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, f, call, StartOptions{})
			deadline := x.Waiting.Deadline
			evs := resume(t, rt, x, Input{Kind: InputSpeech, Text: "sales"})
			if x.Ended != nil || x.At() != "g" || !x.Waiting.Deadline.Equal(deadline) || len(x.Steps) != 1 {
				t.Fatalf("after unrecognised speech: ended %+v, at %q, wait %+v, steps %s", x.Ended, x.At(), x.Waiting, path(x))
			}
			if len(evs) != 1 || evs[0].Kind != EventIgnored || evs[0].Text != "sales" || !strings.Contains(evs[0].Note, "speech transition is connected") {
				t.Fatalf("events = %+v", evs)
			}
			last := x.Transcript[len(x.Transcript)-1]
			if last.Kind != "speech" || last.Text != "sales" || !strings.Contains(last.Note, "not recognised") {
				t.Fatalf("transcript entry = %+v", last)
			}
			resume(t, rt, x, tt.in)
			if got := path(x); got != tt.want {
				t.Fatalf("steps %s, want %s", got, tt.want)
			}
			if widgetOutput(x, "g", "SpeechResult") != nil {
				t.Fatalf("unrecognised speech reached the outputs: %v", widgetOutput(x, "g"))
			}
		})
	}
}

// A Say/Play or a gather's prompt with loop: 3 is one transcript entry
// saying it repeats three times, in the --json report too.
func TestTranscriptCarriesTheLoopCount(t *testing.T) {
	f := testFlow(t,
		trigger("incomingCall>greet"),
		widget("greet", "say-play", `{"say":"Welcome","loop":3}`, "audioComplete>music"),
		widget("music", "say-play", `{"play":"https://example.com/hold.mp3"}`, "audioComplete>tones"),
		widget("tones", "say-play", `{"digits":"1w2","loop":2}`, "audioComplete>menu"),
		widget("menu", "gather-input-on-call", `{"say":"Press 1","loop":2}`, "keypress>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{})
	want := []TranscriptEntry{
		{Direction: "outbound", Kind: "say", Text: "Welcome", Widget: "greet", Loop: 3},
		{Direction: "outbound", Kind: "play", Text: "https://example.com/hold.mp3", Widget: "music", Loop: 1},
		{Direction: "outbound", Kind: "digits", Text: "1w2", Widget: "tones"},
		{Direction: "outbound", Kind: "say", Text: "Press 1", Widget: "menu", Loop: 2},
	}
	if !slices.Equal(x.Transcript, want) {
		t.Fatalf("transcript = %+v\nwant %+v", x.Transcript, want)
	}
	data, err := json.Marshal(report(x))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `{"direction":"outbound","kind":"say","text":"Welcome","widget":"greet","loop":3}`) {
		t.Fatalf("report transcript: %s", data)
	}
}

// Widgets acting on the answered call report it in progress; the trigger
// keeps the webhook's ringing, and a hangup completes the call.
func TestVoiceWidgetsReportTheAnsweredCallInProgress(t *testing.T) {
	f := testFlow(t,
		trigger("incomingCall>g"),
		widget("g", "gather-input-on-call", `{"say":"Press a key"}`, "keypress>rec"),
		widget("rec", "record-voicemail", `{}`, "recordingComplete>,hangup>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{})
	resume(t, rt, x, Input{Kind: InputPress, Text: "1"})
	if got := widgetOutput(x, "g", "CallStatus"); got != "in-progress" {
		t.Fatalf("gather CallStatus = %v", got)
	}
	if got := lookup(x.Context(), "trigger", "call", "CallStatus"); got != "ringing" {
		t.Fatalf("trigger.call.CallStatus = %v", got)
	}
	resume(t, rt, x, Input{Kind: InputHangup})
	if got := widgetOutput(x, "rec", "CallStatus"); got != "completed" {
		t.Fatalf("after a hangup CallStatus = %v", got)
	}
}

package engine

import (
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
		{"speech", `{"input":"speech"}`, Input{Kind: InputSpeech, Text: "Sales please."}, "speech", "SpeechResult", "Sales please.", ""},
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

package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

const snapSubflowSID = "FW00000000000000000000000000000042"

// sidCounter makes SIDs in sequence, so two runs that do the same things
// name them alike.
type sidCounter struct{ n int }

func (c *sidCounter) next(prefix string) string {
	c.n++
	return fmt.Sprintf("%s%032x", prefix, c.n)
}

// snapshotCase runs to a wait with before, then resumes with after.
type snapshotCase struct {
	name     string
	flow     *model.Flow
	subflows map[string]*model.Flow
	trig     Trigger
	opts     StartOptions
	before   []Input
	after    []Input
	waitKind WaitKind
}

func (c snapshotCase) runtime(sids *sidCounter) *Runtime {
	rt, _ := testRuntime(Config{
		AccountSID: "AC0123456789abcdef0123456789abcdef",
		NewSID:     sids.next,
		HTTPClient: &http.Client{Transport: offline{}},
		Subflows: func(sid string) (*model.Flow, error) {
			if f, ok := c.subflows[sid]; ok {
				return f, nil
			}
			return nil, fmt.Errorf("no flow %s", sid)
		},
	})
	return rt
}

// toWait starts the case's execution and feeds it the inputs before the snapshot.
func (c snapshotCase) toWait(t testing.TB, rt *Runtime) *Execution {
	t.Helper()
	x, _, err := rt.Start(c.flow, c.trig, c.opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range c.before {
		if _, err := rt.Resume(x, in); err != nil {
			t.Fatalf("before the snapshot, %+v: %v", in, err)
		}
	}
	if x.Waiting == nil || x.Waiting.Kind != c.waitKind {
		t.Fatalf("want a %s wait before the snapshot; waiting %+v, ended %+v, steps %s", c.waitKind, x.Waiting, x.Ended, path(x))
	}
	return x
}

func (c snapshotCase) finish(t testing.TB, rt *Runtime, x *Execution) []byte {
	t.Helper()
	var evs []Event
	for _, in := range c.after {
		more, err := rt.Resume(x, in)
		if err != nil {
			t.Fatalf("after the snapshot, %+v: %v", in, err)
		}
		evs = append(evs, more...)
	}
	out, err := json.MarshalIndent(map[string]any{"events": evs, "report": report(x)}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// report is everything an execution shows: its exported fields (the
// record, steps, transcript, wait and ending) and its context.
func report(x *Execution) map[string]any {
	return map[string]any{"execution": x, "context": x.Context()}
}

func snapshotCases(t testing.TB) []snapshotCase {
	menu := testFlow(t,
		trigger("incomingCall>fn"),
		widget("fn", "run-function", `{"url":"https://example.com/fn","parameters":[{"key":"n","value":"{{widgets.fn.parsed.n}}"}]}`, "success>menu,fail>"),
		widget("menu", "gather-input-on-call", `{"say":"Press 1 to repeat, {{widgets.fn.parsed.first}}","finish_on_key":"#","number_of_digits":2,"timeout":7}`, "keypress>check,speech>,timeout>menu"),
		`{"name":"check","type":"split-based-on","properties":{"input":"{{widgets.menu.Digits}}"},"transitions":[
			{"event":"noMatch","next":"bye"},
			{"event":"match","next":"fn","conditions":[{"friendly_name":"one","arguments":["{{widgets.menu.Digits}}"],"type":"equal_to","value":"1"}]}]}`,
		widget("bye", "say-play", `{"say":"Bye {{widgets.fn.parsed.first}} {{widgets.fn.parsed.second}} {{widgets.menu.Digits}}"}`, "audioComplete>"),
	)
	fnResponses := map[string][]CannedResponse{"fn": {
		{Status: 200, ContentType: "application/json", Body: `{"first":"Ann","n":1,"ratio":0.5}`},
		{Status: 200, ContentType: "application/json", Body: `{"second":"Bo","n":2}`},
	}}

	voicemail := testFlow(t,
		trigger("incomingCall>greet"),
		widget("greet", "say-play", `{"say":"Leave a message"}`, "audioComplete>rec"),
		widget("rec", "record-voicemail", `{"timeout":10,"finish_on_key":"#","transcribe":true}`, "recordingComplete>thanks,noAudio>,hangup>"),
		widget("thanks", "say-play", `{"say":"Got {{widgets.rec.RecordingDuration}}s: {{widgets.rec.TranscriptionText}}"}`, "audioComplete>"),
	)

	hungUp := testFlow(t,
		trigger("incomingCall>connect,incomingRequest>count"),
		widget("count", "set-variables", `{"variables":[{"key":"count","value":"{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}"}]}`, "next>ask"),
		widget("connect", "connect-call-to", `{"to":"+15550001111"}`, "callCompleted>,hangup>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Sorry we lost you. {{flow.data.items[1].price}} Reply?","timeout":"3600"}`, "incomingMessage>say,timeout>"),
		widget("say", "say-play", `{"say":"You said {{widgets.ask.inbound.Body}}"}`, "audioComplete>"),
	)

	outcomes := testFlow(t,
		trigger("incomingRequest>call"),
		widget("call", "make-outgoing-call-v2", `{"to":"{{contact.channel.address}}"}`, "answered>flex,busy>,noAnswer>,failed>"),
		widget("flex", "send-to-flex", `{"attributes":"{\"n\":{{flow.data.n}}}"}`, "callComplete>profile,failedToEnqueue>,callFailure>"),
		widget("profile", "look-up-profile", `{}`, "profileFound>,noProfileFound>menu"),
		widget("menu", "gather-input-on-call", `{"say":"Hello {{widgets.profile.name}}"}`, "keypress>,timeout>"),
	)

	parent := testFlow(t,
		trigger("incomingMessage>before"),
		widget("before", "send-message", `{"body":"Starting"}`, "sent>sub,failed>"),
		widget("sub", "run-subflow", `{"flow_sid":"`+snapSubflowSID+`","parameters":[{"key":"who","value":"{{trigger.message.Body}}"}]}`, "completed>after,failed>"),
		widget("after", "send-message", `{"body":"Subflow said {{widgets.sub.answer}} ({{widgets.sub.asked}})"}`, "sent>,failed>"),
	)
	child := testFlow(t,
		trigger("incomingParent>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Hi {{trigger.parent.parameters.who}}, favourite colour?","timeout":"600"}`, "incomingMessage>keep,timeout>"),
		widget("keep", "set-variables", `{"variables":[{"key":"answer","value":"{{widgets.ask.inbound.Body | upcase}}"},{"key":"asked","value":"{{trigger.parent.parameters.who}}"}]}`, "next>"),
	)

	call := Trigger{Event: TriggerCall, From: "+15551230000", To: "+15550009999"}
	return []snapshotCase{
		{
			name: "gather", flow: menu, trig: call, opts: StartOptions{FlowSID: testFlowSID, HTTP: fnResponses},
			before:   []Input{{Kind: InputTimeout}},
			after:    []Input{{Kind: InputPress, Text: "1#"}, {Kind: InputPress, Text: "987#"}},
			waitKind: WaitGather,
		},
		{
			// Nine silences loop menu to its tenth run in a row; the
			// eleventh (after the restore) must still hit Studio's limit.
			name: "gather streak", flow: menu, trig: call, opts: StartOptions{FlowSID: testFlowSID, HTTP: fnResponses},
			before:   repeatInput(Input{Kind: InputTimeout}, MaxSameWidgetInARow-1),
			after:    []Input{{Kind: InputTimeout}},
			waitKind: WaitGather,
		},
		{
			name: "record", flow: voicemail, trig: call, opts: StartOptions{FlowSID: testFlowSID},
			after:    []Input{{Kind: InputSpeech, Text: "call me back about the order please"}},
			waitKind: WaitRecord,
		},
		{
			name: "reply after a hangup", flow: hungUp, trig: call,
			opts:     StartOptions{FlowSID: testFlowSID, Outcomes: map[string]Outcome{"connect": {Event: "hangup", Outputs: map[string]any{"Why": []string{"busy", "line"}}}}},
			after:    []Input{{Kind: InputMessage, Text: "hello again", Fields: map[string]any{"MediaUrl0": "https://example.com/a.png"}}},
			waitKind: WaitReply,
		},
		{
			name: "reply to a REST execution", flow: hungUp,
			trig: Trigger{Event: TriggerRequest, To: "+15551230000", From: "+15550009999", Parameters: map[string]any{
				"items": []any{map[string]any{"price": 1.25}, map[string]any{"price": int64(3)}}, "flag": true, "none": nil,
			}},
			opts:     StartOptions{FlowSID: testFlowSID},
			after:    []Input{{Kind: InputTimeout}},
			waitKind: WaitReply,
		},
		{
			name: "outcome", flow: outcomes,
			trig:     Trigger{Event: TriggerRequest, To: "+15551230000", Parameters: map[string]any{"n": int64(7)}},
			opts:     StartOptions{FlowSID: testFlowSID, AskOutcomes: true, Outcomes: map[string]Outcome{"call": {Event: "answered"}, "profile": {Event: "noProfileFound", Outputs: map[string]any{"name": "Zed"}}}},
			after:    []Input{{Kind: InputOutcome, Event: "callComplete", Outputs: map[string]any{"Age": "12"}}, {Kind: InputPress, Text: "42"}},
			waitKind: WaitOutcome,
		},
		{
			name: "inside a subflow", flow: parent, subflows: map[string]*model.Flow{snapSubflowSID: child},
			trig:     Trigger{Event: TriggerMessage, From: "+15551230000", Body: "Ann"},
			opts:     StartOptions{FlowSID: testFlowSID},
			after:    []Input{{Kind: InputMessage, Text: "green"}},
			waitKind: WaitReply,
		},
	}
}

// offline fails every request at once: the cases answer HTTP from canned
// responses, and a damaged snapshot must not reach the network.
type offline struct{}

func (offline) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("no network in snapshot tests")
}

func repeatInput(in Input, n int) []Input {
	out := make([]Input, n)
	for i := range out {
		out[i] = in
	}
	return out
}

// A snapshot restored into a fresh runtime resumes exactly as the execution
// would have without the interruption: same events, steps, context and
// transcript, byte for byte.
func TestRestoredExecutionResumesLikeTheUninterruptedOne(t *testing.T) {
	for _, c := range snapshotCases(t) {
		t.Run(c.name, func(t *testing.T) {
			whole := &sidCounter{}
			rtA := c.runtime(whole)
			want := c.finish(t, rtA, c.toWait(t, rtA))

			split := &sidCounter{}
			rtB := c.runtime(split)
			x := c.toWait(t, rtB)
			snap, err := x.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			resumed := &sidCounter{n: split.n} // a new runtime, generating SIDs from where the first stopped
			rtC := c.runtime(resumed)
			restored, err := rtC.Restore(c.flow, snap)
			if err != nil {
				t.Fatal(err)
			}
			again, err := restored.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, snap) {
				t.Errorf("snapshot of the restored execution differs:\n%s\nwant\n%s", again, snap)
			}
			if restored.At() != x.At() || !restored.Waiting.Deadline.Equal(x.Waiting.Deadline) {
				t.Errorf("restored waits at %s until %v, want %s until %v", restored.At(), restored.Waiting.Deadline, x.At(), x.Waiting.Deadline)
			}
			got := c.finish(t, rtC, restored)
			if !bytes.Equal(got, want) {
				t.Errorf("resumed after restore:\n%s\nwant (uninterrupted):\n%s", got, want)
			}
			if restored.Ended == nil {
				t.Errorf("the case should run to the end; waiting %+v", restored.Waiting)
			}
		})
	}
}

// The cases exercise what they claim: the state that only the snapshot
// carries changes what happens after the restore.
func TestSnapshotCasesDependOnSavedState(t *testing.T) {
	cases := map[string]snapshotCase{}
	for _, c := range snapshotCases(t) {
		cases[c.name] = c
	}
	finished := func(name string) *Execution {
		c := cases[name]
		rt := c.runtime(&sidCounter{})
		x := c.toWait(t, rt)
		snap, err := x.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		rtAfter := c.runtime(&sidCounter{n: 1000})
		restored, err := rtAfter.Restore(c.flow, snap)
		if err != nil {
			t.Fatal(err)
		}
		c.finish(t, rtAfter, restored)
		return restored
	}
	if x := finished("gather streak"); x.Ended.Kind != EndLimit {
		t.Errorf("streak: ended %+v, want Studio's same-widget limit", x.Ended)
	}
	x := finished("gather")
	if got := text(widgetOutput(x, "fn", "parsed")); got != `{"first":"Ann","n":2,"ratio":0.5,"second":"Bo"}` {
		t.Errorf("run-function merge across the restore: parsed = %s", got)
	}
	if got := x.Transcript[len(x.Transcript)-1].Text; got != "Bye Ann Bo 98" {
		t.Errorf("gather after restore said %q", got)
	}
	if x := finished("reply after a hangup"); !strings.Contains(x.Ended.Reason, "hung up") {
		t.Errorf("call-over flag lost: ended %+v", x.Ended)
	}
	x = finished("outcome")
	if got := text(widgetOutput(x, "menu", "CallSid")); !strings.HasPrefix(got, "CA") {
		t.Errorf("gather after an outgoing call lacks the call's fields: %v", widgetOutput(x, "menu"))
	}
	if got := path(x); !strings.Contains(got, "profile:noProfileFound>menu") {
		t.Errorf("preset outcome lost: %s", got)
	}
	x = finished("inside a subflow")
	if got := x.Transcript[len(x.Transcript)-1].Text; got != "Subflow said GREEN (Ann)" {
		t.Errorf("subflow result after restore: %q", got)
	}
	if got := path(x); !strings.HasSuffix(got, "ask:incomingMessage>keep keep:next>Ended sub:completed>after after:sent>Ended") {
		t.Errorf("steps after the restore: %s", got)
	}
	keep, sub := x.Steps[len(x.Steps)-3], x.Steps[len(x.Steps)-2]
	if keep.ParentStepSID == nil || *keep.ParentStepSID != sub.SID {
		t.Errorf("the subflow's step does not name the run-subflow step %s as its parent: %v", sub.SID, keep.ParentStepSID)
	}
}

func TestRestoreRefusesAnotherFlow(t *testing.T) {
	cases := snapshotCases(t)
	c := cases[0]
	x := c.toWait(t, c.runtime(&sidCounter{}))
	snap, err := x.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	edited := c.flow.Clone()
	edited.State("bye").Properties().Set("say", "Goodbye")
	_, err = c.runtime(&sidCounter{}).Restore(edited, snap)
	if !errors.Is(err, ErrSnapshotFlow) || !strings.Contains(err.Error(), x.SID) {
		t.Fatalf("restore on an edited flow: %v", err)
	}

	sub := cases[len(cases)-1]
	x = sub.toWait(t, sub.runtime(&sidCounter{}))
	if snap, err = x.Snapshot(); err != nil {
		t.Fatal(err)
	}
	changed := sub.subflows[snapSubflowSID].Clone()
	changed.State("ask").Properties().Set("body", "Colour?")
	sub.subflows = map[string]*model.Flow{snapSubflowSID: changed}
	if _, err := sub.runtime(&sidCounter{}).Restore(sub.flow, snap); !errors.Is(err, ErrSnapshotFlow) || !strings.Contains(err.Error(), snapSubflowSID) {
		t.Fatalf("restore with an edited subflow: %v", err)
	}
	sub.subflows = nil
	if _, err := sub.runtime(&sidCounter{}).Restore(sub.flow, snap); err == nil || !strings.Contains(err.Error(), "find subflow") {
		t.Fatalf("restore with the subflow gone: %v", err)
	}
	if _, err := x.child.Snapshot(); err == nil {
		t.Fatal("a subflow's own snapshot was taken")
	}
}

// Damaged snapshots are refused with a message naming what is wrong.
func TestRestoreRefusesDamagedSnapshots(t *testing.T) {
	c := snapshotCases(t)[0]
	x := c.toWait(t, c.runtime(&sidCounter{}))
	snap, err := x.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(doc map[string]any)) []byte {
		var doc map[string]any
		if err := json.Unmarshal(snap, &doc); err != nil {
			t.Fatal(err)
		}
		f(doc)
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	exec := func(doc map[string]any) map[string]any { return doc["execution"].(map[string]any) }
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a readable snapshot"},
		{"truncated", snap[:len(snap)/2], "not a readable snapshot"},
		{"trailing data", append(append([]byte{}, snap...), "{}"...), "data after"},
		{"another format", edit(func(d map[string]any) { d["format"] = "gob" }), `format "gob"`},
		{"a newer version", edit(func(d map[string]any) { d["version"] = SnapshotVersion + 1 }), fmt.Sprintf("version %d", SnapshotVersion+1)},
		{"unknown field", edit(func(d map[string]any) { d["extra"] = 1 }), "unknown field"},
		{"no execution", edit(func(d map[string]any) { delete(d, "execution") }), "no execution"},
		{"step count over the limit", edit(func(d map[string]any) { d["step_count"] = MaxSteps + 1 }), "step count"},
		{"forward node reference", edit(func(d map[string]any) {
			nodes := d["nodes"].([]any)
			nodes[0] = map[string]any{"loop": map[string]any{"m": len(nodes) - 1}}
		}), "does not come before it"},
		{"nodes that double at every step", edit(func(d map[string]any) {
			nodes := []any{map[string]any{"leaf": "x"}}
			for i := 1; i < 40; i++ {
				nodes = append(nodes, map[string]any{"a": map[string]any{"m": i - 1}, "b": map[string]any{"m": i - 1}})
			}
			d["nodes"] = nodes
		}), "expands to more than"},
		{"untagged number", edit(func(d map[string]any) { d["nodes"].([]any)[0] = map[string]any{"n": 3} }), "numbers, maps and lists are tagged"},
		{"unknown tag", edit(func(d map[string]any) { d["nodes"].([]any)[0] = map[string]any{"n": map[string]any{"x": 1}} }), `unknown value tag "x"`},
		{"context out of range", edit(func(d map[string]any) { exec(d)["context"] = 1 << 20 }), "context"},
		{"context not Studio's", edit(func(d map[string]any) { exec(d)["context"] = 0 }), "namespace"},
		{"step out of range", edit(func(d map[string]any) { exec(d)["steps"] = []any{99} }), "99"},
		{"waiting at no widget", edit(func(d map[string]any) { exec(d)["at"] = "nowhere" }), `"nowhere"`},
		{"waiting at a widget that never waits", edit(func(d map[string]any) {
			exec(d)["at"] = "bye"
			w := exec(d)["waiting"].(map[string]any)
			w["widget"], w["type"] = "bye", "say-play"
		}), "never waits"},
		{"unknown wait kind", edit(func(d map[string]any) { exec(d)["waiting"].(map[string]any)["kind"] = "telepathy" }), "telepathy"},
		{"active without a wait", edit(func(d map[string]any) { exec(d)["waiting"] = nil }), "waits for nothing"},
		{"ended yet active", edit(func(d map[string]any) { exec(d)["ended"] = map[string]any{"kind": "failed", "reason": "x"} }), "does not agree"},
		{"unknown trigger", edit(func(d map[string]any) { exec(d)["trigger_event"] = "incomingPigeon" }), "incomingPigeon"},
		{"streak over the limit", edit(func(d map[string]any) { exec(d)["streak"] = 11 }), "streak 11"},
		{"subflow from a widget that runs none", edit(func(d map[string]any) {
			e := exec(d)
			child := map[string]any{}
			for k, v := range e {
				child[k] = v
			}
			e["child"], e["waiting"] = child, nil
		}), "not a run-subflow widget"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.runtime(&sidCounter{}).Restore(c.flow, tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestRestoreAnEndedExecution(t *testing.T) {
	c := snapshotCases(t)[2]
	rt := c.runtime(&sidCounter{})
	x := c.toWait(t, rt)
	c.finish(t, rt, x)
	snap, err := x.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := rt.Restore(c.flow, snap)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Resume(restored, Input{Kind: InputTimeout}); err == nil || !strings.Contains(err.Error(), "has ended") {
		t.Fatalf("resuming a restored ended execution: %v", err)
	}
	want, _ := json.Marshal(report(x))
	got, _ := json.Marshal(report(restored))
	if !bytes.Equal(got, want) {
		t.Errorf("report after restore:\n%s\nwant\n%s", got, want)
	}
}

// Restore takes arbitrary bytes: it returns an error or an execution that
// can be snapshotted and resumed without the engine failing internally.
func FuzzRestore(f *testing.F) {
	cases := snapshotCases(f)
	for _, c := range cases {
		x := c.toWait(f, c.runtime(&sidCounter{}))
		snap, err := x.Snapshot()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(snap)
	}
	f.Add([]byte(`{"format":"studioflow-execution-snapshot","version":1,"nodes":[{"a":{"m":0}}]}`))
	f.Add([]byte(`{"nodes":[[]],"steps":[{}]}`))
	f.Add([]byte("\x00garbage"))
	subflows := map[string]*model.Flow{}
	for _, c := range cases {
		for sid, sub := range c.subflows {
			subflows[sid] = sub
		}
	}
	inputs := []Input{{Kind: InputTimeout}, {Kind: InputPress, Text: "1#"}, {Kind: InputMessage, Text: "hi"}, {Kind: InputOutcome, Event: "callComplete"}, {Kind: InputHangup}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range cases {
			c.subflows = subflows
			rt := c.runtime(&sidCounter{})
			x, err := rt.Restore(c.flow, data)
			if err != nil {
				continue
			}
			if _, err := x.Snapshot(); err != nil {
				t.Fatalf("restored execution cannot be snapshotted: %v", err)
			}
			for _, in := range inputs {
				_, _ = rt.Resume(x, in)
			}
			if x.Ended != nil && strings.Contains(x.Ended.Reason, "internal error") {
				t.Fatalf("restored execution failed inside the engine: %s", x.Ended.Reason)
			}
		}
	})
}

// Snapshots of version 1 (steps with their REST url and links, written by
// earlier builds and kept in workspaces) still restore, and the execution
// resumes as the uninterrupted one does.
func TestRestoreReadsVersion1Snapshots(t *testing.T) {
	files := map[string]string{"gather": "gather.json", "inside a subflow": "inside-a-subflow.json"}
	for _, c := range snapshotCases(t) {
		file, ok := files[c.name]
		if !ok {
			continue
		}
		delete(files, c.name)
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "snapshot-v1", file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(`"version":1,`)) || !bytes.Contains(data, []byte(`"links":{"step_context"`)) {
				t.Fatalf("%s is not a version 1 snapshot with step links", file)
			}
			whole := &sidCounter{}
			rtA := c.runtime(whole)
			want := c.finish(t, rtA, c.toWait(t, rtA))

			split := &sidCounter{}
			c.toWait(t, c.runtime(split)) // counts the SIDs the snapshot used
			rtC := c.runtime(&sidCounter{n: split.n})
			restored, err := rtC.Restore(c.flow, data)
			if err != nil {
				t.Fatal(err)
			}
			again, err := restored.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(again, []byte(`"url"`)) || !bytes.Contains(again, []byte(fmt.Sprintf(`"version":%d,`, SnapshotVersion))) {
				t.Errorf("a restored version 1 snapshot is written again as version %d without urls:\n%s", SnapshotVersion, again)
			}
			if got := c.finish(t, rtC, restored); !bytes.Equal(got, want) {
				t.Errorf("resumed after restoring version 1:\n%s\nwant (uninterrupted):\n%s", got, want)
			}
		})
	}
	if len(files) > 0 {
		t.Errorf("no snapshot case for %v", files)
	}
}

// A version 2 snapshot has no step urls: one that does is damaged.
func TestRestoreRefusesStepURLsInVersion2(t *testing.T) {
	c := snapshotCases(t)[0]
	rt := c.runtime(&sidCounter{})
	snap, err := c.toWait(t, rt).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	damaged := bytes.Replace(snap, []byte(`"detail":`), []byte(`"url":"https://studio.twilio.com/v2/x","detail":`), 1)
	if bytes.Equal(damaged, snap) {
		t.Fatal("the snapshot has no step to damage")
	}
	if _, err := rt.Restore(c.flow, damaged); err == nil || !strings.Contains(err.Error(), "only version 1") {
		t.Fatalf("restore = %v, want an error about the url", err)
	}
}

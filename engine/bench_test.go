package engine

import (
	"fmt"
	"runtime"
	"testing"
)

// twentyStepFlow is a messaging flow of 20 steps (trigger included) that
// renders Liquid at every widget and makes no network call.
func twentyStepFlow(b *testing.B) (states []string) {
	states = append(states, trigger("incomingMessage>v0"))
	for i := 0; i < 6; i++ {
		states = append(states,
			widget(fmt.Sprintf("v%d", i), "set-variables",
				`{"variables":[{"key":"count","value":"{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}"},{"key":"who","value":"{{trigger.message.From | remove: '+'}}"}]}`,
				fmt.Sprintf("next>s%d", i)),
			fmt.Sprintf(`{"name":"s%d","type":"split-based-on","properties":{"input":"{{trigger.message.Body}}"},"transitions":[{"event":"noMatch","next":"m%d"},{"event":"match","next":"m%d","conditions":[{"friendly_name":"stop","arguments":["{{trigger.message.Body | downcase}}"],"type":"matches_any_of","value":"stop, quit, end"}]}]}`, i, i, i),
			widget(fmt.Sprintf("m%d", i), "send-message", `{"body":"Hello {{flow.variables.who}}, message {{flow.variables.count}}: you said {{trigger.message.Body}}"}`,
				fmt.Sprintf("sent>v%d", i+1)),
		)
	}
	states = append(states, widget("v6", "set-variables", `{"variables":[{"key":"done","value":"{{flow.variables.count | times: 2}}"}]}`, "next>"))
	return states
}

func BenchmarkExecution20StepsWithLiquid(b *testing.B) {
	f := testFlow(b, twentyStepFlow(b)...)
	rt, _ := testRuntime(Config{})
	trig := Trigger{Event: TriggerMessage, From: "+15551234567", Body: "Hello there"}
	x, _, err := rt.Start(f, trig, StartOptions{FlowSID: testFlowSID})
	if err != nil || x.Ended == nil || x.Ended.Kind != EndCompleted || len(x.Steps) != 20 {
		b.Fatalf("setup run: %v, %d steps, %+v", err, len(x.Steps), x.Ended)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := rt.Start(f, trig, StartOptions{FlowSID: testFlowSID}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTenThousandExecutionsWaitingAtGather(b *testing.B) {
	f := testFlow(b,
		trigger("incomingCall>greet"),
		widget("greet", "say-play", `{"say":"Welcome to Owl Shoes, {{trigger.call.From}}."}`, "audioComplete>menu"),
		widget("menu", "gather-input-on-call", `{"say":"Press 1 for sales, 2 for support.","timeout":5,"number_of_digits":1}`, "keypress>,speech>,timeout>"),
	)
	const n = 10000
	rt, _ := testRuntime(Config{})
	h := NewHost(rt)
	var heapMB float64
	for i := 0; i < b.N; i++ {
		h = NewHost(rt)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for c := 0; c < n; c++ {
			x, _, err := h.Deliver(f, Trigger{Event: TriggerCall, From: fmt.Sprintf("+1555%07d", c)}, StartOptions{FlowSID: testFlowSID})
			if err != nil || x.Waiting == nil {
				b.Fatalf("call %d: %v", c, err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heapMB = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	}
	if len(h.Executions()) != n {
		b.Fatalf("%d executions held", len(h.Executions()))
	}
	b.ReportMetric(heapMB, "heap-MB")
	b.ReportMetric(heapMB*(1<<20)/n, "heap-B/execution")
}

func BenchmarkCachedTemplateRender(b *testing.B) {
	rt, _ := testRuntime(Config{})
	f := testFlow(b, trigger("incomingCall>"))
	x, _, _ := rt.Start(f, Trigger{Event: TriggerCall}, StartOptions{})
	src := "Hi {{trigger.call.From}}, {% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}"
	if _, err := rt.Liquid().Render(src, x.Context()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := rt.Liquid().Render(src, x.Context()); err != nil {
			b.Fatal(err)
		}
	}
}

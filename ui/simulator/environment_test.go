package simulator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
)

// greetingFlow texts back "${greeting}".
func greetingFlow(t *testing.T) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(`{"description":"hi","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"hi"}]},
  {"name":"hi","type":"send-message","properties":{"offset":{"x":0,"y":200},"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"${greeting}"},"transitions":[{"event":"sent"},{"event":"failed"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// flowDirWith makes a flow folder whose environments/ holds name.yaml with
// a greeting for each name.
func flowDirWith(t *testing.T, greetings map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, g := range greetings {
		if err := os.WriteFile(filepath.Join(dir, "environments", name+".yaml"), []byte("greeting: "+g+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The start form offers the environments beside the flow; the picked one's
// values are in the flow the run starts with, while the document keeps its
// placeholder.
func TestSimulatorRunsWithThePickedEnvironment(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, greetingFlow(t))
	p.UseEnvironmentsFrom(flowDirWith(t, map[string]string{"prod": "Hello from prod", "dev": "Hello from dev"}))
	if !p.start.envRow.Visible() {
		t.Fatal("the environment picker is hidden though the flow has environments")
	}
	if want := []string{noEnvironment, "dev", "prod"}; !slices.Equal(p.start.envPick.Options, want) {
		t.Fatalf("picker offers %q; want %q", p.start.envPick.Options, want)
	}
	var heard string
	p.OnEnvironment(func(v *environments.Values) {
		if v != nil {
			heard = v.Name
		}
	})
	p.start.envPick.SetSelected("prod")
	if heard != "prod" {
		t.Errorf("OnEnvironment heard %q; want prod", heard)
	}
	startAs(t, p, engine.TriggerMessage)
	if got := bubbles(p); !slices.Contains(got, "Hello from prod") {
		t.Fatalf("thread %q; want the prod greeting sent", got)
	}
	if body := p.doc.Flow().State("hi").StringProperty("body"); body != "${greeting}" {
		t.Errorf("the document's body became %q", body)
	}
}

// An environment that lacks a placeholder's value stops the run before it
// starts, with the reason in the form.
func TestSimulatorRefusesAnEnvironmentWithoutTheValue(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, greetingFlow(t))
	dir := flowDirWith(t, nil)
	if err := os.WriteFile(filepath.Join(dir, "environments", "empty.yaml"), []byte("other: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.UseEnvironmentsFrom(dir)
	p.start.envPick.SetSelected("empty")
	startAs(t, p, engine.TriggerMessage)
	if p.sess.current() != nil {
		t.Fatal("a run started without a value for ${greeting}")
	}
	if !p.start.problem.Visible() || !strings.Contains(p.start.problem.Text, `"empty"`) || !strings.Contains(p.start.problem.Text, "${greeting}") {
		t.Fatalf("problem %q (shown %v); want it to name the environment and the placeholder", p.start.problem.Text, p.start.problem.Visible())
	}
}

// Without environments beside the flow the picker is hidden and the flow
// runs as written.
func TestSimulatorHidesThePickerWithoutEnvironments(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, greetingFlow(t))
	p.UseEnvironmentsFrom(t.TempDir())
	if p.start.envRow.Visible() {
		t.Fatal("the environment picker shows though there are no environments")
	}
	startAs(t, p, engine.TriggerMessage)
	if got := bubbles(p); !slices.Contains(got, "${greeting}") {
		t.Fatalf("thread %q; want the placeholder as written", got)
	}
}

package assets

import (
	"bytes"
	"encoding/json"
	"image/png"
	"testing"
)

func TestIconIsA512SquarePNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(IconPNG()))
	if err != nil {
		t.Fatalf("decode icon: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}

func TestExampleFlowIsStudiosSimpleFlow(t *testing.T) {
	var def struct {
		InitialState string `json:"initial_state"`
		States       []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"states"`
	}
	if err := json.Unmarshal(ExampleFlow(), &def); err != nil {
		t.Fatalf("example flow is not JSON: %v", err)
	}
	var names []string
	for _, s := range def.States {
		names = append(names, s.Name+":"+s.Type)
	}
	want := []string{"Trigger:trigger", "say_play_1:say-play", "send_message_1:send-message", "call_user_1:make-outgoing-call-v2"}
	if len(names) != len(want) {
		t.Fatalf("states = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("states = %v, want %v", names, want)
		}
	}
	if def.InitialState != "Trigger" {
		t.Fatalf("initial_state = %q, want Trigger", def.InitialState)
	}
}

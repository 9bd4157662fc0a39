package drift

import (
	"path/filepath"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func flow(t *testing.T, say string) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(`{"states":[{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"hi"}],"properties":{"offset":{"x":0,"y":0}}},
{"name":"hi","type":"say-play","transitions":[],"properties":{"offset":{"x":0,"y":200},"say":"` + say + `"}}],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestClassify(t *testing.T) {
	base, a, b := flow(t, "base"), flow(t, "a"), flow(t, "b")
	for _, tc := range []struct {
		local, deployed *model.Flow
		want            State
	}{
		{base, base, Same},
		{a, base, LocalAhead},
		{base, a, DeployedChanged},
		{a, b, Both},
		{a, a, Same}, // the same change on both sides
	} {
		if got := Classify(base, tc.local, tc.deployed); got != tc.want {
			t.Errorf("Classify(base, %s, %s) = %s, want %s", tc.local.State("hi").StringProperty("say"), tc.deployed.State("hi").StringProperty("say"), got, tc.want)
		}
	}
}

func TestRecordsAreKeptPerFile(t *testing.T) {
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.json"), filepath.Join(dir, "two.json")
	if _, ok, err := LoadRecord(one); ok || err != nil {
		t.Fatalf("record before any push: %v %v", ok, err)
	}
	if err := SaveRecord(one, Record{SID: "FW1", BaseURL: "http://x", Revision: 2}); err != nil {
		t.Fatal(err)
	}
	if err := SaveRecord(two, Record{SID: "FW2", BaseURL: "http://x", Revision: 5, Env: "prod"}); err != nil {
		t.Fatal(err)
	}
	r, ok, err := LoadRecord(one)
	if err != nil || !ok || r.SID != "FW1" || r.Revision != 2 {
		t.Errorf("one: %+v %v %v", r, ok, err)
	}
	r, ok, err = LoadRecord(two)
	if err != nil || !ok || r.SID != "FW2" || r.Env != "prod" {
		t.Errorf("two: %+v %v %v", r, ok, err)
	}
}

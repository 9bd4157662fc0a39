package flowdiff

import (
	"os"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func TestWriteFlatIsLineOrientedAndIgnoresMemberOrder(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) { props(d, "menu")["timeout"] = 8 })
	var a, b strings.Builder
	if err := WriteFlat(&a, old); err != nil {
		t.Fatal(err)
	}
	if err := WriteFlat(&b, nw); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"flags.allow_concurrent_calls = true\n",
		"\nwidget menu (gather-input-on-call)\n",
		"  timeout = 5\n",
		"  --keypress--> route\n",
		`  --match "If value equal_to 1"--> sales` + "\n",
		"  offset (100, 450)\n",
		"  say =\n    | {% if widgets.menu.Digits == '2' %}",
		"  parameters[0].key = \"from\"\n",
	} {
		if !strings.Contains(a.String(), want) {
			t.Errorf("flat text lacks %q:\n%s", want, a.String())
		}
	}
	// One property changed: one line differs.
	al, bl := strings.Split(a.String(), "\n"), strings.Split(b.String(), "\n")
	if len(al) != len(bl) {
		t.Fatalf("%d lines became %d", len(al), len(bl))
	}
	differ := 0
	for i := range al {
		if al[i] != bl[i] {
			differ++
		}
	}
	if differ != 1 {
		t.Errorf("%d lines differ, want 1", differ)
	}
	// Member order makes no difference: the file as written (pairOf's
	// flows went through encoding/json, which sorts the members).
	data, err := os.ReadFile("testdata/ivr.json")
	if err != nil {
		t.Fatal(err)
	}
	asWritten, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var c strings.Builder
	if err := WriteFlat(&c, asWritten); err != nil {
		t.Fatal(err)
	}
	if c.String() != a.String() {
		t.Error("member order changed the flat text")
	}
}

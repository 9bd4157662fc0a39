package kbd

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func rowButtons(rows int) (*Controls, map[string]*Button) {
	c := &Controls{}
	all := map[string]*Button{}
	add := func(id string) {
		b := NewButton(id, nil)
		all[id] = b
		c.Add(id, b)
	}
	for i := range rows {
		for _, what := range []string{"up", "down", "remove"} {
			add(string(rune('0'+i)) + "/" + what)
		}
	}
	add("add")
	return c, all
}

// After a rebuild the keyboard goes to the control of the same name, else
// the next there was, else the one before; a preferred one first.
func TestTheKeyboardSurvivesARebuild(t *testing.T) {
	test.NewTempApp(t)
	old, _ := rowButtons(3)
	cases := []struct {
		name     string
		rows     int
		held     string
		prefer   []string
		disabled string
		want     string
	}{
		{"a middle row removed: the next row's, now in its place", 2, "1/remove", nil, "", "1/remove"},
		{"the last row removed: Add row, next", 2, "2/remove", nil, "", "add"},
		{"every row removed", 0, "0/remove", nil, "", "add"},
		{"a row moved up: the moved row's", 3, "1/up", []string{"0/up", "0/down"}, "", "0/up"},
		{"moved to the top, up disabled: its down", 3, "1/up", []string{"0/up", "0/down"}, "0/up", "0/down"},
	}
	for _, tc := range cases {
		now, all := rowButtons(tc.rows)
		if b := all[tc.disabled]; b != nil {
			b.Disable()
		}
		got := now.Successor(old, tc.held, tc.prefer...)
		if got == nil || now.Name(got) != tc.want {
			t.Errorf("%s: the keyboard goes to %q, want %q", tc.name, now.Name(got), tc.want)
		}
	}
	empty := &Controls{}
	if f := empty.Successor(old, "1/remove"); f != nil {
		t.Errorf("with nothing left the keyboard goes to %v", f)
	}
	var none *Controls
	if none.Name(NewButton("x", nil)) != "" || none.Get("x") != nil {
		t.Error("a nil Controls names something")
	}
}

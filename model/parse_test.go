package model_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

func TestParseReportsSyntaxErrorsWithPlace(t *testing.T) {
	cases := []struct {
		name, in   string
		line, col  int
		msgContain string
	}{
		{"missing comma between members", "{\n  \"event\": \"incomingCall\"\n  \"next\": \"a\"\n}", 2, 26, "missing ','"},
		{"missing comma between items", "[\n {\"a\": 1}\n {\"b\": 2}\n]", 2, 10, "missing ','"},
		{"trailing comma", "{\"a\": 1,}", 1, 9, "trailing comma"},
		{"unclosed string", "{\"a\": \"abc", 1, 7, "never closed"},
		{"bad literal", "{\"a\": tru}", 1, 7, "expected a value"},
		{"end of file", "{\"a\": [1, 2", 1, 12, "']' is missing"},
		{"garbage after", "{} x", 1, 4, "after the end"},
		{"control char", "{\"a\": \"x\ty\"}", 1, 9, "control character"},
		{"not utf8", "{\"a\": \"\xff\"}", 1, 8, "UTF-8"},
		{"bad number", "{\"a\": -x}", 1, 8, "digit must follow"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := model.Parse([]byte(c.in))
			var se *model.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v; want a *SyntaxError", err)
			}
			if se.Line != c.line || se.Column != c.col || !strings.Contains(se.Msg, c.msgContain) {
				t.Fatalf("got line %d col %d %q; want line %d col %d containing %q", se.Line, se.Column, se.Msg, c.line, c.col, c.msgContain)
			}
			if !strings.Contains(se.Excerpt, "^") {
				t.Fatalf("excerpt has no caret: %q", se.Excerpt)
			}
		})
	}
}

func TestParseRejectsNonFlows(t *testing.T) {
	cases := map[string]string{
		"[1, 2]":                         "must be a JSON object",
		`{"description": "x"}`:           `no "states"`,
		`{"states": {}}`:                 "must be a list",
		`{"states": [{"name": "a"}, 3]}`: "/states/1",
	}
	for in, want := range cases {
		_, err := model.Parse([]byte(in))
		var se *model.StructureError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%s) = %v; want a StructureError containing %q", in, err, want)
		}
	}
}

func TestParseBoundsDepthAndSize(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	_, err := model.Parse([]byte(deep))
	var se *model.SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "nesting") {
		t.Fatalf("deep nesting: %v", err)
	}
	big := make([]byte, model.MaxFileSize+1)
	if _, err := model.Parse(big); !errors.Is(err, model.ErrTooLarge) {
		t.Fatalf("oversize: %v", err)
	}
}

func TestScalarTypesSurvive(t *testing.T) {
	in := []byte(`{
  "states": [
    {
      "name": "w",
      "type": "send-and-wait-for-reply",
      "properties": {
        "timeout": "3600",
        "loop": 60,
        "big": 12345678901234567890123,
        "exp": 1E+3,
        "neg": -0.50,
        "html": "<b>&amp;</b> café \u00e9 \u2028 \ud83d\ude00",
        "empty": {},
        "list": []
      },
      "transitions": [{"event": "timeout", "next": null}, {"event": "x"}]
    }
  ]
}`)
	f, err := model.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	out := string(f.Marshal())
	for _, want := range []string{`"timeout": "3600"`, `"loop": 60`, `"big": 12345678901234567890123`, `"exp": 1E+3`, `"neg": -0.50`,
		`"html": "<b>&amp;</b> café é ` + "\u2028" + ` 😀"`, `"empty": {}`, `"list": []`, `"next": null`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"event": "x",`) {
		t.Error("absent next was written")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(modeltest.Generate(5))
	f.Add([]byte(`{"states": [], "a": "\u00e9\n"}`))
	f.Add([]byte(`[{"a": 1e5, "b": [true, false, null]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := model.ParseValue(data)
		if err != nil {
			return
		}
		out := model.MarshalCanonical(v)
		v2, err := model.ParseValue(out)
		if err != nil {
			t.Fatalf("written form does not parse: %v\n%s", err, out)
		}
		if !model.Equal(v, v2) {
			t.Fatalf("value changed through a write:\n%s", out)
		}
		if !bytes.Equal(model.MarshalCanonical(v2), out) {
			t.Fatal("writing is not idempotent")
		}
		if fl, err := model.Parse(data); err == nil {
			_ = fl.Marshal()
			for _, s := range fl.States() {
				_ = s.Transitions()
				_, _, _ = s.Offset()
			}
		}
	})
}

func BenchmarkParseAndWrite(b *testing.B) {
	for _, n := range []int{100, 1000, 2000} {
		data := modeltest.Generate(n)
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				f, err := model.Parse(data)
				if err != nil {
					b.Fatal(err)
				}
				_ = f.Marshal()
			}
		})
	}
}

func BenchmarkMoveWidget(b *testing.B) {
	d := model.NewDocument(modeltest.GenerateFlow(2000))
	i := 0
	for b.Loop() {
		i++
		if err := d.ApplyCoalesced(model.MoveWidget("w1000", float64(i), float64(i)), "drag"); err != nil {
			b.Fatal(err)
		}
	}
}

// NamesUnique says whether every widget's name is its own: IndexOf finds
// each widget itself then, and the validator skips asking.
func TestNamesUniqueTellsWhetherTwoWidgetsShareAName(t *testing.T) {
	for _, c := range []struct {
		json   string
		unique bool
	}{
		{`{"states":[{"name":"a","type":"trigger"},{"name":"b","type":"say-play"}]}`, true},
		{`{"states":[{"name":"a","type":"trigger"},{"name":"a","type":"say-play"}]}`, false},
		{`{"states":[{"type":"trigger"},{"type":"say-play"}]}`, false}, // both nameless
		{`{"states":[]}`, true},
	} {
		f, err := model.Parse([]byte(c.json))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.NamesUnique(); got != c.unique {
			t.Errorf("%s: NamesUnique = %v, want %v", c.json, got, c.unique)
		}
		if c.unique {
			for i := 0; i < f.Len(); i++ {
				if f.IndexOf(f.StateAt(i).Name()) != i {
					t.Errorf("%s: unique, but IndexOf(widget %d's name) is not %d", c.json, i, i)
				}
			}
		}
	}
}

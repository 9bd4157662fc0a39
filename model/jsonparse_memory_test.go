package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// compactFlow writes a flow of n widgets, each on one line without spaces
// (so its canonical form is much bigger than the file).
func compactFlow(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"description":"d","states":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"w%d","type":"say-play","transitions":[{"next":"w%d","event":"audioComplete"}],"properties":{"offset":{"x":%d,"y":0},"loop":1,"say":"Hi {{trigger.message.Body}}"}}`, i, i+1, 300*i)
	}
	b.WriteString(`],"initial_state":"w0","flags":{"allow_concurrent_calls":true}}`)
	return []byte(b.String())
}

// The parser's estimate of the canonical size is exact for text whose
// strings have no escapes, however the file was laid out, so Marshal
// allocates its buffer once.
func TestCanonicalSizeEstimate(t *testing.T) {
	texts := map[string][]byte{
		"compact":                  compactFlow(50),
		"nested, empty containers": []byte(`{"a":[],"b":{},"c":[1,[2,{"d":null}],{"e":true}],"f":"x","states":[]}`),
		"spread out":               []byte("{\n\t\"states\" :  [ {\"name\":\"a\" , \"type\":\"trigger\",\n\"properties\":{ }, \"transitions\":[ ]} ]\r\n}\n"),
	}
	if files, _ := filepath.Glob(filepath.Join("testdata", "canonical", "*.json")); len(files) > 0 {
		data, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		texts[files[0]] = data
	}
	for name, data := range texts {
		p := &parser{data: data}
		v, err := parseDocument(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := len(MarshalCanonical(v))
		if est := p.canonicalSize(); est != got && !hasEscapes(data) {
			t.Errorf("%s: estimated %d bytes, wrote %d", name, est, got)
		}
	}
}

func hasEscapes(data []byte) bool {
	for _, c := range data {
		if c == '\\' {
			return true
		}
	}
	return false
}

func TestMarshalAllocatesItsBufferOnce(t *testing.T) {
	f, err := Parse(compactFlow(200))
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(5, func() { _ = f.Marshal() }); n > 1 {
		t.Errorf("Marshal made %v allocations, want 1 (its buffer)", n)
	}
}

// The parser boxes strings and numbers into slab slots (jsonparse_box.go):
// the values must be ordinary strings and json.Numbers to everything else.
func TestParsedValuesAreOrdinaryValues(t *testing.T) {
	v, err := ParseValue([]byte(`{"s":"text","n":-1.50,"l":["a",2,"a"]}`))
	if err != nil {
		t.Fatal(err)
	}
	o := v.(*Object)
	s, _ := o.Get("s")
	n, _ := o.Get("n")
	l, _ := o.Get("l")
	list := l.([]any)
	if s != any("text") || n != any(json.Number("-1.50")) || list[0] != list[2] || list[1] != any(json.Number("2")) {
		t.Errorf("got %#v %#v %#v", s, n, list)
	}
	if str, ok := s.(string); !ok || str+"!" != "text!" {
		t.Errorf("s is %T %q", s, str)
	}
	runtime.GC() // the slots live as long as the values do
	if s != any("text") {
		t.Errorf("after a collection s is %#v", s)
	}
}

// A small document gets small tables: the catalog parses some seventy
// schemas and default widgets of a few KB each at start-up, and tables
// made for a big flow (about 60 KB a parse, now about 12 KB) made most of
// what that cost.
func TestSmallDocumentsGetSmallTables(t *testing.T) {
	data := compactFlow(3) // about 600 bytes
	if _, err := ParseValue(data); err != nil {
		t.Fatal(err)
	}
	const runs = 50
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		if _, err := ParseValue(data); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	perParse := (after.TotalAlloc - before.TotalAlloc) / runs
	if perParse > 16<<10 {
		t.Errorf("parsing %d bytes allocates %d bytes; want at most 16 KB", len(data), perParse)
	}
	t.Logf("parsing %d bytes allocates %d bytes", len(data), perParse)
}

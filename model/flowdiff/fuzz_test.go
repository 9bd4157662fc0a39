package flowdiff

import (
	"io"
	"os"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// FuzzCompare: any two flows compare, print, overlay and flatten without a
// panic, and a flow compared with itself is the same.
func FuzzCompare(f *testing.F) {
	if data, err := os.ReadFile("testdata/ivr.json"); err == nil {
		f.Add(data, data)
	}
	f.Add([]byte(`{"states":[{"name":"a","type":"t","transitions":[{"event":"match","conditions":[{"friendly_name":"x"}]}],"properties":{"offset":{"x":1,"y":"2"}}}]}`),
		[]byte(`{"states":[{"name":"b","type":"t","transitions":[1,{"event":"match"}],"properties":[]}]}`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		fa, err1 := model.Parse(a)
		fb, err2 := model.Parse(b)
		if err1 != nil || err2 != nil {
			return
		}
		d := Compare(fa, fb)
		WriteText(io.Discard, d)
		Overlay(fa, fb, d)
		WriteFlat(io.Discard, fb)
		if self := Compare(fa, fa); !self.Same() {
			var w discardCounter
			WriteText(&w, self)
			t.Fatalf("a flow differs from itself (%d bytes of diff)", w)
		}
	})
}

type discardCounter int

func (d *discardCounter) Write(p []byte) (int, error) {
	*d += discardCounter(len(p))
	return len(p), nil
}

package flowmerge

import (
	"os"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// FuzzMerge: any three flows merge without a panic into a flow that parses
// back, and every recorded conflict resolves either way.
func FuzzMerge(f *testing.F) {
	base, err := os.ReadFile(baseFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base, base, base)
	f.Add([]byte(`{"states":[]}`), []byte(`{"states":[{"name":"a","transitions":[1,"x"],"properties":[]}]}`), []byte(`{"states":[{"name":"a","type":"t","transitions":{}}]}`))
	f.Add([]byte(`{"states":[{"name":"a","type":"t","transitions":[{"event":"match","conditions":[1]}]}]}`),
		[]byte(`{"states":[{"name":"b","type":"t","transitions":[{"event":"match","conditions":[2]}]}]}`),
		[]byte(`{"states":[{"name":"a","type":"t","transitions":[{"event":"match","next":"a"}]}],"studioflow_conflicts":[{"widget":"a","path":"transitions[match]"}]}`))
	f.Fuzz(func(t *testing.T, b, o, th []byte) {
		bf, err1 := model.Parse(b)
		of, err2 := model.Parse(o)
		tf, err3 := model.Parse(th)
		if err1 != nil || err2 != nil || err3 != nil {
			return
		}
		flowdiff.Compare(bf, of)
		r, err := Merge(bf, of, tf)
		if err != nil {
			return
		}
		if _, err := model.Parse(r.Flow.Marshal()); err != nil {
			t.Fatalf("merged flow does not parse: %v", err)
		}
		for i := range r.Flow.Conflicts() {
			Resolve(r.Flow, i, Ours)
			Resolve(r.Flow, i, Theirs)
		}
	})
}

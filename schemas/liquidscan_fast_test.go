package schemas

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// scanOutputsByTrimming is scanOutputs as first written, every output's
// inside found with a search for "}}" and trimmed: the fast read of plain
// outputs must agree with it on any text.
func scanOutputsByTrimming(s string) (refs []Reference, outputs int, simple bool) {
	for i := 0; ; {
		k := strings.IndexAny(s[i:], "{}")
		if k < 0 {
			return refs, outputs, true
		}
		i += k
		if i+1 >= len(s) {
			return refs, outputs, true
		}
		c, d := s[i], s[i+1]
		switch {
		case c == '}' && d == '}', c == '{' && d == '%':
			return refs, outputs, false
		case c == '{' && d == '{':
			end := strings.Index(s[i+2:], "}}")
			if end < 0 {
				return refs, outputs, false
			}
			path := strings.TrimSpace(s[i+2 : i+2+end])
			if !isVariablePath(path) {
				return refs, outputs, false
			}
			outputs++
			refs = append(refs, References("{{"+path+"}}")...)
			i += 2 + end + 2
		default:
			i++
		}
	}
}

func TestScanOutputsAgreesWithTrimming(t *testing.T) {
	pieces := []string{"{{", "}}", "{", "}", "{%", "%}", " ", "\t", "\n", "\u00a0", "\u0085", "widgets.", "trigger.", "flow.data", "w_1", "a-b", ".", "x", "9", "-", "é", "|", "Hi "}
	rng := rand.New(rand.NewPCG(7, 11))
	for n := range 200000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if n < 4 { // and a few known shapes
			s = []string{"{{ widgets.a.b }}", "{{\u00a0flow.x}}", "{{a}x}}", "{{}}"}[n]
		}
		gotRefs, gotN, gotOK := scanOutputs(s, nil)
		wantRefs, wantN, wantOK := scanOutputsByTrimming(s)
		if gotOK != wantOK || gotN != wantN || !slices.Equal(subjects(gotRefs), subjects(wantRefs)) {
			t.Fatalf("scanOutputs(%q) = %q, %d, %v; by trimming %q, %d, %v", s, gotRefs, gotN, gotOK, wantRefs, wantN, wantOK)
		}
	}
}

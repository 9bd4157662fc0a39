package schemas

import (
	"slices"
	"strings"
	"testing"
)

// referenceSimpleRefs is simpleRefs as first written, in several scans:
// the one-pass scanOutputs must agree with it on every string.
func referenceSimpleRefs(s string, refs []Reference) ([]Reference, bool) {
	if strings.Contains(s, "{%") {
		return refs, false
	}
	for {
		open := strings.Index(s, "{{")
		if open < 0 {
			return refs, !strings.Contains(s, "}}")
		}
		if strings.Contains(s[:open], "}}") {
			return refs, false
		}
		rest := s[open+2:]
		end := strings.Index(rest, "}}")
		if end < 0 {
			return refs, false
		}
		path := strings.TrimSpace(rest[:end])
		if !isVariablePath(path) {
			return refs, false
		}
		refs = append(refs, References("{{"+path+"}}")...)
		s = rest[end+2:]
	}
}

func referenceHasLiquid(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%")
}

// The one-pass scan decides as the several scans did: the same verdict and
// the same names, for strings built from the pieces that matter (braces
// split and doubled, tags, paths, text).
func TestOnePassLiquidScanAgreesWithTheReference(t *testing.T) {
	pieces := []string{"{", "}", "{{", "}}", "{%", "%}", "{{widgets.a.b}}", " widgets.x-1.y ", " trigger.call.From", "a", "\u00a0", "{{ b }}", "%", "{{{"}
	checked := map[liquidKind]int{}
	var grow func(s string, n int)
	grow = func(s string, n int) {
		wantRefs, wantSimple := referenceSimpleRefs(s, nil)
		gotRefs, gotSimple := simpleRefs(s, nil)
		if gotSimple != wantSimple || (wantSimple && !slices.Equal(subjects(gotRefs), subjects(wantRefs))) {
			t.Fatalf("simpleRefs(%q) = %v %v, want %v %v", s, gotRefs, gotSimple, wantRefs, wantSimple)
		}
		if got, want := hasLiquid(s), referenceHasLiquid(s); got != want {
			t.Fatalf("hasLiquid(%q) = %v, want %v", s, got, want)
		}
		refs, kind := classifyLiquid(s, nil)
		want := plainText
		switch {
		case !referenceHasLiquid(s):
		case wantSimple:
			want = simpleOutput
		default:
			want = needsParser
		}
		if kind != want || (kind == simpleOutput && !slices.Equal(subjects(refs), subjects(wantRefs))) {
			t.Fatalf("classifyLiquid(%q) = %v %v, want %v %v", s, refs, kind, wantRefs, want)
		}
		checked[kind]++
		if n == 4 {
			return
		}
		for _, p := range pieces {
			grow(s+p, n+1)
		}
	}
	grow("", 0)
	for _, k := range []liquidKind{plainText, simpleOutput, needsParser} {
		if checked[k] < 100 {
			t.Errorf("only %d strings of kind %d", checked[k], k)
		}
	}
}

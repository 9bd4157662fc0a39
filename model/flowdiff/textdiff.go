package flowdiff

import (
	"strings"
	"unicode"
)

// TextEdit is one run of a text diff: Op is "=" (kept), "-" (only in the
// old text) or "+" (only in the new text).
type TextEdit struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// maxCells bounds the work of the longest-common-subsequence table; beyond
// it the differing middle is reported as one replacement.
const maxCells = 4_000_000

// DiffText compares two texts line by line when either has several lines,
// else word by word (a word being a run of non-space characters or a run of
// spaces, so a Liquid tag without spaces is one word). It returns the unit
// ("line" or "word") and the edits, which concatenate back to each text:
// the "=" and "-" runs give the old text, the "=" and "+" runs the new one.
func DiffText(old, new string) (string, []TextEdit) {
	unit, split := "word", splitWords
	if strings.Contains(old, "\n") || strings.Contains(new, "\n") {
		unit, split = "line", splitLines
	}
	return unit, diffTokens(split(old), split(new))
}

func splitLines(s string) []string {
	return strings.SplitAfter(s, "\n")
}

func splitWords(s string) []string {
	var out []string
	start := 0
	var prevSpace bool
	for i, r := range s {
		space := unicode.IsSpace(r)
		if i > 0 && space != prevSpace {
			out = append(out, s[start:i])
			start = i
		}
		prevSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func diffTokens(a, b []string) []TextEdit {
	var edits []TextEdit
	add := func(op, text string) {
		if text == "" {
			return
		}
		if n := len(edits); n > 0 && edits[n-1].Op == op {
			edits[n-1].Text += text
			return
		}
		edits = append(edits, TextEdit{Op: op, Text: text})
	}
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	add("=", strings.Join(a[:pre], ""))
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if (len(am)+1)*(len(bm)+1) > maxCells {
		add("-", strings.Join(am, ""))
		add("+", strings.Join(bm, ""))
	} else {
		lcsEdits(am, bm, add)
	}
	add("=", strings.Join(a[len(a)-suf:], ""))
	return edits
}

// lcsEdits emits the edits turning a into b along a longest common
// subsequence, removals before additions within each changed stretch.
func lcsEdits(a, b []string, add func(op, text string)) {
	n, m := len(a), len(b)
	// l[i][j] is the LCS length of a[i:] and b[j:].
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else if l[i+1][j] >= l[i][j+1] {
				l[i][j] = l[i+1][j]
			} else {
				l[i][j] = l[i][j+1]
			}
		}
	}
	var del, ins strings.Builder
	flush := func() {
		add("-", del.String())
		add("+", ins.String())
		del.Reset()
		ins.Reset()
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			flush()
			add("=", a[i])
			i++
			j++
		case l[i+1][j] >= l[i][j+1]:
			del.WriteString(a[i])
			i++
		default:
			ins.WriteString(b[j])
			j++
		}
	}
	for ; i < n; i++ {
		del.WriteString(a[i])
	}
	for ; j < m; j++ {
		ins.WriteString(b[j])
	}
	flush()
}

package liquid

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/osteele/liquid/render"
)

// cappedWriter accepts up to limit bytes and fails the write that would pass it.
type cappedWriter struct {
	buf   bytes.Buffer
	limit int
}

func (w *cappedWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.limit {
		return 0, ErrOutputTooLarge
	}
	return w.buf.Write(p)
}

const loopGuardTag = "studio_loop_guard"

// loopOpening finds {% for … %} and {% tablerow … %} tags (with or without
// whitespace control), and {% raw %} … {% endraw %} regions, which must be left
// alone. Submatch 1 is the loop tag's right trim marker; submatch 2 is a raw region.
var loopOpening = regexp.MustCompile(`\{%-?\s*(?:for|tablerow)\s[^%]*?(-?)%\}|(\{%-?\s*raw\s*-?%\}(?s:.*?)\{%-?\s*endraw\s*-?%\})`)

// guardLoops inserts the iteration guard as the first tag of every loop body.
// When the loop tag trims whitespace on its right, so does the guard, so the
// body renders exactly as before.
func guardLoops(source string) string {
	if !strings.Contains(source, "for") && !strings.Contains(source, "tablerow") {
		return source
	}
	var out strings.Builder
	last := 0
	for _, m := range loopOpening.FindAllStringSubmatchIndex(source, -1) {
		out.WriteString(source[last:m[1]])
		last = m[1]
		if m[4] >= 0 {
			continue // a raw region
		}
		if m[3] > m[2] {
			out.WriteString("{% " + loopGuardTag + " -%}")
		} else {
			out.WriteString("{% " + loopGuardTag + " %}")
		}
	}
	out.WriteString(source[last:])
	return out.String()
}

// loopGuard fails the render when the innermost loop starts its 16th iteration.
func loopGuard(ctx render.Context) (string, error) {
	forloop, ok := ctx.Get("forloop").(map[string]any)
	if !ok {
		return "", nil
	}
	if index, ok := forloop["index"].(int); ok && index > MaxLoopIterations {
		return "", ErrTooManyIterations
	}
	return "", nil
}

package main

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// terminalWriter passes text to a terminal or CI log with every control
// character written as an escape: a flow's widget names, message bodies and
// reasons are the flow author's text, and an escape sequence in them must
// not clear the screen, recolour the log or retitle the window. Newlines and
// tabs pass. C0 controls, DEL and bytes that are not UTF-8 become \xHH; C1
// controls and the bidirectional overrides become \uHHHH, which is also
// what JSON output needs, so the writer suits both.
type terminalWriter struct{ w io.Writer }

func (t terminalWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = fmt.Appendf(out, `\x%02x`, p[i])
		case r == '\n' || r == '\t':
			out = append(out, p[i])
		case r < 0x20 || r == 0x7f:
			out = fmt.Appendf(out, `\x%02x`, r)
		case (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

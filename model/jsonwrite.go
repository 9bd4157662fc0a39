package model

import (
	"encoding/json"
	"unicode/utf8"
)

// MarshalCanonical writes a value the way Studio's "Show Flow JSON" prints a
// definition (JavaScript's JSON.stringify(v, null, 2)): two-space indentation,
// members in their order, "<", ">" and "&" as they are, non-ASCII characters
// as they are, and empty objects and lists as {} and []. Numbers keep their
// literal text.
func MarshalCanonical(v any) []byte {
	return marshalCanonical(v, 4096)
}

// marshalCanonical is MarshalCanonical into a buffer of sizeHint bytes to
// begin with.
func marshalCanonical(v any, sizeHint int) []byte {
	w := canonicalWriter{buf: make([]byte, 0, sizeHint)}
	w.value(v, 0)
	return w.buf
}

type canonicalWriter struct {
	buf []byte
}

// newlineAndSpaces holds a newline and the indentation of the deepest
// levels written in one append.
const newlineAndSpaces = "\n                                                                "

func (w *canonicalWriter) indent(depth int) {
	if n := 1 + 2*depth; n <= len(newlineAndSpaces) {
		w.buf = append(w.buf, newlineAndSpaces[:n]...)
		return
	}
	w.buf = append(w.buf, '\n')
	for i := 0; i < depth; i++ {
		w.buf = append(w.buf, ' ', ' ')
	}
}

func (w *canonicalWriter) value(v any, depth int) {
	switch t := v.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case bool:
		if t {
			w.buf = append(w.buf, "true"...)
		} else {
			w.buf = append(w.buf, "false"...)
		}
	case json.Number:
		w.buf = append(w.buf, t...)
	case string:
		w.str(t)
	case []any:
		if len(t) == 0 {
			w.buf = append(w.buf, "[]"...)
			return
		}
		w.buf = append(w.buf, '[')
		for i, e := range t {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.indent(depth + 1)
			w.value(e, depth+1)
		}
		w.indent(depth)
		w.buf = append(w.buf, ']')
	case *Object:
		if t.Len() == 0 {
			w.buf = append(w.buf, "{}"...)
			return
		}
		w.buf = append(w.buf, '{')
		for i, m := range t.members {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.indent(depth + 1)
			w.str(m.Key)
			w.buf = append(w.buf, ':', ' ')
			w.value(m.Value, depth+1)
		}
		w.indent(depth)
		w.buf = append(w.buf, '}')
	default:
		// Values outside this package's form are written as encoding/json would.
		b, err := json.Marshal(t)
		if err != nil {
			w.buf = append(w.buf, "null"...)
			return
		}
		w.buf = append(w.buf, b...)
	}
}

const hexDigits = "0123456789abcdef"

// shortEscapes holds, for each byte JSON escapes with a backslash and one
// letter, that letter (0 for the rest, written as \u00XX). A read-only table.
var shortEscapes = [0x80]byte{'"': '"', '\\': '\\', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't'}

// str escapes as JSON.stringify does: the quote, the backslash and control
// characters, with the short forms where JSON has them.
func (w *canonicalWriter) str(s string) {
	w.buf = append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				// Invalid UTF-8 cannot come from our parser; write U+FFFD
				// rather than an invalid file.
				w.buf = append(w.buf, s[start:i]...)
				w.buf = append(w.buf, "\ufffd"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		w.buf = append(w.buf, s[start:i]...)
		if short := shortEscapes[c]; short != 0 {
			w.buf = append(w.buf, '\\', short)
		} else {
			w.buf = append(w.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	w.buf = append(w.buf, s[start:]...)
	w.buf = append(w.buf, '"')
}

package model

import (
	"encoding/json"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// MarshalCanonical writes a value the way Studio's "Show Flow JSON" prints a
// definition (JavaScript's JSON.stringify(v, null, 2)): two-space indentation,
// members in their order, "<", ">" and "&" as they are, non-ASCII characters
// as they are, and empty objects and lists as {} and []. Numbers keep their
// literal text.
func MarshalCanonical(v any) []byte {
	b := marshalCanonical(v, 4096)
	return b[:len(b):len(b)]
}

// marshalCanonical is MarshalCanonical into a buffer of sizeHint bytes to
// begin with.
//
// The writer appends to a slice it passes along and gets back (as
// strconv's Append functions do), never to a field: storing a slice into
// memory the compiler cannot place on the stack costs a write barrier
// each time while the garbage collector runs, and that was a fifth of the
// writer's time.
//
// The buffer's memory is not zeroed first (a pass over it as long as the
// writing): callers cut what they return to its length.
func marshalCanonical(v any, sizeHint int) []byte {
	return appendCanonical(unzeroedBytes(sizeHint), v, 0)
}

// unzeroedBytes returns an empty slice with room for n bytes, whose
// memory may hold anything. strings.Builder's Grow allocates without
// zeroing; the builder is dropped and its memory is ours.
func unzeroedBytes(n int) []byte {
	var b strings.Builder
	b.Grow(n)
	b.WriteByte(0) // a string of length 1, so that StringData points at the memory
	return unsafe.Slice(unsafe.StringData(b.String()), n)[:0]
}

// newlineAndSpaces holds a newline and the indentation of the deepest
// levels written in one append.
const newlineAndSpaces = "\n                                                                "

// indentBlock is the start of newlineAndSpaces as an array: appendIndent
// copies it whole (two moves of 16 bytes) and keeps what it needs.
var indentBlock = [32]byte([]byte(newlineAndSpaces[:32]))

func appendIndent(buf []byte, depth int) []byte {
	n := 1 + 2*depth
	if l := len(buf); n <= len(indentBlock) && cap(buf)-l >= len(indentBlock) {
		*(*[32]byte)(buf[l : l+32]) = indentBlock
		return buf[:l+n]
	}
	if n <= len(newlineAndSpaces) {
		return append(buf, newlineAndSpaces[:n]...)
	}
	buf = append(buf, '\n')
	for i := 0; i < depth; i++ {
		buf = append(buf, ' ', ' ')
	}
	return buf
}

func appendCanonical(buf []byte, v any, depth int) []byte {
	switch t := v.(type) {
	case nil:
		return append(buf, "null"...)
	case bool:
		if t {
			return append(buf, "true"...)
		}
		return append(buf, "false"...)
	case json.Number:
		return append(buf, t...)
	case string:
		return appendString(buf, t)
	case []any:
		if len(t) == 0 {
			return append(buf, "[]"...)
		}
		buf = append(buf, '[')
		for i, e := range t {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendIndent(buf, depth+1)
			buf = appendCanonical(buf, e, depth+1)
		}
		buf = appendIndent(buf, depth)
		return append(buf, ']')
	case *Object:
		if t.Len() == 0 {
			return append(buf, "{}"...)
		}
		buf = append(buf, '{')
		for i, m := range t.members {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendIndent(buf, depth+1)
			buf = appendString(buf, m.Key)
			buf = append(buf, ':', ' ')
			buf = appendCanonical(buf, m.Value, depth+1)
		}
		buf = appendIndent(buf, depth)
		return append(buf, '}')
	default:
		// Values outside this package's form are written as encoding/json would.
		b, err := json.Marshal(t)
		if err != nil {
			return append(buf, "null"...)
		}
		return append(buf, b...)
	}
}

const hexDigits = "0123456789abcdef"

// plainASCII marks the bytes appendString copies as they are: printable
// ASCII but the quote and the backslash.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// shortEscapes holds, for each byte JSON escapes with a backslash and one
// letter, that letter (0 for the rest, written as \u00XX). A read-only table.
var shortEscapes = [0x80]byte{'"': '"', '\\': '\\', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't'}

// appendString escapes as JSON.stringify does: the quote, the backslash and control
// characters, with the short forms where JSON has them.
func appendString(buf []byte, s string) []byte {
	i, ascii := plainPrefix(s)
	if i == len(s) && (ascii || utf8.ValidString(s)) {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	if !utf8.ValidString(s) {
		return appendInvalidString(buf, s)
	}
	// Valid UTF-8: only the bytes plainPrefix stops at need escapes (no
	// byte of a multi-byte character is below 0x80).
	buf = append(buf, '"')
	start := 0
	for i < len(s) {
		buf = append(buf, s[start:i]...)
		buf = appendEscape(buf, s[i])
		start = i + 1
		j, _ := plainPrefix(s[start:])
		i = start + j
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// plainPrefix returns the length of the longest prefix of s without a
// quote, a backslash or a control character, and whether s has no byte
// outside ASCII before that point (or a little past it).
func plainPrefix(s string) (n int, ascii bool) {
	var high uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := loadString64(s, i)
		high |= w
		if m := stringStops(w); m != 0 {
			return i + bits.TrailingZeros64(m)>>3, high&highBits == 0
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		high |= uint64(c)
	}
	return i, high&highBits == 0
}

// loadString64 reads s[i:i+8] as a little-endian word.
func loadString64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// appendEscape writes the escape of c, a quote, a backslash or a control
// character.
func appendEscape(buf []byte, c byte) []byte {
	if short := shortEscapes[c]; short != 0 {
		return append(buf, '\\', short)
	}
	return append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// appendInvalidString is appendString for a string that is not UTF-8: a
// lone surrogate the parser kept (in WTF-8) is written as the escape it was
// read from, in lower case as JSON.stringify writes it; any other invalid
// byte becomes U+FFFD.
func appendInvalidString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && plainASCII[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 && isWTF8Surrogate(s[i:]) {
				buf = append(buf, s[start:i]...)
				u := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				buf = append(buf, '\\', 'u', hexDigits[u>>12], hexDigits[u>>8&0xF], hexDigits[u>>4&0xF], hexDigits[u&0xF])
				i += 3
				start = i
				continue
			}
			if r == utf8.RuneError && size == 1 {
				buf = append(buf, s[start:i]...)
				buf = append(buf, "\ufffd"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		buf = append(buf, s[start:i]...)
		buf = appendEscape(buf, c)
		i++
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// isWTF8Surrogate reports whether s starts with a surrogate code point
// encoded as UTF-8 would encode it (ED A0–BF 80–BF), as the parser keeps a
// lone \uD800–\uDFFF escape.
func isWTF8Surrogate(s string) bool {
	return len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2] >= 0x80 && s[2] <= 0xBF
}

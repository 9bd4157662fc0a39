package model

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Reading strings: finding their ends eight bytes at a time, decoding
// escapes, and keeping the parser's copies of strings and number literals.

// str reads the string at p.pos (its opening quote).
func (p *parser) str() (string, error) {
	s, _, err := p.strSlot()
	return s, err
}

// strSlot is str, and the slot of the intern table that holds the string
// (-1 for none).
func (p *parser) strSlot() (string, int, error) {
	start := p.pos
	d := p.data
	i := scanPlain(d, start+1)
	if i < len(d) && d[i] == '"' {
		p.pos = i + 1
		s, slot := p.internSlot(start+1, i)
		return s, slot, nil
	}
	if i < len(d) && d[i] < 0x20 {
		p.pos = i
		return "", -1, p.errorf("a raw control character (code %d) inside a string: write it as an escape such as \\n", d[i])
	}
	if i >= len(d) {
		p.pos = start
		return "", -1, p.errorf("this string is never closed: a '\"' is missing")
	}
	s, err := p.escaped(start, i)
	return s, -1, err
}

// escaped decodes the string opened at start whose first backslash is at i.
func (p *parser) escaped(start, i int) (string, error) {
	d := p.data
	b := append(p.scratch[:0], d[start+1:i]...)
	defer func() { p.scratch = b[:0] }()
	for {
		if i >= len(d) {
			p.pos = start
			return "", p.errorf("this string is never closed: a '\"' is missing")
		}
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return p.keep(b), nil
		case c < 0x20:
			p.pos = i
			return "", p.errorf("a raw control character (code %d) inside a string: write it as an escape such as \\n", c)
		case c != '\\':
			j := scanPlain(d, i+1)
			b = append(b, d[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(d) {
			p.pos = i
			return "", p.errorf("this string is never closed: a '\"' is missing")
		}
		esc := d[i+1]
		i += 2
		switch esc {
		case '"', '\\', '/':
			b = append(b, esc)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(d, i)
			if !ok {
				p.pos = i - 2
				return "", p.errorf("malformed \\u escape: four hex digits must follow \\u")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(d, i+2); ok && i+1 < len(d) && d[i] == '\\' && d[i+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						b = utf8.AppendRune(b, dec)
						i += 6
						continue
					}
				}
				// A lone surrogate, which JavaScript strings (and so
				// Studio) hold: kept as its three-byte WTF-8 form, which
				// the writer turns back into this escape.
				b = append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
				continue
			}
			b = utf8.AppendRune(b, r)
		default:
			p.pos = i - 2
			return "", p.errorf("unknown escape %s inside a string", describeEscape(d[i-1:]))
		}
	}
}

// hex4 reads the four hex digits at d[i:].
func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

const (
	lowBits  = 0x0101010101010101 // 1 in each byte of a word
	highBits = 0x8080808080808080 // 0x80 in each byte of a word
)

func load64(d []byte, i int) uint64 { return binary.LittleEndian.Uint64(d[i:]) }

// stringStops sets the high bit of the bytes of w (eight bytes of text)
// that end a plain run of a string: '"', '\\' and control characters. The
// lowest byte marked is the first such byte; bytes above it may be marked
// wrongly (the subtractions' borrows), and none are marked when w has none.
func stringStops(w uint64) uint64 {
	quote := w ^ (lowBits * '"')
	backslash := w ^ (lowBits * '\\')
	control := (w - lowBits*0x20) &^ w
	return (control | (quote-lowBits)&^quote | (backslash-lowBits)&^backslash) & highBits
}

// scanPlain returns the index of the first '"', '\\' or control
// character in d from i on (len(d) when there is none).
func scanPlain(d []byte, i int) int {
	for ; i+8 <= len(d); i += 8 {
		if m := stringStops(load64(d, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(d); i++ {
		if c := d[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return i
}

// arenaSize is the size of the chunks the parser copies strings into.
const arenaSize = 32 << 10

// keep returns a copy of b in the parser's arena.
func (p *parser) keep(b []byte) string {
	n := len(b)
	if n == 0 {
		return ""
	}
	if n > arenaSize/8 {
		return string(b)
	}
	if len(p.arena)-p.arenaUsed < n {
		// A file's strings take less room than the file: a small one does
		// not get a chunk of the full size.
		p.arena, p.arenaUsed = make([]byte, min(arenaSize, max(len(p.data)-p.pos, n))), 0
	}
	at := p.arenaUsed
	out := p.arena[at : at+n : at+n]
	p.arenaUsed += n
	copy(out, b)
	return unsafe.String(&out[0], n)
}

const (
	// internBits is the most slots an intern table has (log2), for a
	// document of 128 KB or more: a smaller one gets a smaller table
	// (internSlots), as schemas and default widgets are a few KB each.
	// With 512 slots, a 1,000-widget flow's strings pushed one another
	// out, and a template repeated in every other widget was kept 1.7
	// times on average; with 2,048, 1.25 times.
	internBits = 11
	// internMax is the length of the longest strings interned: longer
	// ones are seldom repeated, and comparing them costs more. A Liquid
	// template a builder repeats from widget to widget ("What is your
	// name, {{trigger.call.CallerName}}?") is often longer than a name:
	// kept once, the validator reads it once (schemas' inertStrings and
	// scannedStrings know strings by their bytes' address).
	internMax = 96
)

// The intern table is a cache of the strings the parser kept, by a hash
// of their bytes (the last one kept wins a slot).

// internSlots is log2 of the intern table's slots for a document of size
// bytes: one slot per 64 bytes, 64 to 2,048 slots.
func internSlots(size int) uint {
	b := uint(6)
	for b < internBits && 64<<b < size {
		b++
	}
	return b
}

// internEntry is a string with its first and last eight bytes as words
// (zero-padded when shorter), which tell strings of up to 16 bytes apart
// without comparing them, and the value it was last boxed into as a
// string or a number (nil until then).
type internEntry struct {
	s         string
	head, end uint64
	box       any
}

// internSlot returns d[start:end] as a string, the one kept before when
// it was recent, and then the slot of the intern table it is in (-1 for
// none).
func (p *parser) internSlot(start, end int) (string, int) {
	n := end - start
	if n == 0 || n > internMax {
		return p.keep(p.data[start:end]), -1
	}
	if p.interned == nil {
		b := internSlots(len(p.data))
		p.interned, p.internCut = make([]internEntry, 1<<b), 64-b
	}
	d := p.data
	var head, tail uint64
	if n >= 8 {
		head, tail = load64(d, start), load64(d, end-8)
	} else {
		if start+8 <= len(d) {
			head = load64(d, start)
		} else {
			for i := end - 1; i >= start; i-- {
				head = head<<8 | uint64(d[i])
			}
		}
		head &= 1<<(8*n) - 1
	}
	h := head ^ bits.RotateLeft64(tail, 29) ^ uint64(n)
	slot := int((h * 0x9e3779b97f4a7c15) >> p.internCut)
	e := &p.interned[slot]
	if len(e.s) == n && e.head == head && e.end == tail && (n <= 16 || e.s[8:n-8] == string(d[start+8:end-8])) {
		return e.s, slot
	}
	// A new string: its slot is not given out (so it is boxed without
	// caching the box), as most strings seen once are never seen again;
	// fewer pointers are written.
	s := p.keep(d[start:end])
	e.s, e.head, e.end = s, head, tail
	if e.box != nil {
		e.box = nil
	}
	return s, -1
}

package model

import (
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth is how deeply arrays and objects may nest. Studio definitions nest
// about ten levels; the limit keeps a hostile file from exhausting the stack.
const MaxDepth = 256

// ParseValue parses one JSON document into this package's value form.
func ParseValue(data []byte) (any, error) {
	return parseDocument(&parser{data: data})
}

func parseDocument(p *parser) (any, error) {
	data := p.data
	if !utf8.Valid(data) {
		p.pos = firstInvalidUTF8(data)
		return nil, p.errorf("the file is not UTF-8 text (JSON must be UTF-8): re-save it as UTF-8")
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos = 3 // a byte-order mark, as some Windows editors write
	}
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %s after the end of the JSON document", p.describe())
	}
	return v, nil
}

type parser struct {
	data []byte
	pos  int
	// Strings and number literals are copied into arena (one allocation
	// for many, and none of the whitespace between them); interned
	// remembers recent ones, so that a repeated one (member names above
	// all) is kept once: jsonparse_strings.go.
	arena     []byte
	arenaUsed int
	interned  []internEntry // sized to the document when first needed
	internCut uint          // a hash's slot is its top bits: 64 - log2(len(interned))
	// scratch is where strings with escapes are decoded.
	scratch []byte
	// starts is a stack of the offsets of the member names of the objects
	// being read (for the duplicate check's message).
	starts []int
	// objSlab is the slab objects are carved from; levels hold, for each
	// depth, the room the objects and lists there collect their members
	// and items in (jsonparse_memory.go).
	objSlab slab[Object]
	levels  []level
	// strSlab holds the headers of the strings and number literals values
	// box (jsonparse_box.go).
	strSlab slab[string]
	// listSlab holds the headers of the lists values box.
	listSlab slab[[]any]
	// items, when not nil, receives every object that is an item of a list
	// nested two deep (a flow's widgets) with the key of the text it was
	// read from.
	items *[]itemKey
	// space counts the whitespace bytes between tokens; layout counts the
	// bytes the canonical form puts there instead (newlines, indentation,
	// the space after each ':'). With them, canonicalSize is close to the
	// size MarshalCanonical writes, so its buffer is allocated once.
	space, layout int
}

// canonicalSize estimates the size of the canonical form of what was
// parsed (exact but for strings whose escapes it writes differently).
func (p *parser) canonicalSize() int { return len(p.data) - p.space + p.layout }

// jsonSpace marks the bytes JSON allows between tokens.
var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func (p *parser) skipSpace() {
	start, i, d := p.pos, p.pos, p.data
	for i < len(d) && jsonSpace[d[i]] {
		i++
		// The spaces that follow (indentation), up to eight at a time.
		for i+8 <= len(d) {
			x := load64(d, i) ^ lowBits*' '
			i += bits.TrailingZeros64(x) >> 3 // 8 when x is 0
			if x != 0 {
				break
			}
		}
	}
	p.pos = i
	p.space += i - start
}

func (p *parser) value(depth int) (any, error) {
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of file: a value is missing")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		if depth >= MaxDepth {
			return nil, p.errorf("nesting is deeper than %d levels", MaxDepth)
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= MaxDepth {
			return nil, p.errorf("nesting is deeper than %d levels", MaxDepth)
		}
		return p.array(depth + 1)
	case c == '"':
		str, slot, err := p.strSlot()
		if err != nil {
			return nil, err
		}
		return p.boxIn(str, slot, stringTypeWord), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", true)
	case c == 'f':
		return p.literal("false", false)
	case c == 'n':
		return p.literal("null", nil)
	default:
		return nil, p.errorf("expected a value, found %s", p.describe())
	}
}

func (p *parser) literal(word string, v any) (any, error) {
	if !strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(word))]), word) {
		return nil, p.errorf("expected a value, found %s", p.describe())
	}
	p.pos += len(word)
	return v, nil
}

func (p *parser) object(depth int) (any, error) {
	p.pos++ // '{'
	obj := p.newObject()
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return obj, nil
	}
	// This object's members so far are members, the offsets of their
	// names p.starts[base:]; on an error the stack is left as it is:
	// parsing ends.
	members := p.startMembers(depth)
	base := len(p.starts)
	var seen map[string]int // member name → offset, once the object is large
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of file inside an object: a '}' is missing")
		}
		if p.data[p.pos] != '"' {
			if p.data[p.pos] == '}' {
				return nil, p.errorf("a ',' before '}' leaves an empty member: remove the trailing comma")
			}
			return nil, p.errorf("expected a quoted member name, found %s", p.describe())
		}
		keyStart := p.pos
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		if first, dup := findMember(members, p.starts[base:], &seen, key, keyStart); dup {
			p.pos = keyStart
			line, col := p.place(first)
			err := p.errorf("member %q appears twice in this object (first at line %d, column %d): keep one", key, line, col)
			err.Duplicate = key
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("expected ':' after member name %q, found %s", key, p.describe())
		}
		p.pos++
		p.skipSpace()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		// Pushed once the value is read (nested objects use the stack
		// meanwhile).
		if len(members) == cap(members) {
			members = p.moreMembers(depth, members)
		}
		members = append(members, Member{Key: key, Value: v})
		p.starts = append(p.starts, keyStart)
		p.layout += 2 + 2*depth // newline and indentation, ' ' after ':'
		afterValue := p.pos
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of file inside an object: a '}' is missing")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.layout += 1 + 2*(depth-1)
			obj.members = p.endMembers(depth, members)
			p.starts = p.starts[:base]
			return obj, nil
		case '"':
			next := p.describe()
			p.pos = afterValue
			return nil, p.errorf("missing ',' after the value of %q (before the next member %s)", key, next)
		default:
			return nil, p.errorf("expected ',' or '}' after the value of %q, found %s", key, p.describe())
		}
	}
}

func (p *parser) array(depth int) (any, error) {
	p.pos++ // '['
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return p.boxList([]any{}), nil
	}
	elems := p.startElems(depth)
	for {
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			return nil, p.errorf("a ',' before ']' leaves an empty item: remove the trailing comma")
		}
		start := p.pos
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		if len(elems) == cap(elems) {
			elems = p.moreElems(depth, elems)
		}
		elems = append(elems, v)
		p.layout += 1 + 2*depth
		afterValue := p.pos
		if p.items != nil && depth == 2 {
			if obj, ok := v.(*Object); ok {
				*p.items = append(*p.items, itemKey{obj, textKey(p.data[start:afterValue])})
			}
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of file inside a list: a ']' is missing")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			p.layout += 1 + 2*(depth-1)
			return p.boxList(p.endElems(depth, elems)), nil
		case '{', '[', '"':
			next := p.describe()
			p.pos = afterValue
			return nil, p.errorf("missing ',' after this list item (before the next item %s)", next)
		default:
			return nil, p.errorf("expected ',' or ']' in a list, found %s", p.describe())
		}
	}
}

func (p *parser) number() (any, error) {
	start := p.pos
	d := p.data
	i := p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		p.pos = i
		return nil, p.errorf("malformed number: a digit must follow '-'")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			p.pos = i
			return nil, p.errorf("malformed number: a digit must follow '.'")
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			p.pos = i
			return nil, p.errorf("malformed number: the exponent has no digits")
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	p.pos = i
	s, slot := p.internSlot(start, i)
	return p.boxIn(s, slot, numberTypeWord), nil
}

func firstInvalidUTF8(d []byte) int {
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRune(d[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(d)
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// describeEscape names what follows a backslash (rest starts there) for
// an error message: as written when it is visible ASCII, otherwise quoted in
// Go's notation, so that a line break or a control character never breaks
// the message's line.
func describeEscape(rest []byte) string {
	r, _ := utf8.DecodeRune(rest)
	if r > ' ' && r < 0x7f {
		return "'\\" + string(r) + "'"
	}
	return "'\\' followed by " + strconv.QuoteRune(r)
}

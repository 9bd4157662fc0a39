package model

// Memory of the parser: the slabs it takes objects, members and list
// items from, the keys of a flow's widget texts, and the member-name
// lookup behind its duplicate check.

const slabSize = 255 // see minChunk

func (p *parser) newObject() *Object {
	return p.objSlab.take(slabSize, len(p.data)-p.pos)
}

// slabLen is the length of a new slab: n, halved while the rest of the
// text (rest bytes) could not fill half of it, as nextChunk does, so that
// a small document does not get slabs made for a big one.
func slabLen(n, rest int) int {
	for n > minChunk && n/2 >= rest/16 {
		n /= 2 // still one less than a power of two
	}
	return n
}

// slab hands out its elements one at a time, then makes a new slab of at
// most most elements (slabLen), rest being how much of the text is left.
// Taking one moves an index: only a new slab is a pointer written (each
// costs a write barrier while the collector marks).
type slab[T any] struct {
	s    []T
	used int
}

func (s *slab[T]) take(most, rest int) *T {
	if s.used == len(s.s) {
		s.s, s.used = make([]T, slabLen(most, rest)), 0
	}
	e := &s.s[s.used]
	s.used++
	return e
}

// level is the room left in the slabs of one depth: the objects there
// append their members to it, and the lists their items, with no copy
// when they close. Objects (and lists) at one depth are read one after
// the other, never one inside another, so each has the room to itself
// until it closes; one that outgrows it moves to a new slab, whose rest
// is then the room of the next.
type level struct {
	members room[Member]
	elems   room[any]
}

// room is the free end of a slab, slab[used:]. As with slab, closing an
// object or a list moves an index.
type room[T any] struct {
	slab []T
	used int
	// chunk is the length of the last slab made: each new one is twice
	// as long, up to maxChunk, so small documents stay small.
	chunk int
}

// Slab lengths are one less than a power of two: a slab of pointerful
// values larger than 512 bytes gets an 8-byte header, and a power of two
// plus 8 would be rounded up to the next size class (up to a fifth more).
const (
	minChunk = 15
	maxChunk = 1023
	// minRoom is the least room an object or list starts with; with
	// less, a new slab is made.
	minRoom = 8
)

// start returns the empty slice an object or list appends to; rest is
// how much of the text is left.
func (r *room[T]) start(rest int) []T {
	if len(r.slab)-r.used < minRoom {
		r.chunk = nextChunk(r.chunk, rest)
		r.slab, r.used = make([]T, r.chunk), 0
	}
	return r.slab[r.used:r.used]
}

// more moves items, which have filled the room, to a new slab with room
// for more.
func (r *room[T]) more(items []T, rest int) []T {
	r.chunk = nextChunk(r.chunk, rest)
	grown := make([]T, max(r.chunk, 2*len(items)))
	copy(grown, items)
	r.slab, r.used = grown, 0
	return grown[:len(items)]
}

// end returns items with their capacity capped (growing them later
// copies them out), and leaves the room after them to the next.
func (r *room[T]) end(items []T) []T {
	n := len(items)
	r.used += n
	return items[:n:n]
}

func (p *parser) level(depth int) *level {
	for len(p.levels) <= depth {
		p.levels = append(p.levels, level{})
	}
	return &p.levels[depth]
}

func (p *parser) startMembers(depth int) []Member {
	return p.level(depth).members.start(len(p.data) - p.pos)
}

func (p *parser) moreMembers(depth int, members []Member) []Member {
	return p.levels[depth].members.more(members, len(p.data)-p.pos)
}

func (p *parser) endMembers(depth int, members []Member) []Member {
	return p.levels[depth].members.end(members)
}

func (p *parser) startElems(depth int) []any {
	return p.level(depth).elems.start(len(p.data) - p.pos)
}

func (p *parser) moreElems(depth int, elems []any) []any {
	return p.levels[depth].elems.more(elems, len(p.data)-p.pos)
}

func (p *parser) endElems(depth int, elems []any) []any {
	return p.levels[depth].elems.end(elems)
}

// nextChunk is the length of a level's next slab: twice the last, but no
// more than the rest of the text can fill (a member or an item takes more
// than 16 bytes of most JSON), so the last slabs are not left mostly
// empty.
func nextChunk(last, rest int) int {
	return slabLen(min(maxChunk, max(minChunk, 2*last+1)), rest)
}

// itemKey is an object and the key of the text it was parsed from
// (textKey).
type itemKey struct {
	obj *Object
	key uint64
}

// findMember reports whether members (an object's so far) has one named
// key, and the offset of its name (starts holds each member's; at is this
// one's). Objects of up to 32 members are searched in order (a widget's
// properties often pass 8, and a map for each cost more than the search);
// from the 33rd member on a map keeps it linear.
func findMember(members []Member, starts []int, seen *map[string]int, key string, at int) (int, bool) {
	const mapFrom = 32
	if len(members) < mapFrom {
		for i, m := range members {
			// The first byte first: most names differ there, and the
			// check costs no call.
			if len(m.Key) == len(key) && (key == "" || m.Key[0] == key[0]) && m.Key == key {
				return starts[i], true
			}
		}
		return 0, false
	}
	if *seen == nil {
		*seen = make(map[string]int, 2*mapFrom)
		for i, m := range members {
			(*seen)[m.Key] = starts[i]
		}
	}
	if first, ok := (*seen)[key]; ok {
		return first, true
	}
	(*seen)[key] = at
	return 0, false
}

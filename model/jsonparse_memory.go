package model

// Memory of the parser: the slabs it carves objects and lists from, the
// texts of a flow's widgets, and the member-name lookup behind its
// duplicate check.

const slabSize = 255 // see minChunk

func (p *parser) newObject() *Object {
	if len(p.objSlab) == 0 {
		p.objSlab = make([]Object, slabSize)
	}
	o := &p.objSlab[0]
	p.objSlab = p.objSlab[1:]
	return o
}

// level is the room left in the slabs of one depth: the objects there
// append their members to it, and the lists their items, with no copy
// when they close. Objects (and lists) at one depth are read one after
// the other, never one inside another, so each has the room to itself
// until it closes; one that outgrows it moves to a new slab, whose rest
// is then the room of the next.
type level struct {
	members []Member // empty, with the room as capacity
	elems   []any
	// The sizes of the slabs last made: each new one is twice as big,
	// up to maxChunk, so small documents stay small.
	memberChunk, elemChunk int
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

func (p *parser) level(depth int) *level {
	for len(p.levels) <= depth {
		p.levels = append(p.levels, level{})
	}
	return &p.levels[depth]
}

// startMembers returns the empty slice an object at depth appends its
// members to.
func (p *parser) startMembers(depth int) []Member {
	l := p.level(depth)
	if cap(l.members) < minRoom {
		l.memberChunk = nextChunk(l.memberChunk, len(p.data)-p.pos)
		l.members = make([]Member, 0, l.memberChunk)
	}
	return l.members
}

// moreMembers moves the members of an object at depth that has filled
// its room to a new slab with room for more.
func (p *parser) moreMembers(depth int, members []Member) []Member {
	l := &p.levels[depth]
	l.memberChunk = nextChunk(l.memberChunk, len(p.data)-p.pos)
	grown := make([]Member, len(members), max(l.memberChunk, 2*len(members)))
	copy(grown, members)
	return grown
}

// endMembers returns members with its capacity capped (growing it later
// copies it out), and leaves the room after it to the next object.
func (p *parser) endMembers(depth int, members []Member) []Member {
	n := len(members)
	p.levels[depth].members = members[n:n]
	return members[:n:n]
}

// startElems is startMembers for a list's items.
func (p *parser) startElems(depth int) []any {
	l := p.level(depth)
	if cap(l.elems) < minRoom {
		l.elemChunk = nextChunk(l.elemChunk, len(p.data)-p.pos)
		l.elems = make([]any, 0, l.elemChunk)
	}
	return l.elems
}

// moreElems is moreMembers for a list's items.
func (p *parser) moreElems(depth int, elems []any) []any {
	l := &p.levels[depth]
	l.elemChunk = nextChunk(l.elemChunk, len(p.data)-p.pos)
	grown := make([]any, len(elems), max(l.elemChunk, 2*len(elems)))
	copy(grown, elems)
	return grown
}

// endElems is endMembers for a list's items.
func (p *parser) endElems(depth int, elems []any) []any {
	n := len(elems)
	p.levels[depth].elems = elems[n:n]
	return elems[:n:n]
}

// nextChunk is the length of a level's next slab: twice the last, but no
// more than the rest of the text can fill (a member or an item takes more
// than 16 bytes of most JSON), so the last slabs are not left mostly
// empty.
func nextChunk(last, rest int) int {
	n := min(maxChunk, max(minChunk, 2*last+1))
	for n > minChunk && n/2 >= rest/16 {
		n /= 2 // still one less than a power of two
	}
	return n
}

// itemText is an object parsed from data[start:end].
type itemText struct {
	obj        *Object
	start, end int
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

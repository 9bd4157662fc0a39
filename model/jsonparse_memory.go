package model

// Memory of the parser: the slabs it carves objects and lists from, the
// texts of a flow's widgets, and the member-name lookup behind its
// duplicate check.

const slabSize = 256

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
// until it closes; one that outgrows it moves to memory append finds,
// whose rest is then the room of the next.
type level struct {
	members []Member // empty, with the room as capacity
	elems   []any
	// The sizes of the slabs last made: each new one is twice as big,
	// up to maxChunk, so small documents stay small.
	memberChunk, elemChunk int
}

const (
	minChunk = 16
	maxChunk = 1024
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
		l.memberChunk = nextChunk(l.memberChunk)
		l.members = make([]Member, 0, l.memberChunk)
	}
	return l.members
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
		l.elemChunk = nextChunk(l.elemChunk)
		l.elems = make([]any, 0, l.elemChunk)
	}
	return l.elems
}

// endElems is endMembers for a list's items.
func (p *parser) endElems(depth int, elems []any) []any {
	n := len(elems)
	p.levels[depth].elems = elems[n:n]
	return elems[:n:n]
}

func nextChunk(last int) int { return min(maxChunk, max(minChunk, 2*last)) }

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

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

// carveMembers returns a copy of members in slab memory.
func (p *parser) carveMembers(members []Member) []Member {
	return carve(&p.memberSlab, members, slabSize*4)
}

// carveElems returns a copy of elems in slab memory.
func (p *parser) carveElems(elems []any) []any {
	return carve(&p.elemSlab, elems, slabSize*2)
}

// carve returns a copy of items cut from *slab, which is replaced by a new
// slab of refill entries when too short. More than slabSize/4 items get
// memory of their own.
func carve[T any](slab *[]T, items []T, refill int) []T {
	n := len(items)
	if n > slabSize/4 {
		return append(make([]T, 0, n), items...)
	}
	if len(*slab) < n {
		*slab = make([]T, refill)
	}
	out := (*slab)[:n:n]
	*slab = (*slab)[n:]
	copy(out, items)
	return out
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
			if m.Key == key {
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

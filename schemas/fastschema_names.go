package schemas

import (
	"encoding/binary"
	"unsafe"
)

// nameTable finds a schema's property by name with a perfect hash: a few
// bytes of the name (its length, first, middle and last bytes) multiplied
// by a seed chosen when the schema is built so that no two property names
// share a slot, then one string comparison. It replaces a map lookup on
// every member of every object validated (a sixth of the schema layer's
// time went to map lookups), and the catalog's lookup of a widget type,
// which every rule makes.
type nameTable struct {
	slots []uint8 // property index + 1 in each slot, 0 when empty
	seed  uint32
	shift uint8
}

// nameTableSeeds bounds the seeds tried for each table size.
const nameTableSeeds = 512

// newNameTable builds a table for names (at most 255), or returns false
// when no seed separates them (names alike in every byte it reads, which
// the caller then finds with a map).
func newNameTable(names []string) (nameTable, bool) {
	if len(names) == 0 || len(names) > 255 {
		return nameTable{}, false
	}
	bitsFor := 1
	for 1<<bitsFor < 2*len(names) {
		bitsFor++
	}
	for b := bitsFor; b <= bitsFor+2; b++ {
		size := 1 << b
		t := nameTable{slots: make([]uint8, size), shift: uint8(32 - b)}
		seed := uint32(0x9e3779b1)
	seeds:
		for try := 0; try < nameTableSeeds; try++ {
			seed = seed*0x2c1b3c6d + 0x297a2d39 | 1
			t.seed = seed
			clear(t.slots)
			for i, name := range names {
				h := t.slot(name)
				if t.slots[h] != 0 {
					continue seeds
				}
				t.slots[h] = uint8(i + 1)
			}
			return t, true
		}
	}
	return nameTable{}, false
}

func (t *nameTable) slot(name string) uint32 {
	x := uint32(len(name))
	if len(name) > 0 {
		x |= uint32(name[0])<<8 | uint32(name[len(name)/2])<<16 | uint32(name[len(name)-1])<<24
	}
	return (x * t.seed) >> t.shift
}

// candidate returns the index of the only name that may be key (the
// caller compares), or -1 when none is.
func (t *nameTable) candidate(key string) int {
	return int(t.slots[t.slot(key)]) - 1
}

// find returns the index of the property named key, or false.
func (n *fastSchema) find(key string) (int, bool) {
	if n.names.slots == nil {
		if len(n.properties) == 0 { // only required or additionalProperties
			return 0, false
		}
		k, ok := n.propIndex[key]
		return k, ok
	}
	i := n.names.candidate(key)
	if i < 0 || !sameKey(n.properties[i].name, key) {
		return 0, false
	}
	return i, true
}

// sameKey is a == b for the short names of schemas and flows, compared a
// word or two at a time in place of a call (longer ones as usual).
func sameKey(a, b string) bool {
	n := len(a)
	if n != len(b) {
		return false
	}
	pa, pb := unsafe.StringData(a), unsafe.StringData(b)
	switch {
	case n >= 8 && n <= 16: // the first and the last eight bytes
		return load64(pa, 0) == load64(pb, 0) && load64(pa, n-8) == load64(pb, n-8)
	case n >= 4 && n < 8:
		return load32(pa, 0) == load32(pb, 0) && load32(pa, n-4) == load32(pb, n-4)
	}
	return a == b
}

func load64(p *byte, at int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), at)), 8))
}

func load32(p *byte, at int) uint32 {
	return binary.LittleEndian.Uint32(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), at)), 4))
}

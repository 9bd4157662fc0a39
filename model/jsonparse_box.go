package model

import (
	"encoding/json"
	"unsafe"
)

// Boxing the parser's strings, number literals and lists: putting a string in an
// interface value (any) makes Go copy its header to a fresh 16-byte
// allocation; a flow holds tens of thousands of strings, and those
// allocations were a third of the parser's. The parser instead copies the
// headers into slabs and makes each interface value point at its slot, as
// Go's own boxing would point at the copy it allocates. A slot is written
// once, before its interface value exists, and never again.

// eface is the layout of an interface value with no methods (any).
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

var (
	stringTypeWord = typeWordOf("")
	numberTypeWord = typeWordOf(json.Number(""))
	listTypeWord   = typeWordOf([]any(nil))
)

func typeWordOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// boxIn is box for a string in slot of the intern table (or -1): a string
// or number repeated shares one box.
func (p *parser) boxIn(s string, slot int, typ unsafe.Pointer) any {
	if slot < 0 {
		return p.box(s, typ)
	}
	e := &p.interned[slot]
	if e.box != nil && (*eface)(unsafe.Pointer(&e.box)).typ == typ {
		return e.box
	}
	e.box = p.box(s, typ)
	return e.box
}

// boxList returns any(list) the same way (a slice header is boxed like a
// string's: every list value cost an allocation of its own).
func (p *parser) boxList(list []any) any {
	slot := p.listSlab.take(slabSize, len(p.data)-p.pos)
	*slot = list
	return makeEface(listTypeWord, unsafe.Pointer(slot))
}

// box returns s as a value of type typ (string or json.Number) without
// allocating, but for a new slab now and then.
func (p *parser) box(s string, typ unsafe.Pointer) any {
	slot := p.strSlab.take(maxChunk, len(p.data)-p.pos)
	*slot = s
	return makeEface(typ, unsafe.Pointer(slot))
}

func makeEface(typ, data unsafe.Pointer) any {
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, data
	return v
}

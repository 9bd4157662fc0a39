package model

import (
	"encoding/json"
	"unsafe"
)

// Boxing the parser's strings and number literals: putting a string in an
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
)

func typeWordOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// boxString returns any(s) without allocating, but for a new slab now and then.
func (p *parser) boxString(s string) any { return p.box(s, stringTypeWord) }

// boxNumber returns any(json.Number(literal)) the same way.
func (p *parser) boxNumber(literal string) any { return p.box(literal, numberTypeWord) }

func (p *parser) box(s string, typ unsafe.Pointer) any {
	if len(p.strSlab) == 0 {
		p.strSlab = make([]string, slabSize*4)
	}
	slot := &p.strSlab[0]
	p.strSlab = p.strSlab[1:]
	*slot = s
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, unsafe.Pointer(slot)
	return v
}

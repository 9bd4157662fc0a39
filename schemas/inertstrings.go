package schemas

import "unsafe"

// inertStrings remembers, for one validation, the strings the string rules
// found nothing in to check or report (no Liquid, or Liquid that parses
// cleanly and reads nothing a reference rule judges: no widgets.…,
// flow.variables.…, flow.data or trigger…), by the address and length of
// their bytes.
// The parser keeps one copy of a short string it reads again, so a text
// repeated from widget to widget ("{{flow.channel.address}}") is read
// once. This is sound because Go strings never change and the flow keeps
// every one of its strings alive, at its address, while it is validated;
// a table lives no longer than one validation (it is in widgetScratch).
type inertStrings [1 << inertBits]inertEntry

const inertBits = 8

type inertEntry struct {
	data *byte
	n    int
}

func (t *inertStrings) slot(s string) *inertEntry {
	h := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	return &t[(h*0x9e3779b97f4a7c15)>>(64-inertBits)]
}

// has reports whether s (these very bytes) was added.
func (t *inertStrings) has(s string) bool {
	e := t.slot(s)
	return e.n == len(s) && e.data == unsafe.StringData(s) && e.data != nil
}

// add remembers s, in place of the string that shared its slot.
func (t *inertStrings) add(s string) {
	e := t.slot(s)
	e.data, e.n = unsafe.StringData(s), len(s)
}

package schemas

import "unsafe"

// scannedStrings remembers, for one validation, what the string rules
// read in a string that is not inert (its references, and the parser's
// verdict when it needed the parser), by the address and length of its
// bytes as inertStrings does: whether a reference reads something depends
// on where the string stands, but what the string holds does not, and the
// parser keeps one copy of a text repeated from widget to widget
// ("{{trigger.message.ChannelSid}}" in every Send Message), so it is read
// once. The references themselves are in widgetScratch.refArena.
type scannedStrings [1 << scannedBits]scannedEntry

const scannedBits = 8

type scannedEntry struct {
	data *byte
	n    int
	// parsed: text holds what the parser found; else the references are
	// refArena[from:to].
	parsed   bool
	text     liquidText
	from, to int32
}

func (t *scannedStrings) slot(s string) *scannedEntry {
	h := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	return &t[(h*0x9e3779b97f4a7c15)>>(64-scannedBits)]
}

// find returns what was put for s (these very bytes), or nil.
func (t *scannedStrings) find(s string) *scannedEntry {
	e := t.slot(s)
	if e.n == len(s) && e.data == unsafe.StringData(s) && e.data != nil {
		return e
	}
	return nil
}

// put remembers e for s, in place of the string that shared its slot.
func (t *scannedStrings) put(s string, e scannedEntry) {
	e.data, e.n = unsafe.StringData(s), len(s)
	*t.slot(s) = e
}

package engine

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
)

// RandomSID returns a Twilio-style SID: the two-letter prefix and 32 hex
// digits. SIDs name records; they are not secrets, so the fast, randomly
// seeded generator of math/rand/v2 is enough.
func RandomSID(prefix string) string {
	var raw [16]byte
	binary.LittleEndian.PutUint64(raw[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(raw[8:], rand.Uint64())
	buf := make([]byte, len(prefix)+32)
	copy(buf, prefix)
	hex.Encode(buf[len(prefix):], raw[:])
	return string(buf)
}

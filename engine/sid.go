package engine

import (
	"crypto/rand"
	"encoding/hex"
)

// RandomSID returns a Twilio-style SID: the two-letter prefix and 32 hex digits.
func RandomSID(prefix string) string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return prefix + hex.EncodeToString(b[:])
}

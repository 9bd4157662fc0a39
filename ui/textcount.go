package ui

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// gsmBasic and gsmExtended are the GSM 03.38 alphabets an SMS can be sent
// in at 160 characters a message; extended characters count twice. Any
// other character sends the message as UCS-2, 70 characters a message.
const (
	gsmBasic    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtended = "^{}\\[~]|€\f"
)

// smsLength counts a message body as SMS does: its length in GSM-7 units
// or UTF-16 units, and how many messages it is sent as.
func smsLength(text string) (units, segments int, unicode bool) {
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			units++
		case strings.ContainsRune(gsmExtended, r):
			units += 2
		default:
			unicode = true
		}
	}
	single, multi := 160, 153
	if unicode {
		units = len(utf16.Encode([]rune(text)))
		single, multi = 70, 67
	}
	switch {
	case units == 0:
		segments = 0
	case units <= single:
		segments = 1
	default:
		segments = (units + multi - 1) / multi
	}
	return units, segments, unicode
}

// textCount describes a text's length for the field's footnote: message
// bodies say how many SMS they take (before Liquid is filled in).
func textCount(key, text string) string {
	n := len([]rune(text))
	if key != "body" {
		return plural(n, "character")
	}
	units, segments, unicode := smsLength(text)
	enc := "GSM-7"
	if unicode {
		enc = "Unicode"
	}
	s := fmt.Sprintf("%s · %s as SMS (%s, %d units)", plural(n, "character"), plural(segments, "message"), enc, units)
	if strings.Contains(text, "{{") {
		s += " before Liquid"
	}
	return s
}

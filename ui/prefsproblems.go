package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// showPrefsProblems shows, once, what went wrong with the preferences file
// (an unreadable one kept aside, a save that failed): a setting that was
// lost or not saved must not pass unnoticed. Start shows those of the
// opening, each autosave tick the later ones.
func (e *Editor) showPrefsProblems() {
	problems := e.prefs.TakeProblems()
	if len(problems) == 0 {
		return
	}
	msgs := make([]string, len(problems))
	for i, p := range problems {
		msg := p.Error()
		r, n := utf8.DecodeRuneInString(msg)
		msgs[i] = string(unicode.ToUpper(r)) + msg[n:] + "."
	}
	showMessage(e.win, "Preferences", strings.Join(msgs, "\n\n"))
}

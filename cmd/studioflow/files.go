package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/studioflow/studioflow/model"
)

// loadFlow reads and parses a flow file, returning its bytes as well (also
// when they do not parse, so errors can quote them). describeLoadError words
// its errors for a person.
func loadFlow(path string) ([]byte, *model.Flow, error) {
	data, err := model.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := model.Parse(data)
	if err != nil {
		return data, nil, err
	}
	return data, f, nil
}

// describeLoadError words a loadFlow error as one line for path; for
// malformed JSON it adds the offending part of the line (data is the file's
// content) with a caret under the spot.
func describeLoadError(path string, data []byte, err error) string {
	var syn *model.SyntaxError
	if errors.As(err, &syn) {
		msg := fmt.Sprintf("%s:%d:%d: malformed JSON: %s", path, syn.Line, syn.Column, syn.Msg)
		if syn.Offset >= 0 && syn.Offset <= len(data) {
			msg += "\n" + excerptAt(data, syn.Offset, excerptWidth)
		}
		return msg
	}
	var st *model.StructureError
	if errors.As(err, &st) {
		return fmt.Sprintf("%s: not a Studio flow: %s", path, st.Error())
	}
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		return fmt.Sprintf("%s: cannot read: %s", path, pathErr.Err)
	}
	return fmt.Sprintf("%s: %s", path, err)
}

// excerptWidth is about how many characters of the offending line are shown.
const excerptWidth = 80

// excerptAt shows up to width characters of the line around offset, with
// "…" where the line goes on, and a caret line under offset. Keeping to a
// window means a minified file or a 100,000-deep nesting still prints two
// short lines.
func excerptAt(data []byte, offset, width int) string {
	start := offset
	for n := 0; start > 0 && data[start-1] != '\n' && n < width/2; n++ {
		_, size := utf8.DecodeLastRune(data[:start])
		start -= size
	}
	end := offset
	for n := 0; end < len(data) && data[end] != '\n' && data[end] != '\r' && n < width/2; n++ {
		_, size := utf8.DecodeRune(data[end:])
		end += size
	}
	var text, caret strings.Builder
	if start > 0 && data[start-1] != '\n' {
		text.WriteString("…")
		caret.WriteByte(' ')
	}
	for i := start; i < end; {
		r, size := utf8.DecodeRune(data[i:])
		text.WriteRune(r)
		if i < offset {
			if r == '\t' {
				caret.WriteByte('\t')
			} else {
				caret.WriteByte(' ')
			}
		}
		i += size
	}
	if end < len(data) && data[end] != '\n' && data[end] != '\r' {
		text.WriteString("…")
	}
	caret.WriteByte('^')
	return text.String() + "\n" + caret.String()
}

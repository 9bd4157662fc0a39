package model

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SyntaxError locates a JSON syntax error for a person: line and column are
// 1-based, the column counts characters, and Excerpt shows the line with a
// caret under the spot.
type SyntaxError struct {
	Line, Column int
	Offset       int
	Msg          string
	Excerpt      string
	// Duplicate is the member name when the error is a name given twice in
	// one object (legal JSON that Studioflow refuses: which value counts
	// would be a guess); Line and Column are then its second occurrence.
	Duplicate string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// describe names the token at the current position for an error message.
func (p *parser) describe() string {
	if p.pos >= len(p.data) {
		return "the end of the file"
	}
	c := p.data[p.pos]
	switch {
	case c == '"':
		end := p.pos + 1
		for end < len(p.data) && end-p.pos < 40 && p.data[end] != '"' && p.data[end] != '\n' {
			end++
		}
		return fmt.Sprintf("%s\"", p.data[p.pos:end])
	case c >= 0x20 && c < 0x7f:
		return fmt.Sprintf("'%c'", c)
	default:
		r, _ := utf8.DecodeRune(p.data[p.pos:])
		return fmt.Sprintf("%q", r)
	}
}

// place is the 1-based line and column (in characters) of offset.
func (p *parser) place(offset int) (line, col int) {
	line, lineStart := 1, 0
	for i := 0; i < offset && i < len(p.data); i++ {
		if p.data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, utf8.RuneCount(p.data[lineStart:min(offset, len(p.data))]) + 1
}

func (p *parser) errorf(format string, args ...any) *SyntaxError {
	line, col := p.place(p.pos)
	lineStart := 0
	if i := bytes.LastIndexByte(p.data[:min(p.pos, len(p.data))], '\n'); i >= 0 {
		lineStart = i + 1
	}
	lineEnd := lineStart
	for lineEnd < len(p.data) && p.data[lineEnd] != '\n' && lineEnd-lineStart < 200 {
		lineEnd++
	}
	text := strings.TrimRight(string(p.data[lineStart:lineEnd]), "\r")
	caret := strings.Repeat(" ", max(col-1, 0)) + "^"
	if strings.ContainsRune(text, '\t') {
		// Keep the caret under the character when the line is indented with tabs.
		var b strings.Builder
		for i, r := range []rune(text) {
			if i >= col-1 {
				break
			}
			if r == '\t' {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		}
		caret = b.String() + "^"
	}
	return &SyntaxError{
		Line:    line,
		Column:  col,
		Offset:  p.pos,
		Msg:     fmt.Sprintf(format, args...),
		Excerpt: text + "\n" + caret,
	}
}

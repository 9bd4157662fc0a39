package liquid

import (
	"fmt"
	"regexp"
	"strings"
)

// tokenKind says what a token is.
type tokenKind int

const (
	textToken tokenKind = iota
	outputToken
	tagToken
)

// token is a piece of template source: text, {{ output }} or {% tag %}.
type token struct {
	kind   tokenKind
	text   string // text, or the markup of an output
	name   string // a tag's name ("#" for an inline comment)
	markup string // a tag's arguments
	line   int    // 1-based line where the token starts
	src    string // the token as written
	trimL  bool   // {{- or {%-
	trimR  bool   // -}} or -%}
}

// syntaxError is a template that cannot be parsed, with its line.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

func syntaxErrorf(line int, format string, a ...any) *syntaxError {
	return &syntaxError{line: line, msg: fmt.Sprintf(format, a...)}
}

// endOf finds the regions whose content is not Liquid: raw and doc bodies.
var (
	endRaw = regexp.MustCompile(`\{%-?\s*endraw\s*-?%\}`)
	endDoc = regexp.MustCompile(`\{%-?\s*enddoc\s*-?%\}`)
	// nestedDoc is a doc tag opening inside a doc body, which Liquid refuses.
	nestedDoc = regexp.MustCompile(`\{%-?\s*doc[\s%-]`)
)

// scan splits source into tokens as Ruby Liquid's tokenizer does: a tag
// runs to the first "%}", an output to the first "}}", and either may span
// lines. Whitespace control trims the neighbouring text. The bodies of raw
// and doc are kept as text (raw) or dropped (doc) without being read.
func scan(source string) ([]token, error) {
	var toks []token
	line := 1
	pos := 0
	for pos < len(source) {
		open := indexOpen(source, pos)
		if open < 0 {
			toks = append(toks, token{kind: textToken, text: source[pos:], line: line})
			break
		}
		if open > pos {
			toks = append(toks, token{kind: textToken, text: source[pos:open], line: line})
			line += strings.Count(source[pos:open], "\n")
		}
		if source[open+1] == '{' {
			end := strings.Index(source[open+2:], "}}")
			if end < 0 {
				// Kept as text, as Studio prints it (the validator warns).
				toks = append(toks, token{kind: textToken, text: source[open:], line: line})
				break
			}
			src := source[open : open+2+end+2]
			inner := src[2 : len(src)-2]
			t := token{kind: outputToken, line: line, src: src}
			t.text = strings.TrimSpace(t.cutTrimMarks(inner))
			toks = append(toks, t)
			line += strings.Count(src, "\n")
			pos = open + len(src)
			continue
		}
		end := strings.Index(source[open+2:], "%}")
		if end < 0 {
			return nil, syntaxErrorf(line, "tag %q was not closed with %%}", clip(source[open:]))
		}
		src := source[open : open+2+end+2]
		t, err := tagOf(src, line)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		line += strings.Count(src, "\n")
		pos = open + len(src)
		switch t.name {
		case "raw", "doc":
			re := endRaw
			if t.name == "doc" {
				re = endDoc
				if t.markup != "" {
					return nil, syntaxErrorf(t.line, "doc takes no arguments")
				}
			}
			m := re.FindStringIndex(source[pos:])
			if m == nil {
				return nil, syntaxErrorf(t.line, "unterminated %q block (no end%s)", t.name, t.name)
			}
			body := source[pos : pos+m[0]]
			if t.name == "doc" && nestedDoc.MatchString(body) {
				return nil, syntaxErrorf(t.line, "doc blocks cannot be nested")
			}
			toks = append(toks, token{kind: textToken, text: body, line: line})
			line += strings.Count(body, "\n")
			endSrc := source[pos+m[0] : pos+m[1]]
			et, _ := tagOf(endSrc, line)
			toks = append(toks, et)
			line += strings.Count(endSrc, "\n")
			pos += m[1]
		}
	}
	applyTrim(toks)
	return toks, nil
}

// cutTrimMarks takes the whitespace-trimming "-" off either end of a
// tag's or output's inside ({%- … -%}), noting each on t.
func (t *token) cutTrimMarks(inner string) string {
	if strings.HasPrefix(inner, "-") {
		t.trimL, inner = true, inner[1:]
	}
	if strings.HasSuffix(inner, "-") {
		t.trimR, inner = true, inner[:len(inner)-1]
	}
	return inner
}

func indexOpen(s string, from int) int {
	for i := from; i+1 < len(s); i++ {
		if s[i] == '{' && (s[i+1] == '{' || s[i+1] == '%') {
			return i
		}
	}
	return -1
}

// tagOf reads "{% name markup %}".
func tagOf(src string, line int) (token, error) {
	inner := src[2 : len(src)-2]
	t := token{kind: tagToken, line: line, src: src}
	inner = strings.TrimLeft(t.cutTrimMarks(inner), " \t\r\n\f\v")
	if strings.HasPrefix(inner, "#") {
		t.name, t.markup = "#", inner[1:]
		return t, nil
	}
	n := 0
	for n < len(inner) && isWordByte(inner[n]) {
		n++
	}
	if n == 0 {
		return t, syntaxErrorf(line, "tag %q has no name", clip(src))
	}
	t.name = inner[:n]
	t.markup = strings.TrimSpace(inner[n:])
	return t, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// applyTrim removes the whitespace that {%- -%} {{- -}} ask to remove.
func applyTrim(toks []token) {
	for i := range toks {
		if toks[i].kind == textToken {
			continue
		}
		if toks[i].trimL && i > 0 && toks[i-1].kind == textToken {
			toks[i-1].text = strings.TrimRight(toks[i-1].text, " \t\r\n\f\v")
		}
		if toks[i].trimR && i+1 < len(toks) && toks[i+1].kind == textToken {
			toks[i+1].text = strings.TrimLeft(toks[i+1].text, " \t\r\n\f\v")
		}
	}
}

// clip shortens a piece of source for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

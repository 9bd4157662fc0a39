package liquid

import (
	"encoding/base64"
	"errors"
	"math/big"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

func fAppend(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return toS(in) + toS(args[0]), nil
}

func fPrepend(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return toS(args[0]) + toS(in), nil
}

func fCapitalize(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	s := toS(in)
	if s == "" {
		return s, nil
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[n:]), nil
}

func fDowncase(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return strings.ToLower(toS(in)), nil
}

func fUpcase(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return strings.ToUpper(toS(in)), nil
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func fEscape(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	if in == nil {
		return nil, nil
	}
	return htmlEscaper.Replace(toS(in)), nil
}

// The filters' patterns are compiled at first use, as loopHead.
var escapeOnceRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`["><']|&(?:[a-zA-Z]+|#\d+);|&`)
})

func fEscapeOnce(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return escapeOnceRe().ReplaceAllStringFunc(toS(in), func(m string) string {
		if len(m) > 1 {
			return m // an entity already
		}
		return htmlEscaper.Replace(m)
	}), nil
}

// rubySpace is what Ruby's strip removes: whitespace and NUL.
func rubySpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || r == 0
}

func fLstrip(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return strings.TrimLeftFunc(toS(in), rubySpace), nil
}

func fRstrip(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return strings.TrimRightFunc(toS(in), rubySpace), nil
}

func fStrip(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return strings.TrimFunc(toS(in), rubySpace), nil
}

var newlineRe = regexp.MustCompile(`\r?\n`)

func fNewlineToBr(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return newlineRe.ReplaceAllString(toS(in), "<br />\n"), nil
}

func fStripNewlines(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return newlineRe.ReplaceAllString(toS(in), ""), nil
}

var stripHTMLRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)<script.*?</script>|<!--.*?-->|<style.*?</style>|<.*?>`)
})

func fStripHTML(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return stripHTMLRe().ReplaceAllString(toS(in), ""), nil
}

func fRemove(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return rubyGsub(toS(in), toS(args[0]), "")
}

func fRemoveFirst(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return strings.Replace(toS(in), toS(args[0]), "", 1), nil
}

func fRemoveLast(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return replaceLast(toS(in), toS(args[0]), ""), nil
}

func fReplace(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return rubyGsub(toS(in), toS(args[0]), toS(arg(args, 1, "")))
}

// rubyGsub replaces every old with new; an empty old matches between
// every character, as in Ruby. A result past the value budget is refused
// before it is built.
func rubyGsub(s, old, repl string) (string, error) {
	matches := strings.Count(s, old) // for "", one more than the characters
	if len(repl) > len(old) && matches > 0 && (len(repl)-len(old)) > (MaxValueBytes-len(s))/matches {
		return "", ErrValueTooLarge
	}
	if old == "" {
		var b strings.Builder
		b.WriteString(repl)
		for _, r := range s {
			b.WriteRune(r)
			b.WriteString(repl)
		}
		return b.String(), nil
	}
	return strings.ReplaceAll(s, old, repl), nil
}

func fReplaceFirst(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	s, old := toS(in), toS(args[0])
	if old == "" {
		return toS(arg(args, 1, "")) + s, nil
	}
	return strings.Replace(s, old, toS(arg(args, 1, "")), 1), nil
}

func fReplaceLast(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return replaceLast(toS(in), toS(args[0]), toS(args[1])), nil
}

func replaceLast(s, old, repl string) string {
	i := strings.LastIndex(s, old)
	if i < 0 {
		return s
	}
	return s[:i] + repl + s[i+len(old):]
}

// fSlice is slice: characters of a string or items of an array from an
// offset (negative counts from the end), one by default.
func fSlice(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	offset, err := strictInteger(args[0])
	if err != nil {
		return nil, err
	}
	length := 1
	if len(args) > 1 && args[1] != nil {
		if length, err = strictInteger(args[1]); err != nil {
			return nil, err
		}
	}
	if list, isList := in.([]any); isList {
		from, n, ok := sliceBounds(len(list), offset, length)
		if !ok {
			return []any{}, nil
		}
		return append([]any{}, list[from:from+n]...), nil
	}
	runes := []rune(toS(in))
	from, n, ok := sliceBounds(len(runes), offset, length)
	if !ok {
		return "", nil
	}
	return string(runes[from : from+n]), nil
}

func sliceBounds(size, offset, length int) (from, n int, ok bool) {
	if offset < 0 {
		offset += size
	}
	if offset < 0 || offset > size || length < 0 {
		return 0, 0, false
	}
	if length > size-offset {
		length = size - offset
	}
	return offset, length, true
}

// fSplit is Ruby's String#split: a single space splits at runs of
// whitespace and ignores leading whitespace; trailing empty strings are
// dropped; an empty pattern splits into characters.
func fSplit(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	s, sep := toS(in), toS(args[0])
	var parts []string
	switch sep {
	case " ":
		parts = strings.FieldsFunc(s, rubySpace)
	case "":
		for _, r := range s {
			parts = append(parts, string(r))
		}
	default:
		parts = strings.Split(s, sep)
	}
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}

func fTruncate(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	if in == nil {
		return nil, nil
	}
	length, err := strictInteger(arg(args, 0, 50))
	if err != nil {
		return nil, err
	}
	ellipsis := toS(arg(args, 1, "..."))
	runes := []rune(toS(in))
	if len(runes) <= length {
		return string(runes), nil
	}
	keep := length - utf8.RuneCountInString(ellipsis)
	if keep < 0 {
		keep = 0
	}
	return string(runes[:keep]) + ellipsis, nil
}

func fTruncatewords(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	if in == nil {
		return nil, nil
	}
	words, err := strictInteger(arg(args, 0, 15))
	if err != nil {
		return nil, err
	}
	if words <= 0 {
		words = 1
	}
	s := toS(in)
	fields := strings.FieldsFunc(s, rubySpace)
	if len(fields) <= words {
		return s, nil
	}
	return strings.Join(fields[:words], " ") + toS(arg(args, 1, "...")), nil
}

// fURLEncode is Ruby's CGI.escape: a space becomes "+".
func fURLEncode(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	if in == nil {
		return nil, nil
	}
	return url.QueryEscape(toS(in)), nil
}

func fURLDecode(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	if in == nil {
		return nil, nil
	}
	s := toS(in)
	out, err := url.QueryUnescape(s)
	if err != nil {
		// CGI.unescape leaves what it cannot read as it is.
		return strings.ReplaceAll(s, "+", " "), nil
	}
	if !utf8.ValidString(out) {
		return nil, errors.New("invalid byte sequence")
	}
	return out, nil
}

func fBase64Encode(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return base64.StdEncoding.EncodeToString([]byte(toS(in))), nil
}

func fBase64Decode(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	b, err := base64.StdEncoding.DecodeString(toS(in))
	if err != nil {
		return nil, errors.New("invalid base64 provided to base64_decode")
	}
	return string(b), nil
}

func fBase64URLEncode(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	return base64.URLEncoding.EncodeToString([]byte(toS(in))), nil
}

func fBase64URLDecode(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	s := strings.TrimRight(toS(in), "=")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errors.New("invalid base64 provided to base64_url_safe_decode")
	}
	return string(b), nil
}

// fSize is the length of a string (in characters), array or hash.
func fSize(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	switch t := in.(type) {
	case string:
		return utf8.RuneCountInString(t), nil
	case []any:
		return len(t), nil
	case *Object:
		if v, ok := t.Get("size"); ok {
			return v, nil
		}
		return t.Len(), nil
	case int:
		return 8, nil // Ruby's Integer#size
	case *big.Int:
		return (t.BitLen() + 7) / 8, nil // the bytes its magnitude takes, as Ruby's Integer#size
	}
	if s, ok := in.(sequence); ok {
		return s.Len(), nil
	}
	return 0, nil
}

// fDefault is default: the argument when the input is nil, false or empty
// (false is kept with allow_false: true).
func fDefault(_ *renderState, in any, args []any, kw map[string]any) (any, error) {
	def := arg(args, 0, "")
	allowFalse := kw != nil && truthy(kw["allow_false"])
	if in == nil || (in == false && !allowFalse) {
		return def, nil
	}
	if e, ok := isEmpty(in); ok && e {
		return def, nil
	}
	return in, nil
}

package liquid

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/osteele/liquid/values"
	"github.com/osteele/tuesday"
)

// filterFunc is a filter: its input, positional arguments and keyword
// arguments (default: x, allow_false: true), already normalised.
type filterFunc func(r *renderState, in any, args []any, kw map[string]any) (any, error)

type filterDef struct {
	fn       filterFunc
	min, max int // positional arguments
}

// standardFilters are Ruby Liquid's standard filters and Studio's to_json,
// each registered under its own name so that none of the library's own
// filters (which differ from Ruby's) remains.
var standardFilters map[string]filterDef

func init() {
	standardFilters = map[string]filterDef{
		// text
		"append": {fAppend, 1, 1}, "prepend": {fPrepend, 1, 1},
		"capitalize": {fCapitalize, 0, 0}, "downcase": {fDowncase, 0, 0}, "upcase": {fUpcase, 0, 0},
		"escape": {fEscape, 0, 0}, "h": {fEscape, 0, 0}, "escape_once": {fEscapeOnce, 0, 0},
		"lstrip": {fLstrip, 0, 0}, "rstrip": {fRstrip, 0, 0}, "strip": {fStrip, 0, 0},
		"newline_to_br": {fNewlineToBr, 0, 0}, "strip_newlines": {fStripNewlines, 0, 0}, "strip_html": {fStripHTML, 0, 0},
		"remove": {fRemove, 1, 1}, "remove_first": {fRemoveFirst, 1, 1}, "remove_last": {fRemoveLast, 1, 1},
		"replace": {fReplace, 1, 2}, "replace_first": {fReplaceFirst, 1, 2}, "replace_last": {fReplaceLast, 2, 2},
		"slice": {fSlice, 1, 2}, "split": {fSplit, 1, 1},
		"truncate": {fTruncate, 0, 2}, "truncatewords": {fTruncatewords, 0, 2},
		"url_encode": {fURLEncode, 0, 0}, "url_decode": {fURLDecode, 0, 0},
		"base64_encode": {fBase64Encode, 0, 0}, "base64_decode": {fBase64Decode, 0, 0},
		"base64_url_safe_encode": {fBase64URLEncode, 0, 0}, "base64_url_safe_decode": {fBase64URLDecode, 0, 0},
		"size": {fSize, 0, 0}, "default": {fDefault, 0, 1},
		"date": {fDate, 1, 1}, "to_json": {fToJSON, 0, 0},
		// numbers
		"plus": {fPlus, 1, 1}, "minus": {fMinus, 1, 1}, "times": {fTimes, 1, 1},
		"divided_by": {fDividedBy, 1, 1}, "modulo": {fModulo, 1, 1},
		"abs": {fAbs, 0, 0}, "ceil": {fCeil, 0, 0}, "floor": {fFloor, 0, 0}, "round": {fRound, 0, 1},
		"at_least": {fAtLeast, 1, 1}, "at_most": {fAtMost, 1, 1},
		// lists
		"first": {fFirst, 0, 0}, "last": {fLast, 0, 0}, "join": {fJoin, 0, 1}, "reverse": {fReverse, 0, 0},
		"concat": {fConcat, 1, 1}, "compact": {fCompact, 0, 1}, "uniq": {fUniq, 0, 1},
		"map": {fMap, 1, 1}, "sum": {fSum, 0, 1}, "sort": {fSort, 0, 1}, "sort_natural": {fSortNatural, 0, 1},
		"where": {fWhere, 1, 2}, "reject": {fReject, 1, 2}, "has": {fHas, 1, 2},
		"find": {fFind, 1, 2}, "find_index": {fFindIndex, 1, 2},
	}
}

// registerFilters binds every filter to this render state, so that what a
// filter builds counts against the render's budget.
func (r *renderState) registerFilters() {
	for name, def := range standardFilters {
		r.cfg.AddFilter(name, r.bind(def))
	}
}

// bind adapts a filter to the library's calling convention, for the
// expressions the library evaluates: keyword arguments arrive as a map
// after the positional ones.
func (r *renderState) bind(def filterDef) func(in any, args ...any) (any, error) {
	return func(in any, args ...any) (any, error) {
		var kw map[string]any
		if n := len(args); n > 0 {
			if m, ok := args[n-1].(map[string]any); ok {
				kw, args = m, args[:n-1]
			}
		}
		return r.applyFilter(def, in, args, kw)
	}
}

// applyFilter checks the arguments' count, normalises the values, calls
// the filter and counts what it built against the render's budget.
func (r *renderState) applyFilter(def filterDef, in any, args []any, kw map[string]any) (any, error) {
	if len(args) < def.min || len(args) > def.max {
		return nil, fmt.Errorf("wrong number of arguments (given %d, expected %s)", len(args), arity(def))
	}
	in = Normalize(in)
	for i := range args {
		args[i] = Normalize(args[i])
	}
	out, err := def.fn(r, in, args, kw)
	if err != nil {
		return nil, err
	}
	if !sameValue(out, in) {
		if err := r.built(out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func arity(d filterDef) string {
	if d.min == d.max {
		return strconv.Itoa(d.min)
	}
	return fmt.Sprintf("%d..%d", d.min, d.max)
}

// arg returns positional argument i, or def when absent.
func arg(args []any, i int, def any) any {
	if i < len(args) {
		return args[i]
	}
	return def
}

// fToJSON is Studio's to_json filter: the value as compact JSON, written as
// Ruby writes it (floats keep ".0", "<", ">" and "&" stay as they are).
func fToJSON(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	var b strings.Builder
	if err := writeJSON(&b, in); err != nil {
		return nil, err
	}
	return b.String(), nil
}

func writeJSON(b *strings.Builder, v any) error {
	if b.Len() > MaxValueBytes {
		return ErrValueTooLarge
	}
	switch t := Normalize(v).(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case int:
		b.WriteString(strconv.Itoa(t))
	case *big.Int:
		b.WriteString(t.String())
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return fmt.Errorf("%s is not allowed in JSON", formatFloat(t))
		}
		b.WriteString(formatFloat(t))
	case string:
		writeJSONString(b, t)
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSON(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case values.Range:
		return writeJSON(b, t.AsArray())
	case *Object:
		b.WriteByte('{')
		for i, k := range t.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			if err := writeJSON(b, t.m[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		raw, err := json.Marshal(t)
		if err != nil {
			return fmt.Errorf("to_json: %w", err)
		}
		b.Write(raw)
	}
	return nil
}

// writeJSONString quotes s as Ruby's JSON does: quotes, backslashes and
// control characters escaped, everything else as it is.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// fDate is the standard date filter working in US Pacific time, with
// "now" and "today" taken from the engine's clock.
func fDate(r *renderState, in any, args []any, _ map[string]any) (any, error) {
	format := toS(args[0])
	if in == nil || format == "" {
		return in, nil
	}
	t, ok := r.e.toTime(in)
	if !ok {
		// Ruby Liquid leaves values it cannot read as dates unchanged.
		return in, nil
	}
	s, err := tuesday.Strftime(format, t.In(r.e.pacific))
	if err != nil {
		return nil, fmt.Errorf("date format %q: %w", format, err)
	}
	return s, nil
}

func (e *Engine) toTime(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, true
	case int:
		return time.Unix(int64(v), 0), true
	case float64:
		return time.Unix(int64(v), 0), true
	case string:
		s := strings.TrimSpace(v)
		switch strings.ToLower(s) {
		case "":
			return time.Time{}, false
		case "now", "today":
			return e.now(), true
		}
		if allDigits(s) {
			if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
				return time.Unix(sec, 0), true
			}
		}
		if strings.HasPrefix(s, "-") && allDigits(s[1:]) {
			return time.Time{}, false // Ruby Liquid reads only unsigned digits as a timestamp
		}
		return e.parseDate(s)
	}
	return time.Time{}, false
}

// parseDate reads a date string. One written without a zone means Pacific
// wall-clock time in Studio; one with an explicit zone or offset keeps it,
// whatever the host's own zone is.
func (e *Engine) parseDate(s string) (time.Time, bool) {
	t, err := values.ParseDate(s)
	if err != nil {
		return time.Time{}, false
	}
	if hasExplicitZone(s) {
		return t, true
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), e.pacific), true
}

// hasExplicitZone reports whether a date string names its zone or offset:
// "Z", "+02:00", "-0700", "UTC", "GMT", "PST".
func hasExplicitZone(s string) bool {
	u := strings.ToUpper(strings.TrimSpace(s))
	if strings.HasSuffix(u, "Z") && len(u) > 1 && (u[len(u)-2] >= '0' && u[len(u)-2] <= '9') {
		return true
	}
	// a sign followed by 2 or 4 digits (optionally with a colon) after the time
	if i := strings.LastIndexAny(u, "+-"); i > 0 && strings.Contains(u[:i], ":") {
		rest := strings.ReplaceAll(u[i+1:], ":", "")
		if (len(rest) == 4 || len(rest) == 2) && allDigits(rest) {
			return true
		}
	}
	for _, f := range strings.Fields(u) {
		f = strings.Trim(f, "(),")
		if f == "UTC" || f == "GMT" || len(f) >= 3 && len(f) <= 4 && allLetters(f) && (strings.HasSuffix(f, "ST") || strings.HasSuffix(f, "DT")) {
			return true
		}
	}
	return false
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

package schemas

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/studioflow/studioflow/schemas/liquid"
)

// liquidChecker checks Liquid with the same parser the engine renders with
// (package liquid), so that what validates renders and what Studio's lax
// parser accepts is accepted here. The engine caches parsed templates, and
// a flow holds the same strings from one keystroke to the next.
type liquidChecker struct {
	engine *liquid.Engine
	// verdicts remembers what the parser said of each string it read: a
	// flow repeats its templates from widget to widget, and from one
	// validation to the next. A map of its own (not a memo.Map) so that a
	// key written in a buffer is looked up without copying it.
	mu       sync.RWMutex
	verdicts map[string]liquidVerdict
	// texts remembers, by the whole text, what the string rules need of
	// a template the parser reads (liquidtexts.go).
	texts map[string]liquidText
	// verdictBytes and textBytes count the text the two maps keep.
	verdictBytes, textBytes int
}

// liquidMemoBytes bounds the text each memo keeps, whatever the count: a
// long template edited keystroke by keystroke is a new key every time.
const liquidMemoBytes = 4 << 20

// liquidVerdictLimit bounds the remembered verdicts (they are forgotten
// all at once past it).
const liquidVerdictLimit = 4096

// liquidVerdict is what the parser thinks of one string.
type liquidVerdict struct {
	// problem is the syntax error, "" when the string parses.
	problem string
	// lenient lists forms Studio's lax parser accepts and strict Liquid
	// refuses ("{{widgets.x. y}}"), each saying how Studio reads it.
	lenient []string
	// iterations bounds the loop iterations one render can run.
	iterations int
	// overCap is a loop that runs past Studio's 15 iterations whenever it
	// renders (nil for none).
	overCap *liquid.LoopOverCap
	// zeroDivisor is a divided_by or modulo by a literal zero ("" for none).
	zeroDivisor string
	// unclosed: a "{{" with no "}}" after it (see unclosedOutput; the
	// verdict key keeps it, as it keeps everything but closed outputs).
	unclosed bool
}

// clean reports that the verdict has nothing to report.
func (v liquidVerdict) clean() bool {
	return v.problem == "" && len(v.lenient) == 0 && v.iterations <= liquid.MaxRenderIterations && !v.unclosed && v.overCap == nil && v.zeroDivisor == ""
}

func newLiquidChecker() *liquidChecker {
	return &liquidChecker{engine: liquid.New(nil), verdicts: map[string]liquidVerdict{}, texts: map[string]liquidText{}}
}

// hasLiquid reports whether a string holds Liquid markup at all ("{{" or
// "{%"), in one pass.
func hasLiquid(s string) bool {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if c := s[i+1]; c == '{' || c == '%' {
			return true
		}
		s = s[i+1:]
	}
}

// liquidKind sorts strings for the string rules.
type liquidKind uint8

const (
	plainText    liquidKind = iota // no Liquid: nothing to check
	simpleOutput                   // only {{ variable.path }} outputs: references to check, nothing to parse
	needsParser                    // tags, filters, …: the parser's verdict is needed
)

// classifyLiquid says which kind s is in one pass, appending to refs the
// references a simple string holds (as simpleRefs does).
func classifyLiquid(s string, refs []Reference) ([]Reference, liquidKind) {
	if strings.IndexByte(s, '{') < 0 {
		return refs, plainText
	}
	refs, outputs, simple := scanOutputs(s, refs)
	switch {
	case simple && outputs == 0: // no "{{" and no "{%"
		return refs, plainText
	case simple:
		return refs, simpleOutput
	case hasLiquid(s):
		return refs, needsParser
	}
	return refs, plainText
}

// check parses s.
func (c *liquidChecker) check(s string) liquidVerdict {
	if simpleLiquid(s) {
		return liquidVerdict{}
	}
	return c.parsed(s)
}

// parsed is check for a string simpleLiquid refuses.
func (c *liquidChecker) parsed(s string) liquidVerdict {
	// Written on the stack, copied only to be remembered.
	var buf [256]byte
	key := appendVerdictKey(buf[:0], s)
	c.mu.RLock()
	v, ok := c.verdicts[string(key)]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = c.inspect(string(key))
	c.mu.Lock()
	if len(c.verdicts) >= liquidVerdictLimit || c.verdictBytes+len(key) > liquidMemoBytes {
		clear(c.verdicts)
		c.verdictBytes = 0
	}
	if _, had := c.verdicts[string(key)]; !had {
		c.verdictBytes += len(key)
	}
	c.verdicts[string(key)] = v
	c.mu.Unlock()
	return v
}

// verdictKey is s with every output that holds only a variable path (as
// simpleLiquid accepts them) written "{{v}}": such an output parses, is
// never lenient and runs no loop, so the parser's verdict on the template
// is the same, and templates that differ only in the widgets they name
// ("You said {{widgets.w5.Digits}}. {% if … %}") share it.
func verdictKey(s string) string { return string(appendVerdictKey(nil, s)) }

// appendVerdictKey appends verdictKey(s) to b.
func appendVerdictKey(b []byte, s string) []byte {
	rest := s
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			break
		}
		if tag := strings.Index(rest[:open], "{%"); tag >= 0 { // leave tags as they are
			end := strings.Index(rest[tag+2:], "%}")
			if end < 0 {
				break
			}
			b = append(b, rest[:tag+2+end+2]...)
			rest = rest[tag+2+end+2:]
			continue
		}
		end := strings.Index(rest[open+2:], "}}")
		if end < 0 {
			break
		}
		inner := rest[open+2 : open+2+end]
		b = append(b, rest[:open]...)
		// Not across lines: a later error's line number must not move.
		if isVariablePath(strings.TrimSpace(inner)) && !strings.ContainsAny(inner, "{\n\r") {
			b = append(b, "{{v}}"...)
		} else {
			b = append(b, rest[open:open+2+end+2]...)
		}
		rest = rest[open+2+end+2:]
	}
	return append(b, rest...)
}

// inspect asks the parser.
func (c *liquidChecker) inspect(s string) liquidVerdict {
	rep := c.engine.Inspect(s)
	if rep.Err != nil {
		problem := rep.Err.Reason
		if rep.Err.Line > 1 {
			problem = fmt.Sprintf("line %d: %s", rep.Err.Line, problem)
		}
		return liquidVerdict{problem: strings.TrimPrefix(problem, "syntax error: ")}
	}
	return liquidVerdict{lenient: rep.Lenient, iterations: rep.MaxIterations, overCap: rep.OverCap, zeroDivisor: rep.ZeroDivisor, unclosed: unclosedOutput(s)}
}

// simpleLiquid recognises the strings that need no parser: no tags, and
// every {{ }} holds only a dotted variable path (the great majority of real
// strings, e.g. "{{widgets.gather_1.Digits}}"). Anything else is parsed.
func simpleLiquid(s string) bool {
	var buf [4]Reference
	_, ok := simpleRefs(s, buf[:0])
	return ok
}

// simpleRefs is simpleLiquid, and appends to refs the references
// References finds in a simple string (outputs such as "{{widgets.NAME…}}"
// or "{{trigger.message.Body}}"), in order, without their offsets: a
// simple string has nothing else to check, so one pass does it all.
func simpleRefs(s string, refs []Reference) ([]Reference, bool) {
	refs, _, ok := scanOutputs(s, refs)
	return refs, ok
}

// scanOutputs is simpleRefs, counting the outputs too. One pass: every
// "{{" must open an output holding only a variable path, and no "}}" or
// "{%" may stand outside one.
func scanOutputs(s string, refs []Reference) (_ []Reference, outputs int, simple bool) {
	for i := 0; ; {
		k := indexBrace(s[i:])
		if k < 0 {
			return refs, outputs, true
		}
		i += k
		if i+1 >= len(s) {
			return refs, outputs, true
		}
		c, d := s[i], s[i+1]
		switch {
		case c == '}' && d == '}', c == '{' && d == '%':
			return refs, outputs, false
		case c == '{' && d == '{':
			path, end, ok, isPath := plainOutput(s[i+2:])
			if !ok {
				e := strings.Index(s[i+2:], "}}")
				if e < 0 {
					return refs, outputs, false
				}
				path, end = strings.TrimSpace(s[i+2:i+2+e]), e
				isPath = isVariablePath(path)
			}
			if !isPath {
				return refs, outputs, false
			}
			outputs++
			if r, ok := classify(path); ok {
				refs = append(refs, r)
			}
			i += 2 + end + 2
		default:
			i++
		}
	}
}

// plainOutput reads the inside of an output, s being what follows its
// "{{", in one pass when it is ASCII blanks, a run of variable-path bytes
// and blanks up to "}}": path is that run, end the index of the "}}", and
// isPath is isVariablePath(path), found in the same pass. ok is false for
// anything else (the caller then searches for "}}" and trims as usual; the
// result is the same where both apply).
func plainOutput(s string) (path string, end int, ok, isPath bool) {
	i := skipBlanks(s, 0)
	start := i
	startOfName, bad := true, false
	for ; i < len(s); i++ {
		switch pathClass[s[i]] {
		case pathOther:
			goto done
		case pathDot:
			bad = bad || startOfName
			startOfName = true
		case pathLetter:
			startOfName = false
		case pathDigit:
			bad = bad || startOfName
		case pathHyphen: // as isVariablePath: never first, last or before a dot
			next := pathOther
			if i+1 < len(s) {
				next = pathClass[s[i+1]]
			}
			bad = bad || startOfName || next == pathOther || next == pathDot
		}
	}
done:
	path = s[start:i]
	i = skipBlanks(s, i)
	if i+1 < len(s) && s[i] == '}' && s[i+1] == '}' {
		return path, i, true, path != "" && !bad && !startOfName
	}
	return "", 0, false, false
}

// skipBlanks is the index of the first byte of s from i on that is not
// ASCII white space as strings.TrimSpace sees it.
func skipBlanks(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// indexBrace is the index of the first '{' or '}' in s, -1 when none.
func indexBrace(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '{' || c == '}' {
			return i
		}
	}
	return -1
}

func isVariablePath(p string) bool {
	if p == "" {
		return false
	}
	startOfName := true
	for i := 0; i < len(p); i++ {
		switch pathClass[p[i]] {
		case pathDot:
			if startOfName {
				return false
			}
			startOfName = true
		case pathLetter:
			startOfName = false
		case pathDigit:
			if startOfName {
				return false
			}
		case pathHyphen:
			// Inside a name, as in Studio's hyphenated widget names
			// ("widgets.send-reply.Body"); never first, last or before a
			// dot, where it could be Liquid's whitespace control or a
			// minus the parser reads differently.
			if startOfName || i+1 == len(p) || p[i+1] == '.' {
				return false
			}
		default:
			return false
		}
	}
	return !startOfName
}

// Byte classes of a variable path.
const (
	pathOther uint8 = iota
	pathLetter
	pathDigit
	pathHyphen
	pathDot
)

// pathClass is each byte's class in a variable path (never written after
// it is built).
var pathClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = pathLetter, pathLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = pathDigit
	}
	t['_'], t['-'], t['.'] = pathLetter, pathHyphen, pathDot
	return t
}()

// unclosedOutput reports a "{{" with no "}}" after it, which the parser
// passes as plain text but is almost always a typing slip.
func unclosedOutput(s string) bool {
	open := strings.LastIndex(s, "{{")
	return open >= 0 && !strings.Contains(s[open:], "}}")
}

// findings checks str and reports what is wrong or lenient, each message
// worded for the field holding str once a finding needs it.
func (c *liquidChecker) findings(str string, report func(Severity, func(field string) string)) {
	verdict := c.check(str)
	verdict.unclosed = unclosedOutput(str) // a simple string's verdict does not say
	c.report(verdict, report)
}

func (c *liquidChecker) report(verdict liquidVerdict, report func(Severity, func(field string) string)) {
	if verdict.problem != "" {
		report(Error, func(field string) string { return fmt.Sprintf("Liquid error in %s: %s", field, verdict.problem) })
		return
	}
	for _, l := range verdict.lenient {
		report(Warning, func(field string) string {
			return fmt.Sprintf("%s has %s (Studio's lax Liquid parser accepts this; strict Liquid would not)", field, l)
		})
	}
	if l := verdict.overCap; l != nil {
		report(Warning, func(field string) string {
			where := ""
			if l.Line > 1 {
				where = fmt.Sprintf(" (line %d)", l.Line)
			}
			return fmt.Sprintf("%s has a loop%s over %d items, more than the %d iterations Studio lets one loop run: when it renders, the execution stops with an error", field, where, l.Iterations, liquid.MaxLoopIterations)
		})
	}
	if verdict.zeroDivisor != "" {
		report(Warning, func(field string) string {
			return fmt.Sprintf("%s divides by zero (%s): when it renders, the execution stops with an error", field, verdict.zeroDivisor)
		})
	}
	if verdict.iterations > liquid.MaxRenderIterations {
		report(Warning, func(field string) string {
			return fmt.Sprintf("%s has loops that can run %s iterations together (nested loops multiply, each up to %d), more than the %d one render may run: it will stop with an error", field, iterationCount(verdict.iterations), liquid.MaxLoopIterations, liquid.MaxRenderIterations)
		})
	}
	if verdict.unclosed {
		report(Warning, func(field string) string {
			return fmt.Sprintf("%s has a {{ with no closing }}, so Studio prints it as plain text", field)
		})
	}
}

// iterationCount writes a loop bound for a message ("2562890625", or "more
// than 10^18" when it saturated).
func iterationCount(n int) string {
	if n >= 1<<62 {
		return "an astronomical number of"
	}
	return strconv.Itoa(n)
}

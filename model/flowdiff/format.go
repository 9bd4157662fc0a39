package flowdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxShown is about how many characters of a value a line shows; longer
// values are cut with "…" (their changes are shown inside the text).
const maxShown = 72

// keepContext is how many characters of unchanged text around a word edit,
// or how many unchanged lines around a line edit, are shown.
const (
	keepContext = 30
	keepLines   = 2
)

// WriteText writes the diff for people, one section per kind of change.
// It writes nothing when the versions are the same.
func WriteText(w io.Writer, d *Diff) error {
	var b strings.Builder
	section := func(title string, n int) bool {
		if n == 0 {
			return false
		}
		fmt.Fprintf(&b, "%s:\n", title)
		return true
	}
	if section("flow settings", len(d.Settings)) {
		for _, c := range d.Settings {
			writeChange(&b, "  ", c)
		}
	}
	if section("widgets added", len(d.Added)) {
		for _, a := range d.Added {
			fmt.Fprintf(&b, "  + %s (%s)\n", a.Name, a.Type)
		}
	}
	if section("widgets removed", len(d.Removed)) {
		for _, r := range d.Removed {
			fmt.Fprintf(&b, "  - %s (%s)\n", r.Name, r.Type)
		}
	}
	if section("widgets renamed", len(d.Renamed)) {
		for _, r := range d.Renamed {
			fmt.Fprintf(&b, "  %s → %s (%s)\n", r.Old, r.New, r.Type)
		}
	}
	if section("widgets changed", len(d.Changed)) {
		for _, wc := range d.Changed {
			if wc.OldName != "" {
				fmt.Fprintf(&b, "  %s (%s, was %s)\n", wc.Widget, wc.Type, wc.OldName)
			} else {
				fmt.Fprintf(&b, "  %s (%s)\n", wc.Widget, wc.Type)
			}
			for _, c := range wc.Properties {
				writeChange(&b, "    ", c)
			}
			for _, tc := range wc.Transitions {
				writeTransition(&b, wc.Widget, tc)
			}
		}
	}
	if section("widgets moved (layout only)", len(d.Moved)) {
		for _, mv := range d.Moved {
			fmt.Fprintf(&b, "  %s: %s → %s\n", mv.Widget, point(mv.From), point(mv.To))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func point(p *Point) string {
	if p == nil {
		return "(no offset)"
	}
	return fmt.Sprintf("(%s, %s)", strconv.FormatFloat(p.X, 'f', -1, 64), strconv.FormatFloat(p.Y, 'f', -1, 64))
}

func writeChange(b *strings.Builder, indent string, c Change) {
	switch {
	case c.Kind == KindAdded:
		fmt.Fprintf(b, "%s%s: added %s\n", indent, c.Path, shown(c.New))
	case c.Kind == KindRemoved:
		fmt.Fprintf(b, "%s%s: removed (was %s)\n", indent, c.Path, shown(c.Old))
	case c.TextUnit == "line":
		fmt.Fprintf(b, "%s%s: lines changed:\n", indent, c.Path)
		writeLineEdits(b, indent+"  ", c.Text)
	case c.TextUnit == "word":
		fmt.Fprintf(b, "%s%s: %s\n", indent, c.Path, wordEdits(c.Text))
	default:
		fmt.Fprintf(b, "%s%s: %s → %s\n", indent, c.Path, shown(c.Old), shown(c.New))
	}
}

func writeTransition(b *strings.Builder, widget string, tc TransitionChange) {
	ev := tc.Event
	if tc.Label != "" {
		ev += " " + strconv.Quote(tc.Label)
	}
	arrow := func(next string) string {
		return fmt.Sprintf("%s --%s--> %s", widget, ev, orNothing(next))
	}
	switch tc.Kind {
	case TransitionRewired:
		fmt.Fprintf(b, "    rewired: %s  became  … --> %s\n", arrow(tc.OldNext), orNothing(tc.NewNext))
	case TransitionAdded:
		fmt.Fprintf(b, "    transition added: %s\n", arrow(tc.NewNext))
	case TransitionRemoved:
		fmt.Fprintf(b, "    transition removed: %s\n", arrow(tc.OldNext))
	case TransitionConditions:
		fmt.Fprintf(b, "    conditions of %s --%s-->:\n", widget, ev)
		for _, c := range tc.Conditions {
			writeChange(b, "      ", c)
		}
	case TransitionReordered:
		quoted := make([]string, len(tc.Order))
		for i, l := range tc.Order {
			quoted[i] = strconv.Quote(l)
		}
		fmt.Fprintf(b, "    conditions reordered (the first that matches wins): %s\n", strings.Join(quoted, ", "))
	}
}

func orNothing(s string) string {
	if s == "" {
		return "(nothing)"
	}
	return s
}

// shown writes a value as JSON, cut to about maxShown characters.
func shown(v any) string {
	var s string
	if str, ok := v.(string); ok {
		s = strconv.Quote(str)
	} else {
		data, err := json.Marshal(v)
		if err != nil {
			s = fmt.Sprint(v)
		} else {
			s = string(data)
		}
	}
	return cut(s, maxShown)
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// wordEdits shows a word diff inline as git's --word-diff does:
// [-removed-]{+added+}, with long unchanged stretches shortened.
func wordEdits(edits []TextEdit) string {
	var b strings.Builder
	for i, e := range edits {
		switch e.Op {
		case "-":
			b.WriteString("[-" + e.Text + "-]")
		case "+":
			b.WriteString("{+" + e.Text + "+}")
		default:
			b.WriteString(elide(e.Text, i == 0, i == len(edits)-1))
		}
	}
	return strings.ReplaceAll(b.String(), "\n", `\n`)
}

// elide shortens unchanged text: its end is kept when it comes first, its
// start when it comes last, both ends in between.
func elide(s string, first, last bool) string {
	r := []rune(s)
	if len(r) <= 2*keepContext {
		return s
	}
	switch {
	case first && last:
		return s
	case first:
		return "…" + string(r[len(r)-keepContext:])
	case last:
		return string(r[:keepContext]) + "…"
	default:
		return string(r[:keepContext]) + "…" + string(r[len(r)-keepContext:])
	}
}

// writeLineEdits writes a line diff with "-" and "+" in front of changed
// lines and a few unchanged lines around them.
func writeLineEdits(b *strings.Builder, indent string, edits []TextEdit) {
	type line struct {
		op, text string
	}
	var lines []line
	for _, e := range edits {
		for _, l := range strings.SplitAfter(e.Text, "\n") {
			if l != "" {
				lines = append(lines, line{e.Op, strings.TrimSuffix(l, "\n")})
			}
		}
	}
	near := make([]bool, len(lines))
	for i, l := range lines {
		if l.op == "=" {
			continue
		}
		for j := max(0, i-keepLines); j <= min(len(lines)-1, i+keepLines); j++ {
			near[j] = true
		}
	}
	skipped := false
	for i, l := range lines {
		if !near[i] {
			if !skipped {
				fmt.Fprintf(b, "%s  …\n", indent)
				skipped = true
			}
			continue
		}
		skipped = false
		mark := " "
		if l.op != "=" {
			mark = l.op
		}
		fmt.Fprintf(b, "%s%s %s\n", indent, mark, l.text)
	}
}

// WriteLineDiff writes a plain line diff of two texts (for files that are
// not flows), with a few unchanged lines around each change.
func WriteLineDiff(w io.Writer, old, new string) error {
	_, edits := DiffText(old+"\n", new+"\n")
	if !strings.Contains(old, "\n") && !strings.Contains(new, "\n") {
		edits = diffTokens(splitLines(old), splitLines(new))
	}
	var b strings.Builder
	writeLineEdits(&b, "", edits)
	_, err := io.WriteString(w, b.String())
	return err
}

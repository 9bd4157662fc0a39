package liquid

// goldenExclusions lists the golden-liquid cases that are wrong here on
// purpose, each with its reason. None needs a change to osteele/liquid:
// what its expression grammar cannot read (ranges with any bounds, a
// leading [name] lookup, keyword arguments before positional ones) is
// rewritten before it reaches the library (expr.go). Cases that need
// template files (include, render: Studio has no template files and
// disables both) are left out by shape (excludedByShape).
var goldenExclusions = map[string]string{
	"filters, date, seconds since epoch format directive": "Studio reads a date written without a zone as US Pacific wall-clock time; the suite assumes a UTC host clock",
	"output, whitespace between words":                    "Studio's Liquid parses in lax mode, which renders the first value of '{{ foo bar }}' and ignores the rest; the suite expects strict mode's error",
	"tags, case, unexpected when token, strict2":          "strict2-mode expectation; Studio parses in lax mode, whose expectation for the same template (the case without ', strict2') passes",
}

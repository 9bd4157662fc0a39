package main

import (
	"bytes"
	"fmt"

	"github.com/studioflow/studioflow/internal/atomicfile"
)

// runFmt prints each file in Studio's canonical form, each ending with a
// newline, or with -w rewrites the files that are not already in it,
// keeping each file's final newline or its lack.
func runFmt(e env, args []string) int {
	fs := newFlagSet("fmt", e.stderr)
	write := fs.Bool("w", false, "rewrite the files in place (atomically) instead of printing them")
	paths, ok := parseFlags(fs, args, 1, unbounded)
	if !ok {
		return exitBadInput
	}
	code := exitOK
	for _, path := range paths {
		data, flow, err := loadFlow(path)
		if err != nil {
			fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
			code = exitBadInput
			continue
		}
		// canonical keeps the file's own final newline (or its lack), so a
		// file already in canonical form is left byte for byte as it is.
		canonical := flow.Marshal()
		if !*write {
			// On standard output every document ends with a newline, so
			// several are separate documents and the output ends a line.
			if !bytes.HasSuffix(canonical, []byte("\n")) {
				canonical = append(canonical, '\n')
			}
			e.stdout.Write(canonical)
			continue
		}
		if bytes.Equal(data, canonical) {
			continue
		}
		if err := atomicfile.Write(path, canonical); err != nil {
			fmt.Fprintf(e.stderr, "%s: cannot rewrite: %v\n", path, err)
			code = exitBadInput
		}
	}
	return code
}

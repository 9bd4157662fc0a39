package main

import (
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/internal/buildinfo"
)

// runVersion prints the version, commit and build date stamped at build
// time (see internal/buildinfo and `make dist`).
func runVersion(e env, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(e.stderr, "usage: studioflow version")
		return exitBadInput
	}
	info := buildinfo.Read(appVersion)
	fmt.Fprintf(e.stdout, "%s %s\n", strings.ToLower(appName), info.Version)
	for _, line := range info.Lines() {
		fmt.Fprintln(e.stdout, "  "+line)
	}
	return exitOK
}

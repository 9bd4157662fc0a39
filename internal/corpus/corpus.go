// Package corpus finds the collection of real Studio exports and
// documentation excerpts that may sit beside the checkout, in ../shared
// (CI has it; a fresh clone does not). Tests over it skip, quietly, when it
// is absent: `make test` says once that they were skipped and why.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Missing is the reason the corpus tests give when they skip.
const Missing = "no ../shared beside the checkout: the real-export corpus tests are skipped"

// Root is ../shared relative to the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
}

// FlowsDir is the folder of real exports.
func FlowsDir() string { return filepath.Join(Root(), "flows") }

// SeedsDir is the folder of documentation excerpts.
func SeedsDir() string { return filepath.Join(Root(), "seeds") }

// Flows returns the paths of the real exports, or skips the test when
// there are none.
func Flows(tb testing.TB) []string {
	tb.Helper()
	paths, _ := filepath.Glob(filepath.Join(FlowsDir(), "*.json"))
	if len(paths) == 0 {
		tb.Skip(Missing)
	}
	return paths
}

// Flow returns the path of one real export, or skips the test when the
// corpus is absent.
func Flow(tb testing.TB, name string) string {
	tb.Helper()
	return present(tb, filepath.Join(FlowsDir(), name))
}

// Seed returns the path of one documentation excerpt, or skips the test
// when the corpus is absent.
func Seed(tb testing.TB, name string) string {
	tb.Helper()
	return present(tb, filepath.Join(SeedsDir(), name))
}

// present returns path, or skips the test when it is absent.
func present(tb testing.TB, path string) string {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skip(Missing)
	}
	return path
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
)

// Fixtures with known outcomes (see internal/testflows).
const (
	cleanFlow = testflows.Horoscope
	// validFlow has no findings at all (cleanFlow's Run Function URLs are blank).
	validFlow    = testflows.OrderIVR
	danglingFlow = testflows.StandbyList
	legacyFlow   = testflows.ChatbotHandoff
	// notCanonicalFlow is not in Studio's canonical layout, so fmt changes it.
	notCanonicalFlow = testflows.JokeLine
)

// fixture is the path of one of the project's test flows.
func fixture(name string) string { return testflows.Path(name) }

// result is what one command run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(args ...string) result {
	var out, errOut bytes.Buffer
	code := dispatch(env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, args)
	return result{code, out.String(), errOut.String()}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

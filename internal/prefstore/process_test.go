package prefstore

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// helperEnv makes the test binary a saver process (see saverMain).
const helperEnv = "PREFSTORE_SAVER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(helperEnv); spec != "" {
		os.Exit(saverMain(spec))
	}
	os.Exit(m.Run())
}

// saverMain is a process of its own that opens the store in a folder and
// sets one key to 1, 2, … n: "DIR|KEY|N".
func saverMain(spec string) int {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 {
		fmt.Fprintf(os.Stderr, "saver: bad spec %q\n", spec)
		return 2
	}
	dir, key := parts[0], parts[1]
	n, err := strconv.Atoi(parts[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "saver: %v\n", err)
		return 2
	}
	failed := false
	s, err := Open(dir, Options{Seed: Seed(dir), Report: func(err error) {
		fmt.Fprintf(os.Stderr, "saver: %v\n", err)
		failed = true
	}})
	if err != nil {
		fmt.Fprintf(os.Stderr, "saver: %v\n", err)
		return 1
	}
	for i := 1; i <= n; i++ {
		s.SetInt(key, i)
	}
	if failed {
		return 1
	}
	return 0
}

// Two processes (this test binary started again as savers) saving
// different keys at once, many times, both starting on a folder that
// holds only Fyne's preferences: both keys end at their last value, the
// seeded one survives, and neither process reported a problem (no
// unreadable file, no failed save).
func TestTwoProcessesSavingAtOnceKeepBothKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const saves = 150
	for round := range 3 {
		dir := t.TempDir()
		if err := os.WriteFile(Seed(dir), []byte(`{"theme":"dark"}`), 0o600); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		outputs := make([][]byte, 2)
		errs := make([]error, 2)
		for i, key := range []string{"editor.one", "editor.two"} {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s|%d", helperEnv, dir, key, saves))
			wg.Go(func() { outputs[i], errs[i] = cmd.CombinedOutput() })
		}
		wg.Wait()
		for i := range errs {
			if errs[i] != nil {
				t.Fatalf("round %d: saver %d: %v\n%s", round, i, errs[i], outputs[i])
			}
		}
		got := onDisk(t, dir)
		if got["editor.one"] != float64(saves) || got["editor.two"] != float64(saves) || got["theme"] != "dark" {
			t.Fatalf("round %d: the file holds %v, want both keys at %d and the seeded theme", round, got, saves)
		}
	}
}

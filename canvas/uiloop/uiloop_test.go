package uiloop

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// What other goroutines post runs only when the test runs the queue, in
// the order posted, and what that posts runs in the same Run.
func TestQueueRunsWhatIsPostedOnTheRunningGoroutineInOrder(t *testing.T) {
	q := NewQueue()
	var got []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		q.Post(func() { got = append(got, 1) })
		q.Post(func() {
			got = append(got, 2)
			q.Post(func() { got = append(got, 3) })
		})
	}()
	wg.Wait()
	if len(got) != 0 {
		t.Fatalf("posting ran %v before Run", got)
	}
	if n := q.Run(); n != 3 {
		t.Errorf("Run ran %d functions, want 3", n)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Errorf("ran %v, want [1 2 3]", got)
	}
	if n := q.Run(); n != 0 {
		t.Errorf("a second Run ran %d functions", n)
	}
}

func TestRunUntilWaitsForPostsAndGivesUpAtTheTimeout(t *testing.T) {
	q := NewQueue()
	release := make(chan struct{})
	done := false
	go func() {
		<-release
		q.Post(func() { done = true })
	}()
	close(release)
	if !q.RunUntil(10*time.Second, func() bool { return done }) {
		t.Fatal("RunUntil did not see the posted function run")
	}
	if q.RunUntil(10*time.Millisecond, func() bool { return false }) {
		t.Error("RunUntil reported done for a condition that never holds")
	}
}

// Every posts its function again and again, each run on the goroutine that
// runs the queue, and returns once stop closes, posting nothing after.
func TestEveryPostsUntilStopCloses(t *testing.T) {
	q := NewQueue()
	stop := make(chan struct{})
	returned := make(chan struct{})
	ticks := 0
	go func() {
		defer close(returned)
		Every(stop, q, time.Millisecond, func() { ticks++ })
	}()
	if !q.RunUntil(10*time.Second, func() bool { return ticks >= 3 }) {
		t.Fatalf("Every posted %d ticks in 10 s, want 3 or more", ticks)
	}
	close(stop)
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("Every did not return within 10 s of stop closing")
	}
	q.Run() // what was posted before stop closed
	if n := q.Run(); n != 0 {
		t.Errorf("Every posted %d ticks after it returned", n)
	}
}

func TestOrIsFyneWhenNoPosterIsGiven(t *testing.T) {
	if _, ok := Or(nil).(Fyne); !ok {
		t.Errorf("Or(nil) is %T, want Fyne", Or(nil))
	}
	q := NewQueue()
	if Or(q) != Poster(q) {
		t.Error("Or replaced the poster it was given")
	}
}

// fyneDoAllowed are the calls of fyne.Do and fyne.DoAndWait outside this
// package that need no Poster, each with its reason.
var fyneDoAllowed = map[string]string{
	// The probe's socket server answers the e2e harness from the running
	// application and must wait for the answer; never under the test driver.
	"ui/probe/probe.go": "fyne.DoAndWait",
	// The desktop portal's answer: asked only when a file chooser portal is
	// on the session bus, never under the test driver.
	"ui/filedialog/portal_unix.go": "fyne.Do",
}

// Goroutines hand UI work over through a Poster, so tests can run it on
// their own goroutine: a direct fyne.Do elsewhere would run a background
// update beside the test under Fyne's test driver.
func TestGoroutinesReachTheUIThroughAPoster(t *testing.T) {
	root := filepath.Join("..", "..")
	found := map[string]bool{}
	for _, dir := range []string{"canvas", "ui", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(rel, "canvas/uiloop/") {
				return nil
			}
			file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return fmt.Errorf("parse %s: %w", rel, err)
			}
			fyneName := ""
			for _, imp := range file.Imports {
				if imp.Path.Value == `"fyne.io/fyne/v2"` {
					fyneName = "fyne"
					if imp.Name != nil {
						fyneName = imp.Name.Name
					}
				}
			}
			if fyneName == "" {
				return nil
			}
			ast.Inspect(file, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "Do" && sel.Sel.Name != "DoAndWait") {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == fyneName {
					call := "fyne." + sel.Sel.Name
					if fyneDoAllowed[rel] != call {
						t.Errorf("%s calls %s: take a uiloop.Poster from the owner's constructor instead", rel, call)
					}
					found[rel] = true
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for rel := range fyneDoAllowed {
		if !found[rel] {
			t.Errorf("%s no longer calls fyne.Do: take it off the allowed list", rel)
		}
	}
}

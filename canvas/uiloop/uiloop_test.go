package uiloop

import (
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

func TestOrIsFyneWhenNoPosterIsGiven(t *testing.T) {
	if _, ok := Or(nil).(Fyne); !ok {
		t.Errorf("Or(nil) is %T, want Fyne", Or(nil))
	}
	q := NewQueue()
	if Or(q) != Poster(q) {
		t.Error("Or replaced the poster it was given")
	}
}

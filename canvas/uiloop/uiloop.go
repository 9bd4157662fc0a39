// Package uiloop hands work from other goroutines to the UI goroutine.
//
// Fyne's widgets may be touched only on its UI goroutine. A goroutine of
// ours (a worker, a ticker, a request in flight) hands its updates over
// through a Poster given to whatever started it. In the application that
// is Fyne, which queues them for its event loop. Under Fyne's test driver
// fyne.Do instead runs the function at once on the calling goroutine, so a
// background update would touch widgets while the test does; tests give a
// Queue instead and run what it holds on their own goroutine.
package uiloop

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Poster runs functions on the UI goroutine, later.
type Poster interface {
	Post(fn func())
}

// Fyne posts to Fyne's UI goroutine (fyne.Do): the application's Poster.
type Fyne struct{}

// Post hands fn to Fyne's event loop.
func (Fyne) Post(fn func()) { fyne.Do(fn) }

// Or returns p, or Fyne when p is nil.
func Or(p Poster) Poster {
	if p == nil {
		return Fyne{}
	}
	return p
}

// Every posts fn to the UI goroutine through post every d, until stop
// closes; it returns then. Run it on a goroutine of its own: it is the
// ticker of whatever repeats on the UI goroutine while a window or a
// gesture lasts (the autosave, the focus ring, the drag's auto-scroll).
// What it posted before stop closed may still run after: fn checks, on
// the UI goroutine, whether its work is still wanted.
func Every(stop <-chan struct{}, post Poster, d time.Duration, fn func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			post.Post(fn)
		}
	}
}

// Queue holds what other goroutines post until Run runs it on the caller's
// goroutine: a test's stand-in for the UI goroutine. Post may be called
// from any goroutine; Run and RunUntil from one.
type Queue struct {
	mu     sync.Mutex
	fns    []func()
	posted chan struct{}
}

// NewQueue returns an empty queue.
func NewQueue() *Queue { return &Queue{posted: make(chan struct{}, 1)} }

// Post queues fn. It never blocks.
func (q *Queue) Post(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
	select {
	case q.posted <- struct{}{}:
	default:
	}
}

// Posted is ready when something may have been posted since the last Run:
// a test waiting for a background update selects on it, then calls Run.
func (q *Queue) Posted() <-chan struct{} { return q.posted }

// Run runs, in order, what has been posted, and what those functions post
// in turn, and returns how many it ran.
func (q *Queue) Run() int {
	ran := 0
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return ran
		}
		for _, fn := range fns {
			fn()
			ran++
		}
	}
}

// RunUntil runs what is posted, as it comes, until done reports true
// (checked after each Run) or timeout passes; it reports whether done did.
func (q *Queue) RunUntil(timeout time.Duration, done func() bool) bool {
	q.Run()
	if done() {
		return true
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		select {
		case <-q.posted:
			q.Run()
			if done() {
				return true
			}
		case <-deadline.C:
			q.Run()
			return done()
		}
	}
}

package engine

import (
	"sort"
	"sync"
	"time"
)

// Clock supplies time to the engine: RealClock in the GUI and the server,
// a VirtualClock in tests and scenarios.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f once, d from now, unless the returned Timer is stopped.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending AfterFunc call.
type Timer interface {
	// Stop prevents the call; it reports whether the call was still pending.
	Stop() bool
}

// RealClock is the wall clock. Its timers are the runtime's, so a waiting
// execution costs no goroutine.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// AfterFunc schedules f with time.AfterFunc.
func (RealClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// VirtualClock is a clock that only moves when Advance is called. Timers due
// by the new time run synchronously inside Advance, in due order.
type VirtualClock struct {
	mu      sync.Mutex
	now     time.Time
	pending []*virtualTimer
	seq     int
}

type virtualTimer struct {
	clock   *VirtualClock
	due     time.Time
	seq     int
	f       func()
	stopped bool
}

// NewVirtualClock returns a clock standing at start.
func NewVirtualClock(start time.Time) *VirtualClock {
	return &VirtualClock{now: start}
}

// Now returns the virtual time.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc schedules f for d after the virtual now.
func (c *VirtualClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &virtualTimer{clock: c, due: c.now.Add(d), seq: c.seq, f: f}
	c.pending = append(c.pending, t)
	return t
}

// Advance moves the clock forward by d, running every timer that falls due,
// each at its own due time.
func (c *VirtualClock) Advance(d time.Duration) {
	c.mu.Lock()
	target := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		next := c.nextDue(target)
		if next == nil {
			c.now = target
			c.mu.Unlock()
			return
		}
		c.now = next.due
		next.stopped = true
		c.mu.Unlock()
		next.f() // outside the lock: f may schedule new timers
	}
}

// Pending reports how many timers wait to fire.
func (c *VirtualClock) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, t := range c.pending {
		if !t.stopped {
			n++
		}
	}
	return n
}

// nextDue removes stopped timers and returns the earliest timer due by target.
func (c *VirtualClock) nextDue(target time.Time) *virtualTimer {
	live := c.pending[:0]
	for _, t := range c.pending {
		if !t.stopped {
			live = append(live, t)
		}
	}
	c.pending = live
	sort.Slice(live, func(i, j int) bool {
		if !live[i].due.Equal(live[j].due) {
			return live[i].due.Before(live[j].due)
		}
		return live[i].seq < live[j].seq
	})
	if len(live) == 0 || live[0].due.After(target) {
		return nil
	}
	return live[0]
}

func (t *virtualTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	was := !t.stopped
	t.stopped = true
	return was
}

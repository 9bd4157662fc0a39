package sessions

import (
	"sync"

	"github.com/studioflow/studioflow/engine"
)

// subscriberBuffer is how many events a slow subscriber may fall behind
// before its channel is closed (it can then re-read the steps).
const subscriberBuffer = 256

type subscription struct {
	execSID string // "" for every execution of the flow
	ch      chan engine.Event
}

// broker fans out the events of a flow's executions to subscribers.
type broker struct {
	mu   sync.Mutex
	subs map[string]map[*subscription]struct{} // by flow SID
}

// Subscribe returns the events of the flow's executions from now on (only
// those of execSID unless it is ""), as they are saved, and a cancel
// function. The channel is closed by cancel, or when the subscriber falls
// more than 256 events behind.
func (m *Manager) Subscribe(flowSID, execSID string) (<-chan engine.Event, func()) {
	b := &m.events
	sub := &subscription{execSID: execSID, ch: make(chan engine.Event, subscriberBuffer)}
	b.mu.Lock()
	if b.subs == nil {
		b.subs = map[string]map[*subscription]struct{}{}
	}
	if b.subs[flowSID] == nil {
		b.subs[flowSID] = map[*subscription]struct{}{}
	}
	b.subs[flowSID][sub] = struct{}{}
	b.mu.Unlock()
	var once sync.Once
	return sub.ch, func() {
		once.Do(func() { b.drop(flowSID, sub) })
	}
}

func (b *broker) drop(flowSID string, sub *subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[flowSID][sub]; !ok {
		return
	}
	delete(b.subs[flowSID], sub)
	if len(b.subs[flowSID]) == 0 {
		delete(b.subs, flowSID)
	}
	close(sub.ch)
}

func (b *broker) publish(flowSID string, evs []engine.Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for sub := range b.subs[flowSID] {
		for _, e := range evs {
			if sub.execSID != "" && sub.execSID != e.Execution {
				continue
			}
			select {
			case sub.ch <- e:
			default:
				delete(b.subs[flowSID], sub)
				close(sub.ch)
			}
			if _, still := b.subs[flowSID][sub]; !still {
				break
			}
		}
	}
}

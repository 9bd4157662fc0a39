package simulator

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
)

func TestOnRunEndedHearsEachEndedExecutionOnce(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	var mu sync.Mutex
	var ended []*engine.Execution
	p.OnRunEnded(func(x *engine.Execution) {
		mu.Lock()
		defer mu.Unlock()
		ended = append(ended, x)
	})
	test.Type(p.start.body, "hi")
	startAs(t, p, engine.TriggerMessage)
	mu.Lock()
	if len(ended) != 0 {
		t.Fatalf("a waiting execution was reported as ended: %v", ended[0].Ended)
	}
	mu.Unlock()

	test.Tap(p.sms.noReply)
	settle(p)
	test.Tap(p.sms.noReply) // nothing waits any more: no second report
	settle(p)
	mu.Lock()
	defer mu.Unlock()
	if len(ended) != 1 {
		t.Fatalf("heard %d ends, want 1", len(ended))
	}
	x := ended[0]
	if x != execution(t, p) || x.Ended == nil || len(x.Steps) == 0 {
		t.Fatalf("reported execution %s ended=%v with %d steps", x.SID, x.Ended, len(x.Steps))
	}
}

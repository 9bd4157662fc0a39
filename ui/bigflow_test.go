package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// packedFlow is a chain of n widgets on a grid-px grid, 224 to a row.
func packedFlow(n, grid int) []byte {
	var b strings.Builder
	b.WriteString(`{"description":"big","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"w0"}],"properties":{"offset":{"x":0,"y":0}}}`)
	for i := range n {
		next := ""
		if i+1 < n {
			next = fmt.Sprintf("w%d", i+1)
		}
		fmt.Fprintf(&b, `,{"name":"w%d","type":"set-variables","transitions":[{"event":"next","next":"%s"}],"properties":{"offset":{"x":%d,"y":%d},"variables":[]}}`, i, next, (i%224)*grid, (i/224)*grid)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// TestHugePackedFlowIsRefusedPromptly: 50,000 widgets on a 10-px grid
// never finished opening; the editor now says at once why it does not open
// them, and keeps the flow it had.
func TestHugePackedFlowIsRefusedPromptly(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	before := e.doc
	path := filepath.Join(t.TempDir(), "huge.json")
	if err := os.WriteFile(path, packedFlow(50000, 10), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		e.OpenPath(path)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("opening 50,000 packed widgets took more than 30 s")
	}
	t.Logf("refused in %v", time.Since(start))
	if e.doc != before {
		t.Error("the huge flow replaced the editor's flow")
	}
	if !strings.Contains(dialogText(e.win), "50001 widgets, but Studio allows at most 2000") {
		t.Error("no message says why the flow did not open")
	}
	f, err := model.Parse(packedFlow(50000, 10))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewEditor(a, e.cat, Options{Flow: f}); err == nil || !strings.Contains(err.Error(), "at most 2000") {
		t.Errorf("a new window on the huge flow: %v", err)
	}
}

// TestLargestPackedFlowOpens: at Studio's limit, the same packing opens.
func TestLargestPackedFlowOpens(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	path := filepath.Join(t.TempDir(), "limit.json")
	if err := os.WriteFile(path, packedFlow(1999, 10), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	e.OpenPath(path)
	t.Logf("2,000 packed widgets opened in %v", time.Since(start))
	if e.doc.Flow().Len() != 2000 {
		t.Fatalf("the editor shows %d widgets", e.doc.Flow().Len())
	}
}

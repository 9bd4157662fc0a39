package modeltest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// OversizedStream makes a FIFO that offers three times model.MaxFileSize
// bytes to whoever opens it. consumed waits for the writer and says how many
// bytes the reader took before closing its end: a bounded reader takes about
// the limit, an unbounded one all of it. Skips where FIFOs cannot be made.
func OversizedStream(t testing.TB) (path string, consumed func() int64) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "oversized.json")
	if err := mkfifo(path); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	const offered = 3 * model.MaxFileSize
	written := make(chan int64, 1)
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			written <- -1
			return
		}
		defer f.Close()
		chunk := []byte(strings.Repeat(" ", 64<<10))
		var n int64
		for n < offered {
			k, err := f.Write(chunk)
			n += int64(k)
			if err != nil { // the reader closed its end
				break
			}
		}
		written <- n
	}()
	return path, func() int64 { return <-written }
}

package model

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// readUpTo reads everything whatever the size it is told: a file can grow
// or shrink after its size was read, and a pipe has none.
func TestReadUpToReadsAllWhateverTheSizeHint(t *testing.T) {
	text := bytes.Repeat([]byte("0123456789abcdef"), 5000)
	for _, hint := range []int{0, 1, 100, len(text) - 1, len(text), len(text) + 1, 2 * len(text)} {
		for name, r := range map[string]io.Reader{
			"whole":       bytes.NewReader(text),
			"byte a time": iotest.OneByteReader(bytes.NewReader(text)),
			"early EOF":   iotest.DataErrReader(bytes.NewReader(text)),
		} {
			got, err := readUpTo(r, hint)
			if err != nil || !bytes.Equal(got, text) {
				t.Errorf("hint %d, %s: %d bytes, %v; want all %d", hint, name, len(got), err, len(text))
			}
		}
	}
	broken := errors.New("disk on fire")
	if _, err := readUpTo(iotest.ErrReader(broken), 10); !errors.Is(err, broken) {
		t.Errorf("a failing read: err = %v", err)
	}
}

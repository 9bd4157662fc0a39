package model

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadFile reads a flow definition (or another file that goes with flows,
// such as a scenario). It stops one byte past MaxFileSize, so a device, a
// FIFO or a huge file costs no more memory than the limit; such a file is
// refused with an error wrapping ErrTooLarge.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, &os.PathError{Op: "read", Path: path, Err: errors.New("is a directory, not a flow file")}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return nil, &os.PathError{Op: "read", Path: path, Err: fmt.Errorf(
			"%w: over the %d MiB limit for a flow definition (Studio's own stay under a few MB)", ErrTooLarge, MaxFileSize>>20)}
	}
	return data, nil
}

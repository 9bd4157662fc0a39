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
	size := 0
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, &os.PathError{Op: "read", Path: path, Err: errors.New("is a directory, not a flow file")}
		}
		if info.Mode().IsRegular() {
			if info.Size() > MaxFileSize {
				return nil, tooLarge(path)
			}
			size = int(info.Size())
		}
	}
	data, err := readUpTo(io.LimitReader(f, MaxFileSize+1), size)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(path)
	}
	return data, nil
}

func tooLarge(path string) error {
	return &os.PathError{Op: "read", Path: path, Err: fmt.Errorf(
		"%w: over the %d MiB limit for a flow definition (Studio's own stay under a few MB)", ErrTooLarge, MaxFileSize>>20)}
}

// readUpTo reads r to its end into one buffer of size+1 bytes when the
// size is right (the extra byte sees the end without growing), growing it
// as append does otherwise, from 512 bytes when the size is unknown.
// io.ReadAll starts at 512 bytes and doubles: a flow of 1.4 MB cost 4 MB
// of buffers, each zeroed and faulted in, a tenth of a validate command's
// time.
func readUpTo(r io.Reader, size int) ([]byte, error) {
	data := make([]byte, 0, max(size+1, 512))
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

package e2e

import (
	"bufio"
	wire "encoding/binary"
	"fmt"
	"image"
	"io"
	"math/bits"
	"net"
	"strings"
	"sync"
	"time"
)

// screenReader reads the screen's pixels straight from the X server over
// one connection kept open for the test (X11's GetImage on the root
// window). A frame used to be an xwd process, which read each application
// window by itself and composed them pixel by pixel: about 40 ms of CPU a
// frame, a fifth of the package's, for the thousand frames the settle and
// wait helpers compare.
type screenReader struct {
	mu   sync.Mutex
	conn net.Conn
	in   *bufio.Reader
	// What the server's connection set-up says about its screen.
	root                   uint32
	width, height          int
	bitsPerPixel           int
	pad                    int // scanline pad, in bits
	msbFirst               bool
	red, green, blue       uint32 // the root visual's masks
	redAt, greenAt, blueAt int    // their shifts
}

// dialScreen connects to the X server of display (":N") without
// authentication, as the tests' xdotool does (Xvfb runs without -auth).
func dialScreen(display string) (*screenReader, error) {
	n := strings.TrimPrefix(display, ":")
	conn, err := net.DialTimeout("unix", "/tmp/.X11-unix/X"+n, patience)
	if err != nil {
		return nil, fmt.Errorf("connect to X display %s: %w", display, err)
	}
	s := &screenReader{conn: conn, in: bufio.NewReaderSize(conn, 1<<20)}
	if err := s.setUp(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("X display %s: %w", display, err)
	}
	return s, nil
}

// setUp sends the connection set-up (little-endian, protocol 11.0, no
// authorisation) and reads the server's description of its first screen.
func (s *screenReader) setUp() error {
	if err := s.conn.SetDeadline(time.Now().Add(patience)); err != nil {
		return err
	}
	if _, err := s.conn.Write([]byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		return fmt.Errorf("send set-up: %w", err)
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(s.in, head); err != nil {
		return fmt.Errorf("read set-up reply: %w", err)
	}
	data := make([]byte, 4*int(wire.LittleEndian.Uint16(head[6:])))
	if _, err := io.ReadFull(s.in, data); err != nil {
		return fmt.Errorf("read set-up reply: %w", err)
	}
	if head[0] != 1 {
		reason := data
		if int(head[1]) <= len(reason) {
			reason = reason[:head[1]]
		}
		return fmt.Errorf("connection refused: %q", reason)
	}
	if len(data) < 32 {
		return fmt.Errorf("set-up reply of %d bytes", len(data))
	}
	le := wire.LittleEndian
	vendor := int(le.Uint16(data[16:]))
	screens, formats := int(data[20]), int(data[21])
	s.msbFirst = data[22] == 1
	at := 32 + (vendor+3)/4*4
	if screens == 0 || len(data) < at+8*formats+40 {
		return fmt.Errorf("set-up reply of %d bytes for %d formats and %d screens", len(data), formats, screens)
	}
	pixmapFormats := data[at : at+8*formats]
	screen := data[at+8*formats:]
	s.root = le.Uint32(screen[0:])
	s.width, s.height = int(le.Uint16(screen[20:])), int(le.Uint16(screen[22:]))
	visual, depth, depths := le.Uint32(screen[32:]), screen[38], int(screen[39])
	for i := 0; i < formats; i++ {
		if f := pixmapFormats[8*i:]; f[0] == depth {
			s.bitsPerPixel, s.pad = int(f[1]), int(f[2])
		}
	}
	if s.bitsPerPixel != 32 && s.bitsPerPixel != 24 {
		return fmt.Errorf("root depth %d has %d bits a pixel, want 24 or 32", depth, s.bitsPerPixel)
	}
	// The root visual's colour masks, among the screen's depths.
	rest := screen[40:]
	for d := 0; d < depths && len(rest) >= 8; d++ {
		visuals := int(le.Uint16(rest[2:]))
		rest = rest[8:]
		for v := 0; v < visuals && len(rest) >= 24; v++ {
			if le.Uint32(rest[0:]) == visual {
				s.red, s.green, s.blue = le.Uint32(rest[8:]), le.Uint32(rest[12:]), le.Uint32(rest[16:])
			}
			rest = rest[24:]
		}
	}
	if s.red == 0 || s.green == 0 || s.blue == 0 {
		return fmt.Errorf("no colour masks for the root visual %#x", visual)
	}
	s.redAt, s.greenAt, s.blueAt = bits.TrailingZeros32(s.red), bits.TrailingZeros32(s.green), bits.TrailingZeros32(s.blue)
	return nil
}

// read returns the whole screen as it is now.
func (s *screenReader) read() (*image.RGBA, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.conn.SetDeadline(time.Now().Add(patience)); err != nil {
		return nil, err
	}
	// GetImage (opcode 73), ZPixmap (2), 5 words: the root, all of it,
	// every plane.
	req := make([]byte, 20)
	req[0], req[1] = 73, 2
	le := wire.LittleEndian
	le.PutUint16(req[2:], 5)
	le.PutUint32(req[4:], s.root)
	le.PutUint16(req[12:], uint16(s.width))
	le.PutUint16(req[14:], uint16(s.height))
	le.PutUint32(req[16:], 0xffffffff)
	if _, err := s.conn.Write(req); err != nil {
		return nil, fmt.Errorf("GetImage: %w", err)
	}
	head := make([]byte, 32)
	for {
		if _, err := io.ReadFull(s.in, head); err != nil {
			return nil, fmt.Errorf("GetImage reply: %w", err)
		}
		if head[0] == 1 {
			break
		}
		if head[0] == 0 {
			return nil, fmt.Errorf("GetImage: X error %d", head[1])
		}
		// An event: the server sends some to every client (MappingNotify
		// when xdotool remaps a key to type a character).
		if head[0]&0x7f == 35 { // a GenericEvent's longer body
			if _, err := s.in.Discard(4 * int(le.Uint32(head[4:]))); err != nil {
				return nil, fmt.Errorf("GetImage: %w", err)
			}
		}
	}
	size := 4 * int(le.Uint32(head[4:]))
	bpp := s.bitsPerPixel / 8
	line := (s.width*s.bitsPerPixel + s.pad - 1) / s.pad * s.pad / 8
	if size < line*s.height {
		return nil, fmt.Errorf("GetImage: %d bytes for %d lines of %d", size, s.height, line)
	}
	img := image.NewRGBA(image.Rect(0, 0, s.width, s.height))
	row := make([]byte, line)
	// Xvfb's 24-bit screens: 32 bits a pixel, blue in the first byte.
	bgrx := bpp == 4 && !s.msbFirst && s.red == 0xff0000 && s.green == 0xff00 && s.blue == 0xff
	for y := 0; y < s.height; y++ {
		if _, err := io.ReadFull(s.in, row); err != nil {
			return nil, fmt.Errorf("GetImage line %d: %w", y, err)
		}
		dst := img.Pix[y*img.Stride : y*img.Stride+4*s.width]
		if bgrx {
			for x := 0; x < s.width; x++ {
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = row[4*x+2], row[4*x+1], row[4*x], 0xff
			}
			continue
		}
		for x := 0; x < s.width; x++ {
			var v uint32
			p := row[x*bpp : x*bpp+bpp]
			if s.msbFirst {
				for i := 0; i < bpp; i++ {
					v = v<<8 | uint32(p[i])
				}
			} else {
				for i := bpp - 1; i >= 0; i-- {
					v = v<<8 | uint32(p[i])
				}
			}
			d := dst[4*x : 4*x+4]
			d[0] = uint8((v & s.red) >> s.redAt)
			d[1] = uint8((v & s.green) >> s.greenAt)
			d[2] = uint8((v & s.blue) >> s.blueAt)
			d[3] = 0xff
		}
	}
	if _, err := s.in.Discard(size - line*s.height); err != nil {
		return nil, fmt.Errorf("GetImage: %w", err)
	}
	return img, nil
}

func (s *screenReader) close() { s.conn.Close() }

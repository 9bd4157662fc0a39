package e2e

import (
	"bufio"
	"bytes"
	"context"
	wire "encoding/binary"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// grab captures the screen as it is now, without writing a file: the raw
// frame xwd reads from the X server, decoded here. It is what the settle
// and wait helpers compare, many times a second; `import` encoded every
// frame as a PNG (and the test decoded it again), which made it the
// busiest process of the package.
func (x *xserver) grab(t *testing.T) *image.RGBA {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xwd", "-root", "-silent")
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("xwd: %v", err)
	}
	img, decodeErr := decodeXWD(bufio.NewReaderSize(out, 1<<20))
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("xwd -root: %v\n%s", err, stderr.String())
	}
	if decodeErr != nil {
		t.Fatalf("xwd -root: %v", decodeErr)
	}
	return img
}

// save writes img to shots/e2e/NAME.png, kept for a person to look at.
// Fast compression: the shots are looked at, not archived.
func (x *xserver) save(t *testing.T, name string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(shotsDir, name+".png")
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatalf("encode %s: %v", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// xwdHeader is the fixed part of an XWD file's header (X11's XWDFile.h),
// 25 big-endian 32-bit fields.
type xwdHeader struct {
	HeaderSize, FileVersion, PixmapFormat, PixmapDepth    uint32
	PixmapWidth, PixmapHeight, XOffset, ByteOrder         uint32
	BitmapUnit, BitmapBitOrder, BitmapPad, BitsPerPixel   uint32
	BytesPerLine, VisualClass, RedMask, GreenMask         uint32
	BlueMask, BitsPerRGB, ColormapEntries, NColors        uint32
	WindowWidth, WindowHeight, WindowX, WindowY, WindowBW uint32
}

// decodeXWD decodes the ZPixmap, true-colour, 24- or 32-bit-per-pixel
// frames xwd writes of an Xvfb screen.
func decodeXWD(r io.Reader) (*image.RGBA, error) {
	var h xwdHeader
	if err := wire.Read(r, wire.BigEndian, &h); err != nil {
		return nil, fmt.Errorf("read XWD header: %w", err)
	}
	fixed := uint32(wire.Size(h))
	switch {
	case h.FileVersion != 7:
		return nil, fmt.Errorf("XWD version %d, want 7", h.FileVersion)
	case h.PixmapFormat != 2:
		return nil, fmt.Errorf("XWD pixmap format %d, want ZPixmap (2)", h.PixmapFormat)
	case h.BitsPerPixel != 32 && h.BitsPerPixel != 24:
		return nil, fmt.Errorf("XWD with %d bits per pixel, want 24 or 32", h.BitsPerPixel)
	case h.HeaderSize < fixed:
		return nil, fmt.Errorf("XWD header size %d, under %d", h.HeaderSize, fixed)
	case h.PixmapWidth == 0 || h.PixmapHeight == 0 || h.PixmapWidth > 1<<14 || h.PixmapHeight > 1<<14:
		return nil, fmt.Errorf("XWD of %d×%d pixels", h.PixmapWidth, h.PixmapHeight)
	case h.BytesPerLine < h.PixmapWidth*h.BitsPerPixel/8:
		return nil, fmt.Errorf("XWD line of %d bytes for %d pixels", h.BytesPerLine, h.PixmapWidth)
	}
	// The window name ends the header; a colour map (12 bytes an entry)
	// follows it, unused for true colour.
	if _, err := io.CopyN(io.Discard, r, int64(h.HeaderSize-fixed)+int64(h.NColors)*12); err != nil {
		return nil, fmt.Errorf("skip XWD name and colour map: %w", err)
	}
	w, hgt := int(h.PixmapWidth), int(h.PixmapHeight)
	bpp := int(h.BitsPerPixel / 8)
	rs, gs, bs := bits.TrailingZeros32(h.RedMask), bits.TrailingZeros32(h.GreenMask), bits.TrailingZeros32(h.BlueMask)
	img := image.NewRGBA(image.Rect(0, 0, w, hgt))
	line := make([]byte, h.BytesPerLine)
	// Xvfb's 24-bit screens: 32 bits a pixel, blue in the first byte.
	bgrx := bpp == 4 && h.ByteOrder == 0 && h.RedMask == 0xff0000 && h.GreenMask == 0xff00 && h.BlueMask == 0xff
	for y := 0; y < hgt; y++ {
		if _, err := io.ReadFull(r, line); err != nil {
			return nil, fmt.Errorf("read XWD line %d: %w", y, err)
		}
		dst := img.Pix[y*img.Stride : y*img.Stride+4*w]
		if bgrx {
			for x := 0; x < w; x++ {
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = line[4*x+2], line[4*x+1], line[4*x], 0xff
			}
			continue
		}
		for x := 0; x < w; x++ {
			var v uint32
			p := line[x*bpp : x*bpp+bpp]
			if h.ByteOrder == 0 { // LSBFirst
				for i := bpp - 1; i >= 0; i-- {
					v = v<<8 | uint32(p[i])
				}
			} else {
				for i := 0; i < bpp; i++ {
					v = v<<8 | uint32(p[i])
				}
			}
			d := dst[4*x : 4*x+4]
			d[0] = uint8((v & h.RedMask) >> rs)
			d[1] = uint8((v & h.GreenMask) >> gs)
			d[2] = uint8((v & h.BlueMask) >> bs)
			d[3] = 0xff
		}
	}
	return img, nil
}

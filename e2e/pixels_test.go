package e2e

import (
	"image"
	"image/color"
)

// colourStats counts the pixels in r by colour.
type colourStats struct {
	total    int
	counts   map[color.RGBA]int
	dominant color.RGBA
}

func measure(img image.Image, r image.Rectangle) colourStats {
	s := colourStats{counts: map[color.RGBA]int{}}
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8), 0xff}
			s.counts[c]++
			s.total++
		}
	}
	best := 0
	for c, n := range s.counts {
		if n > best {
			best, s.dominant = n, c
		}
	}
	return s
}

// share is the fraction of pixels that are not the dominant (background) colour.
func (s colourStats) share() float64 {
	if s.total == 0 {
		return 0
	}
	return 1 - float64(s.counts[s.dominant])/float64(s.total)
}

// near counts the pixels within tolerance of c in every channel.
func (s colourStats) near(c color.RGBA, tolerance int) int {
	n := 0
	for k, count := range s.counts {
		if abs(int(k.R)-int(c.R)) <= tolerance && abs(int(k.G)-int(c.G)) <= tolerance && abs(int(k.B)-int(c.B)) <= tolerance {
			n += count
		}
	}
	return n
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

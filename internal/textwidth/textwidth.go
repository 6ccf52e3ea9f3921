// Package textwidth measures how wide the chart engine draws a label: the one
// width table that the DOT writer (package render) sizes legend columns with
// and the chart engine (cmd/lineage-render) widens boxes with before layout.
//
// The table is generated ('go generate', see internal/gen) from the fonts the
// engine draws PNG text with, Liberation Sans regular and bold (package fonts):
// the advance width of each of the 2,310 characters they cover (Latin-1, Latin
// Extended, IPA, Greek, Cyrillic, Hebrew, general punctuation such as · – — ’)
// and their kerning pairs. For those characters Width is the width the PNG
// draws, and the width Arial and Helvetica, metric-compatible with Liberation
// Sans, take in a browser showing the SVG. Other characters are drawn with
// whatever font the machine has for them and are estimated generously.
//
// It is a leaf package and holds only the numbers, not the fonts, so the
// lineage command links it without carrying font files.
package textwidth

import (
	"unicode"

	"golang.org/x/text/width"
)

//go:generate go run ./internal/gen -o tables.go

// face is the metrics of one font, in design units (unitsPerEm to the em).
type face struct {
	ranges   []runeRange // the characters the font has, ascending
	advances []uint16    // their advance widths, in the order of ranges
	pairs    []uint64    // kerning pairs, first<<32 | second, ascending
	kerns    []int16     // the kerning of each pair
}

// runeRange is a run of consecutive characters, lo to hi, whose advances start
// at advances[off].
type runeRange struct {
	lo, hi rune
	off    int
}

// advance is the advance width of r and whether the font has r.
func (f *face) advance(r rune) (int, bool) {
	lo, hi := 0, len(f.ranges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch rr := &f.ranges[m]; {
		case r < rr.lo:
			hi = m
		case r > rr.hi:
			lo = m + 1
		default:
			return int(f.advances[rr.off+int(r-rr.lo)]), true
		}
	}
	return 0, false
}

// kern is the kerning between a and b, drawn one after the other.
func (f *face) kern(a, b rune) int {
	key := uint64(a)<<32 | uint64(b)
	lo, hi := 0, len(f.pairs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch p := f.pairs[m]; {
		case key < p:
			hi = m
		case key > p:
			lo = m + 1
		default:
			return int(f.kerns[m])
		}
	}
	return 0
}

// Width is the width, in points, of s drawn in Liberation Sans (bold or
// regular) of the given size, kerned. Characters the font lacks are estimated
// generously: East Asian wide and fullwidth characters (Han, kana, Hangul,
// fullwidth forms, most emoji) take a full em, as CJK fonts draw them;
// combining marks, joiners and controls nothing; others the width of a wide
// capital.
func Width(s string, size float64, bold bool) float64 {
	f := &faces[0]
	if bold {
		f = &faces[1]
	}
	var units int        // in the font's design units
	var estimate float64 // in ems, for characters the font lacks
	prev := rune(-1)     // the previous character, when the font has it
	for _, r := range s {
		if adv, ok := f.advance(r); ok {
			units += adv
			if prev >= 0 {
				units += f.kern(prev, r)
			}
			prev = r
			continue
		}
		prev = -1
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc):
			// combining marks, zero-width joiners and controls take no room
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				estimate += 1
			default:
				estimate += 0.8
			}
		}
	}
	return (float64(units)/unitsPerEm + estimate) * size
}

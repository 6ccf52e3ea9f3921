// Package textwidth estimates how wide a browser or the chart engine draws a
// label: the one width table that the DOT writer (package render) sizes legend
// columns with and the chart engine (cmd/lineage-render) widens boxes with
// before layout. It is a leaf package, so the engine depends on nothing else
// of the module's chart code.
package textwidth

import (
	"unicode"

	"golang.org/x/text/width"
)

// The embedded Graphviz has no font library and estimates label widths from a
// table of Latin glyphs, counting other characters as narrow; this estimate is
// generous for what browsers and the engine's PNG draw.

// advance is the width, in thousandths of an em, of the printable ASCII characters
// (space to '~') in the widest of the sans-serif fonts a browser is likely to
// substitute for Helvetica/Arial: for each character the larger of DejaVu Sans and
// Liberation Sans (metric-compatible with Arial and Helvetica). Measured from the
// fonts' hmtx tables.
var advance = [2][95]uint16{
	{ // regular
		318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337,
		637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 557,
		1016, 685, 687, 723, 771, 667, 611, 778, 752, 295, 500, 667, 558, 863, 749, 788,
		667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 337, 391, 838, 557,
		500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
		635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
	},
	{ // bold
		349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366,
		696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611,
		1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 557, 775, 638, 996, 837, 851,
		733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 557,
		500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688,
		716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838,
	},
}

// Width is a generous estimate, in points, of the width a browser gives s in a
// sans-serif font of the given size: East Asian wide and fullwidth characters
// (Han, kana, Hangul, fullwidth forms, most emoji) take a full em, combining marks
// nothing, other letters the width of a wide capital.
func Width(s string, size float64, bold bool) float64 {
	table := &advance[0]
	if bold {
		table = &advance[1]
	}
	var w float64 // thousandths of an em
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += float64(table[r-' '])
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc):
			// combining marks, zero-width joiners and controls take no room
		case r == '\u00b7': // the middle dot separating a label's facts
			w += 400
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				w += 1000
			default:
				w += 800
			}
		}
	}
	return w / 1000 * size
}

package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/goccy/go-graphviz"
	"golang.org/x/text/width"
)

// Why widths are measured here: the embedded Graphviz has no font library, so it
// estimates label widths from a table of Latin glyphs and counts other characters
// as narrow. A 12-character Chinese label at 14 pt gets 140 pt where a browser
// draws 168 pt, and the text spills out of its box. Native dot asks the real font.
//
// widen compares, after a first layout, Graphviz's width of every line of every
// node label with an estimate that is safe for what browsers draw, and grows the
// node's horizontal margin by the difference before the real layout. Growing the
// margin, rather than setting the node's width, lets Graphviz fit the larger label
// box into any shape (an ellipse needs more than the label's width).

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

// textWidth is a generous estimate, in points, of the width a browser gives s in a
// sans-serif font of the given size: East Asian wide and fullwidth characters
// (Han, kana, Hangul, fullwidth forms, most emoji) take a full em, combining marks
// nothing, other letters the width of a wide capital.
func textWidth(s string, size float64, bold bool) float64 {
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

// fontIsBold tells from an xdot font name and fontchar flags whether text is bold.
func fontIsBold(face string, flags int) bool {
	f := strings.ToLower(face)
	return flags&1 != 0 || strings.Contains(f, "bold") || strings.Contains(f, "black") || strings.Contains(f, "heavy")
}

// labelShortfall is how many points wider than Graphviz's estimate a browser
// may draw the widest line of the label drawn by ops.
func labelShortfall(ops []drawOp) float64 {
	type line struct{ gv, est float64 }
	lines := map[float64]*line{} // by baseline: an HTML label puts several runs on a line
	size, face, flags := 14.0, "Times-Roman", 0
	for _, op := range ops {
		switch op.Op {
		case "F":
			size, face = op.Size, op.Face
		case "t":
			flags = op.Flags
		case "T":
			ln := lines[op.Pt[1]]
			if ln == nil {
				ln = &line{}
				lines[op.Pt[1]] = ln
			}
			ln.gv += op.Width
			ln.est += textWidth(op.Text, size, fontIsBold(face, flags))
		}
	}
	var gvMax, estMax float64
	for _, ln := range lines {
		gvMax = math.Max(gvMax, ln.gv)
		estMax = math.Max(estMax, ln.est)
	}
	return estMax - gvMax
}

// widen grows the horizontal margin of every node whose label a browser may draw
// wider than Graphviz's first layout assumed.
func widen(g *graphviz.Graph, l *layout) error {
	names := make([]string, 0, len(l.nodes()))
	extra := map[string]float64{}
	for _, n := range l.nodes() {
		if d := labelShortfall(n.LDraw); d > 0.5 {
			extra[n.Name] = d
			names = append(names, n.Name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		n, err := g.NodeByName(name)
		if err != nil || n == nil {
			return fmt.Errorf("laying out the graph: node %q vanished between passes", name)
		}
		mx, my := nodeMargin(n.GetStr("margin"), n.GetStr("shape"))
		mx += extra[name] / 2 / 72 // inches, on each side
		if err := n.SafeSet("margin", strconv.FormatFloat(mx, 'f', 4, 64)+","+strconv.FormatFloat(my, 'f', 4, 64), ""); err != nil {
			return fmt.Errorf("laying out the graph: widening node %q: %w", name, err)
		}
	}
	return nil
}

// nodeMargin is a node's margin in inches, as set or as Graphviz's default for
// its shape: 8 pt beside and 4 pt above and below the label, none for "plain".
func nodeMargin(attr, shape string) (x, y float64) {
	if f := strings.Split(attr, ","); attr != "" {
		x, errX := strconv.ParseFloat(strings.TrimSpace(f[0]), 64)
		y := x
		var errY error
		if len(f) > 1 {
			y, errY = strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		}
		if errX == nil && errY == nil {
			return x, y
		}
	}
	if strings.EqualFold(shape, "plain") {
		return 0, 0
	}
	return 8.0 / 72, 4.0 / 72
}

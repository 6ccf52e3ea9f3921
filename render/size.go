package render

import (
	"math"
	"strconv"

	"github.com/lineage-dev/lineage/internal/textwidth"
)

// Node sizes and fonts are decided here, where the labels are written, and
// stated in the DOT, so the chart engine only lays out and draws.
//
// The engine's Graphviz (compiled to WebAssembly) has no font library: it
// estimates text widths from its own tables, Latin text well for the fonts it
// knows and every other script badly (a 12-character Chinese name gets three
// quarters of the room it takes). So every node DOT labels gets the width its
// label needs, measured by package textwidth in the font the charts are drawn
// in: the widest line, the margins beside it, and the widening of the node's
// shape. Graphviz keeps the larger of that and its own estimate. Heights need
// no help: Graphviz computes them from the font sizes alone.

// fontname is the one font of every DOT chart: Liberation Sans, which package
// textwidth measures, the engine draws PNG text in, and Graphviz's estimate
// knows (with Arial's metrics, which it shares). A font list is no Graphviz
// font: Graphviz would measure it as Times. SVG names a CSS font stack that
// starts with this font (the engine writes it).
const fontname = "Liberation Sans"

// nodeMargin is the space a node leaves beside its label, in points: the x of
// the node default margin="0.1,0.04".
const nodeMargin = 7.2

// minNodeWidth is Graphviz's default node width, in points: no node gets narrower.
const minNodeWidth = 0.75 * 72

// textLine is one line of a label: its text, font size and weight.
type textLine struct {
	text string
	size float64
	bold bool
}

// labelWidth is the width, in points, of a node of the given shape whose label
// has these lines: the widest line and the margin on each side, widened as
// Graphviz widens the shape around its label, and at least minNodeWidth.
func labelWidth(shape string, margin float64, lines ...textLine) float64 {
	var w float64
	for _, l := range lines {
		w = max(w, textwidth.Width(l.text, l.size, l.bold))
	}
	return max(minNodeWidth, (w+2*margin)*shapeFactor(shape))
}

// shapeFactor is how much wider than its label box Graphviz draws a shape of
// DOT's: 1 for the box shapes (box, note, plaintext); for the hexagon √2 (the
// label box widened to fit an ellipse, as Graphviz does for every polygon but
// the box when the label is taller than the node's minimum height, as DOT's
// are) over cos(π/6), the widening of a hexagon around that ellipse.
func shapeFactor(shape string) float64 {
	if shape == "hexagon" {
		return math.Sqrt2 / math.Cos(math.Pi/6)
	}
	return 1
}

// widthAttr is the DOT width attribute of a node of the given shape and label
// lines (labelWidth), in inches rounded up to a thousandth.
func widthAttr(shape string, margin float64, lines ...textLine) string {
	in := math.Ceil(labelWidth(shape, margin, lines...)/72*1000) / 1000
	return "width=" + strconv.FormatFloat(in, 'f', -1, 64)
}

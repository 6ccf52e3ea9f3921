package main

import (
	"image/color"
	"math"
	"strconv"
	"strings"
)

// SVG and PNG are drawn alike from Graphviz's layout: draw reads xdot
// operations (https://graphviz.org/docs/outputs/canon/#xdot) into shapes and
// lines of text, each with the state it is drawn in, for a canvas (svgCanvas,
// rasterizer) to draw in Graphviz's coordinates (points, y up).
type canvas interface {
	// shape draws a polygon ('P'), polyline ('L'), Bézier curve ('B': a start
	// point, then three points a segment) or ellipse ('E': centre, radii).
	shape(kind byte, pts [][2]float64, p pen)
	text(t text)
	// group and end bracket the drawing of an object (the SVG's groups).
	group(class string, n int, title string, o *object)
	end()
}

// pen is the state a shape is drawn in; a fill "" is none. Graphviz gives every
// colour as "#rrggbb" or "#rrggbbaa".
type pen struct {
	stroke, fill string
	width        float64
	dash         string // "", "dashed" or "dotted"
}

// text is a label line in one font, drawn from x by anchor: "start" (its left
// end), "middle" or "end"; y is its baseline; flags are xdot's (1 bold, 2
// italic, 4 underline).
type text struct {
	text, face, colour, anchor string
	x, y, size                 float64
	flags                      int
}

func (t text) bold() bool { return t.flags&1 != 0 || strings.Contains(strings.ToLower(t.face), "bold") }

// drawObjects draws the layout's objects in the order of both images:
// clusters, then edges, then nodes on top.
func drawObjects(c canvas, l *layout) {
	count := map[string]int{}
	each := func(class, title string, o *object) {
		count[class]++
		c.group(class, count[class], title, o)
		for _, ops := range [][]drawOp{o.Draw, o.HDraw, o.TDraw, o.LDraw, o.HLDraw, o.TLDraw} {
			draw(c, ops, o.centre())
		}
		c.end()
	}
	for i := range l.Objects[:l.SubgraphCnt] {
		if o := &l.Objects[i]; strings.HasPrefix(o.Name, "cluster") && len(o.Draw)+len(o.LDraw) > 0 {
			each("cluster", o.Name, o)
		}
	}
	for i := range l.Edges {
		e := &l.Edges[i]
		each("edge", l.Objects[e.Tail].Name+"->"+l.Objects[e.Head].Name, e)
	}
	for i, nodes := 0, l.nodes(); i < len(nodes); i++ {
		each("node", nodes[i].Name, &nodes[i])
	}
}

// Graphviz writes each line of an HTML-like label (render's model labels are
// HTML-like) from its left end, where its own width estimate puts it; the font
// that draws it is wider or narrower, so the line would run off centre. A line
// whose estimated extent is centred on its object's label centre was centred
// by Graphviz: it is drawn centred on that point (SVG text-anchor middle), right
// whatever font draws it. Other lines (left-aligned table cells) keep their
// anchor. xdot rounds to a hundredth, so "centred" is to within centreTolerance
// points. (A line of several runs in different fonts stays as Graphviz placed
// its runs; render writes none.)
const centreTolerance = 0.5

// draw draws ops on c. centre is the x Graphviz centres the object's label on
// (NaN for none). The drawing state starts afresh for each list.
func draw(c canvas, ops []drawOp, centre float64) {
	p := pen{stroke: "#000000", width: 1}
	fill, filled, invisible := "#000000", false, false
	font := text{face: "Times-Roman", size: 14}
	for _, op := range ops {
		q := p
		if op.Op == "E" || op.Op == "P" || (op.Op == "B" || op.Op == "b") && filled && len(op.Points) > 0 && op.Points[0] == op.Points[len(op.Points)-1] {
			// Graphviz's JSON does not follow the xdot spec's "b" for filled and "B"
			// for open curves (it writes edges as "b", filled rounded boxes as "B"):
			// a curve is filled when it is closed and has a fill colour.
			q.fill = fill
		}
		switch s := op.Style; op.Op {
		case "c":
			p.stroke = opColor(op)
		case "C":
			fill, filled = opColor(op), true
		case "S":
			switch {
			case s == "solid" || s == "dashed" || s == "dotted":
				p.dash = strings.TrimPrefix(s, "solid")
			case s == "bold":
				p.width = 2
			case s == "invis" || s == "invisible":
				invisible = true
			case strings.HasPrefix(s, "setlinewidth("):
				if v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil {
					p.width = v
				}
			}
		case "E", "e":
			if !invisible {
				c.shape('E', [][2]float64{{op.Rect[0], op.Rect[1]}, {op.Rect[2], op.Rect[3]}}, q)
			}
		case "P", "p", "L", "B", "b":
			if kind := strings.ToUpper(op.Op)[0]; !invisible && len(op.Points) >= map[byte]int{'P': 2, 'L': 2, 'B': 4}[kind] {
				c.shape(kind, op.Points, q)
			}
		case "F":
			font.size, font.face = op.Size, op.Face
		case "t":
			font.flags = op.Flags
		case "T":
			if invisible || strings.TrimSpace(op.Text) == "" {
				continue // an empty label is written as one space
			}
			t := font // Graphviz's JSON doubles the backslashes of xdot text
			t.text, t.colour, t.x, t.y = strings.ReplaceAll(op.Text, `\\`, `\`), p.stroke, op.Pt[0], op.Pt[1]
			t.anchor = map[string]string{"l": "start", "r": "end"}[op.Align]
			switch {
			case t.anchor == "":
				t.anchor = "middle"
			case t.anchor == "start" && math.Abs(t.x+op.Width/2-centre) < centreTolerance:
				t.x, t.anchor = centre, "middle"
			}
			c.text(t)
		}
	}
}

// opColor is the colour of a c or C operation; a gradient is drawn in its first colour.
func opColor(op drawOp) string {
	if op.Grad != "" && op.Grad != "none" && len(op.Stops) > 0 {
		return op.Stops[0].Color
	}
	return op.Color
}

// rgba reads an xdot colour, "#rrggbb" or "#rrggbbaa"; anything else is black.
func rgba(c string) color.NRGBA {
	v, err := strconv.ParseUint(strings.TrimPrefix(c, "#"), 16, 32)
	if err != nil || !strings.HasPrefix(c, "#") || len(c) != 7 && len(c) != 9 {
		return color.NRGBA{A: 0xff}
	}
	if len(c) == 7 {
		v = v<<8 | 0xff
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

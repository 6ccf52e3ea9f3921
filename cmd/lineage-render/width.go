package main

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"
	"github.com/lineage-dev/lineage/internal/textwidth"
)

// Why widths are measured here: the embedded Graphviz has no font library, so it
// estimates label widths from a table of Latin glyphs and counts other characters
// as narrow. A 12-character Chinese label at 14 pt gets 140 pt where a browser
// draws 168 pt, and the text spills out of its box. Native dot asks the real font.
//
// widen gives every node, before the layout, at least the width its label needs
// by an estimate that is safe for what browsers draw. One layout is all the
// engine can afford: laying out the whole dataset takes most of a second.

// textWidth is textwidth.Width: render sizes the legend's columns with the
// same estimate.
func textWidth(s string, size float64, bold bool) float64 { return textwidth.Width(s, size, bold) }

// fontIsBold tells from an xdot font name and fontchar flags whether text is bold.
func fontIsBold(face string, flags int) bool {
	f := strings.ToLower(face)
	return flags&1 != 0 || strings.Contains(f, "bold") || strings.Contains(f, "black") || strings.Contains(f, "heavy")
}

// labelRun is a piece of label text in one font, and labelLine a line of runs.
type (
	labelRun struct {
		text string
		size float64
		bold bool
	}
	labelLine []labelRun
)

// parseLabel splits a node's label into lines of runs. html tells an HTML-like
// label (go-graphviz hands it over without its outer <>); table reports an HTML
// table, whose cells Graphviz sizes itself.
func parseLabel(label, nodeName string, size float64, bold bool) (lines []labelLine, table bool) {
	if looksHTML(label) {
		return parseHTMLLabel(label, size, bold)
	}
	var cur strings.Builder
	flush := func() {
		lines = append(lines, labelLine{{cur.String(), size, bold}})
		cur.Reset()
	}
	for i := 0; i < len(label); i++ {
		c := label[i]
		if c != '\\' || i+1 == len(label) {
			cur.WriteByte(c)
			continue
		}
		i++
		switch label[i] {
		case 'n', 'l', 'r':
			flush()
		case 'N':
			cur.WriteString(nodeName)
		case 'G', 'E', 'T', 'H', 'L':
			// graph, edge and object names: not in node labels lineage writes
		default:
			cur.WriteByte(label[i])
		}
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines, false
}

// looksHTML reports whether a label is HTML-like: it holds a tag Graphviz knows.
func looksHTML(label string) bool {
	l := strings.ToUpper(label)
	for _, tag := range []string{"<BR", "<FONT", "<B>", "<I>", "<U>", "<TABLE", "<SUB>", "<SUP>", "<S>", "<O>"} {
		if strings.Contains(l, tag) {
			return true
		}
	}
	return false
}

// parseHTMLLabel reads the text of an HTML-like label: <BR/> ends a line,
// <FONT POINT-SIZE> and <B> change the font of the runs inside them.
func parseHTMLLabel(label string, size float64, bold bool) (lines []labelLine, table bool) {
	d := xml.NewDecoder(strings.NewReader("<L>" + label + "</L>"))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	type font struct {
		size float64
		bold bool
	}
	stack := []font{{size, bold}}
	var cur labelLine
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			f := top
			switch strings.ToUpper(t.Name.Local) {
			case "BR":
				lines = append(lines, cur)
				cur = nil
			case "TABLE":
				table = true
			case "B":
				f.bold = true
			case "FONT":
				for _, a := range t.Attr {
					if strings.EqualFold(a.Name.Local, "POINT-SIZE") {
						if v, err := strconv.ParseFloat(a.Value, 64); err == nil {
							f.size = v
						}
					}
					if strings.EqualFold(a.Name.Local, "FACE") && strings.Contains(strings.ToLower(a.Value), "bold") {
						f.bold = true
					}
				}
			}
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if text := strings.Join(strings.Fields(string(t)), " "); text != "" {
				cur = append(cur, labelRun{text, top.size, top.bold})
			}
		}
	}
	return append(lines, cur), table
}

// lineWidth is the estimated width of a line of runs, in points.
func (l labelLine) width() float64 {
	var w float64
	for _, r := range l {
		w += textWidth(r.text, r.size, r.bold)
	}
	return w
}

// shapeFactor is how much wider than its label box a shape must be to hold it:
// 1 for boxes and their kin, 1/cos(π/n) for regular polygons, √2 for ellipses
// and what is not known, 2 for a diamond.
func shapeFactor(shape string) float64 {
	switch strings.ToLower(shape) {
	case "", "box", "rect", "rectangle", "square", "note", "tab", "folder", "box3d", "component",
		"plaintext", "plain", "none", "underline", "cylinder", "record", "mrecord", "cds",
		"larrow", "rarrow", "lpromoter", "rpromoter", "promoter", "signature", "terminator":
		return 1
	case "triangle", "invtriangle":
		return 2
	case "diamond", "mdiamond":
		return 2
	case "pentagon", "house", "invhouse":
		return 1 / math.Cos(math.Pi/5)
	case "hexagon":
		return 1 / math.Cos(math.Pi/6)
	case "septagon":
		return 1 / math.Cos(math.Pi/7)
	case "octagon", "doubleoctagon", "tripleoctagon":
		return 1 / math.Cos(math.Pi/8)
	}
	return math.Sqrt2
}

// widen sets, before layout, a minimum width on every node whose label a browser
// may draw wider than Graphviz estimates: the estimated width of its widest
// line, its margins, scaled to fit inside its shape. Graphviz keeps the larger of
// that and its own size. Fixed-size nodes, points and HTML tables are left alone.
//
// It returns the names of the nodes whose labels are HTML tables.
//
// Every attribute read is a WebAssembly call, so attributes the DOT never sets
// are not read.
func widen(g *graphviz.Graph, dot []byte) (map[string]bool, error) {
	tables := map[string]bool{}
	set := map[string]bool{}
	for _, a := range dotAttrs(dot) {
		set[a.name] = true
	}
	get := func(n *graphviz.Node, attr string) string {
		if !set[attr] {
			return ""
		}
		return n.GetStr(attr)
	}
	for n, _ := g.FirstNode(); n != nil; n, _ = g.NextNode(n) {
		if fs := strings.ToLower(get(n, "fixedsize")); fs == "true" || fs == "shape" {
			continue
		}
		name, _ := n.Name()
		size := 14.0
		if v, err := strconv.ParseFloat(get(n, "fontsize"), 64); err == nil && v > 0 {
			size = v
		}
		shape := get(n, "shape")
		if strings.EqualFold(shape, "point") {
			continue // a point shows no label
		}
		lines, table := parseLabel(n.GetStr("label"), name, size, fontIsBold(get(n, "fontname"), 0))
		if table {
			tables[name] = true
			continue
		}
		var w float64
		for _, l := range lines {
			w = math.Max(w, l.width())
		}
		mx, _ := nodeMargin(get(n, "margin"), shape)
		need := (w + 2*mx*72) * shapeFactor(shape) / 72 // inches
		have := 0.75
		if v, err := strconv.ParseFloat(get(n, "width"), 64); err == nil {
			have = v
		}
		if need <= have {
			continue
		}
		if err := n.SafeSet("width", strconv.FormatFloat(math.Ceil(need*1000)/1000, 'f', -1, 64), "0.75"); err != nil {
			return nil, fmt.Errorf("laying out the graph: widening node %q: %w", name, err)
		}
	}
	return tables, nil
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

package main

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Graphviz places each line of an HTML-like label (render's model labels are
// HTML-like: the name, then a smaller line with date and size) by its left end,
// computed from its estimated width, and SVG draws it with text-anchor="start".
// Widening the node is then not enough: text a browser draws wider than the
// estimate still starts at the estimated left end and runs out on the right. So
// such lines are placed again: a line of one run is centred on the centre Graphviz
// meant for it (text-anchor="middle", exact whatever font the browser picks), and
// the runs of a line of several are laid out by the measured or estimated widths
// around that centre.

// placement is where a text operation is drawn: its x and SVG text-anchor.
type placement struct {
	x      float64
	anchor string // "start", "middle" or "end"
	moved  bool
}

// placeLines places again the left-aligned runs of the label drawn by ops, with
// measure giving a run's real width. It returns one placement per T operation.
//
// Runs in an HTML table are left as they are: their cells are sized by the
// estimates, and runs of different cells share a baseline.
func placeLines(ops []drawOp, label string, measure func(text string, size float64, bold bool) float64) []placement {
	type run struct {
		i     int // index among the T operations
		op    drawOp
		width float64
	}
	var lines [][]run
	var all []placement
	table := strings.Contains(strings.ToLower(label), "<table")
	size, face, flags := 14.0, "Times-Roman", 0
	for _, op := range ops {
		switch op.Op {
		case "F":
			size, face = op.Size, op.Face
		case "t":
			flags = op.Flags
		case "T":
			all = append(all, placement{x: op.Pt[0], anchor: anchorOf(op.Align)})
			if op.Align != "l" || table {
				continue
			}
			r := run{len(all) - 1, op, measure(op.Text, size, fontIsBold(face, flags))}
			if n := len(lines); n > 0 && lines[n-1][0].op.Pt[1] == op.Pt[1] {
				lines[n-1] = append(lines[n-1], r)
			} else {
				lines = append(lines, []run{r})
			}
		}
	}
	// Lines of a label that are left-aligned on purpose ("\l", BALIGN) all start
	// at one x; leave such labels alone.
	if len(lines) > 1 {
		same := true
		for _, ln := range lines[1:] {
			same = same && ln[0].op.Pt[0] == lines[0][0].op.Pt[0]
		}
		if same {
			return all
		}
	}
	for _, ln := range lines {
		var gv, real float64
		for _, r := range ln {
			gv += r.op.Width
			real += r.width
		}
		center := ln[0].op.Pt[0] + gv/2
		if len(ln) == 1 {
			all[ln[0].i] = placement{x: center, anchor: "middle", moved: true}
			continue
		}
		x := center - real/2
		for _, r := range ln {
			all[r.i] = placement{x: x, anchor: "start", moved: true}
			x += r.width
		}
	}
	return all
}

var (
	svgTitle  = regexp.MustCompile(`^<title>(.*)</title>$`)
	svgAnchor = regexp.MustCompile(`^<text text-anchor="(start|middle|end)" x="([-0-9.e]+)"`)
)

// centerSVGText rewrites the text elements of the node groups of a Graphviz SVG
// with placeLines' placements. Graphviz's layouts of one graph differ slightly
// from one run to the next, so l (any layout of the graph) gives only what does
// not move: each run's text, font, estimated width and line; the runs' positions
// are read from the SVG itself. A node whose text elements do not match its
// operations one to one is left as it is.
func centerSVGText(svg []byte, l *layout) []byte {
	byName := map[string]*object{}
	for i := range l.nodes() {
		n := &l.nodes()[i]
		byName[n.Name] = n
	}
	lines := bytes.SplitAfter(svg, []byte("\n"))
	moved := map[int]placement{} // by line index
	for i := 0; i+1 < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if !bytes.HasPrefix(t, []byte("<g id=")) || !bytes.Contains(t, []byte(`class="node"`)) {
			continue
		}
		m := svgTitle.FindSubmatch(bytes.TrimSpace(lines[i+1]))
		if m == nil {
			continue
		}
		n := byName[html.UnescapeString(string(m[1]))]
		if n == nil {
			continue
		}
		texts := textLines(lines, i)
		ops := slices.Clone(n.LDraw)
		k := 0
		for j := range ops {
			if ops[j].Op != "T" {
				continue
			}
			if k == len(texts) || !texts[k].ok || texts[k].anchor != anchorOf(ops[j].Align) {
				k = -1
				break
			}
			ops[j].Pt[0] = texts[k].x
			k++
		}
		if k != len(texts) {
			continue
		}
		for k, p := range placeLines(ops, n.Label, textWidth) {
			if p.moved {
				moved[texts[k].line] = p
			}
		}
	}
	var out bytes.Buffer
	out.Grow(len(svg) + len(moved)*8)
	for i, line := range lines {
		p, ok := moved[i]
		if !ok {
			out.Write(line)
			continue
		}
		body := bytes.TrimLeft(line, " \t")
		m := svgAnchor.FindSubmatchIndex(body)
		out.Write(line[:len(line)-len(body)])
		out.WriteString(`<text text-anchor="` + p.anchor + `" x="` + strconv.FormatFloat(p.x, 'f', 2, 64) + `"`)
		out.Write(body[m[1]:])
	}
	return out.Bytes()
}

// anchorOf is the SVG text-anchor of an xdot alignment.
func anchorOf(align string) string {
	switch align {
	case "l":
		return "start"
	case "r":
		return "end"
	}
	return "middle"
}

// svgText is a text element of a node group: its line index, anchor and x.
type svgText struct {
	line   int
	anchor string
	x      float64
	ok     bool
}

// textLines lists the text elements of the group that starts at lines[start].
func textLines(lines [][]byte, start int) []svgText {
	var texts []svgText
	for i := start + 1; i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if bytes.HasPrefix(t, []byte("<g id=")) && !bytes.HasPrefix(t, []byte(`<g id="a_`)) {
			break
		}
		if !bytes.HasPrefix(t, []byte("<text ")) {
			continue
		}
		st := svgText{line: i}
		if m := svgAnchor.FindSubmatch(t); m != nil {
			st.anchor = string(m[1])
			x, err := strconv.ParseFloat(string(m[2]), 64)
			st.x, st.ok = x, err == nil
		}
		texts = append(texts, st)
	}
	return texts
}

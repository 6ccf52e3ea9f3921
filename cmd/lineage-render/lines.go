package main

import (
	"bytes"
	"html"
	"math"
	"regexp"
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
	svgAttr   = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)
	svgNumber = regexp.MustCompile(`-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?`)
)

// centerSVGText places again the runs of the HTML-like labels of the nodes of a
// Graphviz SVG (see placeLines), reading everything it needs from the SVG: the
// node's centre from its shape, each run's font and line from its text element.
// tables names the nodes whose labels are HTML tables, left alone.
func centerSVGText(svg []byte, tables map[string]bool) []byte {
	lines := bytes.SplitAfter(svg, []byte("\n"))
	moved := map[int]placement{} // by line index
	for i := 0; i+1 < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if !bytes.HasPrefix(t, []byte("<g id=")) || !bytes.Contains(t, []byte(`class="node"`)) {
			continue
		}
		m := svgTitle.FindSubmatch(bytes.TrimSpace(lines[i+1]))
		if m == nil || tables[html.UnescapeString(string(m[1]))] {
			continue
		}
		center, texts, ok := nodeTexts(lines, i)
		if !ok {
			continue
		}
		var ops []drawOp
		for _, tx := range texts {
			if tx.anchor != "start" {
				ops = nil
				break
			}
			flags := 0
			if tx.bold {
				flags = 1
			}
			ops = append(ops, drawOp{Op: "F", Size: tx.size}, drawOp{Op: "t", Flags: flags},
				drawOp{Op: "T", Pt: [2]float64{tx.x, tx.y}, Align: "l", Text: tx.text})
		}
		if ops == nil {
			continue
		}
		// placeLines centres each line on its left end plus half its width:
		// give each line the width that puts its centre on the node's.
		byLine := map[float64][]int{}
		for k := range ops {
			if ops[k].Op == "T" {
				byLine[ops[k].Pt[1]] = append(byLine[ops[k].Pt[1]], k)
			}
		}
		for _, ks := range byLine {
			first := ops[ks[0]].Pt[0]
			for _, k := range ks {
				ops[k].Width = 0
			}
			ops[ks[len(ks)-1]].Width = 2 * (center - first)
		}
		for k, p := range placeLines(ops, "", textWidth) {
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

// svgText is a text element of a node group.
type svgText struct {
	line       int // index in the SVG's lines
	anchor     string
	x, y, size float64
	bold       bool
	text       string
}

// nodeTexts reads the node group that starts at lines[start]: the horizontal
// centre of its shape (the first shape drawn) and its text elements. ok is false
// when the node has no shape or a text element is not as Graphviz writes them.
func nodeTexts(lines [][]byte, start int) (center float64, texts []svgText, ok bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := start + 1; i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if bytes.HasPrefix(t, []byte("<g id=")) && !bytes.HasPrefix(t, []byte(`<g id="a_`)) {
			break
		}
		attrs := map[string]string{}
		for _, m := range svgAttr.FindAllSubmatch(t, -1) {
			attrs[string(m[1])] = string(m[2])
		}
		switch {
		case math.IsInf(lo, 1) && (bytes.HasPrefix(t, []byte("<polygon ")) || bytes.HasPrefix(t, []byte("<path ")) || bytes.HasPrefix(t, []byte("<polyline "))):
			d := attrs["points"] + attrs["d"]
			for k, n := range svgNumber.FindAllString(d, -1) {
				if v, err := strconv.ParseFloat(n, 64); err == nil && k%2 == 0 {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		case math.IsInf(lo, 1) && bytes.HasPrefix(t, []byte("<ellipse ")):
			cx, err1 := strconv.ParseFloat(attrs["cx"], 64)
			rx, err2 := strconv.ParseFloat(attrs["rx"], 64)
			if err1 == nil && err2 == nil {
				lo, hi = cx-rx, cx+rx
			}
		case bytes.HasPrefix(t, []byte("<text ")):
			m := svgAnchor.FindSubmatch(t)
			if m == nil {
				return 0, nil, false
			}
			tx := svgText{line: i, anchor: string(m[1]), bold: attrs["font-weight"] == "bold"}
			var err1, err2, err3 error
			tx.x, err1 = strconv.ParseFloat(attrs["x"], 64)
			tx.y, err2 = strconv.ParseFloat(attrs["y"], 64)
			tx.size, err3 = strconv.ParseFloat(attrs["font-size"], 64)
			open, close := bytes.IndexByte(t, '>'), bytes.LastIndex(t, []byte("</text>"))
			if err1 != nil || err2 != nil || err3 != nil || open < 0 || close < open {
				return 0, nil, false
			}
			tx.text = html.UnescapeString(string(t[open+1 : close]))
			texts = append(texts, tx)
		}
	}
	if math.IsInf(lo, 1) || len(texts) == 0 {
		return 0, nil, false
	}
	return (lo + hi) / 2, texts, true
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

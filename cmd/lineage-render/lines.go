package main

import (
	"bytes"
	"html"
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
			anchor := map[string]string{"l": "start", "r": "end"}[op.Align]
			if anchor == "" {
				anchor = "middle"
			}
			all = append(all, placement{x: op.Pt[0], anchor: anchor})
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
// with placeLines' placements for the node's label operations in l. A node whose
// text elements do not match its operations one to one is left as it is.
func centerSVGText(svg []byte, l *layout) []byte {
	byName := map[string]*object{}
	for i := range l.nodes() {
		n := &l.nodes()[i]
		byName[n.Name] = n
	}
	var out bytes.Buffer
	out.Grow(len(svg))
	lines := bytes.SplitAfter(svg, []byte("\n"))
	var place []placement // of the current node, nil outside nodes
	next := 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := bytes.TrimSpace(line)
		switch {
		case bytes.HasPrefix(trimmed, []byte("<g id=")) && !bytes.HasPrefix(trimmed, []byte(`<g id="a_`)):
			place = nil
			if bytes.Contains(trimmed, []byte(`class="node"`)) && i+1 < len(lines) {
				if m := svgTitle.FindSubmatch(bytes.TrimSpace(lines[i+1])); m != nil {
					if n := byName[html.UnescapeString(string(m[1]))]; n != nil && countText(lines[i+1:]) == countT(n.LDraw) {
						place = placeLines(n.LDraw, n.Label, textWidth)
						next = 0
					}
				}
			}
		case place != nil && bytes.HasPrefix(trimmed, []byte("<text ")):
			if next < len(place) && place[next].moved {
				if m := svgAnchor.FindSubmatchIndex(trimmed); m != nil {
					indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
					out.Write(indent)
					out.WriteString(`<text text-anchor="` + place[next].anchor + `" x="` + strconv.FormatFloat(place[next].x, 'f', 2, 64) + `"`)
					out.Write(bytes.TrimLeft(line, " \t")[m[1]:])
					next++
					continue
				}
			}
			next++
		}
		out.Write(line)
	}
	return out.Bytes()
}

// countText counts the text elements of the group that starts at lines[0].
func countText(lines [][]byte) int {
	n := 0
	for _, l := range lines[1:] {
		t := bytes.TrimSpace(l)
		if bytes.HasPrefix(t, []byte("<g id=")) && !bytes.HasPrefix(t, []byte(`<g id="a_`)) {
			break
		}
		if bytes.HasPrefix(t, []byte("<text ")) {
			n++
		}
	}
	return n
}

func countT(ops []drawOp) int {
	n := 0
	for _, op := range ops {
		if op.Op == "T" {
			n++
		}
	}
	return n
}

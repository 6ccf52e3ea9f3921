package main

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// writeSVG draws the laid-out graph as SVG in the structure of Graphviz's own
// SVG, which the explorer reads (render.CleanSVG): a group per cluster, edge and
// node with its class, a <title> of its name ("tail->head" for an edge) and a
// link holding its URL and tooltip.
func writeSVG(l *layout) []byte {
	s := &svgCanvas{graph: l.Name}
	w, h := l.bbox[2]-l.bbox[0]+2*pad, l.bbox[3]-l.bbox[1]+2*pad
	fmt.Fprintf(&s.b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg width=\"%.0fpt\" height=\"%.0fpt\""+
		" viewBox=\"0.00 0.00 %.2f %.2f\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"+
		"<g id=\"graph0\" class=\"graph\" transform=\"translate(%s %s)\">\n<title>%s</title>\n",
		w, h, w, h, num(pad-l.bbox[0]), num(l.bbox[3]+pad), esc(l.Name))
	end := s.link("graph0", &l.object)  // the graph's tooltip, on its background
	if bg := l.background(); bg != "" { // the whole page, its margin too, as in Graphviz's SVG
		x0, y0, x1, y1 := l.bbox[0]-pad, l.bbox[1]-pad, l.bbox[2]+pad, l.bbox[3]+pad
		s.shape('P', [][2]float64{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}}, pen{fill: bg})
	}
	draw(s, l.Draw, math.NaN())
	s.b.WriteString(end)
	drawObjects(s, l)
	draw(s, l.LDraw, math.NaN())
	s.b.WriteString("</g>\n</svg>\n")
	return s.b.Bytes()
}

// svgCanvas writes SVG elements, y negated (the graph group's transform puts
// the origin at the bottom left).
type svgCanvas struct {
	b            bytes.Buffer
	graph, close string // the graph's name; what closes the open group
}

func (s *svgCanvas) group(class string, n int, title string, o *object) {
	id := class + strconv.Itoa(n)
	fmt.Fprintf(&s.b, "<g id=\"%s\" class=\"%s\">\n<title>%s</title>\n", id, class, esc(title))
	s.close = s.link(id, o) + "</g>\n"
}

func (s *svgCanvas) end() { s.b.WriteString(s.close) }

// link opens the link Graphviz wraps an object's drawing in when it has a URL
// or tooltip, and returns what closes it. Graphviz's escapes in them are replaced
// as in its SVG: \N the object's name, \G the graph's, \n \l \r a line break.
func (s *svgCanvas) link(id string, o *object) string {
	r := strings.NewReplacer(`\N`, o.Name, `\G`, s.graph, `\n`, "\n", `\l`, "\n", `\r`, "\n", `\\`, `\`)
	href, tip, closing := r.Replace(o.URL), r.Replace(o.Tooltip), ""
	if href != "" || tip != "" {
		fmt.Fprintf(&s.b, "<g id=\"a_%s\"><a", id)
		for _, a := range [][2]string{{"xlink:href", href}, {"xlink:title", tip}, {"target", o.Target}} {
			if a[1] != "" {
				fmt.Fprintf(&s.b, " %s=\"%s\"", a[0], esc(a[1]))
			}
		}
		s.b.WriteString(">\n")
		closing = "</a>\n</g>\n"
	}
	return closing
}

func (s *svgCanvas) shape(kind byte, pts [][2]float64, p pen) {
	attrs := paint("fill", p.fill) + paint("stroke", p.stroke)
	if p.width != 1 {
		attrs += ` stroke-width="` + num(p.width) + `"`
	}
	if d := map[string]string{"dashed": "5,2", "dotted": "1,5"}[p.dash]; d != "" {
		attrs += ` stroke-dasharray="` + d + `"`
	}
	xy := make([]string, len(pts))
	for i, pt := range pts {
		xy[i] = num(pt[0]) + "," + num(-pt[1])
	}
	switch kind {
	case 'E':
		fmt.Fprintf(&s.b, "<ellipse%s cx=\"%s\" cy=\"%s\" rx=\"%s\" ry=\"%s\"/>\n", attrs, num(pts[0][0]), num(-pts[0][1]), num(pts[1][0]), num(pts[1][1]))
	case 'P':
		fmt.Fprintf(&s.b, "<polygon%s points=\"%s %s\"/>\n", attrs, strings.Join(xy, " "), xy[0])
	case 'L':
		fmt.Fprintf(&s.b, "<polyline%s points=\"%s\"/>\n", attrs, strings.Join(xy, " "))
	case 'B':
		fmt.Fprintf(&s.b, "<path%s d=\"M%sC%s\"/>\n", attrs, xy[0], strings.Join(xy[1:], " "))
	}
}

func (s *svgCanvas) text(t text) {
	fmt.Fprintf(&s.b, "<text text-anchor=\"%s\" x=\"%s\" y=\"%s\" font-family=\"%s\"", t.anchor, num(t.x), num(-t.y), esc(fontFamily(t.face)))
	for _, a := range []struct {
		on   bool
		attr string
	}{{t.bold(), ` font-weight="bold"`}, {t.flags&2 != 0, ` font-style="italic"`},
		{t.flags&4 != 0, ` text-decoration="underline"`}} {
		if a.on {
			s.b.WriteString(a.attr)
		}
	}
	fmt.Fprintf(&s.b, " font-size=\"%.2f\"", t.size)
	if c := rgba(t.colour); c != (rgba("#000000")) {
		s.b.WriteString(paint("fill", t.colour))
	}
	s.b.WriteString(">" + esc(t.text) + "</text>\n")
}

// fontFamily is the one place the SVG's CSS font stacks are decided. DOT names
// one font (render's is Liberation Sans); when Graphviz measured it with Arial's
// metrics, the fonts that share them follow, so text fits wherever one of them
// is installed, then the generic sans-serif.
func fontFamily(face string) string {
	switch strings.ToLower(strings.ReplaceAll(face, " ", "")) {
	case "liberationsans", "arimo", "arial", "arialmt", "helvetica", "nimbussans", "freesans":
		return "'" + face + "',Arimo,Arial,Helvetica,sans-serif"
	}
	return "'" + strings.ReplaceAll(face, "'", "") + "'"
}

// paint is an SVG colour attribute: "#rrggbb", and an opacity when the xdot
// colour has one; "none" for no or a fully transparent colour.
func paint(attr, c string) string {
	v := rgba(c)
	switch {
	case c == "" || v.A == 0:
		return ` ` + attr + `="none"`
	case v.A < 0xff:
		return fmt.Sprintf(` %s="#%02x%02x%02x" %s-opacity="%.3f"`, attr, v.R, v.G, v.B, attr, float64(v.A)/255)
	}
	return fmt.Sprintf(` %s="#%02x%02x%02x"`, attr, v.R, v.G, v.B)
}

// num formats a coordinate as Graphviz does: two decimals at most, no trailing zeros.
func num(v float64) string {
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes text for XML. Graphviz passes names, tooltips and URLs on as
// written, where render writes character references (&#92; for a backslash),
// and decodes labels; so character references are decoded first, and
// characters XML forbids even as references become spaces.
func esc(s string) string {
	return xmlEscaper.Replace(strings.Map(func(r rune) rune {
		if r < ' ' && r != '\t' && r != '\n' || r == 0x7f || r == 0xfffe || r == 0xffff {
			return ' '
		}
		return r
	}, html.UnescapeString(s)))
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;", "\n", "&#10;")

package main

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"image/png"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/lineage-dev/lineage/internal/fonts"
	"github.com/lineage-dev/lineage/internal/textwidth"
)

// cjkDOT has the HTML-like labels and node defaults the render package writes,
// with the widths it gives them (a 12-character Chinese label at 11 pt takes
// 132 pt, which Graphviz alone estimates at 3/4 of that), an ellipse, and a
// table with a left-aligned cell.
const cjkDOT = `digraph {
	node [shape=box, style=filled, fillcolor="#dbe9f6", fontname="Liberation Sans", fontsize=11, margin="0.1,0.04", height=0.3];
	zh [label=<中文标签测试中文标签测试<BR/><FONT POINT-SIZE="9">2023 · 7B</FONT>>, width=2.04];
	mixed [label="Chinese-Vicuna 中文小羊驼", shape=ellipse, width=3.2];
	latin [label=<<B>WWWWWWWWWWWW</B>>, width=2];
	table [shape=plaintext, label=<<TABLE><TR><TD ALIGN="LEFT" WIDTH="200">left</TD></TR><TR><TD>centred in its cell</TD></TR></TABLE>>];
	zh -> mixed [style=dashed];
	mixed -> latin;
}`

func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--format", "pdf"}, 2, `unknown format "pdf"`},
		{[]string{"x.dot"}, 2, "read from standard input"},
		{[]string{"--bogus"}, 2, "unknown flag"},
		{[]string{"--help"}, 0, "usage: lineage-render"},
	} {
		var out, errb bytes.Buffer
		code := run(tc.args, strings.NewReader(cjkDOT), &out, &errb, nil)
		if code != tc.code || !strings.Contains(out.String()+errb.String(), tc.want) {
			t.Errorf("run %q = %d, stdout %q, stderr %q; want %d and %q", tc.args, code, out.String(), errb.String(), tc.code, tc.want)
		}
	}
}

func TestRunFailsCleanly(t *testing.T) {
	for _, in := range []string{"", "   \n", "digraph { a -> ", "not dot at all"} {
		var out, errb bytes.Buffer
		code := run(nil, strings.NewReader(in), &out, &errb, nil)
		if code != 1 || out.Len() != 0 || !strings.HasPrefix(errb.String(), "lineage-render: ") {
			t.Errorf("input %q: exit %d, %d bytes out, stderr %q; want exit 1, no output, a message", in, code, out.Len(), errb.String())
		}
	}
}

// svgNode is a node group of Graphviz's SVG: its shape and its text lines.
type svgNode struct {
	Title   string `xml:"title"`
	Polygon []struct {
		Points string `xml:"points,attr"`
	} `xml:"polygon"`
	Path []struct {
		D string `xml:"d,attr"`
	} `xml:"path"`
	Ellipse []struct {
		Cx string `xml:"cx,attr"`
		Rx string `xml:"rx,attr"`
	} `xml:"ellipse"`
	Text []struct {
		X        string `xml:"x,attr"`
		Anchor   string `xml:"text-anchor,attr"`
		FontSize string `xml:"font-size,attr"`
		Weight   string `xml:"font-weight,attr"`
		Body     string `xml:",chardata"`
	} `xml:"text"`
}

func parseSVGNodes(t *testing.T, svg []byte) []svgNode {
	t.Helper()
	var doc struct {
		G struct {
			G []struct {
				Class string `xml:"class,attr"`
				svgNode
			} `xml:"g"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("SVG is not well-formed: %v", err)
	}
	var nodes []svgNode
	for _, g := range doc.G.G {
		if g.Class == "node" {
			nodes = append(nodes, g.svgNode)
		}
	}
	return nodes
}

var number = regexp.MustCompile(`-?[0-9.]+`)

// xSpan is the horizontal extent of a node's shape in the SVG.
func (n svgNode) xSpan() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	add := func(s string, every int) {
		for i, m := range number.FindAllString(s, -1) {
			if i%every == 0 {
				v, _ := strconv.ParseFloat(m, 64)
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	for _, p := range n.Polygon {
		add(p.Points, 2)
	}
	for _, p := range n.Path {
		add(p.D, 2)
	}
	for _, e := range n.Ellipse {
		cx, _ := strconv.ParseFloat(e.Cx, 64)
		rx, _ := strconv.ParseFloat(e.Rx, 64)
		lo, hi = math.Min(lo, cx-rx), math.Max(hi, cx+rx)
	}
	return lo, hi
}

// TestLabelsCentredFromLayout checks where the SVG puts the text of the
// labels, against the layout: every line of a node's HTML-like label that
// Graphviz centred is anchored at the middle, on the node's centre, whatever its
// estimated width; a left-aligned table cell keeps its left end; and the nodes
// are as wide as the DOT says, though Graphviz would have made the Chinese one
// narrower.
func TestLabelsCentredFromLayout(t *testing.T) {
	svg, _, err := render([]byte(cjkDOT), "svg")
	if err != nil {
		t.Fatal(err)
	}
	lay := testLayout(t, cjkDOT)
	nodes := parseSVGNodes(t, svg)
	if len(nodes) != 4 {
		t.Fatalf("%d nodes in the SVG, want 4", len(nodes))
	}
	for i, n := range nodes {
		obj := lay.nodes()[i]
		if n.Title != obj.Name {
			t.Fatalf("SVG node %d is %q, the layout's %q", i, n.Title, obj.Name)
		}
		centre := obj.centre()
		var texts []drawOp
		for _, op := range obj.LDraw {
			if op.Op == "T" {
				texts = append(texts, op)
			}
		}
		if len(texts) != len(n.Text) {
			t.Fatalf("node %s: %d texts in the SVG, %d in the layout", n.Title, len(n.Text), len(texts))
		}
		for k, tx := range n.Text {
			x, _ := strconv.ParseFloat(tx.X, 64)
			want, wantX := "middle", centre
			if n.Title == "table" && tx.Body == "left" {
				want, wantX = "start", texts[k].Pt[0]
			}
			if tx.Anchor != want || math.Abs(x-wantX) > 0.01 {
				t.Errorf("node %s: %q anchored %s at %.2f, want %s at %.2f", n.Title, tx.Body, tx.Anchor, x, want, wantX)
			}
		}
		lo, hi := n.xSpan()
		if want := map[string]float64{"zh": 2.04, "mixed": 3.2, "latin": 2}[n.Title] * 72; want > 0 && math.Abs(hi-lo-want) > 0.5 {
			t.Errorf("node %s is %.1f pt wide, the DOT says %.1f", n.Title, hi-lo, want)
		}
	}
	if !strings.Contains(nodes[2].Text[0].Weight, "bold") {
		t.Errorf("the <B> label is drawn %q", nodes[2].Text[0].Weight)
	}
}

func TestConcurrentRendersAgree(t *testing.T) {
	want, _, err := render([]byte(cjkDOT), "svg")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Go(func() { outs[i], _, errs[i] = render([]byte(cjkDOT), "svg") })
	}
	wg.Wait()
	for i := range outs {
		if errs[i] != nil || !bytes.Equal(outs[i], want) {
			t.Errorf("concurrent render %d: err %v, output differs: %v", i, errs[i], !bytes.Equal(outs[i], want))
		}
	}
}

// pngDOT is laid out with fixed positions (neato -n) so the test knows where
// every box, edge and arrowhead is: two boxes side by side joined by an edge.
const pngDOT = `digraph {
	node [shape=box, fontname="Helvetica", fontsize=14, fixedsize=true, width=2, height=0.6, style=filled, fillcolor="#dbe9f6"];
	a [label="中文标签"];
	b [label="Alpaca"];
	a -> b [penwidth=1];
}`

func TestPNGDrawsBoxesEdgesArrowsAndText(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-f", "png"}, strings.NewReader(pngDOT), &out, &errb, fonts.SystemDirs()); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	cjkFont := !strings.Contains(errb.String(), "no installed font")
	img, err := png.Decode(&out)
	if err != nil {
		t.Fatal(err)
	}
	// Lay out again as JSON to know where things are (the layout is deterministic).
	lay := testLayout(t, pngDOT)
	s := 2.0 // the PNG is drawn at 2 px per point
	px := func(x, y float64) (int, int) {
		return int((x - lay.bbox[0] + pad) * s), int((lay.bbox[3] + pad - y) * s)
	}
	dark := func(c color.Color) bool {
		r, g, b, _ := c.RGBA()
		return r+g+b < 3*0x6000
	}
	darkNear := func(x, y int) bool { // within 2 px: lines are anti-aliased
		for dx := -2; dx <= 2; dx++ {
			for dy := -2; dy <= 2; dy++ {
				if dark(img.At(x+dx, y+dy)) {
					return true
				}
			}
		}
		return false
	}
	for _, n := range lay.nodes() {
		var box [][2]float64
		for _, op := range n.Draw {
			if op.Op == "P" || op.Op == "p" {
				box = op.Points
			}
		}
		if len(box) != 4 {
			t.Fatalf("node %s: no box in the layout: %+v", n.Name, n.Draw)
		}
		x0, y0 := px(box[0][0], box[0][1])
		x1, y1 := px(box[2][0], box[2][1])
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		// The outline: dark pixels all along the top and bottom edges.
		for x := x0 + 4; x < x1-4; x += 3 {
			if !darkNear(x, y0) || !darkNear(x, y1) {
				t.Fatalf("node %s: outline missing at x=%d (box %d,%d-%d,%d)", n.Name, x, x0, y0, x1, y1)
			}
		}
		// The fill and the label inside.
		fill, ink := 0, 0
		for y := y0 + 3; y < y1-3; y++ {
			for x := x0 + 3; x < x1-3; x++ {
				c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				switch {
				case c.R == 0xdb && c.G == 0xe9 && c.B == 0xf6:
					fill++
				case dark(c):
					ink++
				}
			}
		}
		area := (x1 - x0 - 6) * (y1 - y0 - 6)
		if fill < area/2 {
			t.Errorf("node %s: only %d of %d pixels have the fill colour", n.Name, fill, area)
		}
		if ink < 150 {
			t.Errorf("node %s: %d dark pixels inside, want its label's text", n.Name, ink)
		}
	}
	// The edge: dark pixels along its spline, and a filled arrowhead.
	e := lay.Edges[0]
	for _, op := range e.Draw {
		if op.Op == "B" || op.Op == "b" {
			p := op.Points
			for i := 0; i+3 < len(p); i += 3 {
				for _, tt := range []float64{0.25, 0.5, 0.75} {
					x, y := bezier(p[i:i+4], tt)
					if !darkNear(px(x, y)) {
						t.Errorf("edge line missing at (%.1f, %.1f)", x, y)
					}
				}
			}
		}
	}
	for _, op := range e.HDraw {
		if op.Op == "P" {
			var cx, cy float64
			for _, p := range op.Points {
				cx += p[0] / float64(len(op.Points))
				cy += p[1] / float64(len(op.Points))
			}
			if !dark(img.At(px(cx, cy))) {
				t.Errorf("arrowhead not filled at (%.1f, %.1f)", cx, cy)
			}
		}
	}
	if !cjkFont {
		t.Logf("no CJK font installed: Chinese drawn as boxes (%s)", errb.String())
		if onCI() {
			t.Error("CI must install a CJK font (fonts-noto-cjk)")
		}
	}
}

func bezier(p [][2]float64, t float64) (float64, float64) {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return a*p[0][0] + b*p[1][0] + c*p[2][0] + d*p[3][0], a*p[0][1] + b*p[1][1] + c*p[2][1] + d*p[3][1]
}

func testLayout(t *testing.T, dot string) *layout {
	t.Helper()
	out, _, err := render([]byte(dot), "json")
	if err != nil {
		t.Fatal(err)
	}
	l, err := parseLayout(out)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// onCI reports whether the tests run on CI, where nothing may be skipped.
func onCI() bool { return os.Getenv("CI") != "" }

// TestFontsAndPoints checks the fonts of the seam: Graphviz measures the one
// font render names, Liberation Sans, with sans-serif metrics (not Times', its
// fallback), and the SVG names it first in a CSS font stack; and a point node
// keeps its size.
func TestFontsAndPoints(t *testing.T) {
	dot := `digraph { node [fontname="Liberation Sans", fontsize=10]; p [shape=point, width=0.06]; a [label="iiii"]; t [label="iiii", fontname="Times"]; p -> a }`
	widths := map[string]float64{}
	for _, n := range testLayout(t, dot).nodes() {
		for _, op := range n.LDraw {
			if op.Op == "T" {
				widths[n.Name] = op.Width
			}
		}
	}
	// 'i' is 0.222 em in Arial and Liberation Sans, 0.278 em in Times.
	if math.Abs(widths["a"]-8.89) > 0.1 || math.Abs(widths["t"]-11.11) > 0.1 {
		t.Errorf("Graphviz measures iiii at 10 pt %.2f in Liberation Sans, %.2f in Times; want 8.89 and 11.11", widths["a"], widths["t"])
	}
	svg, _, err := render([]byte(dot), "svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte(`font-family="&#39;Liberation Sans&#39;,Arimo,Arial,Helvetica,sans-serif"`)) {
		t.Errorf("the SVG does not name the CSS font stack of Liberation Sans:\n%s", svg)
	}
	var doc struct {
		G struct {
			G []struct {
				Title   string `xml:"title"`
				Ellipse []struct {
					Rx string `xml:"rx,attr"`
				} `xml:"ellipse"`
			} `xml:"g"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatal(err)
	}
	for _, g := range doc.G.G {
		if g.Title != "p" {
			continue
		}
		if len(g.Ellipse) == 0 {
			t.Fatal("no point drawn")
		}
		if rx, _ := strconv.ParseFloat(g.Ellipse[0].Rx, 64); rx <= 0 || rx > 2.5 {
			t.Errorf("point node drawn with radius %v pt, want a 0.06 in point (about 2)", rx)
		}
	}
}

// TestSVGEscapesAndLinks checks what the SVG writes of names, tooltips, links
// and colours: escapes and character references as Graphviz's SVG has them
// (\N the name, \n a line break, &#92; a backslash), colours as Graphviz resolves
// them, and well-formed XML whatever the text.
func TestSVGEscapesAndLinks(t *testing.T) {
	dot := `digraph { n [label=<a &lt;b&gt; &amp; &#92;>, tooltip="\N says &amp; &lt;hi&gt;\nbye", URL="https://x.example/?a=1&amp;b=2", target="_top", shape=box, fillcolor="lightblue", color="#ff000080", style=filled]; "q\"&#92;" [fontcolor="transparent"] }`
	svg, _, err := render([]byte(dot), "svg")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		G struct {
			G []struct {
				Title string `xml:"title"`
				A     struct {
					Href    string `xml:"http://www.w3.org/1999/xlink href,attr"`
					Tip     string `xml:"http://www.w3.org/1999/xlink title,attr"`
					Target  string `xml:"target,attr"`
					Polygon []struct {
						Fill          string `xml:"fill,attr"`
						Stroke        string `xml:"stroke,attr"`
						StrokeOpacity string `xml:"stroke-opacity,attr"`
					} `xml:"polygon"`
					Text []string `xml:"text"`
				} `xml:"g>a"`
				Text []struct {
					Fill string `xml:"fill,attr"`
				} `xml:"text"`
			} `xml:"g"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("%v\n%s", err, svg)
	}
	if len(doc.G.G) != 2 {
		t.Fatalf("%d groups, want 2:\n%s", len(doc.G.G), svg)
	}
	n, q := doc.G.G[0], doc.G.G[1]
	a := n.A
	if n.Title != "n" || a.Href != "https://x.example/?a=1&b=2" || a.Target != "_top" || a.Tip != "n says & <hi>\nbye" {
		t.Errorf("node n: title %q, link %q %q, tooltip %q", n.Title, a.Href, a.Target, a.Tip)
	}
	if len(a.Text) != 1 || a.Text[0] != `a <b> & \` {
		t.Errorf("node n's label %q, want %q", a.Text, `a <b> & \`)
	}
	if len(a.Polygon) != 1 || a.Polygon[0].Fill != "#add8e6" || a.Polygon[0].Stroke != "#ff0000" || a.Polygon[0].StrokeOpacity != "0.502" {
		t.Errorf("node n's box %+v, want lightblue (#add8e6) in #ff0000 at half opacity", a.Polygon)
	}
	if q.Title != `q"\` || len(q.Text) != 1 || q.Text[0].Fill != "none" {
		t.Errorf("node q: title %q, texts %+v; want q\"\\ in no colour", q.Title, q.Text)
	}
}

// textWidth is the estimate the charts are sized with (package textwidth).
func textWidth(s string, size float64, bold bool) float64 { return textwidth.Width(s, size, bold) }

package engine

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/internal/textwidth"
	"github.com/lineage-dev/lineage/render"
)

// svgNode is one <g class="node"> of a Graphviz SVG: its title and its links.
type svgNode struct {
	title string
	hrefs []string
}

// parseSVG reads the whole SVG with an XML decoder (so it must be well-formed) and
// returns its nodes, failing on any <script> element and any javascript: value.
func parseSVG(t *testing.T, svg []byte) []svgNode {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var nodes []svgNode
	var stack []bool // for each open element: is it a node group
	inTitle := false
	depthInNode := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(tk.Name.Local, "script") || strings.EqualFold(tk.Name.Local, "foreignObject") {
				t.Errorf("SVG holds a <%s> element", tk.Name.Local)
			}
			isNode := false
			for _, a := range tk.Attr {
				if strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Value)), "javascript:") {
					t.Errorf("attribute %s=%q", a.Name.Local, a.Value)
				}
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("event handler attribute %s", a.Name.Local)
				}
				if tk.Name.Local == "g" && a.Name.Local == "class" && a.Value == "node" {
					isNode = true
				}
				if tk.Name.Local == "a" && a.Name.Local == "href" && depthInNode > 0 {
					nodes[len(nodes)-1].hrefs = append(nodes[len(nodes)-1].hrefs, a.Value)
				}
			}
			if isNode {
				nodes = append(nodes, svgNode{})
			}
			if isNode || depthInNode > 0 {
				depthInNode++
			}
			inTitle = tk.Name.Local == "title" && depthInNode == 2
			stack = append(stack, isNode)
		case xml.CharData:
			if inTitle {
				nodes[len(nodes)-1].title += string(tk)
			}
		case xml.EndElement:
			inTitle = false
			stack = stack[:len(stack)-1]
			if depthInNode > 0 {
				depthInNode--
			}
		}
	}
	return nodes
}

// TestSVGStructure renders datasets through the real engine and checks the SVG as
// a structure: well-formed, one node group per model titled with its id (data with
// quotes, backslashes, <script>, ]]> and newlines included), a link on every model
// with a web URL and none elsewhere, and nothing executable.
func TestSVGStructure(t *testing.T) {
	e := &Engine{Args: []string{filepath.Join(built(t), "lineage-render")}}
	for _, dir := range []string{"fixture", "hostile"} {
		t.Run(dir, func(t *testing.T) {
			base := filepath.Join("..", "..", "testdata", "render", dir)
			l, err := graph.LoadFilesWith(filepath.Join(base, "nodes.csv"), filepath.Join(base, "edges.csv"), graph.FileOptions{CacheDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			var dot bytes.Buffer
			if err := render.DOT(&dot, l, render.Options{EdgeLabels: true}); err != nil {
				t.Fatal(err)
			}
			svg, err := e.Render(context.Background(), dot.Bytes(), "svg")
			if err != nil {
				t.Fatal(err)
			}
			links := map[string][]string{}
			var titles []string
			for _, n := range parseSVG(t, svg) {
				if _, ok := l.Model(n.title); ok {
					titles = append(titles, n.title)
					links[n.title] = n.hrefs
				}
			}
			var ids []string
			for _, m := range l.Models() {
				ids = append(ids, m.ID)
				want := []string(nil)
				if graph.IsWebURL(m.URL) {
					want = []string{m.URL}
				}
				if !slices.Equal(links[m.ID], want) {
					t.Errorf("%q: links %q, want %q", m.ID, links[m.ID], want)
				}
			}
			slices.Sort(ids)
			slices.Sort(titles)
			if !slices.Equal(ids, titles) {
				t.Errorf("node titles %q, want one per model %q", titles, ids)
			}
		})
	}
}

// labelNode is a node group of the SVG: its shapes and its texts, inside its
// link when it has one.
type labelNode struct {
	Class  string    `xml:"class,attr"`
	Title  string    `xml:"title"`
	Shapes labelBody `xml:"g>a"`
}

type labelBody struct {
	Polygon []struct {
		Points string `xml:"points,attr"`
	} `xml:"polygon"`
	Path []struct {
		D string `xml:"d,attr"`
	} `xml:"path"`
	Text []struct {
		X        float64 `xml:"x,attr"`
		Anchor   string  `xml:"text-anchor,attr"`
		FontSize float64 `xml:"font-size,attr"`
		Weight   string  `xml:"font-weight,attr"`
		Body     string  `xml:",chardata"`
	} `xml:"text"`
}

// TestLabelsFitTheirBoxes draws charts with Chinese and Japanese names through
// render and the engine: every line of a model's label, at the width the charts
// are measured with (package textwidth), lies inside its box, which render sized
// and the engine's Graphviz kept, and is centred on it.
func TestLabelsFitTheirBoxes(t *testing.T) {
	e := &Engine{Args: []string{filepath.Join(built(t), "lineage-render")}}
	for _, dir := range []string{"fixture", "hostile"} {
		base := filepath.Join("..", "..", "testdata", "render", dir)
		l, err := graph.LoadFiles(filepath.Join(base, "nodes.csv"), filepath.Join(base, "edges.csv"))
		if err != nil {
			t.Fatal(err)
		}
		var dot bytes.Buffer
		if err := render.DOT(&dot, l, render.Options{Focus: []string{l.Models()[0].ID}}); err != nil {
			t.Fatal(err)
		}
		svg, err := e.Render(context.Background(), dot.Bytes(), "svg")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Nodes []labelNode `xml:"g>g"`
		}
		if err := xml.Unmarshal(svg, &doc); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, n := range doc.Nodes {
			m, ok := l.Model(n.Title)
			if n.Class != "node" || !ok {
				continue
			}
			var outline string // the box: the first shape drawn
			if len(n.Shapes.Polygon) > 0 {
				outline = n.Shapes.Polygon[0].Points
			} else if len(n.Shapes.Path) > 0 {
				outline = n.Shapes.Path[0].D
			}
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, p := range points(outline) {
				lo, hi = min(lo, p[0]), max(hi, p[0])
			}
			if len(n.Shapes.Text) == 0 || math.IsInf(lo, 1) {
				t.Errorf("%s: no box or no label in the SVG", m.ID)
				continue
			}
			checked++
			if m.Name == "北辰对话" && hi-lo < 4*11+14.4 {
				t.Errorf("%s: box %.1f pt wide for 4 Chinese characters at 11 pt", m.ID, hi-lo)
			}
			for _, tx := range n.Shapes.Text {
				w := textwidth.Width(tx.Body, tx.FontSize, tx.Weight == "bold")
				if tx.Anchor != "middle" || math.Abs(tx.X-(lo+hi)/2) > 0.5 {
					t.Errorf("%s: %q anchored %s at %.2f, not at the middle of its box [%.1f, %.1f]", m.ID, tx.Body, tx.Anchor, tx.X, lo, hi)
				}
				if tx.X-w/2 < lo || tx.X+w/2 > hi {
					t.Errorf("%s: %q (%.1f pt) overflows its box [%.1f, %.1f]", m.ID, tx.Body, w, lo, hi)
				}
			}
		}
		if checked != len(l.Models()) {
			t.Errorf("%s: checked %d of %d models", dir, checked, len(l.Models()))
		}
	}
}

package engine

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
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

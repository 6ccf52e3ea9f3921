package engine

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/data"
	"github.com/lineage-dev/lineage/render"
)

// svgGroup is one node or edge group of a Graphviz SVG: its title, the fills of
// its shapes, its texts, and the coordinates of its paths, in document order.
type svgGroup struct {
	class, title string
	items        []svgItem
}

// svgItem is a filled shape (fill set) or a text (text set) of a group; xs are
// the x coordinates of a path or polygon.
type svgItem struct {
	fill, text string
	xs         []float64
}

// svgGroups reads the node and edge groups of a Graphviz SVG.
func svgGroups(t *testing.T, svg []byte) []svgGroup {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var groups []svgGroup
	var cur *svgGroup
	depth, groupDepth := 0, 0
	var text *strings.Builder
	inTitle := false
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
			depth++
			attr := func(name string) string {
				for _, a := range tk.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch tk.Name.Local {
			case "g":
				if c := attr("class"); c == "node" || c == "edge" {
					groups = append(groups, svgGroup{class: c})
					cur, groupDepth = &groups[len(groups)-1], depth
				}
			case "title":
				inTitle = cur != nil && cur.title == ""
			case "text":
				text = &strings.Builder{}
			case "polygon", "path", "ellipse":
				if cur != nil {
					it := svgItem{fill: attr("fill")}
					for _, f := range strings.FieldsFunc(attr("points")+" "+attr("d"), func(r rune) bool {
						return r == ' ' || r == 'M' || r == 'C' || r == 'L'
					}) {
						if x, _, ok := strings.Cut(f, ","); ok {
							if v, err := strconv.ParseFloat(x, 64); err == nil {
								it.xs = append(it.xs, v)
							}
						}
					}
					cur.items = append(cur.items, it)
				}
			}
		case xml.CharData:
			if inTitle {
				cur.title += string(tk)
			}
			if text != nil {
				text.Write(tk)
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "title":
				inTitle = false
			case "text":
				if cur != nil {
					cur.items = append(cur.items, svgItem{text: text.String()})
				}
				text = nil
			}
			if cur != nil && depth == groupDepth && tk.Name.Local == "g" {
				cur = nil
			}
			depth--
		}
	}
	return groups
}

// TestSVGLegendTellsTheTruth draws the whole embedded dataset with the engine:
// every model's shape is filled with the colour the SVG legend gives its first
// organisation, or the legend's "other organisations" grey; the legend gives no
// colour twice; and its edge samples are long enough (≥ 24 pt) to show a dash.
func TestSVGLegendTellsTheTruth(t *testing.T) {
	e := &Engine{Args: []string{filepath.Join(built(t), "lineage-render")}}
	l, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	var dot bytes.Buffer
	if err := render.DOT(&dot, l, render.Options{}); err != nil {
		t.Fatal(err)
	}
	svg, err := e.Render(context.Background(), dot.Bytes(), "svg")
	if err != nil {
		t.Fatal(err)
	}
	groups := svgGroups(t, svg)
	legend := map[string]string{} // fill → label
	fills := map[string]string{}  // model id → fill
	samples := map[string]float64{}
	for _, g := range groups {
		switch {
		case g.class == "node" && strings.HasSuffix(g.title, "legend_colours"):
			fill := ""
			for _, it := range g.items {
				switch {
				case it.fill != "" && it.fill != "none":
					fill = it.fill
				case it.text != "" && fill != "":
					if prev, dup := legend[fill]; dup {
						t.Errorf("legend gives %s to %q and %q", fill, prev, it.text)
					}
					legend[fill] = it.text
					fill = ""
				}
			}
		case g.class == "node":
			if _, ok := l.Model(g.title); ok {
				for _, it := range g.items {
					if it.fill != "" && it.fill != "none" {
						fills[g.title] = it.fill
						break
					}
				}
			}
		case g.class == "edge" && strings.Contains(g.title, "legend_") && strings.HasSuffix(g.title, "_to"):
			for _, it := range g.items {
				if it.fill == "none" && len(it.xs) > 1 { // the line, not the arrowhead
					lo, hi := it.xs[0], it.xs[0]
					for _, x := range it.xs {
						lo, hi = min(lo, x), max(hi, x)
					}
					samples[g.title] = hi - lo
				}
			}
		}
	}
	named := map[string]bool{}
	for _, n := range legend {
		named[n] = true
	}
	if len(legend) < 5 || !named["other organisations"] {
		t.Fatalf("legend colours %v: want the organisations and 'other organisations'", legend)
	}
	for _, m := range l.Models() {
		fill, ok := fills[m.ID]
		if !ok {
			t.Errorf("%s: no filled shape in the SVG", m.ID)
			continue
		}
		want := "no organisation"
		if len(m.Orgs) > 0 {
			want = m.Orgs[0]
			if !named[want] {
				want = "other organisations"
			}
		}
		if got := legend[fill]; got != want {
			t.Errorf("%s (%q) is filled %s, which the legend calls %q", m.ID, m.Orgs, fill, got)
		}
	}
	if len(samples) != 2 {
		t.Errorf("legend edge samples %v, want lineage and influence", samples)
	}
	for name, w := range samples {
		if w < 24 {
			t.Errorf("legend sample %s is %.1f pt long, want at least 24 pt to show solid or dashed", name, w)
		}
	}
}

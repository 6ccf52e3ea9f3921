package render

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// GitHub's Mermaid limits: a diagram with more edges or characters is not drawn.
// 'lineage docs' falls back to SVG past them; this is the one place they are written.
const (
	MermaidMaxEdges = 500
	MermaidMaxChars = 50000
)

// Mermaid writes the lineage as a Mermaid "flowchart TD" that GitHub renders as is.
// Node ids are generated (n0, n1, ... in id order), never taken from the data;
// every label goes through EscapeMermaid. Stage sets the shape (base: rectangle,
// instruction-tuned: rounded, chat: stadium with a heavy border, code: subroutine,
// reasoning: hexagon, other: dashed rectangle), a class per organisation colour
// (or access) sets the fill, influence edges are dotted (-.->), and a click
// statement links each model with an http(s) url. Mermaid has no rank constraints,
// so the time axis of the DOT chart is not drawn; each label carries the date.
func Mermaid(w io.Writer, l *graph.Lineage, opt Options) error {
	if err := opt.Check(); err != nil {
		return fmt.Errorf("mermaid: %w", err)
	}
	ms := sortedModels(l)
	opt = withOrgs(l, opt)
	es := sortedEdges(l)
	focus := opt.focused()
	nid := make(map[string]string, len(ms))
	for i, m := range ms {
		nid[m.ID] = "n" + strconv.Itoa(i)
	}
	ew := &errWriter{w: w}
	p := ew.printf
	p("flowchart TD\n")

	node := func(indent string, m *graph.Model) {
		sh := mermaidShapes[stageOf(m)]
		label := EscapeMermaid(m.Name)
		if focus[m.ID] {
			label = "<b>" + label + "</b>"
		}
		if sub := subtitle(m); sub != "" {
			label += "<br/>" + EscapeMermaid(sub)
		}
		p("%s%s%s\"%s\"%s\n", indent, nid[m.ID], sh[0], label, sh[1])
	}
	if opt.Cluster == "org" {
		for i, g := range orgGroups(ms) {
			p("  subgraph g%d[\"%s\"]\n", i, EscapeMermaid(g.label))
			for _, m := range g.models {
				node("    ", m)
			}
			p("  end\n")
		}
	} else {
		for _, m := range ms {
			node("  ", m)
		}
	}

	for _, e := range es {
		arrow := "-->"
		if e.Relation.Class() == graph.InfluenceClass {
			arrow = "-.->"
		}
		if opt.EdgeLabels {
			arrow += "|\"" + EscapeMermaid(string(e.Relation)) + "\"|"
		}
		p("  %s %s %s\n", nid[e.From], arrow, nid[e.To])
	}

	for _, m := range ms {
		if !graph.IsWebURL(m.URL) {
			continue
		}
		if u := mermaidURL(m.URL); u != "" {
			p("  click %s href \"%s\" \"%s\"\n", nid[m.ID], u, mermaidTooltip(tooltip(m)))
		}
	}

	// Classes: colour first, then stage, then focus, so later ones win in the CSS.
	colourClass := func(m *graph.Model) string {
		key := colourKey(m, opt)
		if sc := opt.scheme(); sc != nil {
			if _, ok := sc.colours[key]; !ok {
				key = "unknown"
			}
			return sc.class + strings.ReplaceAll(key, "-", "_")
		}
		if key == "" {
			return "org_none"
		}
		return "org" + strconv.Itoa(slices.Index(Palette[:], colourOf(key, opt)))
	}
	type class struct {
		name, style string
		members     []string
	}
	var classes []*class
	byName := map[string]*class{}
	add := func(name, style, id string) {
		c := byName[name]
		if c == nil {
			c = &class{name: name, style: style}
			byName[name] = c
			classes = append(classes, c)
		}
		c.members = append(c.members, nid[id])
	}
	for _, m := range ms {
		c := colourOf(colourKey(m, opt), opt)
		add(colourClass(m), "fill:"+c.Fill+",stroke:"+c.Border+",color:#000000", m.ID)
	}
	for _, m := range ms {
		s := stageOf(m)
		style := "stroke-width:1px"
		switch s {
		case "chat":
			style = "stroke-width:3px"
		case "other":
			style = "stroke-width:1px,stroke-dasharray:4 3"
		}
		add("st_"+strings.ReplaceAll(s, "-", "_"), style, m.ID)
	}
	for _, m := range ms {
		if focus[m.ID] {
			add("focus", "stroke:#000000,stroke-width:4px", m.ID)
		}
	}
	colours := 0
	for _, c := range classes {
		if !strings.HasPrefix(c.name, "st_") && c.name != "focus" {
			colours++
		}
	}
	slices.SortStableFunc(classes[:colours], func(a, b *class) int { return strings.Compare(a.name, b.name) })
	slices.SortStableFunc(classes[colours:], func(a, b *class) int {
		if (a.name == "focus") != (b.name == "focus") {
			if a.name == "focus" {
				return 1
			}
			return -1
		}
		return strings.Compare(a.name, b.name)
	})
	for _, c := range classes {
		p("  classDef %s %s\n", c.name, c.style)
	}
	for _, c := range classes {
		p("  class %s %s\n", strings.Join(c.members, ","), c.name)
	}
	if ew.err != nil {
		return fmt.Errorf("mermaid: %w", ew.err)
	}
	return nil
}

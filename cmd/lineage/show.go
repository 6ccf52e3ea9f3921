package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/license"
)

var showCmd = &command{
	name:     "show",
	args:     "MODEL [-f text|json]",
	summary:  "Show prints the model's card: its facts, where they come from, and the models\nit derives from (parents) and that derive from it (children), with relations.",
	examples: []string{"lineage show 羊驼", "lineage show chatgpt -f json"},
	run:      runShow,
}

func runShow(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	format := fs.StringP("format", "f", "text", "output `format`: text, json")
	if err := c.parse(fs, args, 1, 1); err != nil {
		return err
	}
	if err := c.useFormat(*format, "text", "json"); err != nil {
		return err
	}
	l, err := c.load()
	if err != nil {
		return err
	}
	m, err := c.resolve(l, fs.Arg(0))
	if err != nil {
		return err
	}
	parents := byRelative(l, l.Parents(m.ID), func(e graph.Edge) string { return e.From })
	children := byRelative(l, l.Children(m.ID), func(e graph.Edge) string { return e.To })
	if *format == "json" {
		card := struct {
			modelJSON
			Parents  []edgeJSON `json:"parents"`
			Children []edgeJSON `json:"children"`
		}{toModelJSON(m), toEdgesJSON(parents), toEdgesJSON(children)}
		return writeJSON(c.stdout, card)
	}
	fmt.Fprintf(c.stdout, "%s\n", c.bold(label(m)))
	tw := c.newTable()
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, v)
		}
	}
	row("id", m.ID)
	row("aliases", strings.Join(m.Aliases, "; "))
	row("org", strings.Join(m.Orgs, "; "))
	row("date", m.Date.String())
	row("params", strings.Join(m.Params, "; "))
	row("arch", m.Arch)
	row("stage", m.Stage)
	row("access", m.Access)
	row("description", m.Description)
	row("url", m.URL)
	row("source", strings.Join(strings.Split(m.Source, ";"), "; "))
	for _, a := range m.Attrs {
		row(a.Key, a.Value)
	}
	if fam := license.FamilyOf(m); fam != license.Unknown {
		row("terms", fmt.Sprintf("%s licence; what reaches it from its ancestors: lineage license %s", fam, m.ID))
	}
	tw.Flush()
	c.writeRelatives(l, "parents", parents, func(e graph.Edge) string { return e.From })
	c.writeRelatives(l, "children", children, func(e graph.Edge) string { return e.To })
	return nil
}

func (c *cli) writeRelatives(l *graph.Lineage, title string, edges []graph.Edge, other func(graph.Edge) string) {
	fmt.Fprintf(c.stdout, "\n%s (%d)\n", title, len(edges))
	if len(edges) == 0 {
		return
	}
	tw := c.newTable()
	for _, e := range edges {
		m, _ := l.Model(other(e))
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", label(m), m.Date, c.rel(e.Relation), e.Note)
	}
	tw.Flush()
}

// byRelative sorts a card's edges by the other model's date (models without one
// last), then name, then id.
func byRelative(l *graph.Lineage, edges []graph.Edge, other func(graph.Edge) string) []graph.Edge {
	edges = slices.Clone(edges)
	slices.SortStableFunc(edges, func(a, b graph.Edge) int {
		ma, _ := l.Model(other(a))
		mb, _ := l.Model(other(b))
		if ma.Date.IsZero() != mb.Date.IsZero() {
			return cmp.Compare(btoi(ma.Date.IsZero()), btoi(mb.Date.IsZero()))
		}
		return cmp.Or(ma.Date.Compare(mb.Date), strings.Compare(ma.Name, mb.Name), strings.Compare(ma.ID, mb.ID))
	})
	return edges
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

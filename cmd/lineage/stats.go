package main

import (
	"fmt"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

var statsCmd = &command{
	name: "stats",
	args: "[--top N] [-f text|json]",
	summary: "Stats summarises the dataset: models and edges, models per organisation, year,\n" +
		"stage, access and architecture, relations used, the largest families (roots\n" +
		"with the most lineage descendants) and the longest chain of lineage steps.",
	examples: []string{"lineage stats", "lineage stats --top 5 -f json"},
	run:      runStats,
}

func runStats(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	top := fs.Int("top", 10, "show the `N` largest organisations and families (0: all)")
	format := fs.StringP("format", "f", "text", "output `format`: text, json")
	if err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	if err := c.useFormat(*format, "text", "json"); err != nil {
		return err
	}
	if *top < 0 {
		return usagef("--top must be 0 (all) or more, got %d", *top)
	}
	l, err := c.load()
	if err != nil {
		return err
	}
	st := l.Stats(*top)
	byOrg := st.ByOrg
	if *top > 0 && len(byOrg) > *top {
		byOrg = byOrg[:*top]
	}
	if *format == "json" {
		type family struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			Descendants int    `json:"descendants"`
		}
		fams := []family{}
		for _, f := range st.Families {
			fams = append(fams, family{f.Root.ID, f.Root.Name, f.Descendants})
		}
		chain := []string{}
		for _, m := range st.LongestChain {
			chain = append(chain, m.ID)
		}
		return writeJSON(c.stdout, map[string]any{
			"models": st.Models, "edges": st.Edges, "lineage_edges": st.LineageEdges,
			"influence_edges": st.InfluenceEdges, "roots": st.Roots, "leaves": st.Leaves,
			"by_relation": countMap(st.ByRelation), "by_org": countMap(byOrg), "by_year": countMap(st.ByYear),
			"by_stage": countMap(st.ByStage), "by_access": countMap(st.ByAccess), "by_arch": countMap(st.ByArch),
			"families": fams, "longest_chain": chain,
		})
	}
	w := c.stdout
	leaves := fmt.Sprintf("%d leaf", st.Leaves)
	if st.Leaves != 1 {
		leaves = fmt.Sprintf("%d leaves", st.Leaves)
	}
	fmt.Fprintf(w, "%s, %s (%d lineage, %d influence); %s, %s\n",
		count(st.Models, "model"), count(st.Edges, "edge"), st.LineageEdges, st.InfluenceEdges, count(st.Roots, "root"), leaves)
	// Counts are right-aligned in a column as wide as the largest; labels follow.
	section := func(title string, cs []graph.Count) {
		fmt.Fprintf(w, "\n%s\n", c.bold(title))
		width := 0
		for _, cn := range cs {
			width = max(width, len(fmt.Sprint(cn.N)))
		}
		for _, cn := range cs {
			fmt.Fprintf(w, "  %*d  %s\n", width, cn.N, cn.Label)
		}
	}
	orgTitle := "models per organisation"
	if len(byOrg) < len(st.ByOrg) {
		orgTitle = fmt.Sprintf("models per organisation (top %d of %d)", len(byOrg), len(st.ByOrg))
	}
	section(orgTitle, byOrg)
	section("models per year", st.ByYear)
	section("models per stage", st.ByStage)
	section("models per access", st.ByAccess)
	section("models per architecture", st.ByArch)
	section("edges per relation", st.ByRelation)
	if len(st.Families) > 0 {
		fams := make([]graph.Count, len(st.Families))
		for i, f := range st.Families {
			fams[i] = graph.Count{Label: label(f.Root), N: f.Descendants}
		}
		section("largest families (lineage descendants of a root)", fams)
	}
	if len(st.LongestChain) > 1 {
		names := make([]string, len(st.LongestChain))
		for i, m := range st.LongestChain {
			names[i] = m.Name
		}
		fmt.Fprintf(w, "\n%s\n  %s\n", c.bold("longest lineage chain ("+count(len(names)-1, "step")+")"), strings.Join(names, " → "))
	}
	return nil
}

func countMap(cs []graph.Count) map[string]int {
	m := make(map[string]int, len(cs))
	for _, c := range cs {
		m[c.Label] = c.N
	}
	return m
}

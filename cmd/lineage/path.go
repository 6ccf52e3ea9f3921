package main

import (
	"fmt"
	"strconv"

	"github.com/lineage-dev/lineage/graph"
)

var pathCmd = &command{
	name: "path",
	args: "FROM TO [--all [--limit N]] [--relations R] [-f text|json]",
	summary: "Path shows how FROM leads to TO: the shortest chain of relations from the\n" +
		"ancestor FROM down to TO, each step with what was done. With --all it lists\n" +
		"every path, shortest first, up to --limit (at most " + strconv.Itoa(graph.MaxPaths) + "). When TO is an\n" +
		"ancestor of FROM the path is shown the other way round, with a note.",
	examples: []string{
		"lineage path gpt-3 chatgpt",
		"lineage path llama alpaca --relations all --all",
	},
	run: runPath,
}

func runPath(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	all := fs.Bool("all", false, "list every path, not just a shortest one")
	limit := fs.Int("limit", 50, fmt.Sprintf("with --all, list at most `N` paths (0: the most lineage lists, %d)", graph.MaxPaths))
	relations := fs.String("relations", "lineage", "relations to follow: lineage, influence, all, or `names`")
	format := fs.StringP("format", "f", "text", "output `format`: text, json")
	if err := c.parse(fs, args, 2, 2); err != nil {
		return err
	}
	if err := c.useFormat(*format, "text", "json"); err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must be 0 (as many as lineage lists) or more, got %d", *limit)
	}
	if fs.Changed("limit") && !*all {
		return usagef("--limit goes with --all (path without --all shows one shortest path)")
	}
	l, f, from, to, err := c.loadPair(fs.Arg(0), fs.Arg(1), *relations)
	if err != nil {
		return err
	}
	paths, complete := findPaths(l, from.ID, to.ID, f, *all, *limit)
	if len(paths) == 0 {
		if back, _ := findPaths(l, to.ID, from.ID, f, false, 1); len(back) > 0 {
			fmt.Fprintf(c.stderr, "lineage: note: %s descends from %s, not the other way round; showing %s → %s\n",
				from.Name, to.Name, to.Name, from.Name)
			from, to = to, from
			paths, complete = findPaths(l, from.ID, to.ID, f, *all, *limit)
		}
	}
	if len(paths) == 0 {
		hint := ""
		if f.String() != "all" {
			if p, _ := findPaths(l, from.ID, to.ID, graph.AllRelations, false, 1); len(p) > 0 {
				hint = "; with --relations all there is one"
			} else if p, _ := findPaths(l, to.ID, from.ID, graph.AllRelations, false, 1); len(p) > 0 {
				hint = fmt.Sprintf("; with --relations all, %s leads to %s", to.Name, from.Name)
			}
		}
		if cs := l.CommonAncestors(from.ID, to.ID, f); len(cs) > 0 {
			hint += fmt.Sprintf("; they share the ancestor %s ('lineage common %s %s')", cs[0].Model.Name, from.ID, to.ID)
		}
		return fmt.Errorf("no path between %s and %s %s%s", from.Name, to.Name, relationsPhrase(graph.QueryOptions{Relations: f}), hint)
	}
	// A cut list says so on stderr, in every format.
	defer func() {
		switch {
		case !complete && len(paths) == graph.MaxPaths:
			fmt.Fprintf(c.stderr, "lineage: stopped at %d paths, the most lineage lists; there are more\n", len(paths))
		case !complete:
			fmt.Fprintf(c.stderr, "lineage: stopped at %d path%s (--limit); there are more\n", len(paths), plural(len(paths)))
		}
	}()
	if *format == "json" {
		out := make([][]modelJSON, len(paths))
		for i, p := range paths {
			out[i] = pathJSON(l, p)
		}
		if !*all {
			return writeJSON(c.stdout, out[0])
		}
		return writeJSON(c.stdout, out)
	}
	for i, p := range paths {
		if *all {
			if i > 0 {
				fmt.Fprintln(c.stdout)
			}
			fmt.Fprintf(c.stdout, "path %d of %d%s: %d step%s\n", i+1, len(paths), more(complete), len(p), plural(len(p)))
		} else {
			fmt.Fprintf(c.stdout, "%s → %s: %d step%s %s\n", from.Name, to.Name, len(p), plural(len(p)), relationsPhrase(graph.QueryOptions{Relations: f}))
		}
		c.writeSteps(l, p)
	}
	return nil
}

func more(complete bool) string {
	if complete {
		return ""
	}
	return "+"
}

func findPaths(l *graph.Lineage, from, to string, f graph.RelationFilter, all bool, limit int) ([][]graph.Edge, bool) {
	if all {
		return l.AllPaths(from, to, f, limit)
	}
	if p := l.Path(from, to, f); p != nil {
		return [][]graph.Edge{p}, true
	}
	return nil, true
}

// writeSteps prints a path as models one a line with the step between each pair.
func (c *cli) writeSteps(l *graph.Lineage, p []graph.Edge) {
	first, _ := l.Model(p[0].From)
	fmt.Fprintf(c.stdout, "  %s\n", c.heading(first))
	for _, e := range p {
		m, _ := l.Model(e.To)
		note := ""
		if e.Note != "" {
			note = ": " + e.Note
		}
		fmt.Fprintf(c.stdout, "    ↓ %s%s\n", c.rel(e.Relation), c.dim(note))
		fmt.Fprintf(c.stdout, "  %s\n", c.heading(m))
	}
}

// pathJSON is a path as a JSON array of models; each after the first carries the
// edge that reached it and its depth (steps from the start).
func pathJSON(l *graph.Lineage, p []graph.Edge) []modelJSON {
	first, _ := l.Model(p[0].From)
	out := []modelJSON{toModelJSON(first)}
	zero := 0
	out[0].Depth = &zero
	for i, e := range p {
		m, _ := l.Model(e.To)
		j := toModelJSON(m)
		d := i + 1
		j.Depth = &d
		j.Edges = toEdgesJSON([]graph.Edge{e})
		out = append(out, j)
	}
	return out
}

// loadPair loads the dataset, reads --relations and resolves the two distinct
// models that path and common take.
func (c *cli) loadPair(nameA, nameB, relations string) (*graph.Lineage, graph.RelationFilter, *graph.Model, *graph.Model, error) {
	fail := func(err error) (*graph.Lineage, graph.RelationFilter, *graph.Model, *graph.Model, error) {
		return nil, graph.RelationFilter{}, nil, nil, err
	}
	l, err := c.load()
	if err != nil {
		return fail(err)
	}
	f, err := l.ParseRelations(relations)
	if err != nil {
		return fail(usageError{"--relations: " + err.Error()})
	}
	a, err := c.resolve(l, nameA)
	if err != nil {
		return fail(err)
	}
	b, err := c.resolve(l, nameB)
	if err != nil {
		return fail(err)
	}
	if a.ID == b.ID {
		return fail(fmt.Errorf("%s and %s name the same model (%s)", nameA, nameB, a.ID))
	}
	return l, f, a, b, nil
}

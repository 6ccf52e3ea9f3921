package main

import (
	"errors"
	"fmt"

	"github.com/lineage-dev/lineage/graph"
)

var validateCmd = &command{
	name: "validate",
	args: "[--strict]",
	summary: "Validate checks a dataset and prints every problem as file:line:column: what is\n" +
		"wrong (duplicate or empty ids, edges to unknown ids, self-loops, cycles through\n" +
		"lineage edges, bad dates, wrong headers, bad quoting, invalid UTF-8). Warnings\n" +
		"(unknown relations, rows without a source, future dates, non-web URLs, names\n" +
		"or aliases shared by several models) do not fail it unless --strict, which the\n" +
		"embedded dataset passes. Exits 1 on errors.",
	examples: []string{
		"lineage validate --strict",
		"lineage --data ./mydata validate",
		"lineage validate --nodes models.csv --edges relations.csv",
	},
	run: runValidate,
}

func runValidate(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	nodesName, edgesName := "data/nodes.csv", "data/edges.csv"
	l, err := c.loadQuiet()
	var ps graph.Problems
	switch {
	case errors.As(err, &ps):
	case err != nil:
		return err
	default:
		ps = l.Problems()
	}
	if c.nodesFile != "" {
		nodesName, edgesName = c.nodesFile, c.edgesFile
	}
	if l != nil {
		ps = append(ps, l.NameClashes(nodesName)...)
	}
	if *strict {
		ps = ps.Strict()
	}
	for _, p := range ps {
		fmt.Fprintln(c.stderr, p)
	}
	if n := ps.Errors(); n > 0 {
		fmt.Fprintf(c.stderr, "lineage: %s, %s: %s, %s\n", nodesName, edgesName, count(n, "error"), count(len(ps)-n, "warning"))
		return errReported
	}
	fmt.Fprintf(c.stdout, "ok: %s, %s", count(l.Len(), "model"), count(len(l.Edges()), "edge"))
	if len(ps) > 0 {
		fmt.Fprintf(c.stdout, ", %d warning%s", len(ps), plural(len(ps)))
	}
	fmt.Fprintln(c.stdout)
	return nil
}

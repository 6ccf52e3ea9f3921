package main

import (
	"fmt"
	"strconv"

	"github.com/lineage-dev/lineage/graph"
)

var commonCmd = &command{
	name: "common",
	args: "A B [--relations R] [-f text|json]",
	summary: "Common finds the nearest ancestors A and B share (a model counts as its own\n" +
		"ancestor) and shows how each of the two descends from them.",
	examples: []string{
		"lineage common alpaca chinese-vicuna",
		"lineage common chatgpt text-davinci-003",
	},
	run: runCommon,
}

func runCommon(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	relations := fs.String("relations", "lineage", "relations to follow: lineage, influence, all, or `names`")
	format := fs.StringP("format", "f", "text", "output `format`: text, json")
	if err := c.parse(fs, args, 2, 2); err != nil {
		return err
	}
	if err := c.useFormat(*format, "text", "json"); err != nil {
		return err
	}
	l, f, a, b, err := c.loadPair(fs.Arg(0), fs.Arg(1), *relations)
	if err != nil {
		return err
	}
	cs := l.CommonAncestors(a.ID, b.ID, f)
	if len(cs) == 0 {
		hint := ""
		if f.String() != "all" {
			hint = " (--relations all also follows influence relations)"
		}
		return fmt.Errorf("%s and %s share no ancestor %s%s", a.Name, b.Name, relationsPhrase(graph.QueryOptions{Relations: f}), hint)
	}
	if *format == "json" {
		type commonJSON struct {
			modelJSON
			Steps int         `json:"steps"` // len(path_a) + len(path_b) in edges
			PathA []modelJSON `json:"path_a"`
			PathB []modelJSON `json:"path_b"`
		}
		out := make([]commonJSON, len(cs))
		for i, cm := range cs {
			out[i] = commonJSON{modelJSON: toModelJSON(cm.Model), Steps: cm.Length, PathA: []modelJSON{}, PathB: []modelJSON{}}
			if len(cm.PathA) > 0 {
				out[i].PathA = pathJSON(l, cm.PathA)
			}
			if len(cm.PathB) > 0 {
				out[i].PathB = pathJSON(l, cm.PathB)
			}
		}
		return writeJSON(c.stdout, out)
	}
	noun := "nearest common ancestor"
	if len(cs) > 1 {
		noun = fmt.Sprintf("%d nearest common ancestors", len(cs))
	}
	fmt.Fprintf(c.stdout, "%s of %s and %s %s:\n", noun, a.Name, b.Name, relationsPhrase(graph.QueryOptions{Relations: f}))
	for _, cm := range cs {
		fmt.Fprintf(c.stdout, "\n%s\n", c.heading(cm.Model))
		for _, side := range []struct {
			m    *graph.Model
			path []graph.Edge
		}{{a, cm.PathA}, {b, cm.PathB}} {
			if len(side.path) == 0 {
				fmt.Fprintf(c.stdout, "  is %s itself\n", side.m.Name)
				continue
			}
			fmt.Fprintf(c.stdout, "  to %s, %d step%s:\n", side.m.Name, len(side.path), plural(len(side.path)))
			for _, e := range side.path {
				to, _ := l.Model(e.To)
				fmt.Fprintf(c.stdout, "    ↓ %s  %s\n", c.rel(e.Relation), label(to))
			}
		}
	}
	return nil
}

// count is n and the noun, plural unless n is 1: "1 edge", "2 edges".
func count(n int, noun string) string { return strconv.Itoa(n) + " " + noun + plural(n) }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

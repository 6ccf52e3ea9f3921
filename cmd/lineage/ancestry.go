package main

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/render"
)

var ancestorsCmd = &command{
	name:    "ancestors",
	args:    "MODEL [--depth N] [--relations R] [-f " + strings.Join(ancestryFormats, "|") + "]",
	summary: "Ancestors lists the models MODEL derives from, nearest first, with the step\n(relation) that links each one to the next model down the line.",
	examples: []string{
		"lineage ancestors chatgpt",
		"lineage ancestors alpaca --relations all -f tree",
		"lineage ancestors chatgpt --depth 1 -f json",
		"lineage ancestors chatgpt -f mermaid",
	},
}

var descendantsCmd = &command{
	name:    "descendants",
	args:    "MODEL [--depth N] [--relations R] [-f " + strings.Join(ancestryFormats, "|") + "]",
	summary: "Descendants lists the models derived from MODEL, nearest first, with the\nrelation by which each one was derived.",
	examples: []string{
		"lineage descendants llama -f tree",
		"lineage descendants gpt-3 --depth 2",
		"lineage descendants llama --relations lineage,teacher-data -f csv",
		"lineage descendants gpt-3 -f dot > gpt3.dot",
	},
}

// ancestryFormats are the formats ancestors and descendants write; usage line,
// flag help and the check all read this list.
var ancestryFormats = []string{"text", "tree", "json", "csv", "dot", "mermaid"}

func init() {
	ancestorsCmd.run = func(c *cli, args []string) error { return runAncestry(c, args, false) }
	descendantsCmd.run = func(c *cli, args []string) error { return runAncestry(c, args, true) }
}

// queryFlags are the flags shared by the ancestry queries.
type queryFlags struct {
	depth     int
	relations string
	format    string
}

func (q *queryFlags) add(fs *pflag.FlagSet, formats string) {
	fs.IntVar(&q.depth, "depth", 0, "follow at most `N` steps (0: no limit)")
	fs.StringVar(&q.relations, "relations", "lineage", "relations to follow: lineage, influence, all, or names such as `lineage,teacher-data`")
	fs.StringVarP(&q.format, "format", "f", "text", "output `format`: "+formats)
}

// options checks the flags against the dataset and returns the query options.
func (q *queryFlags) options(l *graph.Lineage) (graph.QueryOptions, error) {
	if q.depth < 0 {
		return graph.QueryOptions{}, usagef("--depth must be 0 (no limit) or more, got %d", q.depth)
	}
	f, err := l.ParseRelations(q.relations)
	if err != nil {
		return graph.QueryOptions{}, usageError{"--relations: " + err.Error()}
	}
	return graph.QueryOptions{Depth: q.depth, Relations: f}, nil
}

func runAncestry(c *cli, args []string, down bool) error {
	var q queryFlags
	fs := c.flagSet(c.cmd)
	q.add(fs, strings.Join(ancestryFormats, ", "))
	if err := c.parse(fs, args, 1, 1); err != nil {
		return err
	}
	if err := c.useFormat(q.format, ancestryFormats...); err != nil {
		return err
	}
	l, err := c.load()
	if err != nil {
		return err
	}
	opt, err := q.options(l)
	if err != nil {
		return err
	}
	m, err := c.resolve(l, fs.Arg(0))
	if err != nil {
		return err
	}
	r := l.Reach(m.ID, opt, down)
	switch q.format {
	case "dot", "mermaid":
		// The chart of the answer: MODEL and the models found, with the edges between
		// them that the query follows. 'lineage render' draws richer selections.
		ids := []string{m.ID}
		for h := range r.All() {
			ids = append(ids, h.Model.ID)
		}
		sub := l.Subgraph(ids).Only(opt.Relations)
		w, _ := render.Lookup(q.format)
		return w.Write(c.stdout, sub, render.Options{Focus: []string{m.ID}, Orgs: render.NewOrgColours(l)})
	case "json":
		return writeJSONArray(c.stdout, func(put func(any) error) error {
			for h := range r.All() {
				out := toModelJSON(h.Model)
				out.Depth = &h.Depth
				out.Edges = toEdgesJSON(h.Edges)
				if err := put(out); err != nil {
					return err
				}
			}
			return nil
		})
	case "csv":
		linked := "child"
		if down {
			linked = "parent"
		}
		header := []string{"depth", "id", "name", "org", "date", "stage", "access", "relation", linked}
		return streamCSV(c.stdout, header, func(put func([]string) error) error {
			var rels, next []string
			for h := range r.All() {
				rels, next = rels[:0], next[:0]
				for _, e := range h.Edges {
					rels = append(rels, string(e.Relation))
					if down {
						next = append(next, e.From)
					} else {
						next = append(next, e.To)
					}
				}
				if err := put([]string{strconv.Itoa(h.Depth), h.Model.ID, h.Model.Name, strings.Join(h.Model.Orgs, ";"),
					h.Model.Date.String(), h.Model.Stage, h.Model.Access, strings.Join(rels, ";"), strings.Join(next, ";")}); err != nil {
					return err
				}
			}
			return nil
		})
	case "tree":
		c.writeTree(l, m, opt, down)
		return nil
	}
	c.writeHops(l, m, r, opt, down)
	return nil
}

func relationsPhrase(opt graph.QueryOptions) string {
	s := opt.Relations.String()
	switch s {
	case "lineage":
		return "through lineage relations"
	case "all":
		return "through all relations"
	}
	return "through " + s + " relations"
}

// writeHops prints the text format: a table of models with the step that links each
// to the model one hop nearer the queried one. Each model is decoded for its
// row and dropped: only the table's text is kept.
func (c *cli) writeHops(l *graph.Lineage, m *graph.Model, r *graph.Reached, opt graph.QueryOptions, down bool) {
	what := "ancestors"
	if down {
		what = "descendants"
	}
	fmt.Fprintln(c.stdout, c.heading(m))
	if r.Len() == 0 {
		hint := ""
		if opt.Relations.String() == "lineage" {
			hint = " (--relations all also follows teacher-data, successor and inspired-by)"
		}
		fmt.Fprintf(c.stdout, "no %s %s%s\n", what, relationsPhrase(opt), hint)
		return
	}
	noun := what
	if r.Len() == 1 {
		noun = strings.TrimSuffix(what, "s")
	}
	fmt.Fprintf(c.stdout, "%d %s %s:\n\n", r.Len(), noun, relationsPhrase(opt))
	tw := c.newTable()
	fmt.Fprintf(tw, "DEPTH\tMODEL\tDATE\tORG\tSTEP\n")
	// Rows are made side by side, a block of hops per core, and written in order.
	const block = 2048
	workers := min(runtime.GOMAXPROCS(0), 4)
	if r.Len() < 2*block {
		workers = 1
	}
	type rowMaker struct {
		buf   []byte
		names map[string]string // of the models the steps lead to: few, met often
		m     graph.Model       // each hop's model, decoded into again
		edges []graph.Edge
	}
	makers := make([]rowMaker, workers)
	for i := range makers {
		makers[i].names = map[string]string{}
	}
	for start := 0; start < r.Len(); start += workers * block {
		var wg sync.WaitGroup
		for i := range makers {
			w := &makers[i]
			w.buf = w.buf[:0]
			from, to := start+i*block, min(start+(i+1)*block, r.Len())
			if from >= to {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := from; k < to; k++ {
					w.buf = c.appendHopRow(w.buf, l, r.HopInto(k, &w.m, &w.edges), down, w.names)
				}
			}()
		}
		wg.Wait()
		for i := range makers {
			tw.Write(makers[i].buf)
		}
	}
	tw.Flush()
}

// appendHopRow appends the text table's row of a hop; names caches the names of
// the models its steps lead to.
func (c *cli) appendHopRow(line []byte, l *graph.Lineage, h graph.Hop, down bool, names map[string]string) []byte {
	line = strconv.AppendInt(line, int64(h.Depth), 10)
	line = append(line, '\t')
	line = appendLabel(line, h.Model)
	line = append(line, '\t')
	line = append(line, h.Model.Date.String()...)
	line = append(line, '\t')
	for i, o := range h.Model.Orgs {
		if i > 0 {
			line = append(line, ", "...)
		}
		line = append(line, o...)
	}
	line = append(line, '\t')
	for i, e := range h.Edges {
		if i > 0 {
			line = append(line, "; "...)
		}
		other, arrow := e.To, " → "
		if down {
			other, arrow = e.From, " ← "
		}
		name, ok := names[other]
		if !ok {
			name, _ = l.Name(other)
			names[other] = name
		}
		line = append(line, c.rel(e.Relation)...)
		line = append(line, arrow...)
		line = append(line, name...)
	}
	return append(line, '\n')
}

// writeTree prints the lineage as an indented tree, like 'cargo tree': for ancestors
// a model's branches are its parents, for descendants its children. A model met a
// second time is marked (*) and not expanded again.
func (c *cli) writeTree(l *graph.Lineage, root *graph.Model, opt graph.QueryOptions, down bool) {
	fmt.Fprintln(c.stdout, c.heading(root))
	seen := map[string]bool{root.ID: true}
	repeated := false
	var walk func(id, prefix string, depth int)
	walk = func(id, prefix string, depth int) {
		if opt.Depth > 0 && depth > opt.Depth {
			return
		}
		edges := edgesOf(l, id, opt, down)
		other := func(e graph.Edge) *graph.Model {
			id := e.From
			if down {
				id = e.To
			}
			m, _ := l.Model(id)
			return m
		}
		slices.SortStableFunc(edges, func(a, b graph.Edge) int {
			ma, mb := other(a), other(b)
			if d := ma.Date.Compare(mb.Date); d != 0 {
				return d
			}
			return strings.Compare(ma.ID, mb.ID)
		})
		for i, e := range edges {
			m := other(e)
			branch, indent := "├── ", "│   "
			if i == len(edges)-1 {
				branch, indent = "└── ", "    "
			}
			mark := ""
			expand := !seen[m.ID]
			if !expand {
				mark = " (*)"
				repeated = true
			}
			seen[m.ID] = true
			fmt.Fprintf(c.stdout, "%s%s%s  %s  %s%s\n", prefix, branch, label(m), c.dim(facts(m)), "["+c.rel(e.Relation)+"]", mark)
			if expand {
				walk(m.ID, prefix+indent, depth+1)
			}
		}
	}
	walk(root.ID, "", 1)
	if len(edgesOf(l, root.ID, opt, down)) == 0 {
		what := "ancestors"
		if down {
			what = "descendants"
		}
		fmt.Fprintf(c.stdout, "no %s %s\n", what, relationsPhrase(opt))
	}
	if repeated {
		fmt.Fprintln(c.stdout, c.dim("(*) shown above; not expanded again"))
	}
}

// edgesOf returns the followed edges to a model's children (down) or from its parents.
func edgesOf(l *graph.Lineage, id string, opt graph.QueryOptions, down bool) []graph.Edge {
	var edges []graph.Edge
	if down {
		edges = l.Children(id)
	} else {
		edges = l.Parents(id)
	}
	return slices.DeleteFunc(edges, func(e graph.Edge) bool { return !opt.Relations.Allows(e.Relation) })
}

package hub

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// load writes d as CSV and loads it with the graph package, failing the test on
// any error: what lineage validate would reject.
func load(t *testing.T, d *Dataset) *graph.Lineage {
	t.Helper()
	var nodes, edges bytes.Buffer
	if err := d.WriteNodes(&nodes); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteEdges(&edges); err != nil {
		t.Fatal(err)
	}
	l, err := graph.Load(graph.Input{Name: "nodes.csv", Reader: &nodes}, graph.Input{Name: "edges.csv", Reader: &edges})
	if err != nil {
		t.Fatalf("the imported dataset does not load: %v", err)
	}
	return l
}

// edgeList is "from -> to relation" per edge, in the dataset's order.
func edgeList(d *Dataset) []string {
	var out []string
	for _, e := range d.Edges() {
		out = append(out, e.From+" -> "+e.To+" "+string(e.Relation))
	}
	return out
}

func modelIDs(d *Dataset) []string {
	var out []string
	for _, m := range d.Models() {
		out = append(out, m.ID)
	}
	return out
}

func model(t *testing.T, d *Dataset, id string) Model {
	t.Helper()
	for _, m := range d.Models() {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("no model %q in %v", id, modelIDs(d))
	return Model{}
}

func edge(t *testing.T, d *Dataset, from, to string) Edge {
	t.Helper()
	for _, e := range d.Edges() {
		if e.From == from && e.To == to {
			return e
		}
	}
	t.Fatalf("no edge %s -> %s in %v", from, to, edgeList(d))
	return Edge{}
}

// problem finds the one reported problem containing all of parts.
func problem(t *testing.T, d *Dataset, parts ...string) Problem {
	t.Helper()
	var found []Problem
	for _, p := range d.Problems {
		s := p.String()
		ok := true
		for _, part := range parts {
			ok = ok && strings.Contains(s, part)
		}
		if ok {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		var all []string
		for _, p := range d.Problems {
			all = append(all, p.String())
		}
		t.Fatalf("want one problem with %q, found %d among:\n%s", parts, len(found), strings.Join(all, "\n"))
	}
	return found[0]
}

// build adds the records and returns the dataset.
func build(rs ...Record) *Dataset {
	b := NewBuilder()
	for _, r := range rs {
		b.Add(r)
	}
	return b.Dataset()
}

// graphAll follows every relation.
func graphAll() graph.QueryOptions {
	return graph.QueryOptions{Relations: graph.AllRelations}
}

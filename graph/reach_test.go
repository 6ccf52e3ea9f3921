package graph_test

import (
	"fmt"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// TestReachLarge: answers large enough for the search to switch from a map to
// an array keep every model at its fewest hops, with the edges from one hop nearer.
func TestReachLarge(t *testing.T) {
	// A root with 3000 children, each with two children of its own, one of which
	// also has the root as a parent (so it is at depth 1, not 2).
	var ms []graph.Model
	var es []graph.Edge
	ms = append(ms, graph.Model{ID: "root", Name: "root"})
	for i := 0; i < 3000; i++ {
		c := fmt.Sprintf("c%d", i)
		ms = append(ms, graph.Model{ID: c, Name: c})
		es = append(es, graph.Edge{From: "root", To: c, Relation: "finetune"})
		for j := 0; j < 2; j++ {
			g := fmt.Sprintf("g%d-%d", i, j)
			ms = append(ms, graph.Model{ID: g, Name: g})
			es = append(es, graph.Edge{From: c, To: g, Relation: "lora"})
			if j == 1 {
				es = append(es, graph.Edge{From: "root", To: g, Relation: "merge"})
			}
		}
	}
	l, err := graph.New(ms, es)
	if err != nil {
		t.Fatal(err)
	}
	hops := l.Descendants("root", graph.QueryOptions{})
	if len(hops) != 9000 {
		t.Fatalf("%d descendants, want 9000", len(hops))
	}
	depth := map[int]int{}
	for _, h := range hops {
		depth[h.Depth]++
		if h.Depth == 1 && (len(h.Edges) != 1 || h.Edges[0].From != "root") {
			t.Fatalf("%s: edges %v", h.Model.ID, h.Edges)
		}
		if h.Depth == 2 && (len(h.Edges) != 1 || h.Edges[0].Relation != "lora") {
			t.Fatalf("%s: edges %v", h.Model.ID, h.Edges)
		}
	}
	if depth[1] != 6000 || depth[2] != 3000 {
		t.Errorf("depths %v, want 6000 at 1 and 3000 at 2", depth)
	}
	if up := l.Ancestors("g7-1", graph.QueryOptions{}); len(up) != 2 || up[0].Depth != 1 || up[1].Depth != 1 {
		t.Errorf("ancestors of g7-1: %v", up)
	}
}

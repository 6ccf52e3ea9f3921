package graph_test

import (
	"sync"
	"testing"

	dg "github.com/dominikbraun/graph"

	"github.com/lineage-dev/lineage/graph"
)

// TestGraphViewIsReadOnly: every mutation through the dominikbraun/graph view is
// refused, and the Lineage answers as before; run with -race, mutations racing
// queries are no data race.
func TestGraphViewIsReadOnly(t *testing.T) {
	l := family(t)
	before := ids(l.Descendants("base", graph.QueryOptions{}))
	g := l.Graph()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				l.Descendants("base", graph.QueryOptions{})
				l.Ancestors("q4", graph.QueryOptions{Relations: graph.AllRelations})
			}
		}()
	}
	mutations := map[string]func() error{
		"AddVertex":    func() error { return g.AddVertex(&graph.Model{ID: "new", Name: "New"}) },
		"AddEdge":      func() error { return g.AddEdge("q4", "base") },
		"AddEdge-new":  func() error { return g.AddEdge("other", "nova1") },
		"UpdateEdge":   func() error { return g.UpdateEdge("base", "sft", dg.EdgeAttribute("relation", "lora")) },
		"RemoveEdge":   func() error { return g.RemoveEdge("base", "sft") },
		"RemoveVertex": func() error { return g.RemoveVertex("other") },
	}
	for i := 0; i < 50; i++ {
		for name, m := range mutations {
			if err := m(); err == nil {
				t.Fatalf("%s through the view succeeded: the Lineage must not change", name)
			}
		}
	}
	wg.Wait()
	if n, _ := g.Order(); n != 10 || l.Len() != 10 {
		t.Errorf("order %d, Len %d, want 10", n, l.Len())
	}
	if n, _ := g.Size(); n != 8 {
		t.Errorf("size %d, want 8", n)
	}
	if after := ids(l.Descendants("base", graph.QueryOptions{})); after != before {
		t.Errorf("descendants changed: %s, was %s", after, before)
	}
	if _, err := g.Vertex("base"); err != nil {
		t.Errorf("reading through the view: %v", err)
	}
}

package graph

import (
	"fmt"
	"slices"

	dg "github.com/dominikbraun/graph"
)

// Lineage is a loaded, validated dataset: models and the relations between them.
// It is read-only and safe for concurrent queries.
type Lineage struct {
	s        *store
	problems Problems
	names    *nameIndex // built on first use by Resolve
	indexed  bool       // opened from an index, not parsed
}

// idHint suggests the id a misspelt edge end probably meant.
func (l *Lineage) idHint(id string) string {
	if m, err := l.Resolve(id); err == nil {
		return fmt.Sprintf(" (did you mean id %q?)", m.ID)
	}
	if sug := l.Suggest(id, 1); len(sug) == 1 {
		return fmt.Sprintf(" (did you mean %q?)", sug[0].ID)
	}
	return ""
}

// lineageCycles finds the strongly connected components of the graph restricted to
// lineage edges (iterative Tarjan, O(V+E)) and returns one cycle, as edge indexes in
// order, for each component that has more than one model, and each model's
// component (0 for a model on no cycle).
func (l *Lineage) lineageCycles() (cycles [][]int32, comp []int32) {
	s := l.s
	n := s.n
	if l.lineageAcyclic() {
		return nil, make([]int32, n)
	}
	// The graph of lineage edges alone, as compressed rows of child ids.
	start := make([]int32, n+1)
	var targets []int32
	for v := int32(0); v < int32(n); v++ {
		for _, ei := range s.outOf(v) {
			if s.lineage(int32(ei)) {
				targets = append(targets, s.ends[ei][1])
			}
		}
		start[v+1] = int32(len(targets))
	}
	comp = make([]int32, n) // component id + 1 for models in non-trivial SCCs
	var comps int32
	for _, members := range StrongComponents(n, start, targets) {
		comps++
		for _, w := range members {
			comp[w] = comps
		}
	}
	done := make([]bool, comps+1)
	for v := int32(0); v < int32(n); v++ {
		c := comp[v]
		if c == 0 || done[c] {
			continue
		}
		done[c] = true
		cycles = append(cycles, l.cycleIn(v, c, comp))
	}
	return cycles, comp
}

// lineageAcyclic reports whether lineage edges form no cycle (Kahn's algorithm:
// every model can be removed once its parents are), the common case, cheaper to
// establish than the components.
func (l *Lineage) lineageAcyclic() bool {
	s := l.s
	indeg := make([]int32, s.n)
	for ei, e := range s.ends {
		if s.lineage(int32(ei)) {
			indeg[e[1]]++
		}
	}
	// Models without children are done as soon as their parents are: count them
	// instead of queueing them (most models of a registry are leaves).
	done := 0
	queue := make([]int32, 0, s.n)
	for v, d := range indeg {
		if d == 0 {
			done++
			if s.outOff[v] != s.outOff[v+1] {
				queue = append(queue, int32(v))
			}
		}
	}
	for k := 0; k < len(queue); k++ {
		for _, ei := range s.outOf(queue[k]) {
			if !s.lineage(int32(ei)) {
				continue
			}
			w := s.ends[ei][1]
			if indeg[w]--; indeg[w] == 0 {
				done++
				if s.outOff[w] != s.outOff[w+1] {
					queue = append(queue, w)
				}
			}
		}
	}
	return done == s.n
}

// cycleIn returns a cycle through start inside its component: a shortest path (BFS)
// over lineage edges inside the component from start back to start.
func (l *Lineage) cycleIn(start, c int32, comp []int32) []int32 {
	s := l.s
	via := map[int32]int32{} // model -> edge it was reached by
	queue := []int32{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, e := range s.outOf(v) {
			ei := int32(e)
			w := s.ends[ei][1]
			if s.relation(ei).Class() != LineageClass || comp[w] != c {
				continue
			}
			if w == start {
				path := []int32{ei}
				for x := v; x != start; x = s.ends[via[x]][0] {
					path = append(path, via[x])
				}
				slices.Reverse(path)
				return path
			}
			if _, seen := via[w]; !seen {
				via[w] = ei
				queue = append(queue, w)
			}
		}
	}
	return nil // unreachable: every model of a non-trivial SCC lies on a cycle
}

// Problems returns the warnings found while loading (errors stop a load).
func (l *Lineage) Problems() Problems { return l.problems }

// Len returns the number of models.
func (l *Lineage) Len() int { return l.s.n }

// Models returns every model in file order. The slice is a copy; the models are shared
// and must not be modified.
func (l *Lineage) Models() []*Model {
	out := make([]*Model, l.s.n)
	for i := range out {
		out[i] = l.s.model(int32(i))
	}
	return out
}

// Edges returns every edge in file order.
func (l *Lineage) Edges() []Edge {
	out := make([]Edge, l.s.edgeCount())
	for i := range out {
		out[i] = l.s.edge(int32(i))
	}
	return out
}

// Model returns the model with exactly this id.
func (l *Lineage) Model(id string) (*Model, bool) {
	i, ok := l.s.lookup(id)
	if !ok {
		return nil, false
	}
	return l.s.model(i), true
}

// Name returns the name of the model with exactly this id, as Model(id).Name
// does, reading only the name: for callers that show many models' names and
// need nothing else of them.
func (l *Lineage) Name(id string) (string, bool) {
	i, ok := l.s.lookup(id)
	if !ok {
		return "", false
	}
	return l.s.name(i), true
}

// Parents returns the edges into the model with this id (from its parents), in file order.
func (l *Lineage) Parents(id string) []Edge { return l.edgesAt(id, l.s.inOf) }

// Children returns the edges out of the model with this id (to its children), in file order.
func (l *Lineage) Children(id string) []Edge { return l.edgesAt(id, l.s.outOf) }

func (l *Lineage) edgesAt(id string, adj func(int32) []uint32) []Edge {
	i, ok := l.s.lookup(id)
	if !ok {
		return nil
	}
	list := adj(i)
	out := make([]Edge, len(list))
	for k, ei := range list {
		out[k] = l.s.edge(int32(ei))
	}
	return out
}

// Graph returns the lineage as a github.com/dominikbraun/graph directed graph that
// reads the same store (no copy): vertices are model ids with *Model values, and
// each edge's Properties.Data holds its Edge. The view is read-only: every method
// that would change the graph (AddVertex, AddEdge, UpdateEdge, RemoveVertex,
// RemoveEdge) returns an error, so the validated Lineage never changes under the
// queries that may be running on it.
//
// The library's AdjacencyMap and PredecessorMap (and DFS/BFS, which call them) build
// maps of maps on every call; for large graphs prefer Lineage's own queries.
func (l *Lineage) Graph() dg.Graph[string, *Model] {
	return dg.NewWithStore(func(m *Model) string { return m.ID }, dg.Store[string, *Model](storeGraph{l.s}), dg.Directed())
}

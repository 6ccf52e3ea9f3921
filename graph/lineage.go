package graph

import (
	"fmt"
	"slices"
	"strings"

	dg "github.com/dominikbraun/graph"
)

// Lineage is a loaded, validated dataset: models and the relations between them.
// It is read-only and safe for concurrent queries.
type Lineage struct {
	s        *store
	problems Problems
	names    *nameIndex // built on first use by Resolve
}

// build checks models and edges for every problem that spans rows (duplicate ids,
// unknown ids, self-loops, duplicate edges, lineage cycles) and assembles the store.
func build(models []*Model, edges []Edge, nodesFile, edgesFile string, ps *Problems, rd *reading) *Lineage {
	s := newStore(len(models), len(edges))
	for _, m := range models {
		if i, dup := s.index[m.ID]; dup {
			*ps = append(*ps, Problem{File: nodesFile, Line: m.Line, Column: m.idCol, Severity: Error,
				Msg: fmt.Sprintf("duplicate id %q (first defined on line %d)", m.ID, s.models[i].Line)})
			continue
		}
		s.addModel(m)
	}
	l := &Lineage{s: s, names: &nameIndex{}}
	hints := 0 // suggestions cost a scan of all names: give them for the first few only
	for _, e := range edges {
		bad := false
		var at [2]int32
		for k, end := range [2]struct{ col, id string }{{"from", e.From}, {"to", e.To}} {
			i, ok := s.index[end.id]
			at[k] = i
			if ok {
				continue
			}
			bad = true
			if rd.incomplete || rd.lostIDs[end.id] {
				continue // its row was lost to an error already reported
			}
			hint := ""
			if hints < 20 {
				hint = l.idHint(end.id)
				hints++
			}
			*ps = append(*ps, Problem{File: edgesFile, Line: e.Line, Column: e.cols[k], Severity: Error,
				Msg: fmt.Sprintf("%s: unknown model id %q%s", end.col, end.id, hint)})
		}
		if bad {
			continue
		}
		if at[0] == at[1] {
			*ps = append(*ps, Problem{File: edgesFile, Line: e.Line, Column: e.cols[0], Severity: Error,
				Msg: fmt.Sprintf("self-loop: %q derives from itself", e.From)})
			continue
		}
		if prev := s.edgeBetween(at[0], at[1]); prev >= 0 {
			*ps = append(*ps, Problem{File: edgesFile, Line: e.Line, Column: e.cols[0], Severity: Error,
				Msg: fmt.Sprintf("duplicate edge %s -> %s (first on line %d); keep one relation per pair and say the rest in its note",
					e.From, e.To, s.edges[prev].Line)})
			continue
		}
		s.addEdgeAt(e, at[0], at[1])
	}
	for _, cyc := range l.lineageCycles() {
		ids := make([]string, 0, len(cyc)+1)
		lines := make([]string, 0, len(cyc))
		for _, ei := range cyc {
			ids = append(ids, s.edges[ei].From)
			lines = append(lines, fmt.Sprint(s.edges[ei].Line))
		}
		ids = append(ids, s.edges[cyc[0]].From)
		*ps = append(*ps, Problem{File: edgesFile, Line: s.edges[cyc[0]].Line, Column: s.edges[cyc[0]].cols[0], Severity: Error,
			Msg: fmt.Sprintf("cycle through lineage edges: %s (edges on lines %s); a model cannot inherit weights from its own descendant",
				strings.Join(ids, " -> "), strings.Join(lines, ", "))})
	}
	return l
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
// order, for each component that has more than one model.
func (l *Lineage) lineageCycles() [][]int32 {
	s := l.s
	n := len(s.models)
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int32
	var next int32
	comp := make([]int32, n) // component id + 1 for models in non-trivial SCCs
	var comps int32
	type frame struct {
		v  int32
		ei int // position in s.out[v]
	}
	for root := int32(0); root < int32(n); root++ {
		if index[root] >= 0 {
			continue
		}
		call := []frame{{v: root}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.ei < len(s.out[v]) {
				ei := s.out[v][f.ei]
				f.ei++
				if s.edges[ei].Relation.Class() != LineageClass {
					continue
				}
				w := s.ends[ei][1]
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{v: w})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				var members []int32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					members = append(members, w)
					if w == v {
						break
					}
				}
				if len(members) > 1 {
					comps++
					for _, w := range members {
						comp[w] = comps
					}
				}
			}
		}
	}
	var cycles [][]int32
	done := make([]bool, comps+1)
	for v := int32(0); v < int32(n); v++ {
		c := comp[v]
		if c == 0 || done[c] {
			continue
		}
		done[c] = true
		cycles = append(cycles, l.cycleIn(v, c, comp))
	}
	return cycles
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
		for _, ei := range s.out[v] {
			w := s.ends[ei][1]
			if s.edges[ei].Relation.Class() != LineageClass || comp[w] != c {
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
func (l *Lineage) Len() int { return len(l.s.models) }

// Models returns every model in file order. The slice is a copy; the models are shared
// and must not be modified.
func (l *Lineage) Models() []*Model { return slices.Clone(l.s.models) }

// Edges returns every edge in file order.
func (l *Lineage) Edges() []Edge { return slices.Clone(l.s.edges) }

// Model returns the model with exactly this id.
func (l *Lineage) Model(id string) (*Model, bool) {
	i, ok := l.s.index[id]
	if !ok {
		return nil, false
	}
	return l.s.models[i], true
}

// Parents returns the edges into the model with this id (from its parents), in file order.
func (l *Lineage) Parents(id string) []Edge { return l.edgesAt(id, l.s.in) }

// Children returns the edges out of the model with this id (to its children), in file order.
func (l *Lineage) Children(id string) []Edge { return l.edgesAt(id, l.s.out) }

func (l *Lineage) edgesAt(id string, adj [][]int32) []Edge {
	i, ok := l.s.index[id]
	if !ok {
		return nil
	}
	out := make([]Edge, len(adj[i]))
	for k, ei := range adj[i] {
		out[k] = l.s.edges[ei]
	}
	return out
}

// Graph returns the lineage as a github.com/dominikbraun/graph directed graph backed
// by the same store (no copy): vertices are model ids with *Model values, and each
// edge's Properties.Data holds its Edge. The graph is read-only; adding works,
// removing and updating return an error.
//
// The library's AdjacencyMap and PredecessorMap (and DFS/BFS, which call them) build
// maps of maps on every call; for large graphs prefer Lineage's own queries.
func (l *Lineage) Graph() dg.Graph[string, *Model] {
	return dg.NewWithStore(func(m *Model) string { return m.ID }, dg.Store[string, *Model](l.s), dg.Directed())
}

package graph

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
	"strings"
)

// RelationFilter selects the relations a query follows. The zero value follows
// lineage relations only, the default of every query.
type RelationFilter struct {
	all       bool
	influence bool              // follow every influence-class relation
	noLineage bool              // do not follow lineage-class relations
	extra     map[Relation]bool // relations named one by one
}

// AllRelations follows every relation.
var AllRelations = RelationFilter{all: true}

// Allows reports whether the filter follows r.
func (f RelationFilter) Allows(r Relation) bool {
	if f.all || f.extra[r] {
		return true
	}
	if r.Class() == InfluenceClass {
		return f.influence
	}
	return !f.noLineage
}

// String gives the filter in the form ParseRelations reads.
func (f RelationFilter) String() string {
	if f.all {
		return "all"
	}
	var parts []string
	if !f.noLineage {
		parts = append(parts, "lineage")
	}
	if f.influence {
		parts = append(parts, "influence")
	}
	var names []string
	for r := range f.extra {
		names = append(names, string(r))
	}
	slices.Sort(names)
	return strings.Join(append(parts, names...), ",")
}

// ParseRelations reads a comma-separated list of relation classes ("lineage",
// "influence"), "all", and relation names, e.g. "lineage,teacher-data". A name is
// accepted when it is in the vocabulary or used by an edge of this dataset.
func (l *Lineage) ParseRelations(s string) (RelationFilter, error) {
	f := RelationFilter{noLineage: true}
	used := map[Relation]bool{}
	for _, e := range l.s.edges {
		used[e.Relation] = true
	}
	named := false
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		named = true
		switch strings.ToLower(part) {
		case "all":
			return AllRelations, nil
		case "lineage":
			f.noLineage = false
			continue
		case "influence":
			f.influence = true
			continue
		}
		r := canonicalRelation(part)
		if !r.Known() && !used[r] {
			var names []string
			for _, k := range KnownRelations() {
				names = append(names, string(k))
			}
			for u := range used {
				if !u.Known() {
					names = append(names, string(u))
				}
			}
			return RelationFilter{}, fmt.Errorf("unknown relation %q: want lineage, influence, all or a relation (%s)", part, strings.Join(names, ", "))
		}
		if f.extra == nil {
			f.extra = map[Relation]bool{}
		}
		f.extra[r] = true
	}
	if !named {
		return RelationFilter{}, fmt.Errorf("empty relation list: want lineage, influence, all or relation names")
	}
	return f, nil
}

// QueryOptions bound an ancestry query.
type QueryOptions struct {
	Depth     int            // hops to follow; 0 means no limit
	Relations RelationFilter // relations to follow
}

// Hop is one model found by an ancestry query.
type Hop struct {
	Model *Model
	Depth int // fewest hops from the queried model
	// Edges link Model to the models one hop nearer the queried model (depth
	// Depth-1): for ancestors its edges to such children, for descendants the
	// edges from such parents. They are the steps of the shortest chains.
	Edges []Edge
}

// Ancestors returns the models the model id derives from, nearest first.
func (l *Lineage) Ancestors(id string, opt QueryOptions) []Hop {
	return l.reach(id, opt, false)
}

// Descendants returns the models derived from the model id, nearest first.
func (l *Lineage) Descendants(id string, opt QueryOptions) []Hop {
	return l.reach(id, opt, true)
}

// reach runs a breadth-first search from id along out edges (down) or in edges (up).
func (l *Lineage) reach(id string, opt QueryOptions, down bool) []Hop {
	s := l.s
	start, ok := s.index[id]
	if !ok {
		return nil
	}
	adj, far := s.in, 0 // going up: follow in edges to their From end
	if down {
		adj, far = s.out, 1
	}
	depth := map[int32]int{start: 0}
	order := []int32{}
	frontier := []int32{start}
	for d := 1; len(frontier) > 0 && (opt.Depth <= 0 || d <= opt.Depth); d++ {
		var next []int32
		for _, v := range frontier {
			for _, ei := range adj[v] {
				if !opt.Relations.Allows(s.edges[ei].Relation) {
					continue
				}
				w := s.ends[ei][far]
				if _, seen := depth[w]; !seen {
					depth[w] = d
					next = append(next, w)
					order = append(order, w)
				}
			}
		}
		frontier = next
	}
	hops := make([]Hop, len(order))
	near := s.out // edges from the hop towards the start
	nearEnd := 1
	if down {
		near, nearEnd = s.in, 0
	}
	for k, v := range order {
		h := Hop{Model: s.models[v], Depth: depth[v]}
		for _, ei := range near[v] {
			if d, in := depth[s.ends[ei][nearEnd]]; in && d == h.Depth-1 && opt.Relations.Allows(s.edges[ei].Relation) {
				h.Edges = append(h.Edges, s.edges[ei])
			}
		}
		hops[k] = h
	}
	slices.SortStableFunc(hops, func(a, b Hop) int {
		if c := cmp.Compare(a.Depth, b.Depth); c != 0 {
			return c
		}
		if c := a.Model.Date.Compare(b.Model.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Model.ID, b.Model.ID)
	})
	return hops
}

// Path returns a shortest chain of edges leading from the model from down to the
// model to, or nil when to does not descend from from through the followed relations.
func (l *Lineage) Path(from, to string, f RelationFilter) []Edge {
	s := l.s
	a, ok1 := s.index[from]
	b, ok2 := s.index[to]
	if !ok1 || !ok2 || a == b {
		return nil
	}
	via := map[int32]int32{a: -1}
	queue := []int32{a}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, ei := range s.out[v] {
			if !f.Allows(s.edges[ei].Relation) {
				continue
			}
			w := s.ends[ei][1]
			if _, seen := via[w]; seen {
				continue
			}
			via[w] = ei
			if w == b {
				var path []Edge
				for x := b; x != a; x = s.ends[via[x]][0] {
					path = append(path, s.edges[via[x]])
				}
				slices.Reverse(path)
				return path
			}
			queue = append(queue, w)
		}
	}
	return nil
}

// Between returns the ids of every model on some path from from down to to (both
// included), sorted, or nil when there is none. It intersects the descendants of
// from with the ancestors of to, O(V+E), instead of listing paths.
func (l *Lineage) Between(from, to string, f RelationFilter) []string {
	opt := QueryOptions{Relations: f}
	down := map[string]bool{}
	for _, h := range l.Descendants(from, opt) {
		down[h.Model.ID] = true
	}
	if !down[to] {
		return nil
	}
	ids := []string{from, to}
	for _, h := range l.Ancestors(to, opt) {
		if down[h.Model.ID] {
			ids = append(ids, h.Model.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// MaxPaths is the most paths AllPaths lists: the count of paths can grow
// exponentially with the graph (2^40 on a ladder of 40 diamonds).
const MaxPaths = 1000

// AllPaths lists the paths from from down to to, shortest first (paths of one
// length in depth-first order of the edges), at most limit of them; limit <= 0 or
// above MaxPaths means MaxPaths. complete is false when the limit cut the list.
//
// It is a best-first search over partial paths keyed by their length plus the
// exact distance left to to, so whole paths come out in order of length and the
// work done is about limit times the path length, not the number of paths.
func (l *Lineage) AllPaths(from, to string, f RelationFilter, limit int) (paths [][]Edge, complete bool) {
	if limit <= 0 || limit > MaxPaths {
		limit = MaxPaths
	}
	on := map[int32]bool{}
	for _, id := range l.Between(from, to, f) {
		on[l.s.index[id]] = true
	}
	if len(on) == 0 {
		return nil, true
	}
	s := l.s
	a, b := s.index[from], s.index[to]
	// dist: steps from each model on a path to b, by a breadth-first walk up from b.
	dist := map[int32]int{b: 0}
	queue := []int32{b}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, ei := range s.in[v] {
			u := s.ends[ei][0]
			if _, seen := dist[u]; seen || !on[u] || !f.Allows(s.edges[ei].Relation) {
				continue
			}
			dist[u] = dist[v] + 1
			queue = append(queue, u)
		}
	}
	h := &pathHeap{}
	seq := 0
	push := func(p *partialPath) {
		heap.Push(h, pathItem{key: p.steps + dist[p.v], seq: seq, p: p})
		seq++
	}
	push(&partialPath{v: a, edge: -1})
	visits := func(p *partialPath, w int32) bool {
		for ; p != nil; p = p.parent {
			if p.v == w {
				return true
			}
		}
		return false
	}
	for h.Len() > 0 {
		p := heap.Pop(h).(pathItem).p
		if p.v == b {
			if len(paths) == limit {
				return paths, false
			}
			path := make([]Edge, p.steps)
			for q := p; q.edge >= 0; q = q.parent {
				path[q.steps-1] = s.edges[q.edge]
			}
			paths = append(paths, path)
			continue
		}
		for _, ei := range s.out[p.v] {
			w := s.ends[ei][1]
			if _, ok := dist[w]; !ok || !f.Allows(s.edges[ei].Relation) || visits(p, w) {
				continue
			}
			push(&partialPath{v: w, edge: ei, parent: p, steps: p.steps + 1})
		}
	}
	return paths, true
}

// partialPath is a path from AllPaths' start to v, as a chain back to the start.
type partialPath struct {
	v      int32
	edge   int32 // the edge that reached v; -1 at the start
	parent *partialPath
	steps  int
}

// pathItem is a partial path in AllPaths' search, ordered by pathHeap.
type pathItem struct {
	key, seq int // length so far plus distance left; order pushed
	p        *partialPath
}

// pathHeap (a container/heap) puts the least key first, then the deepest path,
// so a path is finished before its siblings are begun (depth-first order among
// paths of one length), then the first pushed.
type pathHeap []pathItem

func (h pathHeap) Len() int { return len(h) }
func (h pathHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	if a.key != b.key {
		return a.key < b.key
	}
	if a.p.steps != b.p.steps {
		return a.p.steps > b.p.steps
	}
	return a.seq < b.seq
}
func (h pathHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pathHeap) Push(x any)   { *h = append(*h, x.(pathItem)) }
func (h *pathHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// Common is a nearest shared ancestor of two models with how each descends from it.
type Common struct {
	Model  *Model
	PathA  []Edge // from Model down to the first model (empty when Model is it)
	PathB  []Edge // from Model down to the second model
	Length int    // len(PathA) + len(PathB)
}

// CommonAncestors returns the nearest shared ancestors of a and b: the models both
// descend from (a model counts as its own ancestor) that are not themselves an
// ancestor of another shared ancestor. Sorted by total path length, then id.
func (l *Lineage) CommonAncestors(a, b string, f RelationFilter) []Common {
	s := l.s
	ia, ok1 := s.index[a]
	ib, ok2 := s.index[b]
	if !ok1 || !ok2 {
		return nil
	}
	opt := QueryOptions{Relations: f}
	upA := map[int32]bool{ia: true}
	for _, h := range l.Ancestors(a, opt) {
		upA[s.index[h.Model.ID]] = true
	}
	var shared []int32
	if upA[ib] {
		shared = append(shared, ib)
	}
	for _, h := range l.Ancestors(b, opt) {
		if i := s.index[h.Model.ID]; upA[i] {
			shared = append(shared, i)
		}
	}
	// Drop every shared ancestor that is a proper ancestor of another shared one.
	above := map[int32]bool{}
	queue := []int32{}
	for _, c := range shared {
		for _, ei := range s.in[c] {
			if p := s.ends[ei][0]; f.Allows(s.edges[ei].Relation) && !above[p] {
				above[p] = true
				queue = append(queue, p)
			}
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, ei := range s.in[v] {
			if p := s.ends[ei][0]; f.Allows(s.edges[ei].Relation) && !above[p] {
				above[p] = true
				queue = append(queue, p)
			}
		}
	}
	var out []Common
	for _, c := range shared {
		if above[c] {
			continue
		}
		m := s.models[c]
		pa, pb := l.Path(m.ID, a, f), l.Path(m.ID, b, f)
		out = append(out, Common{Model: m, PathA: pa, PathB: pb, Length: len(pa) + len(pb)})
	}
	slices.SortFunc(out, func(x, y Common) int {
		if c := cmp.Compare(x.Length, y.Length); c != 0 {
			return c
		}
		return strings.Compare(x.Model.ID, y.Model.ID)
	})
	return out
}

// Roots returns the models with no parent through the followed relations, in file order.
func (l *Lineage) Roots(f RelationFilter) []*Model { return l.ends(f, l.s.in) }

// Leaves returns the models with no child through the followed relations, in file order.
func (l *Lineage) Leaves(f RelationFilter) []*Model { return l.ends(f, l.s.out) }

func (l *Lineage) ends(f RelationFilter, adj [][]int32) []*Model {
	var out []*Model
	for i, m := range l.s.models {
		has := false
		for _, ei := range adj[i] {
			if f.Allows(l.s.edges[ei].Relation) {
				has = true
				break
			}
		}
		if !has {
			out = append(out, m)
		}
	}
	return out
}

// Subgraph returns the lineage induced by the models with these ids: those models,
// in the original file order, and every edge between two of them. Unknown ids are
// ignored.
func (l *Lineage) Subgraph(ids []string) *Lineage {
	keep := make([]bool, len(l.s.models))
	for _, id := range ids {
		if i, ok := l.s.index[id]; ok {
			keep[i] = true
		}
	}
	s := newStore(len(ids), 0)
	for i, m := range l.s.models {
		if keep[i] {
			s.addModel(m)
		}
	}
	for ei, e := range l.s.edges {
		if keep[l.s.ends[ei][0]] && keep[l.s.ends[ei][1]] {
			s.addEdge(e)
		}
	}
	return &Lineage{s: s, names: &nameIndex{}}
}

// Only returns the lineage with the same models and just the edges f follows, for
// drawing the answer of a query with the relations it used.
func (l *Lineage) Only(f RelationFilter) *Lineage {
	s := newStore(len(l.s.models), len(l.s.edges))
	for _, m := range l.s.models {
		s.addModel(m)
	}
	for ei, e := range l.s.edges {
		if f.Allows(e.Relation) {
			s.addEdgeAt(e, l.s.ends[ei][0], l.s.ends[ei][1])
		}
	}
	return &Lineage{s: s, names: &nameIndex{}}
}

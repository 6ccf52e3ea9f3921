package graph

import (
	"cmp"
	"container/heap"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	for _, r := range l.s.usedRelations() {
		used[r] = true
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
	return l.reach(id, opt, false, true).hops()
}

// Descendants returns the models derived from the model id, nearest first.
func (l *Lineage) Descendants(id string, opt QueryOptions) []Hop {
	return l.reach(id, opt, true, true).hops()
}

// Reached is the answer of an ancestry query held as model numbers: the hops
// Ancestors or Descendants return, in the same order, with no model decoded
// until it is asked for. All walks it decoding one model at a time and keeping
// none, so that an answer of 200,000 models can be written out in little memory.
type Reached struct {
	s     *store
	order []int32 // the models found, in answer order
	deps  []int32 // 1 + the depth of each, in the same order
	depth *depths // 1 + the depth of every model reached, 0 for the others
	// step: the first edge found from a model one hop nearer, in answer order,
	// and more: the other such edges of the models that have more. The walk
	// finds every edge of a hop; nil step: hops look their edges up.
	step   []int32
	more   map[int32][]int32
	allows func(ei int32) bool
	down   bool
	found  bool // the queried model exists
}

// Reach runs the ancestry query of Descendants (down) or Ancestors (up) and
// returns its answer unread. An unknown id gives an empty answer.
func (l *Lineage) Reach(id string, opt QueryOptions, down bool) *Reached {
	return l.reach(id, opt, down, false)
}

// reach is Reach; with keep, every model found is decoded and kept first.
func (l *Lineage) reach(id string, opt QueryOptions, down, keep bool) *Reached {
	s := l.s
	r := &Reached{s: s, down: down, allows: s.allows(opt.Relations), depth: &depths{m: map[int32]int32{}}}
	start, ok := s.lookup(id)
	if !ok {
		return r
	}
	r.found = true
	adj, far := s.inOf, 0 // going up: follow in edges to their From end
	if down {
		adj, far = s.outOf, 1
	}
	r.depth.set(start, 1, s.n)
	order := []int32{}
	step := []int32{}
	frontier := []int32{start}
	for d := int32(1); len(frontier) > 0 && (opt.Depth <= 0 || int(d) <= opt.Depth); d++ {
		level := len(order) // the next frontier is the models this level adds
		for _, v := range frontier {
			for _, ei := range adj(v) {
				if !r.allows(int32(ei)) {
					continue
				}
				w := s.ends[ei][far]
				switch r.depth.get(w) {
				case 0:
					r.depth.set(w, d+1, s.n)
					order = append(order, w)
					step = append(step, int32(ei))
				case d + 1: // another edge from this hop's level
					if r.more == nil {
						r.more = map[int32][]int32{}
					}
					r.more[w] = append(r.more[w], int32(ei))
				}
			}
		}
		frontier = order[level:]
	}
	r.order, r.step = order, step
	if keep {
		for _, v := range order {
			s.model(v)
		}
	}
	r.sort()
	return r
}

// sort orders the models nearest first, then oldest, then by id (ids are
// unique: a total order). The depth and date are packed into one number per
// model so that most comparisons are one integer comparison.
func (r *Reached) sort() {
	s := r.s
	keyed := make([]hopKey, len(r.order))
	// Without packed dates the keys read every model's row: a large answer's
	// are read side by side.
	parts := min(runtime.GOMAXPROCS(0), 1+len(r.order)/16384, 8)
	bad := make([]bool, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := p * len(r.order) / parts; k < (p+1)*len(r.order)/parts; k++ {
				v := r.order[k]
				if s.dates != nil {
					keyed[k] = hopKey{uint64(r.depth.get(v))<<32 | uint64(s.dates[v]), idPrefix(s.id(v)), v, int32(k)}
					continue
				}
				d := s.date(v)
				if d.Year < 0 || d.Year >= 1<<22 || d.Month < 0 || d.Month > 15 || d.Day < 0 || d.Day > 31 {
					bad[p] = true // a date made in code that does not pack
					return
				}
				keyed[k] = hopKey{uint64(r.depth.get(v))<<32 | uint64(packDate(d)), idPrefix(s.id(v)), v, int32(k)}
			}
		}()
	}
	wg.Wait()
	if slices.Contains(bad, true) {
		r.step, r.more = nil, nil // hops look their edges up
		r.sortDates()
		return
	}
	slices.SortFunc(keyed, func(a, b hopKey) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		if c := cmp.Compare(a.pre, b.pre); c != 0 {
			return c
		}
		return strings.Compare(s.id(a.i), s.id(b.i))
	})
	r.deps = make([]int32, len(keyed))
	step := make([]int32, len(keyed))
	for k, kh := range keyed {
		r.order[k], r.deps[k], step[k] = kh.i, int32(kh.key>>32), r.step[kh.at]
	}
	r.step = step
}

// sortDates sorts as sort does, comparing the dates themselves.
func (r *Reached) sortDates() {
	s := r.s
	slices.SortFunc(r.order, func(a, b int32) int {
		if c := cmp.Compare(r.depth.get(a), r.depth.get(b)); c != 0 {
			return c
		}
		if c := s.date(a).Compare(s.date(b)); c != 0 {
			return c
		}
		return strings.Compare(s.id(a), s.id(b))
	})
	r.deps = make([]int32, len(r.order))
	for k, v := range r.order {
		r.deps[k] = r.depth.get(v)
	}
}

// Len returns the number of models found.
func (r *Reached) Len() int { return len(r.order) }

// All yields the hops in order. A model not decoded before is decoded for its
// hop and not kept: it is the caller's to keep or drop (Lineage.Model returns
// another copy of it).
func (r *Reached) All() iter.Seq[Hop] {
	return func(yield func(Hop) bool) {
		for k, v := range r.order {
			if !yield(r.hop(k, r.s.peek(v), nil)) {
				return
			}
		}
	}
}

// Hop returns the k-th hop (0 <= k < Len()) as All yields it. It is safe to
// call from several goroutines at once.
func (r *Reached) Hop(k int) Hop {
	return r.hop(k, r.s.peek(r.order[k]), nil)
}

// HopInto is Hop with the model decoded into *m and the edges into *edges,
// reusing the arrays of m's slices and of *edges, so that walking a large
// answer allocates little per hop. The hop's Model is m and its Edges a part of
// *edges, both valid until the next call with them. m's lists may be empty
// rather than nil where Hop's are nil; m never shares an array with a model
// the Lineage returns. It is safe to call from several goroutines at once with
// different m and edges.
func (r *Reached) HopInto(k int, m *Model, edges *[]Edge) Hop {
	r.s.peekInto(r.order[k], m)
	*edges = (*edges)[:0]
	return r.hop(k, m, edges)
}

// hops returns the hops with the Lineage's own models, their edges in one array.
func (r *Reached) hops() []Hop {
	if !r.found {
		return nil
	}
	hops := make([]Hop, len(r.order))
	edges := make([]Edge, 0, len(r.order))
	for k, v := range r.order {
		hops[k] = r.hop(k, r.s.model(v), &edges)
	}
	return hops
}

// hop is the k-th hop: its model's edges from the models one hop nearer the
// start, appended to *buf when buf is not nil.
func (r *Reached) hop(k int, m *Model, buf *[]Edge) Hop {
	v, dv := r.order[k], r.deps[k]
	s := r.s
	near, nearEnd := s.outOf, 1 // edges from the hop towards the start
	if r.down {
		near, nearEnd = s.inOf, 0
	}
	h := Hop{Model: m, Depth: int(dv - 1)}
	var local []Edge
	if buf == nil {
		buf = &local
	}
	first := len(*buf)
	if r.step != nil {
		// The walk's edges, in the order near lists them: by number.
		*buf = append(*buf, s.edge(r.step[k]))
		if more := r.more[v]; len(more) > 0 {
			es := slices.Sorted(slices.Values(append([]int32{r.step[k]}, more...)))
			*buf = (*buf)[:first]
			for _, ei := range es {
				*buf = append(*buf, s.edge(ei))
			}
		}
	} else {
		for _, e := range near(v) {
			ei := int32(e)
			if r.depth.get(s.ends[ei][nearEnd]) == dv-1 && r.allows(ei) {
				*buf = append(*buf, s.edge(ei))
			}
		}
	}
	if n := len(*buf); n > first {
		h.Edges = (*buf)[first:n:n] // capped: appending to it copies
	}
	return h
}

// depths maps models to numbers, in a map while few are set and in an array of
// one number per model once many are: the array is cheaper for a large answer,
// the map for the many small ones (a query on a big graph must not clear
// megabytes to find a dozen ancestors).
type depths struct {
	m map[int32]int32
	a []int32
}

func (d *depths) get(v int32) int32 {
	if d.a != nil {
		return d.a[v]
	}
	return d.m[v]
}

func (d *depths) set(v, x int32, n int) {
	if d.a != nil {
		d.a[v] = x
		return
	}
	d.m[v] = x
	if len(d.m) > 4096 && len(d.m) > n/64 {
		d.a = make([]int32, n)
		for k, x := range d.m {
			d.a[k] = x
		}
		d.m = nil
	}
}

// hopKey is a model's sort key: depth and packed date, the first bytes of its
// id, and the model.
type hopKey struct {
	key, pre uint64
	i, at    int32 // the model, and its place in the walk's order
}

// idPrefix is the first eight bytes of id as a big-endian number (zeros past
// its end): ids whose prefixes differ compare as their prefixes do.
func idPrefix(id string) uint64 {
	var p uint64
	for i := 0; i < 8; i++ {
		p <<= 8
		if i < len(id) {
			p |= uint64(id[i])
		}
	}
	return p
}

// Path returns a shortest chain of edges leading from the model from down to the
// model to, or nil when to does not descend from from through the followed relations.
func (l *Lineage) Path(from, to string, f RelationFilter) []Edge {
	s := l.s
	a, ok1 := s.lookup(from)
	b, ok2 := s.lookup(to)
	if !ok1 || !ok2 || a == b {
		return nil
	}
	via := map[int32]int32{a: -1}
	queue := []int32{a}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, e := range s.outOf(v) {
			ei := int32(e)
			if !f.Allows(s.relation(ei)) {
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
					path = append(path, s.edge(via[x]))
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
		i, _ := l.s.lookup(id)
		on[i] = true
	}
	if len(on) == 0 {
		return nil, true
	}
	s := l.s
	a, _ := s.lookup(from)
	b, _ := s.lookup(to)
	// dist: steps from each model on a path to b, by a breadth-first walk up from b.
	dist := map[int32]int{b: 0}
	queue := []int32{b}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, ei := range s.inOf(v) {
			u := s.ends[ei][0]
			if _, seen := dist[u]; seen || !on[u] || !f.Allows(s.relation(int32(ei))) {
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
				path[q.steps-1] = s.edge(q.edge)
			}
			paths = append(paths, path)
			continue
		}
		for _, e := range s.outOf(p.v) {
			ei := int32(e)
			w := s.ends[ei][1]
			if _, ok := dist[w]; !ok || !f.Allows(s.relation(ei)) || visits(p, w) {
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
	ia, ok1 := s.lookup(a)
	ib, ok2 := s.lookup(b)
	if !ok1 || !ok2 {
		return nil
	}
	opt := QueryOptions{Relations: f}
	upA := map[int32]bool{ia: true}
	for _, h := range l.Ancestors(a, opt) {
		i, _ := s.lookup(h.Model.ID)
		upA[i] = true
	}
	var shared []int32
	if upA[ib] {
		shared = append(shared, ib)
	}
	for _, h := range l.Ancestors(b, opt) {
		if i, _ := s.lookup(h.Model.ID); upA[i] {
			shared = append(shared, i)
		}
	}
	// Drop every shared ancestor that is a proper ancestor of another shared one.
	above := map[int32]bool{}
	queue := []int32{}
	for _, c := range shared {
		for _, ei := range s.inOf(c) {
			if p := s.ends[ei][0]; f.Allows(s.relation(int32(ei))) && !above[p] {
				above[p] = true
				queue = append(queue, p)
			}
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, ei := range s.inOf(v) {
			if p := s.ends[ei][0]; f.Allows(s.relation(int32(ei))) && !above[p] {
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
		m := s.model(c)
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
func (l *Lineage) Roots(f RelationFilter) []*Model { return l.ends(f, l.s.inOf) }

// Leaves returns the models with no child through the followed relations, in file order.
func (l *Lineage) Leaves(f RelationFilter) []*Model { return l.ends(f, l.s.outOf) }

func (l *Lineage) ends(f RelationFilter, adj func(int32) []uint32) []*Model {
	var out []*Model
	for i := int32(0); i < int32(l.s.n); i++ {
		has := false
		for _, ei := range adj(i) {
			if f.Allows(l.s.relation(int32(ei))) {
				has = true
				break
			}
		}
		if !has {
			out = append(out, l.s.model(i))
		}
	}
	return out
}

// Subgraph returns the lineage induced by the models with these ids: those models,
// in the original file order, and every edge between two of them. Unknown ids are
// ignored.
func (l *Lineage) Subgraph(ids []string) *Lineage {
	keep := make([]bool, l.s.n)
	for _, id := range ids {
		if i, ok := l.s.lookup(id); ok {
			keep[i] = true
		}
	}
	return l.induced(keep, func(int32) bool { return true })
}

// Only returns the lineage with the same models and just the edges f follows, for
// drawing the answer of a query with the relations it used.
func (l *Lineage) Only(f RelationFilter) *Lineage {
	keep := make([]bool, l.s.n)
	for i := range keep {
		keep[i] = true
	}
	return l.induced(keep, func(ei int32) bool { return f.Allows(l.s.relation(ei)) })
}

// induced returns the lineage of the kept models and the edges between them that
// edge accepts, in file order.
func (l *Lineage) induced(keep []bool, edge func(int32) bool) *Lineage {
	s := l.s
	pos := make([]int32, s.n)
	var models []*Model
	for i, k := range keep {
		pos[i] = -1
		if k {
			pos[i] = int32(len(models))
			models = append(models, s.model(int32(i)))
		}
	}
	var edges []Edge
	var ends [][2]int32
	for ei, e := range s.ends {
		if keep[e[0]] && keep[e[1]] && edge(int32(ei)) {
			edges = append(edges, s.edge(int32(ei)))
			ends = append(ends, [2]int32{pos[e[0]], pos[e[1]]})
		}
	}
	return &Lineage{s: newStoreOf(models, edges, ends), names: &nameIndex{}}
}

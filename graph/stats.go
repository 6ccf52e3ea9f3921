package graph

import (
	"cmp"
	"slices"
	"strconv"
)

// Count is a label with how many models or edges carry it.
type Count struct {
	Label string
	N     int
}

// Family is a root model with the number of models that descend from it.
type Family struct {
	Root        *Model
	Descendants int
}

// Stats summarises a dataset.
type Stats struct {
	Models, Edges  int
	LineageEdges   int
	InfluenceEdges int
	Roots, Leaves  int      // through lineage relations
	LongestChain   []*Model // a longest chain of lineage edges, oldest first
	ByRelation     []Count
	ByOrg          []Count // a model with several orgs counts for each
	ByYear         []Count // "unknown" for models without a date
	ByStage        []Count
	ByAccess       []Count
	ByArch         []Count
	Families       []Family // roots by number of lineage descendants, largest first
}

// Stats computes the summary; families lists at most maxFamilies roots (0: all).
func (l *Lineage) Stats(maxFamilies int) Stats {
	s := l.s
	st := Stats{Models: s.n, Edges: s.edgeCount()}
	rel, org, year, stage, access, arch := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for ei := range s.ends {
		r := s.relation(int32(ei))
		rel[string(r)]++
		if r.Class() == LineageClass {
			st.LineageEdges++
		} else {
			st.InfluenceEdges++
		}
	}
	orUnknown := func(v string) string {
		if v == "" {
			return "unknown"
		}
		return v
	}
	for i := int32(0); i < int32(s.n); i++ {
		m := s.model(i)
		for _, o := range m.Orgs {
			org[o]++
		}
		if len(m.Orgs) == 0 {
			org["unknown"]++
		}
		y := "unknown"
		if !m.Date.IsZero() {
			y = strconv.Itoa(m.Date.Year)
		}
		year[y]++
		stage[orUnknown(m.Stage)]++
		access[orUnknown(m.Access)]++
		arch[orUnknown(m.Arch)]++
	}
	st.ByRelation = counts(rel, false)
	st.ByOrg = counts(org, false)
	st.ByYear = counts(year, true)
	st.ByStage = counts(stage, false)
	st.ByAccess = counts(access, false)
	st.ByArch = counts(arch, false)

	var lin RelationFilter
	roots := l.Roots(lin)
	st.Roots = len(roots)
	st.Leaves = len(l.Leaves(lin))
	for _, r := range roots {
		if i, _ := s.lookup(r.ID); len(s.outOf(i)) == 0 {
			continue // a model on its own is no family
		}
		n := len(l.Descendants(r.ID, QueryOptions{}))
		if n > 0 {
			st.Families = append(st.Families, Family{Root: r, Descendants: n})
		}
	}
	slices.SortStableFunc(st.Families, func(a, b Family) int { return cmp.Compare(b.Descendants, a.Descendants) })
	if maxFamilies > 0 && len(st.Families) > maxFamilies {
		st.Families = st.Families[:maxFamilies]
	}
	st.LongestChain = l.longestChain()
	return st
}

// counts sorts a tally by count (largest first) then label, or by label when byLabel.
func counts(m map[string]int, byLabel bool) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if !byLabel {
			if c := cmp.Compare(b.N, a.N); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Label, b.Label)
	})
	return out
}

// longestChain finds a longest path through lineage edges by dynamic programming in
// topological order (Kahn's algorithm, O(V+E); lineage edges form no cycle).
func (l *Lineage) longestChain() []*Model {
	s := l.s
	n := s.n
	indeg := make([]int32, n)
	for ei := range s.ends {
		if s.relation(int32(ei)).Class() == LineageClass {
			indeg[s.ends[ei][1]]++
		}
	}
	length := make([]int32, n)
	prev := make([]int32, n)
	queue := make([]int32, 0, n)
	for i := range n {
		prev[i] = -1
		if indeg[i] == 0 {
			queue = append(queue, int32(i))
		}
	}
	best := int32(-1)
	for k := 0; k < len(queue); k++ {
		v := queue[k]
		if best < 0 || length[v] > length[best] {
			best = v
		}
		for _, ei := range s.outOf(v) {
			if s.relation(int32(ei)).Class() != LineageClass {
				continue
			}
			w := s.ends[ei][1]
			if length[v]+1 > length[w] {
				length[w], prev[w] = length[v]+1, v
			}
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	var chain []*Model
	for v := best; v >= 0; v = prev[v] {
		chain = append(chain, s.model(v))
	}
	slices.Reverse(chain)
	return chain
}

package graph

import (
	"errors"

	dg "github.com/dominikbraun/graph"
)

// errReadOnly is returned by the store's mutating methods other than adding.
var errReadOnly = errors.New("lineage graph is read-only: build a new one with New or Load")

// store is the one copy of a lineage graph. It keeps models and edges in slices with
// per-model lists of edge indexes, so that traversals run on integers, and it
// implements dominikbraun/graph's Store so the same data serves that library's API.
//
// Unlike the library's memory store it builds no maps of maps, and it is never
// rebuilt: Lineage queries read out and in directly.
type store struct {
	models []*Model
	index  map[string]int32 // id -> position in models
	edges  []Edge
	ends   [][2]int32 // edge -> positions of its From and To models
	out    [][]int32  // model -> indexes of edges leaving it (to its children)
	in     [][]int32  // model -> indexes of edges entering it (from its parents)
	// props holds vertex properties given through dominikbraun/graph's AddVertex;
	// models loaded from CSV have none, so most graphs never allocate it.
	props map[int32]dg.VertexProperties
}

func newStore(models, edges int) *store {
	return &store{
		index:  make(map[string]int32, models),
		models: make([]*Model, 0, models),
		out:    make([][]int32, 0, models),
		in:     make([][]int32, 0, models),
		edges:  make([]Edge, 0, edges),
		ends:   make([][2]int32, 0, edges),
	}
}

func (s *store) addModel(m *Model) {
	s.index[m.ID] = int32(len(s.models))
	s.models = append(s.models, m)
	s.out = append(s.out, nil)
	s.in = append(s.in, nil)
}

func (s *store) addEdge(e Edge) {
	s.addEdgeAt(e, s.index[e.From], s.index[e.To])
}

// addEdgeAt adds e, whose ends are at positions from and to.
func (s *store) addEdgeAt(e Edge, from, to int32) {
	i := int32(len(s.edges))
	s.edges = append(s.edges, e)
	s.ends = append(s.ends, [2]int32{from, to})
	s.out[from] = append(s.out[from], i)
	s.in[to] = append(s.in[to], i)
}

// edgeBetween returns the index of the edge from a to b, or -1. It scans the shorter
// of a's out-list and b's in-list: popular bases have thousands of children, but
// their children have few parents.
func (s *store) edgeBetween(a, b int32) int32 {
	if len(s.in[b]) < len(s.out[a]) {
		for _, ei := range s.in[b] {
			if s.ends[ei][0] == a {
				return ei
			}
		}
		return -1
	}
	for _, ei := range s.out[a] {
		if s.ends[ei][1] == b {
			return ei
		}
	}
	return -1
}

// AddVertex implements dominikbraun/graph's Store.
func (s *store) AddVertex(hash string, value *Model, p dg.VertexProperties) error {
	if _, ok := s.index[hash]; ok {
		return dg.ErrVertexAlreadyExists
	}
	if value == nil || value.ID != hash {
		value = &Model{ID: hash, Name: hash}
	}
	s.addModel(value)
	if p.Attributes != nil || p.Weight != 0 {
		if s.props == nil {
			s.props = map[int32]dg.VertexProperties{}
		}
		s.props[int32(len(s.models)-1)] = p
	}
	return nil
}

// Vertex implements dominikbraun/graph's Store.
func (s *store) Vertex(hash string) (*Model, dg.VertexProperties, error) {
	i, ok := s.index[hash]
	if !ok {
		return nil, dg.VertexProperties{}, dg.ErrVertexNotFound
	}
	return s.models[i], s.props[i], nil
}

// RemoveVertex implements dominikbraun/graph's Store; the lineage graph is read-only.
func (s *store) RemoveVertex(string) error { return errReadOnly }

// ListVertices implements dominikbraun/graph's Store.
func (s *store) ListVertices() ([]string, error) {
	ids := make([]string, len(s.models))
	for i, m := range s.models {
		ids[i] = m.ID
	}
	return ids, nil
}

// VertexCount implements dominikbraun/graph's Store.
func (s *store) VertexCount() (int, error) { return len(s.models), nil }

// AddEdge implements dominikbraun/graph's Store. The edge's Properties.Data may
// carry an Edge; otherwise the relation is read from the "relation" attribute.
func (s *store) AddEdge(from, to string, e dg.Edge[string]) error {
	a, ok := s.index[from]
	if !ok {
		return dg.ErrVertexNotFound
	}
	b, ok := s.index[to]
	if !ok {
		return dg.ErrVertexNotFound
	}
	if s.edgeBetween(a, b) >= 0 {
		return dg.ErrEdgeAlreadyExists
	}
	edge, ok := e.Properties.Data.(Edge)
	if !ok {
		edge = Edge{Relation: canonicalRelation(e.Properties.Attributes["relation"]),
			Note: e.Properties.Attributes["note"], Source: e.Properties.Attributes["source"]}
	}
	edge.From, edge.To = from, to
	s.addEdge(edge)
	return nil
}

// UpdateEdge implements dominikbraun/graph's Store; the lineage graph is read-only.
func (s *store) UpdateEdge(string, string, dg.Edge[string]) error { return errReadOnly }

// RemoveEdge implements dominikbraun/graph's Store; the lineage graph is read-only.
func (s *store) RemoveEdge(string, string) error { return errReadOnly }

// Edge implements dominikbraun/graph's Store.
func (s *store) Edge(from, to string) (dg.Edge[string], error) {
	a, ok1 := s.index[from]
	b, ok2 := s.index[to]
	if !ok1 || !ok2 {
		return dg.Edge[string]{}, dg.ErrEdgeNotFound
	}
	ei := s.edgeBetween(a, b)
	if ei < 0 {
		return dg.Edge[string]{}, dg.ErrEdgeNotFound
	}
	return s.libEdge(ei), nil
}

func (s *store) libEdge(ei int32) dg.Edge[string] {
	e := s.edges[ei]
	return dg.Edge[string]{Source: e.From, Target: e.To, Properties: dg.EdgeProperties{
		Attributes: map[string]string{"relation": string(e.Relation), "class": e.Relation.Class().String()},
		Data:       e,
	}}
}

// ListEdges implements dominikbraun/graph's Store.
func (s *store) ListEdges() ([]dg.Edge[string], error) {
	out := make([]dg.Edge[string], len(s.edges))
	for i := range s.edges {
		out[i] = s.libEdge(int32(i))
	}
	return out, nil
}

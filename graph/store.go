package graph

import (
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	dg "github.com/dominikbraun/graph"
)

// errReadOnly is returned by every mutating method of the dominikbraun/graph view.
var errReadOnly = errors.New("lineage graph is read-only: build a new one with New or Load")

// store is the one copy of a lineage graph, laid out for a million models: no
// value per model is allocated until a query returns that model.
//
// Models are numbered in file order. A model loaded from CSV is its row of
// nodes.csv, kept as an offset into the file's bytes and decoded on first use;
// its id is a span of those bytes. Edges are numbered in file order too; their
// ends are model numbers, their relations small numbers into a table, and the
// per-model edge lists are CSR arrays (offsets into one array of edge numbers).
// The same arrays are written to and read from the index (index.go).
type store struct {
	n int // models

	// Models loaded from CSV.
	nodes  []byte    // nodes.csv bytes; nil when every model was made in code
	cols   *nodeCols // where each known column is in a row
	rowOff []uint32  // model -> offset of its row in nodes
	line   []uint32  // model -> line its row starts on
	idOff  []uint32  // model -> offset of its id in nodes, or in idExtra when idBit is set
	idLen  []uint32
	// idExtra holds the ids that are not a plain span of nodes (quoted with "").
	idExtra []byte
	// dates: model -> its date packed (packDate), for sorting answers without
	// reading rows; nil when every model was made in code.
	dates []uint32
	// pre holds models made in code (New, Subgraph); the cache holds them too.
	pre bool

	cache []atomic.Pointer[Model] // model -> its decoded Model, once decoded

	// tab is an open-addressing hash table of ids: hash<<32 | model+1, 0 when empty.
	tab []uint64

	// Edges.
	ends [][2]int32 // edge -> its From and To models
	rel  []uint16   // edge -> index into rels
	rels []Relation
	// relLineage: rels index -> the relation is of the lineage class.
	relLineage []bool
	eline      []uint32 // edge -> line of edges.csv
	// eaux: edge -> offset+1 of its note and source in aux (0: both empty).
	eaux []uint32
	aux  []byte
	epre []Edge // edges made in code, when not nil

	outOff, inOff []uint32 // model -> first entry in outE / inE; n+1 entries
	outE, inE     []uint32 // edge numbers, per model in file order
}

const idBit = 1 << 31

// nodeCols says where each column of nodes.csv is in a row.
type nodeCols struct {
	header []string                    // lower-cased names
	known  [len(nodeColumnNames)]int16 // field index of each known column, -1 when absent
	extra  []int                       // field indexes of unknown columns
}

// Known columns of nodes.csv, in the order of nodeCols.known.
const (
	colID = iota
	colName
	colAliases
	colOrg
	colDate
	colParams
	colArch
	colStage
	colAccess
	colDescription
	colURL
	colSource
)

var nodeColumnNames = [...]string{"id", "name", "aliases", "org", "date", "params", "arch", "stage", "access", "description", "url", "source"}

// hashID hashes an id eight bytes at a time; it is the same in every process
// and on every platform, so the index can store the table.
func hashID(id string) uint32 {
	b := unsafe.Slice(unsafe.StringData(id), len(id))
	h := uint64(len(b)) * 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xff51afd7ed558ccd
		h ^= h >> 32
		b = b[8:]
	}
	var w uint64
	for i, c := range b {
		w |= uint64(c) << (8 * i)
	}
	h = (h ^ w) * 0xc4ceb9fe1a85ec53
	h ^= h >> 29
	return uint32(h)
}

// tableSize is the hash table size for n ids: a power of two at least 2n.
func tableSize(n int) int {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return size
}

// id returns the id of model i.
func (s *store) id(i int32) string {
	if s.pre {
		return s.cache[i].Load().ID
	}
	off, n := s.idOff[i], s.idLen[i]
	if n == 0 {
		return ""
	}
	if off&idBit != 0 {
		off &^= idBit
		return unsafe.String(&s.idExtra[off], int(n))
	}
	return unsafe.String(&s.nodes[off], int(n))
}

// lookup returns the model with this id.
func (s *store) lookup(id string) (int32, bool) {
	if len(s.tab) == 0 {
		return -1, false
	}
	mask := uint32(len(s.tab) - 1)
	hash := hashID(id)
	for h := hash & mask; ; h = (h + 1) & mask {
		v := s.tab[h]
		if v == 0 {
			return -1, false
		}
		if uint32(v>>32) == hash && s.id(int32(uint32(v)-1)) == id {
			return int32(uint32(v) - 1), true
		}
	}
}

// insert adds model i to the hash table unless its id is there; it returns the
// model already holding the id.
func (s *store) insert(i int32) (int32, bool) {
	id := s.id(i)
	mask := uint32(len(s.tab) - 1)
	hash := hashID(id)
	for h := hash & mask; ; h = (h + 1) & mask {
		v := s.tab[h]
		if v == 0 {
			s.tab[h] = uint64(hash)<<32 | uint64(i+1)
			return i, true
		}
		if uint32(v>>32) == hash && s.id(int32(uint32(v)-1)) == id {
			return int32(uint32(v) - 1), false
		}
	}
}

// model returns model i, decoding its row on first use.
func (s *store) model(i int32) *Model {
	if m := s.cache[i].Load(); m != nil {
		return m
	}
	m := s.decode(i)
	if s.cache[i].CompareAndSwap(nil, m) {
		return m
	}
	return s.cache[i].Load()
}

// peek returns model i, decoded afresh when it is not decoded yet: it is not
// kept, so that walking a large answer does not fill the cache.
func (s *store) peek(i int32) *Model {
	if m := s.cache[i].Load(); m != nil {
		return m
	}
	return s.decode(i)
}

// decode reads model i from its row. The row was checked when it was loaded.
func (s *store) decode(i int32) *Model {
	m := &Model{}
	s.decodeInto(i, m)
	return m
}

// decodeInto reads model i from its row into *m, reusing the arrays of m's
// slices (see fillModel).
func (s *store) decodeInto(i int32, m *Model) {
	*m = Model{ID: s.id(i), Line: int(s.line[i]), Aliases: m.Aliases[:0], Orgs: m.Orgs[:0], Params: m.Params[:0], Attrs: m.Attrs[:0]}
	if !s.row(i, func(fields []csvField) { fillModel(m, s.cols, fields) }) {
		m.Name = m.ID // unreachable for a row that loaded
	}
}

// peekInto is peek into *m, reusing the arrays of its slices: a decoded model
// is copied, its slices too, so that m never shares an array with it.
func (s *store) peekInto(i int32, m *Model) {
	c := s.cache[i].Load()
	if c == nil {
		s.decodeInto(i, m)
		return
	}
	a, o, p, at := m.Aliases[:0], m.Orgs[:0], m.Params[:0], m.Attrs[:0]
	*m = *c
	m.Aliases, m.Orgs, m.Params = append(a, c.Aliases...), append(o, c.Orgs...), append(p, c.Params...)
	m.Attrs = append(at, c.Attrs...)
}

// row calls f with the fields of model i's row, which are views valid during
// the call; it reports false when the row does not scan (unreachable for a row
// that loaded).
func (s *store) row(i int32, f func(fields []csvField)) bool {
	sc := scanners.Get().(*scanner)
	defer scanners.Put(sc)
	*sc = scanner{src: s.nodes[s.rowOff[i]:], line: int(s.line[i]), atEOF: true, fields: sc.fields[:0]}
	ok, _ := sc.next()
	if ok {
		f(sc.fields)
	}
	sc.src = nil
	return ok
}

// date returns the date of model i, reading only what it needs.
func (s *store) date(i int32) Date {
	if s.dates != nil {
		return unpackDate(s.dates[i])
	}
	if m := s.cache[i].Load(); m != nil {
		return m.Date
	}
	var d Date
	s.row(i, func(fields []csvField) { d, _ = ParseDate(field(s.cols, fields, colDate)) })
	return d
}

// name returns the name of model i, reading only what it needs.
func (s *store) name(i int32) string {
	if m := s.cache[i].Load(); m != nil {
		return m.Name
	}
	name := s.id(i)
	s.row(i, func(fields []csvField) { name = field(s.cols, fields, colName) })
	return name
}

// field returns known column k of a row, trimmed: a view into the row.
func field(c *nodeCols, fields []csvField, k int) string {
	i := c.known[k]
	if i < 0 || int(i) >= len(fields) {
		return ""
	}
	return strings.TrimSpace(bytesString(fields[i].val))
}

// scanners are reused by decode: a row's fields need no allocation of their own.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// fillModel sets the fields of m other than ID and Line from a row's fields.
// Its lists are appended to m's own slices cut to length 0 (nil for a new
// Model), so that a Model decoded into again reuses their arrays.
func fillModel(m *Model, c *nodeCols, fields []csvField) {
	get := func(k int) string { return field(c, fields, k) }
	m.Name = get(colName)
	m.Aliases = appendList(m.Aliases[:0], get(colAliases))
	m.Orgs = appendList(m.Orgs[:0], get(colOrg))
	m.Params = appendList(m.Params[:0], get(colParams))
	m.Arch = get(colArch)
	m.Stage = get(colStage)
	m.Description = get(colDescription)
	m.Source = get(colSource)
	m.URL = get(colURL)
	m.Access = strings.ToLower(get(colAccess))
	m.Date, _ = ParseDate(get(colDate))
	m.Attrs = m.Attrs[:0]
	if len(c.extra) > 0 {
		if m.Attrs == nil {
			m.Attrs = make([]Attr, 0, len(c.extra))
		}
		for _, i := range c.extra {
			v := ""
			if i < len(fields) {
				v = strings.TrimSpace(bytesString(fields[i].val))
			}
			m.Attrs = append(m.Attrs, Attr{Key: c.header[i], Value: v})
		}
	}
}

// bytesString views b as a string. The loader's bytes are never modified.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// edgeCount returns the number of edges.
func (s *store) edgeCount() int { return len(s.ends) }

// relation returns the relation of edge ei.
func (s *store) relation(ei int32) Relation {
	if s.epre != nil {
		return s.epre[ei].Relation
	}
	return s.rels[s.rel[ei]]
}

// lineage reports whether edge ei's relation is of the lineage class.
func (s *store) lineage(ei int32) bool {
	if s.epre != nil {
		return s.epre[ei].Relation.Class() == LineageClass
	}
	r := s.rel[ei]
	if s.relLineage == nil {
		return s.rels[r].Class() == LineageClass
	}
	return s.relLineage[r]
}

// allows returns f.Allows for edge numbers, with one answer per relation worked
// out in advance.
func (s *store) allows(f RelationFilter) func(ei int32) bool {
	if s.epre != nil {
		return func(ei int32) bool { return f.Allows(s.epre[ei].Relation) }
	}
	ok := make([]bool, len(s.rels))
	for i, r := range s.rels {
		ok[i] = f.Allows(r)
	}
	return func(ei int32) bool { return ok[s.rel[ei]] }
}

// edge returns edge ei.
func (s *store) edge(ei int32) Edge {
	if s.epre != nil {
		return s.epre[ei]
	}
	e := Edge{From: s.id(s.ends[ei][0]), To: s.id(s.ends[ei][1]), Relation: s.rels[s.rel[ei]], Line: int(s.eline[ei])}
	if s.eaux != nil && s.eaux[ei] != 0 {
		e.Note, e.Source = auxStrings(s.aux, s.eaux[ei]-1)
	}
	return e
}

// auxStrings reads the note and source stored at off: two uvarint-prefixed strings.
func auxStrings(aux []byte, off uint32) (note, source string) {
	b := aux[off:]
	n, k := uvarint(b)
	note = bytesString(b[k : k+int(n)])
	b = b[k+int(n):]
	n, k = uvarint(b)
	source = bytesString(b[k : k+int(n)])
	return note, source
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, c := range b {
		if c < 0x80 {
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, len(b)
}

func appendUvarint(b []byte, x uint64) []byte {
	for x >= 0x80 {
		b = append(b, byte(x)|0x80)
		x >>= 7
	}
	return append(b, byte(x))
}

// outOf returns the edges leaving model v (to its children), in file order.
func (s *store) outOf(v int32) []uint32 { return s.outE[s.outOff[v]:s.outOff[v+1]] }

// inOf returns the edges entering model v (from its parents), in file order.
func (s *store) inOf(v int32) []uint32 { return s.inE[s.inOff[v]:s.inOff[v+1]] }

// edgeBetween returns the edge from a to b, or -1. It scans the shorter of a's
// out-list and b's in-list: popular bases have thousands of children, but their
// children have few parents.
func (s *store) edgeBetween(a, b int32) int32 {
	if in, out := s.inOf(b), s.outOf(a); len(in) < len(out) {
		for _, ei := range in {
			if s.ends[ei][0] == a {
				return int32(ei)
			}
		}
		return -1
	}
	for _, ei := range s.outOf(a) {
		if s.ends[ei][1] == b {
			return int32(ei)
		}
	}
	return -1
}

// buildCSR fills the per-model edge lists from ends.
func (s *store) buildCSR() {
	s.outOff, s.outE = csr(s.n, s.ends, 0)
	s.inOff, s.inE = csr(s.n, s.ends, 1)
}

func csr(n int, ends [][2]int32, side int) (off, list []uint32) {
	off = make([]uint32, n+1)
	for _, e := range ends {
		off[e[side]+1]++
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	list = make([]uint32, len(ends))
	fill := make([]uint32, n)
	copy(fill, off[:n])
	for ei, e := range ends {
		v := e[side]
		list[fill[v]] = uint32(ei)
		fill[v]++
	}
	return off, list
}

// newStoreOf makes a store of models and edges made in code. Every edge's ends
// must be among the models; ends gives their positions.
func newStoreOf(models []*Model, edges []Edge, ends [][2]int32) *store {
	s := &store{n: len(models), pre: true, cache: make([]atomic.Pointer[Model], len(models)),
		tab: make([]uint64, tableSize(len(models))), ends: ends, epre: edges}
	if s.epre == nil {
		s.epre = []Edge{}
	}
	for i, m := range models {
		s.cache[i].Store(m)
		s.insert(int32(i))
	}
	s.buildCSR()
	return s
}

// storeGraph is the dominikbraun/graph Store over a store: it reads the lineage
// and refuses every change, so the validated Lineage never changes under the
// queries running on it.
type storeGraph struct{ s *store }

// AddVertex implements dominikbraun/graph's Store; the lineage graph is read-only.
func (g storeGraph) AddVertex(string, *Model, dg.VertexProperties) error { return errReadOnly }

// Vertex implements dominikbraun/graph's Store.
func (g storeGraph) Vertex(hash string) (*Model, dg.VertexProperties, error) {
	i, ok := g.s.lookup(hash)
	if !ok {
		return nil, dg.VertexProperties{}, dg.ErrVertexNotFound
	}
	return g.s.model(i), dg.VertexProperties{}, nil
}

// RemoveVertex implements dominikbraun/graph's Store; the lineage graph is read-only.
func (g storeGraph) RemoveVertex(string) error { return errReadOnly }

// ListVertices implements dominikbraun/graph's Store.
func (g storeGraph) ListVertices() ([]string, error) {
	ids := make([]string, g.s.n)
	for i := range ids {
		ids[i] = g.s.id(int32(i))
	}
	return ids, nil
}

// VertexCount implements dominikbraun/graph's Store.
func (g storeGraph) VertexCount() (int, error) { return g.s.n, nil }

// AddEdge implements dominikbraun/graph's Store; the lineage graph is read-only.
func (g storeGraph) AddEdge(string, string, dg.Edge[string]) error { return errReadOnly }

// UpdateEdge implements dominikbraun/graph's Store; the lineage graph is read-only.
func (g storeGraph) UpdateEdge(string, string, dg.Edge[string]) error { return errReadOnly }

// RemoveEdge implements dominikbraun/graph's Store; the lineage graph is read-only.
func (g storeGraph) RemoveEdge(string, string) error { return errReadOnly }

// Edge implements dominikbraun/graph's Store.
func (g storeGraph) Edge(from, to string) (dg.Edge[string], error) {
	a, ok1 := g.s.lookup(from)
	b, ok2 := g.s.lookup(to)
	if !ok1 || !ok2 {
		return dg.Edge[string]{}, dg.ErrEdgeNotFound
	}
	ei := g.s.edgeBetween(a, b)
	if ei < 0 {
		return dg.Edge[string]{}, dg.ErrEdgeNotFound
	}
	return g.libEdge(ei), nil
}

func (g storeGraph) libEdge(ei int32) dg.Edge[string] {
	e := g.s.edge(ei)
	return dg.Edge[string]{Source: e.From, Target: e.To, Properties: dg.EdgeProperties{
		Attributes: map[string]string{"relation": string(e.Relation), "class": e.Relation.Class().String()},
		Data:       e,
	}}
}

// ListEdges implements dominikbraun/graph's Store.
func (g storeGraph) ListEdges() ([]dg.Edge[string], error) {
	out := make([]dg.Edge[string], g.s.edgeCount())
	for i := range out {
		out[i] = g.libEdge(int32(i))
	}
	return out, nil
}

// usedRelations returns the relations the edges use.
func (s *store) usedRelations() []Relation {
	if s.epre == nil {
		return s.rels
	}
	seen := map[Relation]bool{}
	var out []Relation
	for _, e := range s.epre {
		if !seen[e.Relation] {
			seen[e.Relation] = true
			out = append(out, e.Relation)
		}
	}
	return out
}

package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/lineage-dev/lineage/graph"
)

// cyGraph is the document Cytoscape writes: Cytoscape.js elements JSON, with the
// "data", "directed" and "multigraph" members networkx's cytoscape_graph needs.
type cyGraph struct {
	Data       struct{} `json:"data"`
	Directed   bool     `json:"directed"`
	Multigraph bool     `json:"multigraph"`
	Elements   struct {
		Nodes []cyElement[cyNode] `json:"nodes"`
		Edges []cyElement[cyEdge] `json:"edges"`
	} `json:"elements"`
}

// cyElement is one Cytoscape.js element: its fields live under "data".
type cyElement[T any] struct {
	Data T `json:"data"`
}

// cyNode is a model as the JSON chart writes it, plus "value", the node key
// networkx uses.
type cyNode struct {
	jsonNode
	Value string `json:"value"`
}

// cyEdge is a relation as the JSON chart writes it, with Cytoscape's "id",
// "source" and "target". Cytoscape's "source" is the parent's id, so the edge's
// own source (where the relation is stated) is written as "citation".
type cyEdge struct {
	ID         string `json:"id"`
	SourceNode string `json:"source"`
	Target     string `json:"target"`
	Citation   string `json:"citation,omitempty"`
	EdgeRecord        // its "source" is shadowed by SourceNode; Citation carries it
}

// Cytoscape writes l as Cytoscape.js JSON, which Cytoscape.js
// (cy.add(doc.elements)), Cytoscape desktop and networkx (cytoscape_graph) read:
//
//	{"data": {}, "directed": true, "multigraph": false,
//	 "elements": {"nodes": [{"data": {"id": ..., "value": ..., "name": ..., ...}}],
//	              "edges": [{"data": {"id": "e0", "source": ..., "target": ..., "relation": ..., ...}}]}}
//
// A node's data is the model as JSON writes it (ModelRecord, free columns under
// "attrs", year, focus for Options.Focus models, license_family when
// Options.LicenseFamily is set) plus value, its id again. An
// edge's data is its EdgeRecord (from, to, relation, class, note) with id (e0, e1,
// ..., never a node id, see edgeIDPrefix), source and target (the parent and child
// ids) and citation (the record's source, renamed because Cytoscape's source is
// the parent). Order and escaping are JSON's: models by id, edges by parent then
// child, and <, > and & as \u escapes. Other options are checked (Options.Check)
// and otherwise ignored.
func Cytoscape(w io.Writer, l *graph.Lineage, opt Options) error {
	if err := opt.Check(); err != nil {
		return fmt.Errorf("cytoscape json: %w", err)
	}
	focus := opt.focused()
	var doc cyGraph
	doc.Directed = true
	doc.Elements.Nodes = []cyElement[cyNode]{}
	doc.Elements.Edges = []cyElement[cyEdge]{}
	for _, m := range sortedModels(l) {
		n := jsonNode{ModelRecord: NewModelRecord(m), Year: m.Date.Year, Focus: focus[m.ID]}
		if opt.LicenseFamily != nil {
			n.LicenseFamily = opt.licenseFamily(m)
		}
		doc.Elements.Nodes = append(doc.Elements.Nodes, cyElement[cyNode]{cyNode{n, m.ID}})
	}
	prefix := edgeIDPrefix(l)
	for i, e := range NewEdgeRecords(sortedEdges(l)) {
		doc.Elements.Edges = append(doc.Elements.Edges, cyElement[cyEdge]{cyEdge{
			ID: fmt.Sprintf("%s%d", prefix, i), SourceNode: e.From, Target: e.To, Citation: e.Source, EdgeRecord: e}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("cytoscape json: %w", err)
	}
	return nil
}

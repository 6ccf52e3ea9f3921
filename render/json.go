package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/lineage-dev/lineage/graph"
)

// jsonGraph is the document JSON writes: the shape d3, Cytoscape and jq expect.
type jsonGraph struct {
	Nodes []jsonNode `json:"nodes"`
	Edges []jsonEdge `json:"edges"`
}

// jsonNode is a model with every attribute the dataset gives it.
type jsonNode struct {
	ModelRecord
	Year  int  `json:"year,omitempty"`
	Focus bool `json:"focus,omitempty"`
	// LicenseFamily is Options.LicenseFamily's answer, when the caller gave one.
	LicenseFamily string `json:"license_family,omitempty"`
}

// jsonEdge is a relation with its class.
type jsonEdge = EdgeRecord

// ModelRecord is a model as every JSON output of lineage writes it: this package's
// JSON chart, the CLI's -f json and the serve API.
type ModelRecord struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Aliases     []string          `json:"aliases,omitempty"`
	Org         []string          `json:"org,omitempty"`
	Date        string            `json:"date,omitempty"`
	Params      []string          `json:"params,omitempty"`
	Arch        string            `json:"arch,omitempty"`
	Stage       string            `json:"stage,omitempty"`
	Access      string            `json:"access,omitempty"`
	Description string            `json:"description,omitempty"`
	URL         string            `json:"url,omitempty"`
	Source      string            `json:"source,omitempty"`
	Attrs       map[string]string `json:"attrs,omitempty"` // free columns with a value
}

// NewModelRecord copies m's facts into a ModelRecord.
func NewModelRecord(m *graph.Model) ModelRecord {
	r := ModelRecord{ID: m.ID, Name: m.Name, Aliases: m.Aliases, Org: m.Orgs, Date: m.Date.String(),
		Params: m.Params, Arch: m.Arch, Stage: m.Stage, Access: m.Access, Description: m.Description,
		URL: m.URL, Source: m.Source}
	for _, a := range m.Attrs {
		if a.Value == "" {
			continue
		}
		if r.Attrs == nil {
			r.Attrs = map[string]string{}
		}
		r.Attrs[a.Key] = a.Value
	}
	return r
}

// EdgeRecord is a relation as every JSON output of lineage writes it.
type EdgeRecord struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Relation string `json:"relation"`
	Class    string `json:"class"` // "lineage" or "influence"
	Note     string `json:"note,omitempty"`
	Source   string `json:"source,omitempty"`
}

// NewEdgeRecords copies edges into EdgeRecords; never nil, so JSON shows [].
func NewEdgeRecords(es []graph.Edge) []EdgeRecord {
	out := make([]EdgeRecord, 0, len(es))
	for _, e := range es {
		out = append(out, EdgeRecord{From: e.From, To: e.To, Relation: string(e.Relation),
			Class: e.Relation.Class().String(), Note: e.Note, Source: e.Source})
	}
	return out
}

// JSON writes {"nodes":[...],"edges":[...]}: every model with all its attributes
// (free columns under "attrs", "focus": true for Options.Focus models) sorted by
// id, and every edge with its relation class, sorted by parent then child. Values
// are the data as loaded, not escaped for any markup; <, > and & are written as
// \u escapes so the document can sit inside an HTML <script> element.
func JSON(w io.Writer, l *graph.Lineage, opt Options) error {
	focus := opt.focused()
	doc := jsonGraph{Nodes: []jsonNode{}, Edges: []jsonEdge{}}
	for _, m := range sortedModels(l) {
		n := jsonNode{ModelRecord: NewModelRecord(m), Year: m.Date.Year, Focus: focus[m.ID]}
		if opt.LicenseFamily != nil {
			n.LicenseFamily = opt.licenseFamily(m)
		}
		doc.Nodes = append(doc.Nodes, n)
	}
	doc.Edges = NewEdgeRecords(sortedEdges(l))
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return nil
}

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
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Aliases     []string          `json:"aliases,omitempty"`
	Org         []string          `json:"org,omitempty"`
	Date        string            `json:"date,omitempty"`
	Year        int               `json:"year,omitempty"`
	Params      []string          `json:"params,omitempty"`
	Arch        string            `json:"arch,omitempty"`
	Stage       string            `json:"stage,omitempty"`
	Access      string            `json:"access,omitempty"`
	Description string            `json:"description,omitempty"`
	URL         string            `json:"url,omitempty"`
	Source      string            `json:"source,omitempty"`
	Attrs       map[string]string `json:"attrs,omitempty"`
	Focus       bool              `json:"focus,omitempty"`
}

// jsonEdge is a relation with its class.
type jsonEdge struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Relation string `json:"relation"`
	Class    string `json:"class"` // "lineage" or "influence"
	Note     string `json:"note,omitempty"`
	Source   string `json:"source,omitempty"`
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
		n := jsonNode{ID: m.ID, Name: m.Name, Aliases: m.Aliases, Org: m.Orgs, Date: m.Date.String(),
			Year: m.Date.Year, Params: m.Params, Arch: m.Arch, Stage: m.Stage, Access: m.Access,
			Description: m.Description, URL: m.URL, Source: m.Source, Focus: focus[m.ID]}
		if len(m.Attrs) > 0 {
			n.Attrs = make(map[string]string, len(m.Attrs))
			for _, a := range m.Attrs {
				n.Attrs[a.Key] = a.Value
			}
		}
		doc.Nodes = append(doc.Nodes, n)
	}
	for _, e := range sortedEdges(l) {
		doc.Edges = append(doc.Edges, jsonEdge{From: e.From, To: e.To, Relation: string(e.Relation),
			Class: e.Relation.Class().String(), Note: e.Note, Source: e.Source})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return nil
}

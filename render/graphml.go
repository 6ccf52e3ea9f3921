package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// GraphML writes l as a GraphML document (graphml.graphdrawing.org/xmlns, valid
// against its 1.0 schema) that networkx, Gephi, yEd and Cytoscape read: one
// directed graph, a typed <key> for every column, a <node> per model in id order
// and an <edge> per relation in (parent, child) order.
//
// Node columns: model_id (the model's id as in the data), label (the name on one
// line, which Gephi shows as the node label), then name, aliases, org, date,
// params, arch, stage, access, description, url and source, year (int), every free
// column of nodes.csv that has a value (string), focus (boolean) when opt.Focus
// names models and license_family (string) when opt.LicenseFamily is set. Lists
// are joined with ";" as in nodes.csv; a column a model has no value for gets no
// <data>. Edge columns: relation, class, note and source. Other options are
// checked (Options.Check) and otherwise ignored: an export carries data, not chart
// styling.
//
// A node id must be an XML NMTOKEN, so the model id is written as it is when it
// holds only ASCII letters, digits, '.', '-' and '_', and otherwise with every
// other character written as _xHHHH_ (its code point in hex, at least four digits)
// and an underscore that starts "_x" written as _x005F_: "meta-llama/Llama-2-7b"
// is node meta-llama_x002F_Llama-2-7b. The mapping is one to one, and model_id
// always holds the id itself. A key's attr.name must be an NMTOKEN too, so a free
// column whose name is not one ("odd name") is named the same way
// (odd_x0020_name). Edge ids are e0, e1, ... (see edgeIDPrefix).
//
// Text is escaped by EscapeXML, so data cannot add markup; characters XML 1.0
// cannot hold at all (control characters other than tab, line feed and carriage
// return, U+FFFE, U+FFFF) are written as a space (U+FFFD for the last two), so a
// dataset holding them still gives a well-formed file.
func GraphML(w io.Writer, l *graph.Lineage, opt Options) error {
	if err := opt.Check(); err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	t := newExportTable(l, opt, []exportKey{{"model_id", "string", extraKey}, {"label", "string", extraKey}},
		func(m *graph.Model, key string) string {
			if key == "model_id" {
				return m.ID
			}
			return oneLine(m.Name)
		})
	ew := &errWriter{w: w}
	ew.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	ew.printf("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " +
		"xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	ew.printf("  <desc>Language-model lineage written by lineage: %d models, %d relations</desc>\n", len(t.models), len(l.Edges()))
	for i, k := range t.keys {
		ew.printf("  <key id=\"d%d\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", i, graphmlID(k.name), k.typ)
	}
	for i, k := range edgeKeys() {
		ew.printf("  <key id=\"d%d\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", len(t.keys)+i, graphmlID(k.name), k.typ)
	}
	ew.printf("  <graph id=\"lineage\" edgedefault=\"directed\">\n")
	for i, m := range t.models {
		ew.printf("    <node id=\"%s\">\n", graphmlID(m.ID))
		for j, v := range t.rows[i] {
			if v != "" {
				ew.printf("      <data key=\"d%d\">%s</data>\n", j, EscapeXML(v))
			}
		}
		ew.printf("    </node>\n")
	}
	prefix := edgeIDPrefix(l)
	for i, e := range NewEdgeRecords(sortedEdges(l)) {
		ew.printf("    <edge id=\"%s%d\" source=\"%s\" target=\"%s\">\n", prefix, i, graphmlID(e.From), graphmlID(e.To))
		for j, v := range edgeValues(e) {
			if v != "" {
				ew.printf("      <data key=\"d%d\">%s</data>\n", len(t.keys)+j, EscapeXML(v))
			}
		}
		ew.printf("    </edge>\n")
	}
	ew.printf("  </graph>\n</graphml>\n")
	if ew.err != nil {
		return fmt.Errorf("graphml: %w", ew.err)
	}
	return nil
}

// graphmlID maps a model id to an XML NMTOKEN, one to one: ASCII letters, digits,
// '.', '-' and '_' stay, except that an '_' followed by 'x' becomes _x005F_; every
// other character becomes _xHHHH_ with its code point in upper-case hex.
func graphmlID(id string) string {
	var b strings.Builder
	for i, r := range id {
		switch {
		case r == '_' && strings.HasPrefix(id[i+1:], "x"):
			b.WriteString("_x005F_")
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "_x%04X_", r)
		}
	}
	return b.String()
}

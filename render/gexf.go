package render

import (
	"fmt"
	"io"

	"github.com/lineage-dev/lineage/graph"
)

// GEXF writes l as a GEXF 1.3 document (namespace http://gexf.net/1.3), the format
// Gephi reads natively: one directed graph in mode "dynamic" with timeformat
// "date", a node per model in id order (id: the model id; label: its name on one
// line) and an edge per relation in (parent, child) order with ids e0, e1, ...
// (see edgeIDPrefix). It is valid against both the XML Schema and the RELAX NG
// schema of GEXF 1.3; the latter allows no xsi:schemaLocation, so none is written.
//
// Each dated model starts (attribute start) on the first day of the period its
// date gives: 2023 starts on 2023-01-01, 2023-05 on 2023-05-01, 2023-05-17 on that
// day. An edge starts when the later of its dated models does. Undated models, and
// edges between two of them, have no start and are present throughout. So Gephi's
// timeline plays the family tree growing; the date column keeps the date as the
// data gives it.
//
// Node attributes, declared with their types: name, aliases, org, date, params,
// arch, stage, access, description, url, source, year (integer), every free column
// of nodes.csv that has a value, focus (boolean) when opt.Focus names models and
// license_family when opt.LicenseFamily is set; lists are joined with ";" as in
// nodes.csv and a model has no attvalue for a column it has no value for. Edge attributes: relation, class, note and source.
// Other options are checked (Options.Check) and otherwise ignored. Escaping is
// GraphML's (EscapeXML): control characters XML 1.0 cannot hold become spaces.
func GEXF(w io.Writer, l *graph.Lineage, opt Options) error {
	if err := opt.Check(); err != nil {
		return fmt.Errorf("gexf: %w", err)
	}
	t := newExportTable(l, opt, nil, nil)
	ew := &errWriter{w: w}
	ew.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	ew.printf("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n")
	ew.printf("  <meta>\n    <creator>lineage</creator>\n    <description>Language-model lineage: %d models, %d relations</description>\n  </meta>\n",
		len(t.models), len(l.Edges()))
	ew.printf("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n")
	ew.printf("    <attributes class=\"node\">\n")
	for i, k := range t.keys {
		ew.printf("      <attribute id=\"n%d\" title=\"%s\" type=\"%s\"/>\n", i, EscapeXML(k.name), gexfType(k.typ))
	}
	ew.printf("    </attributes>\n    <attributes class=\"edge\">\n")
	for i, k := range edgeKeys() {
		ew.printf("      <attribute id=\"e%d\" title=\"%s\" type=\"%s\"/>\n", i, EscapeXML(k.name), gexfType(k.typ))
	}
	ew.printf("    </attributes>\n")
	ew.printf("    <nodes count=\"%d\">\n", len(t.models))
	for i, m := range t.models {
		ew.printf("      <node id=\"%s\" label=\"%s\"%s>\n", EscapeXML(m.ID), EscapeXML(oneLine(m.Name)), gexfStart(m.Date))
		ew.printf("        <attvalues>\n")
		for j, v := range t.rows[i] {
			if v != "" {
				ew.printf("          <attvalue for=\"n%d\" value=\"%s\"/>\n", j, EscapeXML(v))
			}
		}
		ew.printf("        </attvalues>\n      </node>\n")
	}
	ew.printf("    </nodes>\n")
	edges := NewEdgeRecords(sortedEdges(l))
	ew.printf("    <edges count=\"%d\">\n", len(edges))
	prefix := edgeIDPrefix(l)
	for i, e := range edges {
		var start graph.Date
		for _, id := range []string{e.From, e.To} {
			if m, ok := l.Model(id); ok && m.Date.Compare(start) > 0 {
				start = m.Date
			}
		}
		ew.printf("      <edge id=\"%s%d\" source=\"%s\" target=\"%s\"%s>\n", prefix, i, EscapeXML(e.From), EscapeXML(e.To), gexfStart(start))
		ew.printf("        <attvalues>\n")
		for j, v := range edgeValues(e) {
			if v != "" {
				ew.printf("          <attvalue for=\"e%d\" value=\"%s\"/>\n", j, EscapeXML(v))
			}
		}
		ew.printf("        </attvalues>\n      </edge>\n")
	}
	ew.printf("    </edges>\n  </graph>\n</gexf>\n")
	if ew.err != nil {
		return fmt.Errorf("gexf: %w", ew.err)
	}
	return nil
}

// gexfType is the GEXF name of an export column type.
func gexfType(typ string) string {
	if typ == "int" {
		return "integer"
	}
	return typ
}

// gexfStart is the start attribute of a model dated d: ` start="YYYY-MM-DD"`, the
// first day of d's period, or "" when d is unknown.
func gexfStart(d graph.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf(" start=\"%04d-%02d-%02d\"", d.Year, max(d.Month, 1), max(d.Day, 1))
}

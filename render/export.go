package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// The graph exports (GraphML, GEXF, Cytoscape.js JSON) carry the same facts as the
// JSON chart: every model as NewModelRecord gives it and every edge as
// NewEdgeRecords gives it. The two XML formats hold typed scalar columns, so this
// file flattens a ModelRecord into one: lists (aliases, org, params) are joined
// with ";" as in nodes.csv, free columns become columns of their own, and derived
// columns are added: year (an integer, for filters), focus (a boolean) when
// Options.Focus names models, and license_family when Options.LicenseFamily is
// set, as the JSON chart writes it.

// exportKey is one typed column of a graph export.
type exportKey struct {
	name string
	typ  string // "string", "int" or "boolean" (GraphML's names; GEXF writes "integer" for "int")
	kind keyKind
}

// keyKind says where a column's values come from.
type keyKind int

const (
	knownKey  keyKind = iota // a field of ModelRecord, or an edge field
	extraKey                 // a column the format adds, from extraValue
	yearKey                  // the year of the date, derived
	freeKey                  // a free column of nodes.csv
	focusKey                 // whether Options.Focus names the model, derived
	familyKey                // Options.LicenseFamily's answer, derived
)

// exportTable is the models of a lineage as typed columns: keys, and for every
// model (in id order) one value per key, "" where the model has none.
type exportTable struct {
	keys   []exportKey
	models []*graph.Model
	rows   [][]string
}

// edgeKeys returns the columns of every exported edge, in the order of EdgeRecord.
func edgeKeys() []exportKey {
	return []exportKey{{"relation", "string", knownKey}, {"class", "string", knownKey}, {"note", "string", knownKey}, {"source", "string", knownKey}}
}

// edgeValues returns e's values in edgeKeys order.
func edgeValues(e EdgeRecord) []string { return []string{e.Relation, e.Class, e.Note, e.Source} }

// newExportTable builds the columns of l's models: extra (derived columns the
// format needs first, such as GraphML's model_id), then the known fields in
// ModelRecord order, year, the free columns in the order they appear, focus when
// opt.Focus is not empty and license_family when opt.LicenseFamily is set. A free
// column whose name equals a derived column (extra, year, focus, license_family)
// keeps its name and the derived column is left out, so data is never shadowed. extra's values come from extraValue.
func newExportTable(l *graph.Lineage, opt Options, extra []exportKey, extraValue func(m *graph.Model, key string) string) exportTable {
	t := exportTable{models: sortedModels(l)}
	var free []string
	for _, m := range t.models {
		for _, a := range m.Attrs {
			if a.Value != "" && !slices.Contains(free, a.Key) {
				free = append(free, a.Key)
			}
		}
	}
	taken := func(name string) bool { return slices.Contains(free, name) }
	for _, k := range extra {
		if !taken(k.name) {
			t.keys = append(t.keys, exportKey{k.name, k.typ, extraKey})
		}
	}
	known := []string{"name", "aliases", "org", "date", "params", "arch", "stage", "access", "description", "url", "source"}
	for _, k := range known {
		t.keys = append(t.keys, exportKey{k, "string", knownKey})
	}
	if !taken("year") {
		t.keys = append(t.keys, exportKey{"year", "int", yearKey})
	}
	for _, k := range free {
		t.keys = append(t.keys, exportKey{k, "string", freeKey})
	}
	focus := opt.focused()
	if len(focus) > 0 && !taken("focus") {
		t.keys = append(t.keys, exportKey{"focus", "boolean", focusKey})
	}
	if opt.LicenseFamily != nil && !taken("license_family") {
		t.keys = append(t.keys, exportKey{"license_family", "string", familyKey})
	}
	for _, m := range t.models {
		r := NewModelRecord(m)
		fields := map[string]string{
			"name": r.Name, "aliases": strings.Join(r.Aliases, ";"), "org": strings.Join(r.Org, ";"),
			"date": r.Date, "params": strings.Join(r.Params, ";"), "arch": r.Arch, "stage": r.Stage,
			"access": r.Access, "description": r.Description, "url": r.URL, "source": r.Source,
		}
		row := make([]string, len(t.keys))
		for i, k := range t.keys {
			switch k.kind {
			case knownKey:
				row[i] = fields[k.name]
			case extraKey:
				row[i] = extraValue(m, k.name)
			case yearKey:
				if m.Date.Year != 0 {
					row[i] = strconv.Itoa(m.Date.Year)
				}
			case freeKey:
				row[i] = r.Attrs[k.name]
			case focusKey:
				row[i] = strconv.FormatBool(focus[m.ID])
			case familyKey:
				row[i] = opt.licenseFamily(m)
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// edgeIDPrefix returns the prefix of the exports' edge ids ("e0", "e1", ...): "e",
// or "e_", "e__", ... when a model id has the form prefix+digits, so that no edge
// id equals a node id (Cytoscape.js requires ids unique across both).
func edgeIDPrefix(l *graph.Lineage) string {
	ms := l.Models()
	for p := "e"; ; p += "_" {
		clash := slices.ContainsFunc(ms, func(m *graph.Model) bool {
			rest, ok := strings.CutPrefix(m.ID, p)
			return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
		})
		if !clash {
			return p
		}
	}
}

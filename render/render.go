package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// Options choose how a chart looks. The zero value is the default chart: coloured
// by organisation, no clusters, no edge labels, nothing emphasised.
type Options struct {
	// ColorBy is "org" (or "") to colour models by their first organisation,
	// "access" to colour them by access (open, limited, api, closed), or "license"
	// by licence family (permissive, pass-on, non-commercial, unknown; see
	// LicenseFamily).
	ColorBy string
	// LicenseFamily returns a model's licence family for ColorBy "license" and the
	// JSON output: "permissive", "pass-on", "non-commercial" or "unknown". The
	// caller supplies it (package license knows licences, render does not); nil
	// makes every family "unknown" and leaves it out of JSON.
	LicenseFamily func(*graph.Model) string
	// Cluster is "" for no grouping or "org" to box models by first organisation.
	Cluster string
	// EdgeLabels writes each edge's relation (finetune, rlhf, ...) on the edge.
	EdgeLabels bool
	// Focus lists the ids of the models a query asked about; they are drawn with a
	// heavy black border and a bold name.
	Focus []string

	// Orgs is the organisation colouring of the dataset the chart is drawn from
	// (NewOrgColours of the whole dataset), so that every chart of one dataset
	// gives an organisation the same colour. nil colours by the chart's own
	// models, which is the same thing when the chart draws the whole dataset.
	Orgs *OrgColours
}

// Check reports an unknown ColorBy or Cluster value.
func (o Options) Check() error {
	switch o.ColorBy {
	case "", "org", "access", "license":
	default:
		return fmt.Errorf("unknown colour scheme %q: want org, access or license", o.ColorBy)
	}
	switch o.Cluster {
	case "", "org":
	default:
		return fmt.Errorf("unknown clustering %q: want org", o.Cluster)
	}
	return nil
}

// scheme returns the fixed colour scheme of ColorBy, or nil for organisations.
func (o Options) scheme() *colourScheme {
	switch o.ColorBy {
	case "access":
		return &accessScheme
	case "license":
		return &licenseScheme
	}
	return nil
}

// licenseFamily is the model's licence family, "unknown" without LicenseFamily.
func (o Options) licenseFamily(m *graph.Model) string {
	if o.LicenseFamily == nil {
		return "unknown"
	}
	if f := o.LicenseFamily(m); f != "" {
		return f
	}
	return "unknown"
}

func (o Options) focused() map[string]bool {
	f := make(map[string]bool, len(o.Focus))
	for _, id := range o.Focus {
		f[id] = true
	}
	return f
}

// Writer writes a lineage in one text format.
type Writer interface {
	Write(w io.Writer, l *graph.Lineage, opt Options) error
}

// WriterFunc adapts a function to Writer.
type WriterFunc func(w io.Writer, l *graph.Lineage, opt Options) error

// Write calls f.
func (f WriterFunc) Write(w io.Writer, l *graph.Lineage, opt Options) error { return f(w, l, opt) }

// writers are the text formats by name.
var writers = map[string]Writer{
	"dot":     WriterFunc(DOT),
	"mermaid": WriterFunc(Mermaid),
	"json":    WriterFunc(JSON),
	"graphml": WriterFunc(GraphML),
	"gexf":    WriterFunc(GEXF),
	"cyjs":    WriterFunc(Cytoscape),
}

// Lookup returns the writer of a text format: "dot", "mermaid", "json", or one of
// the graph exports "graphml", "gexf" and "cyjs" (Cytoscape.js JSON).
func Lookup(format string) (Writer, bool) {
	w, ok := writers[format]
	return w, ok
}

// Formats returns the names of the text formats, sorted.
func Formats() []string {
	var fs []string
	for f := range writers {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	return fs
}

// sortedModels returns the lineage's models sorted by id.
func sortedModels(l *graph.Lineage) []*graph.Model {
	ms := l.Models()
	slices.SortFunc(ms, func(a, b *graph.Model) int { return strings.Compare(a.ID, b.ID) })
	return ms
}

// sortedEdges returns the lineage's edges sorted by parent, then child id.
func sortedEdges(l *graph.Lineage) []graph.Edge {
	es := l.Edges()
	slices.SortFunc(es, func(a, b graph.Edge) int {
		return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.To, b.To))
	})
	return es
}

// sizeText summarises the parameter counts: "175B", "7B/13B", or the first and last
// of a longer list, "60M–11B".
func sizeText(params []string) string {
	switch len(params) {
	case 0:
		return ""
	case 1, 2:
		return strings.Join(params, "/")
	}
	return params[0] + "–" + params[len(params)-1]
}

// subtitle is the second label line: date and size, "2022-11-30 · 175B".
func subtitle(m *graph.Model) string {
	var parts []string
	if !m.Date.IsZero() {
		parts = append(parts, m.Date.String())
	}
	if s := sizeText(m.Params); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// tooltip is the one-line hover text of a model: name, id, facts and description.
func tooltip(m *graph.Model) string {
	head := m.Name
	if m.ID != m.Name {
		head += " (" + m.ID + ")"
	}
	var facts []string
	if len(m.Orgs) > 0 {
		facts = append(facts, strings.Join(m.Orgs, ", "))
	}
	for _, f := range []string{m.Date.String(), strings.Join(m.Params, "/"), m.Stage, m.Access} {
		if f != "" {
			facts = append(facts, f)
		}
	}
	s := head
	if len(facts) > 0 {
		s += " — " + strings.Join(facts, " · ")
	}
	if m.Description != "" {
		s += ". " + m.Description
	}
	return oneLine(s)
}

// edgeTooltip is the hover text of an edge: "GPT-3 → InstructGPT: rlhf (note)".
func edgeTooltip(l *graph.Lineage, e graph.Edge) string {
	name := func(id string) string {
		if m, ok := l.Model(id); ok {
			return m.Name
		}
		return id
	}
	s := fmt.Sprintf("%s → %s: %s", name(e.From), name(e.To), e.Relation)
	if e.Note != "" {
		s += " (" + e.Note + ")"
	}
	return oneLine(s)
}

// oneLine turns line breaks and tabs into spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// clusterKey is the organisation a model is grouped under with Cluster "org".
func clusterKey(m *graph.Model) string {
	if len(m.Orgs) == 0 {
		return ""
	}
	return m.Orgs[0]
}

// orgGroup is one cluster of a chart clustered by organisation.
type orgGroup struct {
	label  string // the organisation, or "no organisation"
	models []*graph.Model
}

// orgGroups splits models (kept in their order) by first organisation, the groups
// sorted by name with the models without organisation last.
func orgGroups(ms []*graph.Model) []orgGroup {
	byKey := map[string][]*graph.Model{}
	for _, m := range ms {
		byKey[clusterKey(m)] = append(byKey[clusterKey(m)], m)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(emptyLast(a, b), strings.Compare(a, b)) })
	groups := make([]orgGroup, len(keys))
	for i, k := range keys {
		label := k
		if k == "" {
			label = "no organisation"
		}
		groups[i] = orgGroup{label, byKey[k]}
	}
	return groups
}

// errWriter remembers the first write error so writers can print freely and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

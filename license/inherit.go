package license

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// Met is an ancestor met along the lineage, with the licences it declares.
type Met struct {
	Ancestor *graph.Model
	// Path is a shortest chain of lineage relations from Ancestor down to the model.
	Path     []graph.Edge
	Declared []Declared // nil: the data gives no licence
	// RelicensedBy is the first model on Path, below Ancestor, made by an
	// organisation that also made Ancestor: the licensor itself, free to license
	// its own derivative as it likes, so Ancestor's terms stop there. Nil if none.
	RelicensedBy *graph.Model
}

// Reaching is a term that reaches the model from an ancestor's licence.
type Reaching struct {
	Term    Term
	Licence *Licence
	From    *graph.Model // the nearest ancestor declaring the licence
	Path    []graph.Edge // from From down to the model
	// RelicensedBy is From's maker's own model on the path (see Met); the term
	// does not bind the model through it.
	RelicensedBy *graph.Model
	// Kept is true when the model's own licences have the term too; a carried
	// term that is not kept, under a known own licence, is what Check reports.
	Kept bool
}

// Teacher is a teacher-data parent of the model or of one of its lineage ancestors:
// its outputs were training data, no weights were inherited.
type Teacher struct {
	Teacher  *graph.Model
	Student  *graph.Model // the model itself or the lineage ancestor trained on the outputs
	Edge     graph.Edge
	Declared []Declared
	// Terms are the teacher's terms on using its outputs to build other models.
	Terms []Term
}

// Report is what reaches a model through its lineage.
type Report struct {
	Model    *graph.Model
	Declared []Declared
	// Lineage lists every lineage ancestor, nearest first, with its licences.
	Lineage []Met
	// Terms lists the terms of the ancestors' known licences, each from the nearest
	// ancestor declaring that licence.
	Terms []Reaching
	// Teachers lists teacher-data parents, nearest first.
	Teachers []Teacher
}

// Unknown returns the lineage ancestors whose licence is not given or not known.
func (r *Report) Unknown() []Met {
	var out []Met
	for _, m := range r.Lineage {
		if len(m.Declared) == 0 {
			out = append(out, m)
			continue
		}
		for _, d := range m.Declared {
			if !d.Known() {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// lineageOnly is the relation filter of weights-passing relations, except variant:
// a variant edge links a family row to a member, and a family's licence cell only
// summarises its members', so it passes nothing on.
func lineageOnly(r graph.Relation) bool {
	return r.Class() == graph.LineageClass && r != "variant"
}

// ancestors returns the model's lineage ancestors, nearest first, each with a
// shortest chain down to the model.
func ancestors(l *graph.Lineage, id string) []Met {
	var out []Met
	dist := map[string][]graph.Edge{id: nil}
	frontier := []string{id}
	for len(frontier) > 0 {
		var next []string
		for _, v := range frontier {
			for _, e := range l.Parents(v) {
				if !lineageOnly(e.Relation) {
					continue
				}
				if _, seen := dist[e.From]; seen {
					continue
				}
				path := append([]graph.Edge{e}, dist[v]...)
				dist[e.From] = path
				next = append(next, e.From)
				m, _ := l.Model(e.From)
				out = append(out, Met{Ancestor: m, Path: path, Declared: DeclaredBy(m), RelicensedBy: relicensedBy(l, m, path)})
			}
		}
		frontier = next
	}
	return out
}

// relicensedBy returns the first model below ancestor on path that shares an
// organisation with it, or nil.
func relicensedBy(l *graph.Lineage, ancestor *graph.Model, path []graph.Edge) *graph.Model {
	for _, e := range path {
		m, _ := l.Model(e.To)
		for _, o := range m.Orgs {
			if slices.ContainsFunc(ancestor.Orgs, func(a string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(o)) }) {
				return m
			}
		}
	}
	return nil
}

// Inherit works out what reaches model id through its lineage. It fails only for
// an id the lineage does not hold.
func Inherit(l *graph.Lineage, id string) (*Report, error) {
	m, ok := l.Model(id)
	if !ok {
		return nil, fmt.Errorf("license: no model %q", id)
	}
	r := &Report{Model: m, Declared: DeclaredBy(m), Lineage: ancestors(l, id)}
	own, _ := carriedKeys(r.Declared)
	seen := map[string]bool{}
	for _, met := range r.Lineage {
		for _, d := range met.Declared {
			if d.Licence == nil || seen[d.Licence.ID] {
				continue
			}
			seen[d.Licence.ID] = true
			for _, t := range d.Licence.Terms {
				r.Terms = append(r.Terms, Reaching{Term: t, Licence: d.Licence, From: met.Ancestor, Path: met.Path,
					RelicensedBy: met.RelicensedBy, Kept: own[t.key(d.Licence)]})
			}
		}
	}
	// Teacher-data parents of the model and of each lineage ancestor.
	students := append([]*graph.Model{m}, metModels(r.Lineage)...)
	for _, s := range students {
		for _, e := range l.Parents(s.ID) {
			if e.Relation != "teacher-data" {
				continue
			}
			t, _ := l.Model(e.From)
			tc := Teacher{Teacher: t, Student: s, Edge: e, Declared: DeclaredBy(t)}
			for _, d := range tc.Declared {
				if d.Licence != nil {
					tc.Terms = append(tc.Terms, d.Licence.OutputTerms()...)
				}
			}
			r.Teachers = append(r.Teachers, tc)
		}
	}
	return r, nil
}

func metModels(ms []Met) []*graph.Model {
	out := make([]*graph.Model, len(ms))
	for i, m := range ms {
		out[i] = m.Ancestor
	}
	return out
}

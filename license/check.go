package license

import (
	"slices"

	"github.com/lineage-dev/lineage/graph"
)

// The rules a Conflict names.
const (
	// RuleNonCommercial: an ancestor's licence forbids commercial use of derivatives
	// and the model's licence does not say so.
	RuleNonCommercial = "keeps-non-commercial"
	// RuleShareAlike: an ancestor's copyleft licence wants derivatives under the same
	// licence.
	RuleShareAlike = "keeps-share-alike"
	// RulePassOn: an ancestor's licence has terms every derivative must carry (an
	// agreement to include, use restrictions, naming rules) that the model's
	// licence lacks.
	RulePassOn = "keeps-pass-on-terms"
)

// Conflict is a model whose declared licences drop terms an ancestor's licence
// passes on.
type Conflict struct {
	Model    *graph.Model
	Declared []Declared
	Ancestor *graph.Model // the nearest ancestor declaring Licence
	Licence  Declared     // the ancestor's licence whose terms are dropped
	Path     []graph.Edge // from Ancestor down to Model
	Dropped  []Term       // the carried terms the model's licences lack
	Rule     string       // RuleNonCommercial, RuleShareAlike or RulePassOn
}

// Result is the outcome of Check: the conflicts, and the models that could not be
// checked because their own licence is not given or not known.
type Result struct {
	Conflicts []Conflict
	Unchecked []*graph.Model
}

// Check looks at the models ids (all models when ids is empty) and reports each one
// whose declared licences lack a carried term of an ancestor's licence, through
// any chain of lineage relations. A model carries a term when one of its own
// licences has the same term (the same licence, or a shared term such as
// non-commercial). A more restrictive child (an apache-2.0 parent, a cc-by-nc-4.0
// child) and chains of permissive licences are fine, and so is a model its
// ancestor's own maker licensed (a licence binds licensees, not the licensor;
// see Met.RelicensedBy). A model without a known
// licence is unchecked, never a conflict; an ancestor without one passes nothing
// on that can be named. Conflicts come in the order of ids (or of the data), each
// model's nearest ancestor first; unknown ids are skipped.
func Check(l *graph.Lineage, ids []string) Result {
	var ms []*graph.Model
	if len(ids) == 0 {
		ms = l.Models()
	} else {
		for _, id := range ids {
			if m, ok := l.Model(id); ok {
				ms = append(ms, m)
			}
		}
	}
	var res Result
	for _, m := range ms {
		up := ancestors(l, m.ID)
		if len(up) == 0 {
			continue
		}
		own := DeclaredBy(m)
		keys, known := carriedKeys(own)
		if !known {
			res.Unchecked = append(res.Unchecked, m)
			continue
		}
		reported := map[string]bool{}
		for _, met := range up {
			if met.RelicensedBy != nil {
				continue
			}
			for _, d := range met.Declared {
				if d.Licence == nil || d.Licence.Family == TermsOfUse || reported[d.Licence.ID] {
					continue
				}
				var dropped []Term
				for _, t := range d.Licence.Carried() {
					if !keys[t.key(d.Licence)] {
						dropped = append(dropped, t)
					}
				}
				if len(dropped) == 0 {
					continue
				}
				reported[d.Licence.ID] = true
				res.Conflicts = append(res.Conflicts, Conflict{Model: m, Declared: own, Ancestor: met.Ancestor,
					Licence: d, Path: met.Path, Dropped: dropped, Rule: ruleOf(dropped)})
			}
		}
	}
	return res
}

// carriedKeys returns the keys of every term of the declared licences; known is
// false when there are none or one is not in the catalogue.
func carriedKeys(ds []Declared) (keys map[string]bool, known bool) {
	if len(ds) == 0 {
		return nil, false
	}
	keys = map[string]bool{}
	for _, d := range ds {
		if d.Licence == nil || d.Licence.Family == TermsOfUse {
			return nil, false
		}
		for _, t := range d.Licence.Terms {
			keys[t.key(d.Licence)] = true
		}
	}
	return keys, true
}

func ruleOf(dropped []Term) string {
	switch {
	case slices.ContainsFunc(dropped, func(t Term) bool { return t.Key == "non-commercial" }):
		return RuleNonCommercial
	case slices.ContainsFunc(dropped, func(t Term) bool { return t.Name == "share-alike" }):
		return RuleShareAlike
	}
	return RulePassOn
}

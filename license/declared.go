package license

import (
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// The free attributes a model's licence is read from.
const (
	AttrLicense = "license"     // Hugging Face licence ids, ';'-separated
	AttrURL     = "license_url" // the licence text, for "other" and custom licences
)

// Declared is one licence a model declares.
type Declared struct {
	ID      string   // as the data writes it: "apache-2.0", "other", ...
	URL     string   // the data's license_url, when it goes with this licence
	Licence *Licence // the catalogue entry, nil when unknown
}

// Known reports whether the catalogue knows the licence's terms.
func (d Declared) Known() bool { return d.Licence != nil }

// Label names the licence for people: the catalogue key of a custom licence
// found by its URL ("other (deepseek)"), else the id as the data writes it.
func (d Declared) Label() string {
	switch {
	case d.ID == "" && d.Licence != nil:
		return d.Licence.ID
	case d.ID == "":
		return "terms at " + d.URL
	case d.Licence != nil && d.Licence.ID != d.ID:
		return d.ID + " (" + d.Licence.ID + ")"
	}
	return d.ID
}

// TextURL is where the licence text is: the data's URL, else the catalogue's.
func (d Declared) TextURL() string {
	if d.URL != "" {
		return d.URL
	}
	if d.Licence != nil {
		return d.Licence.URL
	}
	return ""
}

// attr returns the model's free attribute key, trimmed.
func attr(m *graph.Model, key string) string {
	for _, a := range m.Attrs {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// DeclaredBy returns the licences model m declares in its license and
// license_url attributes, in the order written; nil when it declares none.
//
// An id the catalogue knows is that licence. "other" (and any id the catalogue
// does not know) is looked up by license_url. The URL goes with the known
// licence whose text it is, else with the first unknown id (which it may make
// known), else with the first id. A model with a license_url and no
// license id (an API model whose terms of use the data gives) declares the terms
// at that URL.
func DeclaredBy(m *graph.Model) []Declared {
	ids := splitIDs(attr(m, AttrLicense))
	url := attr(m, AttrURL)
	if len(ids) == 0 {
		if url == "" {
			return nil
		}
		l, _ := LookupURL(url)
		return []Declared{{URL: url, Licence: l}}
	}
	out := make([]Declared, len(ids))
	byURL, _ := LookupURL(url)
	urlAt := -1 // the declared licence the URL goes with
	for i, id := range ids {
		out[i].ID = id
		if l, ok := Lookup(id); ok && id != "other" {
			out[i].Licence = l
			if urlAt < 0 && l == byURL {
				urlAt = i
			}
		}
	}
	if url == "" {
		return out
	}
	for i := range out {
		if urlAt < 0 && out[i].Licence == nil {
			urlAt = i
			out[i].Licence = byURL
		}
	}
	if urlAt < 0 {
		urlAt = 0
	}
	out[urlAt].URL = url
	return out
}

func splitIDs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// FamilyOf is the family of the licences model m declares: non-commercial if any
// is, else pass-on if any is, else permissive; Unknown when it declares no
// licence, declares one the catalogue does not know, or only terms of use.
func FamilyOf(m *graph.Model) Family {
	ds := DeclaredBy(m)
	if len(ds) == 0 {
		return Unknown
	}
	rank := map[Family]int{Permissive: 1, PassOn: 2, NonCommercial: 3}
	best := Family("")
	for _, d := range ds {
		if d.Licence == nil || d.Licence.Family == TermsOfUse {
			return Unknown
		}
		if rank[d.Licence.Family] > rank[best] {
			best = d.Licence.Family
		}
	}
	return best
}

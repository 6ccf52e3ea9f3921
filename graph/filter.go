package graph

import (
	"slices"
	"strings"
)

// Filter selects models by their facts, as 'lineage list' and the API's model
// list do. The zero Filter passes every model.
type Filter struct {
	// Org matches a part of any of a model's organisations, ignoring case and
	// punctuation: "meta" matches "Meta AI".
	Org string
	// Stage, Access and Arch match the whole value, ignoring case.
	Stage, Access, Arch string
	// Since and Until bound the release date, inclusive. A bound counts the whole
	// period it names and periods overlap: a model of 2024 (year only) is both
	// since 2024-06 and until 2024-06. A model without a date passes neither.
	Since, Until Date
}

// Match reports whether m passes every part of the filter.
func (f Filter) Match(m *Model) bool {
	eq := func(want, have string) bool { return want == "" || strings.EqualFold(want, have) }
	switch {
	case !eq(f.Stage, m.Stage), !eq(f.Access, m.Access), !eq(f.Arch, m.Arch), !orgMatches(f.Org, m.Orgs):
		return false
	case !f.Since.IsZero() && (m.Date.IsZero() || !inOrAfter(m.Date, f.Since)):
		return false
	case !f.Until.IsZero() && (m.Date.IsZero() || !inOrBefore(m.Date, f.Until)):
		return false
	}
	return true
}

// List returns the models that pass f, oldest first (see CompareByDate).
func (l *Lineage) List(f Filter) []*Model {
	var out []*Model
	for i := int32(0); i < int32(l.s.n); i++ {
		if m := l.s.model(i); f.Match(m) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, CompareByDate)
	return out
}

// CompareByDate orders models oldest first, models without a date last, and
// models of the same date by id.
func CompareByDate(a, b *Model) int {
	if a.Date.IsZero() != b.Date.IsZero() {
		if a.Date.IsZero() {
			return 1
		}
		return -1
	}
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func orgMatches(want string, orgs []string) bool {
	if want == "" {
		return true
	}
	w := NormalizeName(want)
	for _, o := range orgs {
		if strings.Contains(NormalizeName(o), w) {
			return true
		}
	}
	return false
}

// inOrAfter reports whether d falls in or after the period p names, counting
// periods that overlap: 2024-03 is in or after 2024, and so is 2024 for 2024-06.
func inOrAfter(d, p Date) bool { return trunc(d, p).Compare(p) >= 0 || trunc(p, d) == d }

// inOrBefore reports whether d falls in or before the period p names, counting
// periods that overlap.
func inOrBefore(d, p Date) bool { return trunc(d, p).Compare(p) <= 0 || trunc(p, d) == d }

// trunc drops the precision d has beyond p's, so both compare as periods of one size.
func trunc(d, p Date) Date {
	if p.Month == 0 {
		d.Month = 0
	}
	if p.Day == 0 {
		d.Day = 0
	}
	return d
}

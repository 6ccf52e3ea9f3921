package graph

import "strings"

// NameRank says how well q, a name already passed through NormalizeName, names
// m: 0 when it is m's id, name or an alias, 1 when it starts one, 2 when it is
// a part of one, -1 when it is none of these. An empty q names every model (0).
// Searches rank their results by it (the explorer's search, /api/models?q=).
func (m *Model) NameRank(q string) int {
	if q == "" {
		return 0
	}
	best := -1
	for _, n := range append([]string{m.ID, m.Name}, m.Aliases...) {
		n = NormalizeName(n)
		r := -1
		switch {
		case n == q:
			r = 0
		case strings.HasPrefix(n, q):
			r = 1
		case strings.Contains(n, q):
			r = 2
		}
		if r >= 0 && (best < 0 || r < best) {
			best = r
		}
	}
	return best
}

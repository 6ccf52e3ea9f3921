package graph

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// NotFoundError says that no model answers to a name; Suggestions holds the closest.
type NotFoundError struct {
	Input       string
	Suggestions []*Model
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no model named %q", e.Input)
	if len(e.Suggestions) > 0 {
		var names []string
		for _, m := range e.Suggestions {
			names = append(names, m.ID)
		}
		msg += "; did you mean " + strings.Join(names, ", ") + "?"
	}
	return msg
}

// AmbiguousError says that several models answer to a name.
type AmbiguousError struct {
	Input      string
	Candidates []*Model
}

func (e *AmbiguousError) Error() string {
	var names []string
	for _, m := range e.Candidates {
		names = append(names, fmt.Sprintf("%s (%s)", m.ID, m.Name))
	}
	return fmt.Sprintf("%q is ambiguous: it names %s; use an id", e.Input, strings.Join(names, ", "))
}

// nameIndex maps normalised names to models: ids and names in primary, aliases in alias.
type nameIndex struct {
	once    sync.Once
	primary map[string][]int32
	alias   map[string][]int32
}

// NormalizeName is the form in which names are compared: lower case, of one
// width (fullwidth ＣｈａｔＧＰＴ is ChatGPT, halfwidth ｶﾀｶﾅ is カタカナ), without
// spaces, '-', '_' and '.', so "GPT-3", "gpt3" and "gpt 3" are the same name.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	if !isASCII(s) { // width folding only changes non-ASCII text
		s = width.Fold.String(s)
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (l *Lineage) index() *nameIndex {
	if l.names == nil {
		panic("graph: Lineage used before it was built") // only New/Load make a Lineage
	}
	l.names.once.Do(func() {
		ix := l.names
		ix.primary = make(map[string][]int32, 2*len(l.s.models))
		ix.alias = make(map[string][]int32)
		add := func(m map[string][]int32, key string, i int32) {
			k := NormalizeName(key)
			if k == "" || slices.Contains(m[k], i) {
				return
			}
			m[k] = append(m[k], i)
		}
		for i, m := range l.s.models {
			add(ix.primary, m.ID, int32(i))
			add(ix.primary, m.Name, int32(i))
			for _, a := range m.Aliases {
				add(ix.alias, a, int32(i))
			}
		}
	})
	return l.names
}

// Resolve finds the model a user means: an exact id first, then an id or name, then
// an alias, compared case-insensitively ignoring spaces, '-', '_' and '.'. It returns
// an *AmbiguousError when several models match at the same level and a
// *NotFoundError with suggestions when none does.
func (l *Lineage) Resolve(name string) (*Model, error) {
	name = strings.TrimSpace(name)
	if i, ok := l.s.index[name]; ok {
		return l.s.models[i], nil
	}
	ix := l.index()
	key := NormalizeName(name)
	for _, level := range []map[string][]int32{ix.primary, ix.alias} {
		switch hits := level[key]; len(hits) {
		case 0:
			continue
		case 1:
			return l.s.models[hits[0]], nil
		default:
			return nil, &AmbiguousError{Input: name, Candidates: l.sortedModels(hits)}
		}
	}
	return nil, &NotFoundError{Input: name, Suggestions: l.Suggest(name, 3)}
}

func (l *Lineage) sortedModels(idx []int32) []*Model {
	ms := make([]*Model, len(idx))
	for k, i := range idx {
		ms[k] = l.s.models[i]
	}
	slices.SortFunc(ms, func(a, b *Model) int { return strings.Compare(a.ID, b.ID) })
	return ms
}

// Suggest returns up to n models whose id, name or alias is closest to name: names
// that contain it or that it contains, and names within a small edit distance.
func (l *Lineage) Suggest(name string, n int) []*Model {
	key := NormalizeName(name)
	if key == "" || n <= 0 {
		return nil
	}
	ix := l.index()
	kr := []rune(key)
	limit := max(1, len(kr)/3)
	best := map[int32]int{}
	consider := func(k string, idx []int32) {
		score := -1
		switch {
		case k == key:
			score = 0
		case strings.HasPrefix(k, key) || strings.HasPrefix(key, k) && len(k) >= 3:
			score = 1
		case strings.Contains(k, key) && len(kr) >= 3:
			score = 2
		default:
			if d := editDistance(kr, []rune(k), limit); d <= limit {
				score = 1 + d
			}
		}
		if score < 0 {
			return
		}
		for _, i := range idx {
			if s, ok := best[i]; !ok || score < s {
				best[i] = score
			}
		}
	}
	for k, idx := range ix.primary {
		consider(k, idx)
	}
	for k, idx := range ix.alias {
		consider(k, idx)
	}
	cands := make([]int32, 0, len(best))
	for i := range best {
		cands = append(cands, i)
	}
	slices.SortFunc(cands, func(a, b int32) int {
		if best[a] != best[b] {
			return best[a] - best[b]
		}
		ma, mb := l.s.models[a], l.s.models[b]
		if len(ma.ID) != len(mb.ID) {
			return len(ma.ID) - len(mb.ID)
		}
		return strings.Compare(ma.ID, mb.ID)
	})
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]*Model, len(cands))
	for k, i := range cands {
		out[k] = l.s.models[i]
	}
	return out
}

// editDistance is the optimal-string-alignment distance of a and b (Levenshtein plus
// the swap of two adjacent letters as one edit: "atals" is one edit from "atlas"),
// or limit+1 once it must exceed limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1) // row i-2, for transpositions
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// NameClashes reports every name or alias that names more than one model, so that
// users typing it get an "ambiguous" error. They are warnings: 'lineage validate'
// shows them and --strict fails on them. Two models sharing a display name while
// their ids differ is also reported. It builds the name index (O(models)).
func (l *Lineage) NameClashes(nodesFile string) Problems {
	ix := l.index()
	var ps Problems
	for _, level := range []map[string][]int32{ix.primary, ix.alias} {
		for _, idx := range level {
			if len(idx) < 2 {
				continue
			}
			ms := l.sortedModels(idx)
			var ids []string
			for _, m := range ms[1:] {
				ids = append(ids, m.ID)
			}
			first := ms[0]
			ps = append(ps, Problem{File: nodesFile, Line: first.Line, Severity: Warning,
				Msg: fmt.Sprintf("a name or alias of %q also names %s, so typing it is ambiguous", first.ID, strings.Join(ids, ", "))})
		}
	}
	// A name in the primary level of one model and the alias level of another
	// resolves to the first, silently: report that too.
	for key, aliased := range ix.alias {
		for _, p := range ix.primary[key] {
			for _, a := range aliased {
				if a != p {
					m, o := l.s.models[a], l.s.models[p]
					ps = append(ps, Problem{File: nodesFile, Line: m.Line, Severity: Warning,
						Msg: fmt.Sprintf("an alias of %q is the id or name of %q, so it finds %q", m.ID, o.ID, o.ID)})
				}
			}
		}
	}
	ps.sort(nodesFile)
	return ps
}

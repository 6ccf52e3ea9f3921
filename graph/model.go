package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Model is one row of nodes.csv: a model, a model family or a named checkpoint.
type Model struct {
	ID          string   // unique identifier, e.g. "text-davinci-002" or "meta-llama/Llama-2-7b-hf"
	Name        string   // display name, e.g. "text-davinci-002"
	Aliases     []string // other names users type, any script ("羊驼")
	Orgs        []string // organisations that made it
	Date        Date     // first public release or announcement; zero when unknown
	Params      []string // parameter counts as written in the data ("7B", "175B")
	Arch        string   // architecture: decoder-only, encoder-decoder, moe, ...
	Stage       string   // training stage: base, instruction-tuned, chat, code, reasoning, ...
	Access      string   // open, limited, api or closed
	Description string   // one sentence saying what the model is
	URL         string   // paper, model card or repository
	Source      string   // where the row's facts come from
	// Attrs holds the values of columns this package does not know, in header order.
	Attrs []Attr
	// Line is the line of nodes.csv the row starts on (0 for models built in code).
	Line int
}

// Attr is one free attribute: a column of nodes.csv outside the known schema.
type Attr struct {
	Key, Value string
}

// Edge is one row of edges.csv: the model To derives from, or was influenced by, From.
type Edge struct {
	From     string   // parent id
	To       string   // child id
	Relation Relation // what was done to From to obtain To
	Note     string   // free text, e.g. "RLHF with PPO"
	Source   string   // where the relation is stated
	Line     int      // line of edges.csv the row starts on (0 for edges built in code)
}

// Relation names how a model relates to its parent, e.g. "finetune" or "teacher-data".
type Relation string

// RelationClass splits relations into those that pass weights on and those that do not.
type RelationClass int

const (
	// LineageClass relations mean the child's weights come from the parent's.
	LineageClass RelationClass = iota
	// InfluenceClass relations mean the models are related but no weights were inherited.
	InfluenceClass
)

// String returns "lineage" or "influence".
func (c RelationClass) String() string {
	if c == InfluenceClass {
		return "influence"
	}
	return "lineage"
}

// knownRelations is the relation vocabulary of design.md with each relation's class.
var knownRelations = map[Relation]RelationClass{
	"finetune":           LineageClass,
	"instruction-tune":   LineageClass,
	"rlhf":               LineageClass,
	"continued-pretrain": LineageClass,
	"lora":               LineageClass,
	"quantized":          LineageClass,
	"merge":              LineageClass,
	"distill":            LineageClass,
	"variant":            LineageClass,
	"teacher-data":       InfluenceClass,
	"successor":          InfluenceClass,
	"inspired-by":        InfluenceClass,
}

// relationAliases maps other spellings users' data may carry to the vocabulary.
var relationAliases = map[Relation]Relation{
	"adapter": "lora",
}

// KnownRelations returns the relation vocabulary, lineage relations first, each sorted.
func KnownRelations() []Relation {
	var lin, inf []Relation
	for r, c := range knownRelations {
		if c == LineageClass {
			lin = append(lin, r)
		} else {
			inf = append(inf, r)
		}
	}
	slices.Sort(lin)
	slices.Sort(inf)
	return append(lin, inf...)
}

// canonicalRelation lowercases r and maps aliases ("adapter") to the vocabulary.
func canonicalRelation(r string) Relation {
	rel := Relation(strings.ToLower(strings.TrimSpace(r)))
	if a, ok := relationAliases[rel]; ok {
		return a
	}
	return rel
}

// Known reports whether r belongs to the relation vocabulary.
func (r Relation) Known() bool {
	_, ok := knownRelations[r]
	return ok
}

// Class returns the relation's class; relations outside the vocabulary count as lineage.
func (r Relation) Class() RelationClass {
	if c, ok := knownRelations[r]; ok {
		return c
	}
	return LineageClass
}

// Date is a release date with the precision the data gives: year, month or day.
// The zero Date means unknown.
type Date struct {
	Year, Month, Day int // Month and Day are 0 when not given
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" and checks that the date exists.
// The empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	if d, ok := quickDate(s); ok {
		return d, nil
	}
	return parseDateSlow(s)
}

// parseDateSlow is ParseDate for any input, with the reason a date is bad.
func parseDateSlow(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return Date{}, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	widths := []int{4, 2, 2}
	var nums [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if len(p) != widths[i] || err != nil || n < 0 {
			return Date{}, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	if d.Year == 0 {
		return Date{}, fmt.Errorf("bad date %q: year 0000", s)
	}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("bad date %q: month %d is not 01-12", s, d.Month)
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("bad date %q: %d-%02d has no day %d", s, d.Year, d.Month, d.Day)
		}
	}
	return d, nil
}

// quickDate parses a well-formed "YYYY-MM-DD", "YYYY-MM" or "YYYY" of an
// existing day without allocating; anything else is left to ParseDate.
func quickDate(s string) (Date, bool) {
	num := func(t string) (int, bool) {
		n := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	var d Date
	var ok bool
	if d.Year, ok = num(s[:min(4, len(s))]); !ok || len(s) < 4 || d.Year == 0 {
		return Date{}, false
	}
	switch len(s) {
	case 4:
		return d, true
	case 7, 10:
		if s[4] != '-' {
			return Date{}, false
		}
		if d.Month, ok = num(s[5:7]); !ok || d.Month < 1 || d.Month > 12 {
			return Date{}, false
		}
		if len(s) == 7 {
			return d, true
		}
		if s[7] != '-' {
			return Date{}, false
		}
		if d.Day, ok = num(s[8:10]); !ok || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return Date{}, false
		}
		return d, true
	}
	return Date{}, false
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date with the precision it was given ("" when unknown).
func (d Date) String() string {
	if d.Year > 0 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 99 && d.Day >= 0 && d.Day <= 99 {
		// The common case, as the formats below write it, without fmt.
		b := make([]byte, 0, 10)
		b = append(b, byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10))
		if d.Month != 0 {
			b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10))
			if d.Day != 0 {
				b = append(b, '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
			}
		}
		return string(b)
	}
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Compare orders dates; a less precise date sorts before a more precise one of the
// same period ("2023" < "2023-01" < "2023-01-01"), and unknown dates sort first.
func (d Date) Compare(e Date) int {
	a := [3]int{d.Year, d.Month, d.Day}
	b := [3]int{e.Year, e.Month, e.Day}
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// After reports whether d falls after the given day. A date given to the year or month
// counts as its first day, so "2026" is not after 2026-06-01.
func (d Date) After(t time.Time) bool {
	if d.IsZero() {
		return false
	}
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC).After(t)
}

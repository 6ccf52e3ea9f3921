package hub

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lineage-dev/lineage/graph"
)

// Problem is one thing an import reports: a broken or skipped record, a field that
// was ignored, an edge that was dropped. Where is "file:line", a file or a URL.
type Problem struct {
	Where string
	Msg   string
}

// String formats the problem as "where: what".
func (p Problem) String() string {
	if p.Where == "" {
		return p.Msg
	}
	return p.Where + ": " + p.Msg
}

// Model is one row of the nodes.csv an import writes.
type Model struct {
	ID, Name, Org, Date string
	URL, Source         string
	License             string // Hugging Face licence id(s), ';'-separated
	LicenseURL          string // license_link as a web address, when the card gives one
	LicenseName         string // license_name, for license: other
	Library, Pipeline   string // library_name and pipeline_tag
	Note                string // set on placeholders: who referenced the model
	Placeholder         bool   // referenced as a base but not among the imported models
}

// entry is a model as the Builder keeps it: what Model holds, less what can be
// derived from the id when the row is written, so that a million fit in memory.
type entry struct {
	id, org, date              string
	license, licenseURL, lname string
	library, pipeline          string
	refBy                      string // placeholders: the model that named it as a base
	where                      origin
	bases                      []base
}

// origin is where a record came from, formatted only when a message needs it.
type origin struct {
	file string
	row  int64 // a Parquet row; 0 when file says it all ("file:line")
}

func (o origin) String() string {
	if o.row == 0 {
		return o.file
	}
	return fmt.Sprintf("%s: row %d", o.file, o.row)
}

func (e *entry) model() Model {
	_, name := SplitID(e.id)
	url := ModelURL(e.id)
	m := Model{ID: e.id, Name: name, Org: e.org, Date: e.date, URL: url, Source: url,
		License: e.license, LicenseURL: e.licenseURL, LicenseName: e.lname, Library: e.library, Pipeline: e.pipeline}
	if e.refBy != "" {
		m.Placeholder = true
		m.Source = ModelURL(e.refBy)
		m.Note = "referenced as a base model by " + e.refBy + "; not imported"
	}
	return m
}

type base struct {
	from   int32 // the base's index among the Builder's models, once Dataset has placed it
	id     string
	rel    graph.Relation
	note   string
	stated bool // the source states the relation; it was not inferred
}

// Edge is one row of the edges.csv an import writes.
type Edge struct {
	From, To string
	Relation graph.Relation
	Note     string
	Source   string
}

// Dataset is the result of an import: rows ready to write and what was reported.
type Dataset struct {
	entries  []entry
	order    []int32 // entries by id
	nEdges   int
	Problems []Problem
	// Imported counts the models read from the sources, Placeholders the bases
	// added as id-only rows, Skipped the records that could not be used, Merged the
	// records that described a model already read (their fields fill gaps).
	Imported, Placeholders, Skipped, Merged int
}

// EdgeCount is the number of rows of edges.csv.
func (d *Dataset) EdgeCount() int { return d.nEdges }

// Models returns the rows of nodes.csv, sorted by id.
func (d *Dataset) Models() []Model {
	out := make([]Model, 0, len(d.order))
	for _, i := range d.order {
		out = append(out, d.entries[i].model())
	}
	return out
}

// Edges returns the rows of edges.csv: by child id, then in the order the child
// lists its bases.
func (d *Dataset) Edges() []Edge {
	var out []Edge
	d.eachEdge(func(e Edge) { out = append(out, e) })
	return out
}

func (d *Dataset) eachEdge(fn func(Edge)) {
	for _, i := range d.order {
		m := &d.entries[i]
		for _, bs := range m.bases {
			fn(Edge{From: bs.id, To: m.id, Relation: bs.rel, Note: bs.note, Source: ModelURL(m.id)})
		}
	}
}

// Builder collects records from any number of sources and builds a Dataset. The
// zero Builder is not ready; use NewBuilder.
type Builder struct {
	index    map[string]int32
	models   []entry
	problems []Problem
	skipped  int
	merged   int
	strs     map[string]string // interned notes and other repeated values
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{index: map[string]int32{}, strs: map[string]string{}} }

// Grow makes room for n more models.
func (b *Builder) Grow(n int) {
	if n <= 0 || n > 1<<26 {
		return
	}
	b.models = slices.Grow(b.models, n)
	if len(b.index) == 0 {
		b.index = make(map[string]int32, n)
	}
}

// intern returns one shared copy of a string seen often (notes, library names).
func (b *Builder) intern(s string) string {
	if v, ok := b.strs[s]; ok {
		return v
	}
	if len(b.strs) < 10000 {
		b.strs[s] = s
	}
	return s
}

// idKey is the key of an id in the Builder's index: the Hub does not tell ids
// apart by case.
func idKey(id string) string {
	for i := 0; i < len(id); i++ {
		if c := id[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(id)
		}
	}
	return id
}

// internBytes is intern for a value still in a reader's buffer.
func (b *Builder) internBytes(s []byte) string {
	if v, ok := b.strs[string(s)]; ok {
		return v
	}
	return b.intern(string(s))
}

// Report records a problem that does not skip a record.
func (b *Builder) Report(where, format string, args ...any) {
	b.problems = append(b.problems, Problem{Where: where, Msg: fmt.Sprintf(format, args...)})
}

// Skip records a record that could not be used, and why.
func (b *Builder) Skip(where, format string, args ...any) {
	b.skipped++
	b.Report(where, format+"; skipped", args...)
}

// Add merges one record into the dataset being built. A record whose id is not a
// model repository id is skipped and reported.
func (b *Builder) Add(r Record) {
	id, err := NormalizeID(r.ID)
	if err != nil {
		b.Skip(r.at(), "%v", err)
		return
	}
	org, name := SplitID(id)
	if org == "" {
		org = clean(r.Author, 96)
	}
	m := entry{id: id, org: org, where: origin{r.Where, r.Row}}
	m.date = b.date(r)
	m.license, m.lname, m.licenseURL = b.license(r, id)
	m.library = b.intern(clean(r.Card.LibraryName, 64))
	m.pipeline = b.intern(clean(r.Card.PipelineTag, 64))
	m.bases = b.bases(r, id, name)

	key := idKey(id)
	i, seen := b.index[key]
	if !seen {
		b.index[key] = int32(len(b.models))
		b.models = append(b.models, m)
		return
	}
	// Another record of the same model (a card and an API record, two cache
	// revisions): the first record's fields win, the later fill the gaps.
	b.merged++
	old := &b.models[i]
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&old.org, m.org}, {&old.date, m.date}, {&old.license, m.license}, {&old.lname, m.lname},
		{&old.licenseURL, m.licenseURL}, {&old.library, m.library}, {&old.pipeline, m.pipeline},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	// Bases whose relation a source states beat bases whose relation was inferred.
	if len(old.bases) == 0 || len(m.bases) > 0 && !old.bases[0].stated && m.bases[0].stated {
		old.bases = m.bases
	}
}

// date is the date part of createdAt, when it is a valid date.
func (b *Builder) date(r Record) string {
	s := strings.TrimSpace(r.CreatedAt)
	if s == "" {
		return ""
	}
	if len(s) > 10 {
		s = s[:10]
	}
	if _, err := graph.ParseDate(s); err != nil || len(s) != 10 {
		b.Report(r.at(), "createdAt %q is not a date; left empty", clip(r.CreatedAt, 40))
		return ""
	}
	return s
}

// license returns the licence ids (from the card, else the license: tags), the
// licence name and a web address of the licence text.
func (b *Builder) license(r Record, id string) (lic, name, link string) {
	ids := r.Card.License
	if len(ids) == 0 {
		for _, t := range r.Tags {
			if v, ok := strings.CutPrefix(t, "license:"); ok {
				ids = append(ids, v)
			}
		}
	}
	var out []string
	for _, l := range ids {
		l = strings.ToLower(strings.TrimSpace(l))
		if !licenseID(l) {
			b.Report(r.at(), "license %q is not a licence id; ignored", clip(l, 40))
			continue
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	name = clean(r.Card.LicenseName, 96)
	link = strings.TrimSpace(r.Card.LicenseLink)
	switch {
	case link == "":
	case graph.IsWebURL(link):
		link = clean(link, 512)
	case repoFile(link):
		link = ModelURL(id) + "/blob/main/" + strings.TrimPrefix(link, "./")
	default:
		b.Report(r.at(), "license_link %q is neither a web address nor a file of the repository; ignored", clip(link, 60))
		link = ""
	}
	return strings.Join(out, ";"), name, link
}

// licenseID accepts the shape of Hugging Face licence ids: "apache-2.0", "llama3.1",
// "cc-by-nc-4.0", "other".
func licenseID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '+') {
			return false
		}
	}
	return true
}

// repoFile accepts a plain relative file name in a repository ("LICENSE",
// "./LICENSE.md", "docs/LICENSE.txt").
func repoFile(s string) bool {
	s = strings.TrimPrefix(s, "./")
	if s == "" || len(s) > 200 || strings.Contains(s, "..") || strings.HasPrefix(s, "/") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./", c)) {
			return false
		}
	}
	return true
}

// baseSource returns the base ids a record names, as given: the card's
// base_model, else the Hub's baseModels, else the base_model: tags; and the
// relation it states for them, with where that relation was found.
func baseSource(r Record) (raw []string, stated, from string) {
	type tagged struct{ id, rel string }
	var tags []tagged
	for _, t := range r.Tags {
		v, ok := strings.CutPrefix(t, "base_model:")
		if !ok {
			continue
		}
		rel, bid, two := strings.Cut(v, ":")
		if !two {
			bid, rel = v, ""
		}
		tags = append(tags, tagged{bid, rel})
	}
	raw, stated, from = r.Card.BaseModel, r.Card.Relation, "base_model_relation"
	switch {
	case len(raw) > 0:
	case len(r.BaseModels) > 0:
		raw = r.BaseModels
		if stated == "" {
			stated, from = r.BaseRelation, "baseModels.relation"
		}
	default:
		for _, t := range tags {
			if !slices.Contains(raw, t.id) {
				raw = append(raw, t.id)
			}
		}
	}
	if stated == "" {
		// The tags state one relation per base; a model has one relation to all.
		for _, t := range tags {
			if t.rel != "" && slices.Contains(raw, t.id) {
				return raw, t.rel, "tag base_model:RELATION:ID"
			}
		}
	}
	return raw, stated, from
}

// bases reads the record's base models and the relation to each.
func (b *Builder) bases(r Record, id, name string) []base {
	raw, stated, from := baseSource(r)
	if len(raw) == 0 {
		return nil
	}
	if len(raw) > 1000 {
		b.Report(r.at(), "%d base models; only the first 1000 are read", len(raw))
		raw = raw[:1000]
	}
	rel, note := graph.Relation(""), ""
	if stated != "" {
		if hr, ok := hubRelations[strings.ToLower(strings.TrimSpace(stated))]; ok {
			rel = hr
		} else {
			b.Report(r.at(), "%s: unknown relation %q (the Hub knows adapter, finetune, merge, quantized); the relation is inferred instead", from, clip(stated, 40))
			note = fmt.Sprintf("the card's relation %q is unknown; ", clip(clean(stated, 40), 40))
		}
	}
	if rel == "" {
		r2, why := inferRelation(&r, name, len(raw))
		rel = r2
		note += "relation inferred as the Hub does: " + why
	}
	var out []base
	for _, s := range raw {
		bid, err := NormalizeID(s)
		if err != nil {
			b.Report(r.at(), "base_model: %v; ignored", err)
			continue
		}
		if strings.EqualFold(bid, id) {
			b.Report(r.at(), "self-loop: %s names itself as its base model; edge dropped", id)
			continue
		}
		if slices.ContainsFunc(out, func(x base) bool { return strings.EqualFold(x.id, bid) }) {
			continue
		}
		out = append(out, base{id: bid, rel: rel, note: b.intern(note), stated: note == ""})
	}
	return out
}

// Dataset finishes the build: it adds placeholders for bases that were not
// imported, drops edges that would close a lineage cycle, and sorts the rows.
// The Builder must not be used afterwards.
func (b *Builder) Dataset() *Dataset {
	d := &Dataset{Imported: len(b.models), Skipped: b.skipped, Merged: b.merged}
	n := len(b.models)
	for i := 0; i < n; i++ {
		for k := range b.models[i].bases {
			bs := &b.models[i].bases[k]
			key := idKey(bs.id)
			p, ok := b.index[key]
			if !ok {
				org, _ := SplitID(bs.id)
				p = int32(len(b.models))
				b.index[key] = p
				b.models = append(b.models, entry{id: bs.id, org: org, refBy: b.models[i].id})
			}
			bs.from = p
		}
	}
	d.Placeholders = len(b.models) - n
	// The Hub treats ids without regard to case: a base named in another case
	// than its repository's id is that repository.
	for i := 0; i < n; i++ {
		for k := range b.models[i].bases {
			bs := &b.models[i].bases[k]
			if canon := b.models[bs.from].id; canon != bs.id {
				bs.id = canon
			}
		}
	}
	b.dropCycles()

	d.order = make([]int32, len(b.models))
	for i := range d.order {
		d.order[i] = int32(i)
		d.nEdges += len(b.models[i].bases)
	}
	slices.SortFunc(d.order, func(x, y int32) int { return strings.Compare(b.models[x].id, b.models[y].id) })
	d.entries = b.models
	d.Problems = b.problems
	b.models, b.index = nil, nil
	return d
}

// dropCycles removes, and reports, the edges that would close a lineage cycle.
// Only edges inside a strongly connected component can; those are taken in order
// of child id, then parent id, and each is kept unless its child already reaches
// its parent through the edges kept before it.
func (b *Builder) dropCycles() {
	n := len(b.models)
	// Out-edges of each parent in compressed rows: targets[start[v]:start[v+1]].
	start := make([]int32, n+1)
	for i := range b.models {
		for _, bs := range b.models[i].bases {
			start[bs.from+1]++
		}
	}
	for v := 1; v <= n; v++ {
		start[v] += start[v-1]
	}
	targets := make([]int32, start[n])
	fill := slices.Clone(start[:n])
	for i := range b.models {
		for _, bs := range b.models[i].bases {
			p := bs.from
			targets[fill[p]] = int32(i)
			fill[p]++
		}
	}
	fill = nil
	type edge struct{ from, to int32 }
	drop := map[edge]bool{}
	for _, comp := range graph.StrongComponents(n, start, targets) {
		in := map[int32]bool{}
		for _, v := range comp {
			in[v] = true
		}
		var inner []edge
		for _, v := range comp {
			for _, w := range targets[start[v]:start[v+1]] {
				if in[w] {
					inner = append(inner, edge{v, w})
				}
			}
		}
		slices.SortFunc(inner, func(x, y edge) int {
			if c := strings.Compare(b.models[x.to].id, b.models[y.to].id); c != 0 {
				return c
			}
			return strings.Compare(b.models[x.from].id, b.models[y.from].id)
		})
		accepted := map[int32][]int32{} // parent -> children, among kept inner edges
		for _, e := range inner {
			path := findPath(accepted, e.to, e.from)
			if path == nil {
				accepted[e.from] = append(accepted[e.from], e.to)
				continue
			}
			drop[e] = true
			ids := make([]string, 0, len(path)+1)
			for _, v := range path {
				ids = append(ids, b.models[v].id)
			}
			ids = append(ids, b.models[e.to].id)
			child := &b.models[e.to]
			b.Report(child.where.String(), "edge %s -> %s dropped: it would close the lineage cycle %s",
				b.models[e.from].id, child.id, strings.Join(ids, " -> "))
		}
	}
	for e := range drop {
		child := &b.models[e.to]
		child.bases = slices.DeleteFunc(child.bases, func(bs base) bool { return bs.from == e.from })
	}
}

// findPath returns the vertices of a path from a to b in adj (breadth first), or nil.
func findPath(adj map[int32][]int32, a, b int32) []int32 {
	prev := map[int32]int32{a: -1}
	queue := []int32{a}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v == b {
			var path []int32
			for ; v != -1; v = prev[v] {
				path = append(path, v)
			}
			slices.Reverse(path)
			return path
		}
		for _, w := range adj[v] {
			if _, seen := prev[w]; !seen {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return nil
}

// clean makes untrusted text fit for one CSV cell: valid UTF-8, no control
// characters, no surrounding space, at most n runes.
func clean(s string, n int) string {
	if s == "" {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return clip(strings.TrimSpace(s), n)
}

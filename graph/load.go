package graph

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// Input is one CSV file to load: the name used in messages and its contents.
type Input struct {
	Name   string    // e.g. "data/nodes.csv"; shown in every problem
	Reader io.Reader // the CSV text, UTF-8, with a header row
}

// nodeColumns are the columns of nodes.csv this package understands; others become Attrs.
var nodeColumns = []string{"id", "name", "aliases", "org", "date", "params", "arch", "stage", "access", "description", "url", "source"}

// edgeColumns are the columns of edges.csv this package understands.
var edgeColumns = []string{"from", "to", "relation", "note", "source"}

// knownAccess is the access vocabulary of design.md.
var knownAccess = map[string]bool{"open": true, "limited": true, "api": true, "closed": true}

// Load reads a dataset and builds its Lineage. It reads both files to the end and
// reports every problem it finds. When any problem is an error it returns a nil
// Lineage and a Problems error listing every problem, warnings included; otherwise
// the warnings are available from the Lineage's Problems method.
//
// Load never panics on any input.
func Load(nodes, edges Input) (*Lineage, error) {
	return LoadAt(nodes, edges, time.Now())
}

// LoadFiles loads the dataset in the files at nodesPath and edgesPath, naming
// them by their paths in problems. An error opening either file wraps the
// os error (errors.Is(err, fs.ErrNotExist) tells a missing file).
func LoadFiles(nodesPath, edgesPath string) (*Lineage, error) {
	nf, err := os.Open(nodesPath)
	if err != nil {
		return nil, err
	}
	defer nf.Close()
	ef, err := os.Open(edgesPath)
	if err != nil {
		return nil, err
	}
	defer ef.Close()
	return Load(Input{Name: nodesPath, Reader: nf}, Input{Name: edgesPath, Reader: ef})
}

// LoadAt is Load with the day against which future release dates are judged.
func LoadAt(nodes, edges Input, now time.Time) (*Lineage, error) {
	// The two files are independent until build: parse them side by side.
	var ps, edgePs Problems
	rd := &reading{}
	var es []Edge
	done := make(chan struct{})
	go func() {
		defer close(done)
		es = readEdges(edges, &edgePs)
	}()
	models := readNodes(nodes, now, &ps, rd)
	<-done
	ps = append(ps, edgePs...)
	l := build(models, es, nodes.Name, edges.Name, &ps, rd)
	ps.sort(nodes.Name, edges.Name)
	if ps.Errors() > 0 {
		return nil, ps
	}
	l.problems = ps
	return l, nil
}

// New builds a Lineage from models and edges made in code, with the same checks as
// Load. Problems name the files "nodes" and "edges" with the Line fields as given.
func New(models []Model, edges []Edge) (*Lineage, error) {
	var ps Problems
	ms := make([]*Model, len(models))
	for i := range models {
		m := models[i]
		ms[i] = &m
	}
	es := make([]Edge, len(edges))
	for i, e := range edges {
		e.Relation = canonicalRelation(string(e.Relation))
		es[i] = e
	}
	l := build(ms, es, "nodes", "edges", &ps, &reading{})
	ps.sort("nodes", "edges")
	if ps.Errors() > 0 {
		return nil, ps
	}
	l.problems = ps
	return l, nil
}

// reading records what the nodes file could not deliver, so that edges to models
// lost to an earlier error are not reported a second time as unknown.
type reading struct {
	incomplete bool            // the file stopped early (bad header, bad quoting, I/O)
	lostIDs    map[string]bool // ids of rows dropped for a row-level error
}

// table reads one CSV file: it checks the header and hands each row's fields,
// by known column, to fn.
type table struct {
	name   string
	r      *csv.Reader
	cols   map[string]int // known column -> field index
	known  []knownCol     // the same, as a slice for the per-cell lookups
	extra  []int          // field indexes of unknown columns
	header []string
	ps     *Problems
	// onLost receives the id (possibly "") of a row dropped for a row-level error.
	onLost func(id string)
	// onExtra receives the unknown columns of the row just handed to rows' fn.
	onExtra func([]Attr)
}

func (t *table) add(line, col int, sev Severity, format string, args ...any) {
	*t.ps = append(*t.ps, Problem{File: t.name, Line: line, Column: col, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

// open reads the header. It returns false when the file cannot be read as a table.
func openTable(in Input, known, required []string, ps *Problems) (*table, bool) {
	t := &table{name: in.Name, ps: ps, cols: map[string]int{}}
	if in.Reader == nil {
		t.add(0, 0, Error, "no input")
		return t, false
	}
	t.r = csv.NewReader(skipBOM(in.Reader))
	t.r.FieldsPerRecord = -1
	t.r.ReuseRecord = true
	t.r.TrimLeadingSpace = true // `a, "b, c"` is a common hand-written form
	header, err := t.r.Read()
	if err == io.EOF {
		t.add(1, 0, Error, "empty file: want a header row with columns %s", strings.Join(required, ", "))
		return t, false
	}
	if err != nil {
		t.csvError(err)
		return t, false
	}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	ok := true
	seen := map[string]int{}
	t.header = make([]string, len(header))
	for i, h := range header {
		_, col := t.r.FieldPos(i)
		h = strings.ToLower(strings.TrimSpace(h))
		t.header[i] = h
		switch {
		case !utf8.ValidString(h):
			t.add(1, col, Error, "header: invalid UTF-8 in column name")
			ok = false
			continue
		case h == "":
			t.add(1, col, Error, "header: column %d has no name", i+1)
			ok = false
			continue
		}
		if first, dup := seen[h]; dup {
			t.add(1, col, Error, "header: duplicate column %q (also column %d)", h, first+1)
			ok = false
			continue
		}
		seen[h] = i
		if isKnown[h] {
			t.cols[h] = i
		} else {
			t.extra = append(t.extra, i)
		}
	}
	for _, k := range known {
		if i, has := t.cols[k]; has {
			t.known = append(t.known, knownCol{k, i})
		}
	}
	for _, r := range required {
		if _, has := t.cols[r]; !has {
			t.add(1, 0, Error, "header: missing required column %q (header is %q; want at least %s)",
				r, strings.Join(header, ","), strings.Join(required, ","))
			ok = false
		}
	}
	return t, ok
}

type knownCol struct {
	name string
	i    int
}

// skipBOM drops a leading UTF-8 byte order mark, as spreadsheet exports write one.
func skipBOM(r io.Reader) io.Reader {
	var buf [3]byte
	n, err := io.ReadFull(r, buf[:])
	if n == 3 && bytes.Equal(buf[:], []byte("\ufeff")) {
		return r
	}
	rest := io.MultiReader(bytes.NewReader(buf[:n]), r)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return io.MultiReader(rest, errReader{err})
	}
	return rest
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func (t *table) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `bad quoting: a " inside a field that is not quoted (quote the field and double the inner ")`
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `bad quoting: a quoted field is not closed or has text after its closing "`
		}
		t.add(pe.Line, pe.Column, Error, "%s; rest of file not read", msg)
		return
	}
	t.add(0, 0, Error, "read: %v", err)
}

// rows calls fn for every well-formed data row with its line number.
func (t *table) rows(fn func(line int, get func(col string) (string, int))) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.csvError(err)
			return
		}
		line, _ := t.r.FieldPos(0)
		if len(rec) != len(t.header) {
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue // a blank line
			}
			t.add(line, 0, Error, "row has %d fields, header has %d", len(rec), len(t.header))
			t.lost(rec)
			continue
		}
		bad := false
		for i, f := range rec {
			if !utf8.ValidString(f) {
				l, c := t.r.FieldPos(i)
				t.add(l, c, Error, "invalid UTF-8 in column %q", t.header[i])
				bad = true
			}
		}
		if bad {
			t.lost(rec)
			continue
		}
		fn(line, func(col string) (string, int) {
			i := t.pos(col)
			if i < 0 {
				return "", 0
			}
			_, c := t.r.FieldPos(i)
			return strings.TrimSpace(rec[i]), c
		})
		if len(t.extra) > 0 && t.onExtra != nil {
			attrs := make([]Attr, 0, len(t.extra))
			for _, i := range t.extra {
				attrs = append(attrs, Attr{Key: t.header[i], Value: strings.TrimSpace(rec[i])})
			}
			t.onExtra(attrs)
		}
	}
}

// pos returns the field index of a known column, or -1. Known columns are few, so
// a linear scan of a small slice beats hashing the name for every cell.
func (t *table) pos(col string) int {
	for _, c := range t.known {
		if c.name == col {
			return c.i
		}
	}
	return -1
}

// lost reports the id of a dropped row to onLost, when the row has a readable id.
func (t *table) lost(rec []string) {
	if i, ok := t.cols["id"]; ok && i < len(rec) && t.onLost != nil {
		t.onLost(strings.TrimSpace(rec[i]))
	}
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func readNodes(in Input, now time.Time, ps *Problems, rd *reading) []*Model {
	before := ps.Errors()
	defer func() {
		// Any file-level error (header, quoting, I/O) means rows may be missing.
		for _, p := range (*ps)[before:] {
			if p.Severity == Error && (p.Line <= 1 || strings.Contains(p.Msg, "rest of file not read")) {
				rd.incomplete = true
			}
		}
	}()
	t, ok := openTable(in, nodeColumns, []string{"id", "name"}, ps)
	if !ok {
		rd.incomplete = true
		return nil
	}
	t.onLost = func(id string) {
		if rd.lostIDs == nil {
			rd.lostIDs = map[string]bool{}
		}
		rd.lostIDs[id] = true
	}
	_, hasSource := t.cols["source"]
	if !hasSource {
		t.add(1, 0, Warning, "header: no source column, so no row says where its facts come from")
	}
	var models []*Model
	var last *Model
	t.onExtra = func(attrs []Attr) {
		if last != nil {
			last.Attrs = attrs
		}
	}
	t.rows(func(line int, get func(string) (string, int)) {
		last = nil
		id, idCol := get("id")
		name, nameCol := get("name")
		if id == "" {
			t.add(line, idCol, Error, "empty id")
			return
		}
		if name == "" {
			t.add(line, nameCol, Error, "model %q has an empty name", id)
		}
		m := &Model{ID: id, Name: name, Line: line, idCol: idCol}
		aliases, _ := get("aliases")
		m.Aliases = splitList(aliases)
		orgs, _ := get("org")
		m.Orgs = splitList(orgs)
		params, _ := get("params")
		m.Params = splitList(params)
		m.Arch, _ = get("arch")
		m.Stage, _ = get("stage")
		m.Description, _ = get("description")
		m.Source, _ = get("source")
		date, dateCol := get("date")
		d, err := ParseDate(date)
		if err != nil {
			t.add(line, dateCol, Error, "model %q: %v", id, err)
		} else if d.After(now) {
			t.add(line, dateCol, Warning, "model %q: date %s is in the future", id, d)
		}
		m.Date = d
		access, accessCol := get("access")
		m.Access = strings.ToLower(access)
		if m.Access != "" && !knownAccess[m.Access] {
			t.add(line, accessCol, Warning, "model %q: unknown access %q (want open, limited, api or closed)", id, access)
		}
		url, urlCol := get("url")
		m.URL = url
		if url != "" && !IsWebURL(url) {
			t.add(line, urlCol, Warning, "model %q: url %q is not an http(s) address; it will not be linked", id, url)
		}
		if m.Source == "" && hasSource {
			_, c := get("source")
			t.add(line, c, Warning, "model %q has no source", id)
		}
		models = append(models, m)
		last = m
	})
	return models
}

// IsWebURL reports whether s is an absolute http or https URL, the only kind that
// renderers turn into links.
func IsWebURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) &&
		!strings.ContainsAny(s, " \t\r\n<>\"")
}

func readEdges(in Input, ps *Problems) []Edge {
	t, ok := openTable(in, edgeColumns, []string{"from", "to", "relation"}, ps)
	if !ok {
		return nil
	}
	if len(t.extra) > 0 {
		for _, i := range t.extra {
			_, c := t.r.FieldPos(i)
			t.add(1, c, Warning, "header: unknown column %q is ignored (known: %s)", t.header[i], strings.Join(edgeColumns, ","))
		}
	}
	_, hasSource := t.cols["source"]
	if !hasSource {
		t.add(1, 0, Warning, "header: no source column, so no edge says where it is stated")
	}
	// Unknown relations are reported once per name, at their first use: a user's
	// registry may use its own relation on every row.
	type unknownRel struct{ line, col, n int }
	unknown := map[Relation]*unknownRel{}
	var order []Relation
	defer func() {
		for _, r := range order {
			u := unknown[r]
			uses := ""
			if u.n > 1 {
				uses = fmt.Sprintf(" (%d edges, first here)", u.n)
			}
			t.add(u.line, u.col, Warning, "unknown relation %q%s counts as lineage (known: %s)", r, uses, relationList())
		}
	}()
	var edges []Edge
	t.rows(func(line int, get func(string) (string, int)) {
		from, fromCol := get("from")
		to, toCol := get("to")
		rel, relCol := get("relation")
		bad := false
		if from == "" {
			t.add(line, fromCol, Error, "empty from")
			bad = true
		}
		if to == "" {
			t.add(line, toCol, Error, "empty to")
			bad = true
		}
		if rel == "" {
			t.add(line, relCol, Error, "empty relation")
			bad = true
		}
		if bad {
			return
		}
		e := Edge{From: from, To: to, Relation: canonicalRelation(rel), Line: line, cols: [2]int{fromCol, toCol}}
		if !e.Relation.Known() {
			u, seen := unknown[e.Relation]
			if !seen {
				u = &unknownRel{line: line, col: relCol}
				unknown[e.Relation] = u
				order = append(order, e.Relation)
			}
			u.n++
		}
		e.Note, _ = get("note")
		src, srcCol := get("source")
		e.Source = src
		if src == "" && hasSource {
			t.add(line, srcCol, Warning, "edge %s -> %s has no source", from, to)
		}
		edges = append(edges, e)
	})
	return edges
}

func relationList() string {
	var s []string
	for _, r := range KnownRelations() {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

package graph

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Input is one CSV file to load: the name used in messages and its contents.
type Input struct {
	Name   string    // e.g. "data/nodes.csv"; shown in every problem
	Reader io.Reader // the CSV text, UTF-8, with a header row
}

// edgeColumns are the columns of edges.csv this package understands.
var edgeColumns = []string{"from", "to", "relation", "note", "source"}

// knownAccess is the access vocabulary of design.md.
var knownAccess = map[string]bool{"open": true, "limited": true, "api": true, "closed": true}

// maxFile is the largest nodes.csv the loader takes: rows are addressed by 32-bit offsets.
const maxFile = math.MaxUint32 >> 1

// Load reads a dataset and builds its Lineage. It reads both files to the end and
// reports every problem it finds. When any problem is an error it returns a nil
// Lineage and a Problems error listing every problem, warnings included; otherwise
// the warnings are available from the Lineage's Problems method.
//
// Load never panics on any input.
func Load(nodes, edges Input) (*Lineage, error) {
	return LoadAt(nodes, edges, time.Now())
}

// LoadAt is Load with the day against which future release dates are judged.
func LoadAt(nodes, edges Input, now time.Time) (*Lineage, error) {
	ld := newLoader(nodes.Name, edges.Name, now)
	if nodes.Reader == nil {
		ld.add(nodes.Name, 0, 0, Error, "no input")
		ld.incomplete = true
	} else if nb, err := io.ReadAll(nodes.Reader); err != nil {
		ld.add(nodes.Name, 0, 0, Error, "read: %v", err)
		ld.incomplete = true
	} else {
		ld.readNodes(nb)
	}
	if edges.Reader == nil {
		ld.add(edges.Name, 0, 0, Error, "no input")
	} else {
		ld.readEdges(edges.Reader)
	}
	return ld.finish()
}

// loader reads one dataset: nodes.csv whole, then edges.csv as a stream.
type loader struct {
	nodesName, edgesName string
	now                  time.Time
	ps                   Problems
	s                    *store
	dates                []uint32 // model -> packed date (see packDate), for the date order check
	incomplete           bool     // nodes.csv stopped early: unknown ids may be its lost rows
	lostIDs              map[string]bool
	hints                int
	l                    *Lineage // the lineage under construction, for id hints
	pend                 pendingEdges
	edgeHint             int    // expected number of edges, to size the arrays once
	minFuture            uint32 // earliest packed date after now, 0 when none
}

// pendingEdges are the edges read so far, before the checks that span rows.
type pendingEdges struct {
	ends [][2]int32
	rel  []uint16
	line []uint32
	cols [][2]uint32 // columns of the from and to fields
	aux  []uint32
	pre  []Edge // edges made in code
}

func newLoader(nodesName, edgesName string, now time.Time) *loader {
	ld := &loader{nodesName: nodesName, edgesName: edgesName, now: now}
	ld.s = &store{cols: &nodeCols{}}
	ld.l = &Lineage{s: ld.s, names: &nameIndex{}}
	return ld
}

func (ld *loader) add(file string, line, col int, sev Severity, format string, args ...any) {
	ld.ps = append(ld.ps, Problem{File: file, Line: line, Column: col, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

// csvError reports a malformed record; the rest of its file is not read.
func (ld *loader) csvError(file string, e *csvError) {
	msg := `bad quoting: a " inside a field that is not quoted (quote the field and double the inner ")`
	switch e.kind {
	case csvExtraQuote:
		msg = `bad quoting: text after the closing " of a quoted field (double a " that belongs to the text)`
	case csvUnclosed:
		msg = `bad quoting: this quoted field is never closed`
	}
	ld.add(file, e.line, e.col, Error, "%s; rest of file not read", msg)
}

// records reads CSV records from a reader in windows, refilling as it goes.
type records struct {
	r    io.Reader
	buf  []byte
	sc   *scanner
	base int64 // offset of buf[0] in the stream
	err  error // read error, other than io.EOF
	// validWin says whether the window validFor points to is valid UTF-8.
	win, validFor int
	validWin      bool
}

func newRecords(r io.Reader) *records {
	rr := &records{r: r, buf: make([]byte, 0, 1<<20), validFor: -1}
	rr.sc = newScanner(nil, 1, false)
	return rr
}

// wholeRecords reads records from bytes already in memory.
func wholeRecords(b []byte) *records {
	return &records{sc: newScanner(b, 1, true), validFor: -1}
}

// next reads a record into rr.sc.fields; false means the end, a malformed
// record (rr.sc.err) or a read error (rr.err).
func (rr *records) next() bool {
	for {
		ok, incomplete := rr.sc.next()
		if !incomplete {
			return ok
		}
		if !rr.refill() {
			return false
		}
	}
}

func (rr *records) refill() bool {
	if rr.r == nil {
		return false
	}
	sc := rr.sc
	rest := len(rr.buf) - sc.pos
	buf := rr.buf
	if sc.pos == 0 && len(buf) == cap(buf) {
		buf = make([]byte, len(buf), 2*cap(buf)+4096)
	}
	copy(buf, rr.buf[sc.pos:])
	rr.base += int64(sc.pos)
	buf = buf[:rest]
	atEOF := false
	for len(buf) < cap(buf) {
		n, err := rr.r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			atEOF = true
			break
		}
		if err != nil {
			rr.err = err
			return false
		}
	}
	rr.buf = buf
	rr.win++
	line := sc.line
	*sc = scanner{src: buf, line: line, atEOF: atEOF, fields: sc.fields[:0]}
	return true
}

// valid reports whether the whole window holds valid UTF-8, checked once per window.
func (rr *records) valid() bool {
	if rr.validFor != rr.win {
		rr.validFor, rr.validWin = rr.win, utf8.Valid(rr.sc.src)
	}
	return rr.validWin
}

// trimmed returns a field's value with surrounding white space removed.
func trimmed(f csvField) string { return strings.TrimSpace(bytesString(f.val)) }

// header reads and checks a header row. names are lower-cased; index maps the
// known names to field indexes (-1 when absent). ok is false when the file cannot
// be read as a table.
func (ld *loader) header(file string, rr *records, known, required []string) (names []string, index []int, extra []int, ok bool) {
	if !rr.next() {
		switch {
		case rr.sc.err != nil:
			ld.csvError(file, rr.sc.err)
		case rr.err != nil:
			ld.add(file, 0, 0, Error, "read: %v", rr.err)
		default:
			ld.add(file, 1, 0, Error, "empty file: want a header row with columns %s", strings.Join(required, ", "))
		}
		return nil, nil, nil, false
	}
	fields := rr.sc.fields
	hline := rr.sc.recLine
	ok = true
	seen := map[string]int{}
	raw := make([]string, len(fields))
	names = make([]string, len(fields))
	index = make([]int, len(known))
	for i := range index {
		index[i] = -1
	}
	for i, f := range fields {
		raw[i] = string(f.val)
		if !utf8.Valid(f.val) {
			ld.add(file, f.line, f.col, Error, "header: invalid UTF-8 in column name")
			ok = false
			continue
		}
		h := strings.ToLower(strings.TrimSpace(raw[i]))
		names[i] = h
		if h == "" {
			ld.add(file, f.line, f.col, Error, "header: column %d has no name", i+1)
			ok = false
			continue
		}
		if first, dup := seen[h]; dup {
			ld.add(file, f.line, f.col, Error, "header: duplicate column %q (also column %d)", h, first+1)
			ok = false
			continue
		}
		seen[h] = i
		k := -1
		for j, name := range known {
			if name == h {
				k = j
			}
		}
		if k >= 0 {
			index[k] = i
		} else {
			extra = append(extra, i)
		}
	}
	for _, r := range required {
		if _, has := seen[r]; !has {
			ld.add(file, hline, 0, Error, "header: missing required column %q (header is %q; want at least %s)",
				r, strings.Join(raw, ","), strings.Join(required, ","))
			ok = false
		}
	}
	return names, index, extra, ok
}

// row checks a data row's shape: blank is true for a line of white space only,
// bad for a row with the wrong number of fields or invalid UTF-8 (reported).
func (ld *loader) row(file string, fields []csvField, header []string, line int, valid bool) (blank, bad bool) {
	if len(fields) != len(header) {
		if len(fields) == 1 && trimmed(fields[0]) == "" {
			return true, false
		}
		ld.add(file, line, 0, Error, "row has %d fields, header has %d", len(fields), len(header))
		return false, true
	}
	if valid {
		return false, false
	}
	for i, f := range fields {
		if !utf8.Valid(f.val) {
			ld.add(file, f.line, f.col, Error, "invalid UTF-8 in column %q", header[i])
			bad = true
		}
	}
	return false, bad
}

// fieldAt returns the trimmed value and position of field i (i < 0: absent).
func fieldAt(fields []csvField, i int, line int) (string, int, int) {
	if i < 0 || i >= len(fields) {
		return "", line, 0
	}
	return trimmed(fields[i]), fields[i].line, fields[i].col
}

// skipBOM returns where the text of b starts: after a UTF-8 byte order mark,
// as spreadsheet exports write one.
func skipBOM(b []byte) int {
	if bytes.HasPrefix(b, []byte("\ufeff")) {
		return 3
	}
	return 0
}

// readNodes reads nodes.csv, whole, into the store's model arrays.
func (ld *loader) readNodes(nb []byte) {
	file := ld.nodesName
	s := ld.s
	if len(nb) > maxFile {
		ld.add(file, 0, 0, Error, "file is larger than %d bytes", maxFile)
		ld.incomplete = true
		return
	}
	s.nodes = nb
	rr := wholeRecords(nb)
	rr.sc.pos = skipBOM(nb)
	names, index, extra, ok := ld.header(file, rr, nodeColumnNames[:], []string{"id", "name"})
	if !ok {
		ld.incomplete = true
		return
	}
	if len(names) > math.MaxInt16 {
		ld.add(file, rr.sc.recLine, 0, Error, "header: %d columns; at most %d", len(names), math.MaxInt16)
		ld.incomplete = true
		return
	}
	c := s.cols
	c.header, c.extra = names, extra
	for k, i := range index {
		c.known[k] = int16(i)
	}
	hasSource := index[colSource] >= 0
	if !hasSource {
		ld.add(file, rr.sc.recLine, 0, Warning, "header: no source column, so no row says where its facts come from")
	}
	rows := bytes.Count(nb, []byte{'\n'}) + 1
	s.tab = make([]uint64, tableSize(rows))
	s.idOff, s.idLen = make([]uint32, 0, rows), make([]uint32, 0, rows)
	s.rowOff, s.line = make([]uint32, 0, rows), make([]uint32, 0, rows)
	ld.dates = make([]uint32, 0, rows)
	valid := utf8.Valid(nb) // then no field needs checking
	base := uintptr(unsafe.Pointer(unsafe.SliceData(nb)))
	for rr.next() {
		fields := rr.sc.fields
		line := rr.sc.recLine
		blank, bad := ld.row(file, fields, names, line, valid)
		if blank {
			continue
		}
		if bad {
			ld.lost(fields, index[colID])
			continue
		}
		get := func(k int) (string, int, int) { return fieldAt(fields, index[k], line) }
		id, idLine, idCol := get(colID)
		name, nameLine, nameCol := get(colName)
		if id == "" {
			ld.add(file, idLine, idCol, Error, "empty id")
			continue
		}
		if name == "" {
			ld.add(file, nameLine, nameCol, Error, "model %q has an empty name", id)
		}
		date, dLine, dCol := get(colDate)
		d, err := ParseDate(date)
		if err != nil {
			ld.add(file, dLine, dCol, Error, "model %q: %v", id, err)
		} else if d.After(ld.now) {
			ld.add(file, dLine, dCol, Warning, "model %q: date %s is in the future", id, d)
			if p := packDate(d); ld.minFuture == 0 || p < ld.minFuture {
				ld.minFuture = p
			}
		}
		access, aLine, aCol := get(colAccess)
		if a := strings.ToLower(access); a != "" && !knownAccess[a] {
			ld.add(file, aLine, aCol, Warning, "model %q: unknown access %q (want open, limited, api or closed)", id, access)
		}
		if url, uLine, uCol := get(colURL); url != "" && !IsWebURL(url) {
			ld.add(file, uLine, uCol, Warning, "model %q: url %q is not an http(s) address; it will not be linked", id, url)
		}
		if src, sLine, sCol := get(colSource); src == "" && hasSource {
			ld.add(file, sLine, sCol, Warning, "model %q has no source", id)
		}
		// The model: its row's offset and its id's place in the bytes.
		i := int32(s.n)
		p := uintptr(unsafe.Pointer(unsafe.StringData(id)))
		if p >= base && p < base+uintptr(len(nb)) {
			s.idOff = append(s.idOff, uint32(p-base))
		} else {
			s.idOff = append(s.idOff, uint32(len(s.idExtra))|idBit)
			s.idExtra = append(s.idExtra, id...)
		}
		s.idLen = append(s.idLen, uint32(len(id)))
		s.n++
		if first, fresh := s.insert(i); !fresh {
			s.n--
			s.idOff, s.idLen = s.idOff[:i], s.idLen[:i]
			ld.add(file, idLine, idCol, Error, "duplicate id %q (first defined on line %d)", id, s.line[first])
			continue
		}
		s.rowOff = append(s.rowOff, uint32(rr.sc.recPos))
		s.line = append(s.line, uint32(line))
		ld.dates = append(ld.dates, packDate(d))
	}
	s.cache = make([]atomic.Pointer[Model], s.n)
	if rr.sc.err != nil {
		ld.csvError(file, rr.sc.err)
		ld.incomplete = true
	}
}

// lost records the id of a row dropped for an error already reported, so that
// edges to it are not reported a second time.
func (ld *loader) lost(fields []csvField, idField int) {
	if idField >= 0 && idField < len(fields) {
		if ld.lostIDs == nil {
			ld.lostIDs = map[string]bool{}
		}
		ld.lostIDs[string(bytes.TrimSpace(fields[idField].val))] = true
	}
}

// packDate packs a date into an integer that orders as the date does; 0 when unknown.
func packDate(d Date) uint32 { return uint32(d.Year)<<9 | uint32(d.Month)<<5 | uint32(d.Day) }

// dateSpan returns the first and last day (packed) a packed date can stand for:
// "2023" spans 2023-01-01 to 2023-12-31.
func dateSpan(p uint32) (first, last uint32) {
	y, m, d := p>>9, p>>5&15, p&31
	switch {
	case m == 0:
		return y<<9 | 1<<5 | 1, y<<9 | 12<<5 | 31
	case d == 0:
		return y<<9 | m<<5 | 1, y<<9 | m<<5 | 31
	}
	return p, p
}

func unpackDate(p uint32) Date {
	return Date{Year: int(p >> 9), Month: int(p >> 5 & 15), Day: int(p & 31)}
}

// IsWebURL reports whether s is an absolute http or https URL, the only kind that
// renderers turn into links.
func IsWebURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) &&
		!strings.ContainsAny(s, " \t\r\n<>\"")
}

// splitList splits a ;-separated list, dropping blank items: nil when none.
func splitList(s string) []string { return appendList(nil, s) }

// appendList appends the items of a ;-separated list to dst, dropping blank ones.
func appendList(dst []string, s string) []string {
	for s != "" {
		p := s
		if i := strings.IndexByte(s, ';'); i >= 0 {
			p, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if p = strings.TrimSpace(p); p != "" {
			dst = append(dst, p)
		}
	}
	return dst
}

// readEdges reads edges.csv as a stream and resolves each edge's ends.
func (ld *loader) readEdges(r io.Reader) {
	file := ld.edgesName
	rr := newRecords(r)
	// A byte order mark: read the first window and step over it.
	if rr.refill() {
		rr.sc.pos = skipBOM(rr.buf)
	}
	names, index, extra, ok := ld.header(file, rr, edgeColumns, []string{"from", "to", "relation"})
	if !ok {
		return
	}
	for _, i := range extra {
		f := rr.sc.fields[i]
		ld.add(file, f.line, f.col, Warning, "header: unknown column %q is ignored (known: %s)", names[i], strings.Join(edgeColumns, ","))
	}
	hasSource := index[4] >= 0
	if !hasSource {
		ld.add(file, rr.sc.recLine, 0, Warning, "header: no source column, so no edge says where it is stated")
	}
	// Unknown relations are reported once per name, at their first use: a user's
	// registry may use its own relation on every row.
	type unknownRel struct{ line, col, n int }
	unknown := map[Relation]*unknownRel{}
	var order []Relation
	relIndex := map[Relation]uint16{}
	s := ld.s
	if n := ld.edgeHint; n > 0 {
		p := &ld.pend
		p.ends, p.line, p.cols = make([][2]int32, 0, n), make([]uint32, 0, n), make([][2]uint32, 0, n)
		p.rel, p.aux = make([]uint16, 0, n), make([]uint32, 0, n)
	}
	for rr.next() {
		fields := rr.sc.fields
		line := rr.sc.recLine
		blank, bad := ld.row(file, fields, names, line, rr.valid())
		if blank || bad {
			continue
		}
		from, fLine, fromCol := fieldAt(fields, index[0], line)
		to, tLine, toCol := fieldAt(fields, index[1], line)
		rel, rLine, relCol := fieldAt(fields, index[2], line)
		if from == "" {
			ld.add(file, fLine, fromCol, Error, "empty from")
			bad = true
		}
		if to == "" {
			ld.add(file, tLine, toCol, Error, "empty to")
			bad = true
		}
		if rel == "" {
			ld.add(file, rLine, relCol, Error, "empty relation")
			bad = true
		}
		if bad {
			continue
		}
		relation := canonicalRelation(rel)
		ri, seen := relIndex[relation]
		if !seen {
			relation = Relation(strings.Clone(string(relation)))
			if len(s.rels) > math.MaxUint16 {
				ld.add(file, rLine, relCol, Error, "more than %d different relations", math.MaxUint16)
				continue
			}
			ri = uint16(len(s.rels))
			relIndex[relation] = ri
			s.rels = append(s.rels, relation)
			if !relation.Known() {
				unknown[relation] = &unknownRel{line: rLine, col: relCol}
				order = append(order, relation)
			}
		}
		if u := unknown[s.rels[ri]]; u != nil {
			u.n++
		}
		note, _, _ := fieldAt(fields, index[3], line)
		src, sLine, srcCol := fieldAt(fields, index[4], line)
		if src == "" && hasSource {
			ld.add(file, sLine, srcCol, Warning, "edge %s -> %s has no source", from, to)
		}
		var aux uint32
		if note != "" || src != "" {
			aux = uint32(len(s.aux)) + 1
			s.aux = appendUvarint(s.aux, uint64(len(note)))
			s.aux = append(s.aux, note...)
			s.aux = appendUvarint(s.aux, uint64(len(src)))
			s.aux = append(s.aux, src...)
		}
		ld.addEdge(from, to, line, [2]int{fromCol, toCol}, [2]int{fLine, tLine}, func(p *pendingEdges) {
			p.rel = append(p.rel, ri)
			p.aux = append(p.aux, aux)
		})
	}
	switch {
	case rr.sc.err != nil:
		ld.csvError(file, rr.sc.err)
	case rr.err != nil:
		ld.add(file, 0, 0, Error, "read: %v", rr.err)
	}
	for _, r := range order {
		u := unknown[r]
		uses := ""
		if u.n > 1 {
			uses = fmt.Sprintf(" (%d edges, first here)", u.n)
		}
		ld.add(file, u.line, u.col, Warning, "unknown relation %q%s counts as lineage (known: %s)", r, uses, relationList())
	}
}

// addEdge checks an edge's ends and, when both are models and differ, keeps it
// for the checks that span rows; more appends the edge's other columns.
func (ld *loader) addEdge(from, to string, line int, cols, lines [2]int, more func(*pendingEdges)) {
	s := ld.s
	var at [2]int32
	bad := false
	for k, end := range [2]struct{ col, id string }{{"from", from}, {"to", to}} {
		i, ok := s.lookup(end.id)
		at[k] = i
		if ok {
			continue
		}
		bad = true
		if ld.incomplete || ld.lostIDs[end.id] {
			continue // its row was lost to an error already reported
		}
		hint := ""
		if ld.hints < 20 { // suggestions cost a scan of all names: give them for the first few only
			hint = ld.l.idHint(end.id)
			ld.hints++
		}
		ld.add(ld.edgesName, lines[k], cols[k], Error, "%s: unknown model id %q%s", end.col, end.id, hint)
	}
	if bad {
		return
	}
	if at[0] == at[1] {
		ld.add(ld.edgesName, lines[0], cols[0], Error, "self-loop: %q derives from itself", from)
		return
	}
	p := &ld.pend
	p.ends = append(p.ends, at)
	p.line = append(p.line, uint32(line))
	p.cols = append(p.cols, [2]uint32{uint32(cols[0]), uint32(cols[1])})
	more(p)
}

// finish runs the checks that span rows (duplicate edges, dates against parents,
// lineage cycles) and returns the Lineage or the problems.
func (ld *loader) finish() (*Lineage, error) {
	s, p := ld.s, &ld.pend
	if s.cache == nil {
		s.cache = make([]atomic.Pointer[Model], s.n)
	}
	if s.tab == nil {
		s.tab = make([]uint64, tableSize(0))
	}
	s.ends = p.ends
	s.buildCSR()
	// Duplicate edges: the first of each pair stays.
	var drop []bool
	last := make([]int32, s.n) // model -> edge+1 last seen to it from the model being scanned
	for v := int32(0); v < int32(s.n); v++ {
		out := s.outOf(v)
		for _, ei := range out {
			w := s.ends[ei][1]
			if prev := last[w] - 1; prev >= 0 && s.ends[prev][0] == v {
				if drop == nil {
					drop = make([]bool, len(s.ends))
				}
				drop[ei] = true
				ld.add(ld.edgesName, int(p.line[ei]), int(p.cols[ei][0]), Error,
					"duplicate edge %s -> %s (first on line %d); keep one relation per pair and say the rest in its note",
					s.id(v), s.id(w), p.line[prev])
				continue
			}
			last[w] = int32(ei) + 1
		}
	}
	if drop != nil {
		k := 0
		for ei := range p.ends {
			if drop[ei] {
				continue
			}
			p.ends[k], p.line[k], p.cols[k] = p.ends[ei], p.line[ei], p.cols[ei]
			if p.pre != nil {
				p.pre[k] = p.pre[ei]
			} else {
				p.rel[k], p.aux[k] = p.rel[ei], p.aux[ei]
			}
			k++
		}
		p.ends, p.line, p.cols = p.ends[:k], p.line[:k], p.cols[:k]
		if p.pre != nil {
			p.pre = p.pre[:k]
		} else {
			p.rel, p.aux = p.rel[:k], p.aux[:k]
		}
		s.ends = p.ends
		s.buildCSR()
	}
	s.eline, s.epre = p.line, p.pre
	if p.pre == nil {
		s.rel = p.rel
		s.relLineage = make([]bool, len(s.rels))
		for i, r := range s.rels {
			s.relLineage[i] = r.Class() == LineageClass
		}
		if len(s.aux) > 0 {
			s.eaux = p.aux
		}
	}
	l := ld.l
	cycles, comp := l.lineageCycles()
	for _, cyc := range cycles {
		ids := make([]string, 0, len(cyc)+1)
		lines := make([]string, 0, len(cyc))
		for _, ei := range cyc {
			ids = append(ids, s.id(s.ends[ei][0]))
			lines = append(lines, fmt.Sprint(p.line[ei]))
		}
		ids = append(ids, s.id(s.ends[cyc[0]][0]))
		ld.add(ld.edgesName, int(p.line[cyc[0]]), int(p.cols[cyc[0]][0]), Error,
			"cycle through lineage edges: %s (edges on lines %s); a model cannot inherit weights from its own descendant",
			strings.Join(ids, " -> "), strings.Join(lines, ", "))
	}
	// A child dated before its parent through a lineage edge (an edge on a cycle
	// is wrong already). A date given to the year or month spans that period.
	for ei, e := range s.ends {
		if ld.dates == nil {
			break
		}
		pd, cd := ld.dates[e[0]], ld.dates[e[1]]
		if pd == 0 || cd == 0 || comp[e[0]] != 0 && comp[e[0]] == comp[e[1]] || s.relation(int32(ei)).Class() != LineageClass {
			continue
		}
		first, _ := dateSpan(pd)
		if _, last := dateSpan(cd); last < first {
			ld.add(ld.edgesName, int(p.line[ei]), int(p.cols[ei][1]), Warning,
				"edge %s -> %s: the child is dated %s, before its parent (%s)", s.id(e[0]), s.id(e[1]), unpackDate(cd), unpackDate(pd))
		}
	}
	if !s.pre && len(ld.dates) == s.n {
		s.dates = ld.dates // kept: answers sort by them without reading rows
	}
	ld.dates = nil
	ld.ps.sort(ld.nodesName, ld.edgesName)
	if ld.ps.Errors() > 0 {
		return nil, ld.ps
	}
	l.problems = ld.ps
	l.names = &nameIndex{} // the hints may have built it on a partial store
	return l, nil
}

// New builds a Lineage from models and edges made in code, with the same checks as
// Load. Problems name the files "nodes" and "edges" with the Line fields as given.
func New(models []Model, edges []Edge) (*Lineage, error) {
	ld := newLoader("nodes", "edges", time.Time{})
	ms := make([]*Model, 0, len(models))
	s := ld.s
	s.pre = true
	s.tab = make([]uint64, tableSize(len(models)))
	s.cache = make([]atomic.Pointer[Model], len(models))
	for i := range models {
		m := models[i]
		k := int32(len(ms))
		s.cache[k].Store(&m)
		s.n++
		if first, fresh := s.insert(k); !fresh {
			s.n--
			s.cache[k].Store(nil)
			ld.add("nodes", m.Line, 0, Error, "duplicate id %q (first defined on line %d)", m.ID, ms[first].Line)
			continue
		}
		ms = append(ms, &m)
		ld.dates = append(ld.dates, packDate(m.Date))
	}
	s.cache = s.cache[:len(ms)]
	ld.pend.pre = []Edge{}
	for _, e := range edges {
		e.Relation = canonicalRelation(string(e.Relation))
		ld.addEdge(e.From, e.To, e.Line, [2]int{}, [2]int{e.Line, e.Line}, func(p *pendingEdges) {
			p.pre = append(p.pre, e)
		})
	}
	return ld.finish()
}

func relationList() string {
	var s []string
	for _, r := range KnownRelations() {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/term"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/render"
)

// colorWanted reports whether w is a terminal and the user has not set NO_COLOR.
func colorWanted(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}

// isTerminal reports whether w is a terminal. It is the one test of "is this a
// terminal" that colour, table width and render use.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width in columns of the terminal w is, or 0 when w is not
// a terminal (output piped or redirected keeps its full lines).
func terminalWidth(w any) int {
	if !isTerminal(w) {
		return 0
	}
	n, _, err := term.GetSize(int(w.(*os.File).Fd()))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// style wraps s in an ANSI style when colour is on. code is one of the codes
// isStyleCode accepts, the only escapes textWriter lets through.
func (c *cli) style(code, s string) string {
	if !c.color || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (c *cli) bold(s string) string { return c.style("1", s) }
func (c *cli) dim(s string) string  { return c.style("2", s) }

// rel colours a relation by class: lineage green, influence yellow.
func (c *cli) rel(r graph.Relation) string {
	if r.Class() == graph.InfluenceClass {
		return c.style("33", string(r))
	}
	return c.style("32", string(r))
}

// label is the model's name, followed by its id in brackets when the two differ
// more than in case and punctuation, so the reader always sees what to type.
func label(m *graph.Model) string {
	if sameName(m.Name, m.ID) {
		return m.Name
	}
	return m.Name + " [" + m.ID + "]"
}

// appendLabel appends label(m).
func appendLabel(dst []byte, m *graph.Model) []byte {
	dst = append(dst, m.Name...)
	if !sameName(m.Name, m.ID) {
		dst = append(append(append(dst, " ["...), m.ID...), ']')
	}
	return dst
}

// sameName reports whether graph.NormalizeName(a) == graph.NormalizeName(b),
// comparing ASCII text in place.
func sameName(a, b string) bool {
	if !plainASCII(a, true) || !plainASCII(b, true) {
		return graph.NormalizeName(a) == graph.NormalizeName(b)
	}
	skip := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '_' || c == '.' }
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	i, j := 0, 0
	for {
		for i < len(a) && skip(a[i]) {
			i++
		}
		for j < len(b) && skip(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if lower(a[i]) != lower(b[j]) {
			return false
		}
		i, j = i+1, j+1
	}
}

// facts is the short "date · org · params" line shown beside a model.
func facts(m *graph.Model) string {
	var parts []string
	if !m.Date.IsZero() {
		parts = append(parts, m.Date.String())
	}
	if len(m.Orgs) > 0 {
		parts = append(parts, strings.Join(m.Orgs, ", "))
	}
	if len(m.Params) > 0 {
		parts = append(parts, strings.Join(m.Params, "/"))
	}
	return strings.Join(parts, " · ")
}

// modelJSON is a model as the query commands write it: the record every JSON output
// uses, with the model's distance from the queried one and the edges of that step.
type modelJSON struct {
	render.ModelRecord
	Depth *int       `json:"depth,omitempty"`
	Edges []edgeJSON `json:"edges,omitempty"`
}

// edgeJSON is an edge as the JSON outputs write it.
type edgeJSON = render.EdgeRecord

func toModelJSON(m *graph.Model) modelJSON { return modelJSON{ModelRecord: render.NewModelRecord(m)} }

func toEdgesJSON(es []graph.Edge) []edgeJSON { return render.NewEdgeRecords(es) }

// heading is a model's name followed by its facts, when it has any.
func (c *cli) heading(m *graph.Model) string {
	if f := facts(m); f != "" {
		return c.bold(label(m)) + "  " + c.dim(f)
	}
	return c.bold(label(m))
}

// writeJSONArray writes the values each puts as writeJSON writes a slice of
// them, one value at a time.
func writeJSONArray(w io.Writer, each func(put func(v any) error) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	n := 0
	err := each(func(v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		sep := ",\n  "
		if n == 0 {
			sep = "[\n  "
		}
		n++
		bw.WriteString(sep)
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCSV writes a header and rows; csv.Writer quotes what needs quoting. It is
// every -f csv output, so it is where formula cells are neutralised (csvCell).
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	return streamCSV(w, header, func(put func([]string) error) error {
		for _, row := range rows {
			if err := put(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// streamCSV is writeCSV with the rows put one at a time.
func streamCSV(w io.Writer, header []string, each func(put func(row []string) error) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	var safe []string
	err := each(func(row []string) error {
		safe = safe[:0]
		for _, cell := range row {
			safe = append(safe, csvCell(cell))
		}
		return cw.Write(safe)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvCell keeps a spreadsheet from running a cell as a formula, as OWASP's CSV
// injection advice says: a cell that starts with =, +, -, @, tab or carriage
// return gets a ' in front, which spreadsheets show as text and do not display.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// useFormat returns a usage error unless f is one of the allowed formats. For the
// formats people read (text, tree) it puts textWriter between the command and
// stdout, so no control character from the data reaches the terminal.
func (c *cli) useFormat(f string, allowed ...string) error {
	if !slices.Contains(allowed, f) {
		return usagef("unknown format %q: want %s", f, strings.Join(allowed, ", "))
	}
	if f == "text" || f == "tree" {
		c.stdout = textWriter{c.stdout, c.color}
	}
	return nil
}

// textWriter is the one filter between lineage's text output and a terminal: it
// writes every control character (C0 but newline and tab, DEL, C1), bidirectional
// override, line or paragraph separator and invalid byte as a visible escape
// (\x1b, \u202e, \xff), so a name or description cannot clear the screen, set
// the window title, make a link or reorder a line. With style set it keeps the
// colour codes lineage itself writes (see cli.style).
type textWriter struct {
	w     io.Writer
	style bool
}

func (t textWriter) Write(p []byte) (int, error) {
	// A view of p: escapeText returns it or a copy, written before p changes.
	if _, err := io.WriteString(t.w, escapeText(unsafe.String(unsafe.SliceData(p), len(p)), t.style)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeText is textWriter's rule, for one string.
func escapeText(s string, style bool) string {
	if !needsEscape(s, style) {
		return s // nothing to escape: the common case, without a copy
	}
	plain := func(c byte) bool { return c >= 0x20 && c <= 0x7e || c == '\n' || c == '\t' }
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if plain(s[i]) { // copy a run of plain text at once
			j := i + 1
			for j < len(s) && plain(s[j]) {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\x1b' && style && isStyleCode(s[i:]):
			end := strings.IndexByte(s[i:], 'm')
			b.WriteString(s[i : i+end+1])
			n = end + 1
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r), r == 0x2028, r == 0x2029, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// needsEscape reports whether escapeText changes s.
func needsEscape(s string, style bool) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printable8(s[i:]) {
			i += 8
			continue
		}
		c := s[i]
		if c >= 0x20 && c <= 0x7e || c == '\n' || c == '\t' {
			i++
			continue
		}
		if c == '\x1b' && style && isStyleCode(s[i:]) {
			i += strings.IndexByte(s[i:], 'm') + 1
			continue
		}
		if c < 0x80 {
			return true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsControl(r) || r == 0x2028 || r == 0x2029 ||
			0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 {
			return true
		}
		i += n
	}
	return false
}

// plainASCII reports whether s is printable ASCII only (with tabs and newlines
// when lines is true), which no rule escapes and which takes a column a byte.
func plainASCII(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		for i+8 <= len(s) && printable8(s[i:]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < 0x20 || c > 0x7e {
			if lines && (c == '\t' || c == '\n') {
				continue
			}
			return false
		}
	}
	return true
}

// printable8 reports whether the first 8 bytes of s (at least 8) are all
// printable ASCII, 0x20 to 0x7e, testing them as one number.
func printable8(s string) bool {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	const space, del = 0x20 * ones, 0x7f * ones
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	d := x ^ del // a zero byte where x has 0x7f
	return (x|(x-space)&^x|(d-ones)&^d)&high == 0
}

// isStyleCode reports whether s starts with one of the escapes cli.style writes.
func isStyleCode(s string) bool {
	for _, code := range []string{"0", "1", "2", "32", "33"} {
		if strings.HasPrefix(s, "\x1b["+code+"m") {
			return true
		}
	}
	return false
}

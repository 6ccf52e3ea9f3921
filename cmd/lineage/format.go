package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	if graph.NormalizeName(m.Name) == graph.NormalizeName(m.ID) {
		return m.Name
	}
	return fmt.Sprintf("%s [%s]", m.Name, m.ID)
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

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCSV writes a header and rows; csv.Writer quotes what needs quoting. It is
// every -f csv output, so it is where formula cells are neutralised (csvCell).
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = csvCell(cell)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
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
	if _, err := io.WriteString(t.w, escapeText(string(p), t.style)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeText is textWriter's rule, for one string.
func escapeText(s string, style bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
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

// isStyleCode reports whether s starts with one of the escapes cli.style writes.
func isStyleCode(s string) bool {
	for _, code := range []string{"0", "1", "2", "32", "33"} {
		if strings.HasPrefix(s, "\x1b["+code+"m") {
			return true
		}
	}
	return false
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

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

// isTerminal reports whether w is a character device, such as a terminal. It is
// the one test of "is this a terminal" that colour, table width and render use.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// style wraps s in an ANSI style when colour is on.
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

// newTable returns a tabwriter whose lines lose their trailing blanks (an empty last
// column otherwise leaves padding behind); Flush writes to w.
func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(trimWriter{w}, 0, 0, 2, ' ', 0)
}

// trimWriter drops spaces before each newline. tabwriter writes whole lines on Flush.
type trimWriter struct{ w io.Writer }

func (t trimWriter) Write(p []byte) (int, error) {
	lines := strings.SplitAfter(string(p), "\n")
	var b strings.Builder
	for _, l := range lines {
		if body, ok := strings.CutSuffix(l, "\n"); ok {
			b.WriteString(strings.TrimRight(body, " "))
			b.WriteByte('\n')
		} else {
			b.WriteString(l)
		}
	}
	if _, err := io.WriteString(t.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

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

// writeCSV writes a header and rows; csv.Writer quotes what needs quoting.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// checkFormat returns a usage error unless f is one of the allowed formats.
func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return usagef("unknown format %q: want %s", f, strings.Join(allowed, ", "))
}

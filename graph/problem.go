package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a Problem stops a dataset from loading.
type Severity int

const (
	// Error problems make Load fail.
	Error Severity = iota
	// Warning problems are reported but the dataset still loads; strict validation
	// turns them into errors.
	Warning
)

// Problem is one thing wrong with a dataset, located in its file.
type Problem struct {
	File     string // file name as given to the loader, e.g. "edges.csv"
	Line     int    // 1-based line, 0 when the problem concerns the whole file
	Column   int    // 1-based byte column, 0 when unknown
	Severity Severity
	Msg      string
}

// String formats the problem as "file:line:col: msg", with "warning: " before
// the message of warnings.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is the list of problems found in a dataset. As an error it stands for
// the errors among them; a dataset with Problems that hold only warnings loads.
type Problems []Problem

// Error joins the error-severity problems, one a line.
func (ps Problems) Error() string {
	var lines []string
	for _, p := range ps {
		if p.Severity == Error {
			lines = append(lines, p.String())
		}
	}
	if len(lines) == 0 {
		return "no errors"
	}
	return strings.Join(lines, "\n")
}

// Errors returns the number of error-severity problems.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Strict returns a copy in which every warning is an error.
func (ps Problems) Strict() Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.Severity = Error
		out[i] = p
	}
	return out
}

// sort orders problems by file (the files in the order given), line and column.
func (ps Problems) sort(files ...string) {
	rank := func(f string) int {
		if i := slices.Index(files, f); i >= 0 {
			return i
		}
		return len(files)
	}
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(rank(a.File), rank(b.File)), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

package graph

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// csvRecords reads input with encoding/csv configured as the loader's scanner
// claims to behave, as "line:col=value" cells, and the error, if any.
func csvRecords(input string) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(input))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		var row []string
		for i, f := range rec {
			l, c := r.FieldPos(i)
			row = append(row, fmt.Sprintf("%d:%d=%q", l, c, f))
		}
		out = append(out, row)
	}
}

func scanRecords(input string, window int) ([][]string, *csvError) {
	src := []byte(input)
	var out [][]string
	end := min(window, len(src))
	if window <= 0 {
		end = len(src)
	}
	s := newScanner(src[:end], 1, end == len(src))
	for {
		ok, incomplete := s.next()
		if incomplete {
			end = min(len(src), end+max(window, 1))
			pos, line := s.pos, s.line
			s = newScanner(src[:end], line, end == len(src))
			s.pos = pos
			continue
		}
		if !ok {
			return out, s.err
		}
		var row []string
		for _, f := range s.fields {
			row = append(row, fmt.Sprintf("%d:%d=%q", f.line, f.col, f.val))
		}
		out = append(out, row)
	}
}

var scanCases = []string{
	"", "\n", "a", "a,b\n", "a,b\r\nc,d\r\n", "a,b\n\n\nc\n", " a,  b ,c \n", "a,\"b,c\",d\n",
	"a,\"b\"\"c\"\n", "\"multi\nline\",x\n", "\"multi\r\nline\",x\r\n", "a,b\r", "a,b\r\r\n", "\r\n\r\nx\n",
	"a,\u00a0b,\u3000\"q\"\n", "a,b\"c\n", "a,\"b\"c\n", "a,\"open\n", "a,\"open\nmore\n", "x\n\"a\n\nb\",c,\"d\"\"\"\n",
	"   \n", "a,   \n", "\"\"\n", "\"\",\"\"\n", ",,\n", "a,\"b\nc\"d\n", "\xff,\xfe\n", "a,\"\"\"\"\n", "\t\"x\"\n",
	"id,name\n1,\"a\nb\nc\"\n2,x", "a,\"x\"\r\n", "a,\"x\"  \n", "a,\"\n\"\n",
}

// TestScannerMatchesEncodingCSV: the scanner reads every record, value and field
// position as encoding/csv does, whole or fed in small windows, and reports a
// broken record where encoding/csv does (an unclosed quote: where it opened).
func TestScannerMatchesEncodingCSV(t *testing.T) {
	for _, in := range scanCases {
		for _, window := range []int{0, 1, 3, 7} {
			check(t, in, window)
		}
	}
}

func check(t *testing.T, in string, window int) {
	t.Helper()
	want, werr := csvRecords(in)
	got, gerr := scanRecords(in, window)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q (window %d):\n got %v\nwant %v", in, window, got, want)
	}
	if (werr == nil) != (gerr == nil) {
		t.Errorf("%q (window %d): error %v, want %v", in, window, gerr, werr)
		return
	}
	var pe *csv.ParseError
	if errors.As(werr, &pe) && gerr.kind != csvUnclosed && (pe.Line != gerr.line || pe.Column != gerr.col) {
		t.Errorf("%q: error at %d:%d, want %d:%d", in, gerr.line, gerr.col, pe.Line, pe.Column)
	}
}

// FuzzScanner compares the scanner with encoding/csv on any input.
func FuzzScanner(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, in string) {
		check(t, in, 0)
		check(t, in, 5)
	})
}

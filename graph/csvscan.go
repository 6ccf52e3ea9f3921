package graph

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// csvField is one field of a record: its value and where it starts.
type csvField struct {
	val       []byte // the value, a view into the input or into the scanner's scratch space
	line, col int    // 1-based line and byte column of the field's first byte
}

// csvErrKind names the ways a record can be malformed.
type csvErrKind int

const (
	csvBareQuote  csvErrKind = iota + 1 // a " inside an unquoted field
	csvExtraQuote                       // text after a quoted field's closing "
	csvUnclosed                         // a quoted field still open at end of input
)

// csvError is a malformed record, located at the offending quote.
type csvError struct {
	kind      csvErrKind
	line, col int
}

// scanner reads RFC 4180 records from a byte slice the way encoding/csv's Reader
// does with Comma ',', TrimLeadingSpace and FieldsPerRecord -1: "" inside a
// quoted field is one ", \r\n line ends count as \n, empty lines are skipped,
// and white space before a field is dropped. Field values are views into the
// input unless a quoted field holds "" or \r\n, so a record costs no allocation.
//
// The input may be a window of a larger stream: with atEOF false, a record that
// runs to the end of the window is reported as incomplete and the scanner stays
// where it was, so the caller can refill and call next again.
type scanner struct {
	src     []byte
	pos     int // next byte to read
	line    int // line number of src[pos]
	atEOF   bool
	fields  []csvField
	recLine int // line the last record started on
	recPos  int // offset in src where the last record started
	err     *csvError
}

func newScanner(src []byte, line int, atEOF bool) *scanner {
	return &scanner{src: src, line: line, atEOF: atEOF}
}

// lineAt returns the line starting at i without its end ("\n" or "\r\n", or a
// "\r" before the end of input), the offset of the next line, and whether the
// line had a "\n".
func (s *scanner) lineAt(i int) (content []byte, next int, nl bool) {
	j := bytes.IndexByte(s.src[i:], '\n')
	if j < 0 {
		c := s.src[i:]
		if len(c) > 0 && c[len(c)-1] == '\r' { // a \r before end of input is dropped
			c = c[:len(c)-1]
		}
		return c, len(s.src), false
	}
	c := s.src[i : i+j]
	if len(c) > 0 && c[len(c)-1] == '\r' {
		c = c[:len(c)-1]
	}
	return c, i + j + 1, true
}

// next reads the next record into s.fields. It returns ok when it read one;
// otherwise the input is exhausted (err nil), the record is malformed (err set;
// the rest of the input cannot be trusted), or, when incomplete, the window ends
// inside the record and the scanner has not moved.
func (s *scanner) next() (ok, incomplete bool) {
	s.fields = s.fields[:0]
	startPos, startLine := s.pos, s.line
	// Skip empty lines.
	for {
		if s.pos >= len(s.src) {
			return false, !s.atEOF
		}
		c, nxt, nl := s.lineAt(s.pos)
		if !nl && !s.atEOF {
			return false, true
		}
		if len(c) == 0 {
			s.pos = nxt
			if nl {
				s.line++
			}
			continue
		}
		break
	}
	s.recPos, s.recLine = s.pos, s.line
	line, nxt, nl := s.lineAt(s.pos)
	col := 1
	fail := func(k csvErrKind, l, c int) (bool, bool) {
		s.err = &csvError{kind: k, line: l, col: c}
		return false, false
	}
	for {
		// Leading white space, as unicode.IsSpace says (the line end included).
		i := 0
		for i < len(line) {
			b := line[i]
			if b < utf8.RuneSelf {
				if b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r' {
					i++
					continue
				}
				break
			}
			r, size := utf8.DecodeRune(line[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		line = line[i:]
		col += i
		if len(line) == 0 || line[0] != '"' {
			j := bytes.IndexByte(line, ',')
			field := line
			if j >= 0 {
				field = line[:j]
			}
			if q := bytes.IndexByte(field, '"'); q >= 0 {
				return fail(csvBareQuote, s.line, col+q)
			}
			s.fields = append(s.fields, csvField{val: field, line: s.line, col: col})
			if j >= 0 {
				line = line[j+1:]
				col += j + 1
				continue
			}
			break
		}
		// Quoted field: it may run over several lines.
		fline, fcol := s.line, col
		line = line[1:]
		col++
		var val []byte
		copied := false // val is a copy, not a view into src
		for {
			q := bytes.IndexByte(line, '"')
			if q < 0 {
				// The field goes on past this line: its value keeps a "\n".
				if !nl {
					if !s.atEOF {
						s.pos, s.line = startPos, startLine
						return false, true
					}
					return fail(csvUnclosed, fline, fcol)
				}
				if !copied {
					val, copied = append([]byte(nil), val...), true
				}
				val = append(append(val, line...), '\n')
				s.line++
				line, nxt, nl = s.lineAt(nxt)
				col = 1
				if len(line) == 0 && !nl {
					if !s.atEOF {
						s.pos, s.line = startPos, startLine
						return false, true
					}
					return fail(csvUnclosed, fline, fcol)
				}
				continue
			}
			if copied {
				val = append(val, line[:q]...)
			} else {
				val = line[:q:q]
			}
			line = line[q+1:]
			col += q + 1
			if len(line) > 0 && line[0] == '"' { // "" stands for one "
				if !copied {
					val, copied = append([]byte(nil), val...), true
				}
				val = append(val, '"')
				line = line[1:]
				col++
				continue
			}
			break
		}
		s.fields = append(s.fields, csvField{val: val, line: fline, col: fcol})
		switch {
		case len(line) > 0 && line[0] == ',':
			line = line[1:]
			col++
			continue
		case len(line) == 0:
			goto done
		default:
			return fail(csvExtraQuote, s.line, col-1)
		}
	}
done:
	if !nl && !s.atEOF {
		s.pos, s.line = startPos, startLine
		return false, true
	}
	s.pos = nxt
	if nl {
		s.line++
	}
	return true, false
}

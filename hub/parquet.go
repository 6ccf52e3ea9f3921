package hub

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetColumns maps a record field to the column names a dump may give it,
// compared case-insensitively: the Hub API's names first (as the hub-stats dump
// uses them), then the snake_case spellings of other dumps.
var parquetColumns = []struct {
	field string
	names []string
}{
	{"id", []string{"id", "modelId", "model_id", "repo_id"}},
	{"author", []string{"author"}},
	{"createdAt", []string{"createdAt", "created_at"}},
	{"tags", []string{"tags"}},
	{"library_name", []string{"library_name", "libraryName"}},
	{"pipeline_tag", []string{"pipeline_tag", "pipelineTag"}},
	{"cardData", []string{"cardData", "card_data"}},
}

// parquetColumn is one column the reader takes from the file.
type parquetColumn struct {
	field string
	name  string // as the file spells it
	index int    // leaf column index
}

// ReadParquet adds the model records of a Parquet dump of Hub metadata, such as
// the hub-stats dataset's models.parquet. Columns are found by name: id (or
// modelId), author, createdAt, tags, library_name, pipeline_tag and cardData (a
// JSON string); only those are read, and an id column is required. Rows are
// streamed a page at a time, so memory stays proportional to the models kept,
// not to the file.
func ReadParquet(b *Builder, r io.ReaderAt, size int64, name string) (err error) {
	// A malformed file must not take the import down with it, whatever the
	// decoder makes of it.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("read %s: malformed Parquet file (%v)", name, p)
		}
	}()
	f, err := parquet.OpenFile(r, size, parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return fmt.Errorf("read %s: not a Parquet file: %w", name, err)
	}
	schema := f.Schema()
	var cols []parquetColumn
	for _, want := range parquetColumns {
		for _, field := range schema.Fields() {
			if !matchName(field.Name(), want.names) {
				continue
			}
			var leaves []int
			for _, p := range schema.Columns() {
				if p[0] == field.Name() {
					if leaf, ok := schema.Lookup(p...); ok {
						leaves = append(leaves, leaf.ColumnIndex)
					}
				}
			}
			if len(leaves) != 1 {
				b.Report(name, "column %q is a group of %d columns; not read", field.Name(), len(leaves))
				break
			}
			cols = append(cols, parquetColumn{field: want.field, name: field.Name(), index: leaves[0]})
			break
		}
	}
	if len(cols) == 0 || cols[0].field != "id" {
		var names []string
		for _, field := range schema.Fields() {
			names = append(names, field.Name())
		}
		return fmt.Errorf("read %s: no id column (columns: %s)", name, clip(strings.Join(names, ", "), 300))
	}
	b.Grow(int(f.NumRows()))
	row := int64(0)
	for _, rg := range f.RowGroups() {
		chunks := rg.ColumnChunks()
		cursors := make([]*valueCursor, len(cols))
		for i, c := range cols {
			cursors[i] = &valueCursor{pages: chunks[c.index].Pages()}
		}
		err := readRowGroup(b, rg.NumRows(), cols, cursors, name, &row)
		for _, c := range cursors {
			c.close()
		}
		if err != nil {
			return fmt.Errorf("read %s: row %d: %w", name, row+1, err)
		}
	}
	return nil
}

func matchName(s string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(s, n) {
			return true
		}
	}
	return false
}

// readRowGroup reads the rows of one row group column by column in step.
func readRowGroup(b *Builder, n int64, cols []parquetColumn, cursors []*valueCursor, name string, row *int64) error {
	var vals []parquet.Value
	var dateBuf [32]byte
	tags := make([]string, 0, 16) // reused: the Builder keeps no record's tag slice
	for k := int64(0); k < n; k++ {
		*row++
		r := Record{Where: name, Row: *row, Tags: tags[:0]}
		for i, c := range cols {
			var err error
			vals, err = cursors[i].row(vals[:0])
			if err != nil {
				return fmt.Errorf("column %s: %w", c.name, err)
			}
			switch c.field {
			case "tags":
				for _, v := range vals {
					if v.IsNull() || v.Kind() != parquet.ByteArray {
						continue
					}
					if t := v.ByteArray(); keepTag(t) {
						if bytes.HasPrefix(t, []byte("base_model:")) {
							r.Tags = append(r.Tags, string(t))
						} else {
							r.Tags = append(r.Tags, b.internBytes(t)) // licence and format tags repeat
						}
					}
				}
				continue
			case "createdAt":
				r.CreatedAt = b.internBytes(timeValue(vals, dateBuf[:0]))
				continue
			}
			switch c.field {
			case "id":
				r.ID = stringValue(vals)
			case "author":
				if !strings.Contains(r.ID, "/") { // only a legacy id takes its org from author
					r.Author = stringValue(vals)
				}
			case "library_name":
				r.Card.LibraryName = b.internBytes(byteValue(vals))
			case "pipeline_tag":
				r.Card.PipelineTag = b.internBytes(byteValue(vals))
			case "cardData":
				s := byteValue(vals)
				// The tags carry the card's base models and licence; the card text
				// adds base_model_relation and quantized_by, so parse it only then.
				if bytes.Contains(s, []byte("base_model")) || bytes.Contains(s, []byte("quantized_by")) {
					var m map[string]any
					if err := json.Unmarshal(s, &m); err != nil {
						b.Report(r.at(), "cardData is not a JSON object; ignored")
					} else {
						lib, pt := r.Card.LibraryName, r.Card.PipelineTag
						var msgs []string
						r.Card, msgs = cardFromMap(m)
						for _, msg := range msgs {
							b.Report(r.at(), "cardData.%s", msg)
						}
						if r.Card.LibraryName == "" {
							r.Card.LibraryName = lib
						}
						if r.Card.PipelineTag == "" {
							r.Card.PipelineTag = pt
						}
					}
				}
			}
		}
		if r.ID == "" {
			b.Skip(r.at(), "empty id")
			continue
		}
		b.Add(r)
	}
	return nil
}

// keepTag keeps the tags the import reads and drops the rest (most of them)
// before they are copied out of the page.
func keepTag(t []byte) bool {
	if bytes.HasPrefix(t, []byte("base_model:")) || bytes.HasPrefix(t, []byte("license:")) || bytes.EqualFold(t, []byte("peft")) {
		return true
	}
	if len(t) > 16 {
		return false
	}
	var low [16]byte
	for i, c := range t {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	return quantMarks[string(low[:len(t)])]
}

func byteValue(vals []parquet.Value) []byte {
	if len(vals) == 0 || vals[0].IsNull() || vals[0].Kind() != parquet.ByteArray {
		return nil
	}
	return vals[0].ByteArray()
}

func stringValue(vals []parquet.Value) string { return string(byteValue(vals)) }

// timeValue reads a creation time stored as a string or as an integer
// timestamp; the unit of an integer is told by its size (seconds to nanoseconds
// since 1970 give numbers of distinct magnitudes for any date after 1973).
func timeValue(vals []parquet.Value, buf []byte) []byte {
	if len(vals) == 0 || vals[0].IsNull() {
		return nil
	}
	v := vals[0]
	switch v.Kind() {
	case parquet.ByteArray:
		if s := v.ByteArray(); len(s) > 10 && s[10] == 'T' {
			return s[:10] // the date is all the import keeps
		} else {
			return s
		}
	case parquet.Int64, parquet.Int32:
		n := v.Int64()
		if v.Kind() == parquet.Int32 {
			n = int64(v.Int32()) * 86400 // DATE: days since 1970
		}
		var t time.Time
		switch {
		case n < 1e11:
			t = time.Unix(n, 0)
		case n < 1e14:
			t = time.UnixMilli(n)
		case n < 1e17:
			t = time.UnixMicro(n)
		default:
			t = time.Unix(0, n)
		}
		return t.UTC().AppendFormat(buf, "2006-01-02")
	}
	return nil
}

// valueCursor reads one column's values a page at a time and hands them out a
// row at a time: a row's values are the value with repetition level 0 and those
// that follow it with a higher level.
type valueCursor struct {
	pages parquet.Pages
	vr    parquet.ValueReader
	buf   [256]parquet.Value
	i, n  int
	eof   bool
}

func (c *valueCursor) peek() (parquet.Value, bool, error) {
	for c.i >= c.n {
		if c.eof {
			return parquet.Value{}, false, nil
		}
		if c.vr != nil {
			n, err := c.vr.ReadValues(c.buf[:])
			c.i, c.n = 0, n
			if errors.Is(err, io.EOF) {
				c.vr = nil
			} else if err != nil {
				return parquet.Value{}, false, err
			}
			continue
		}
		// The page is not released to parquet's pool: values handed out may
		// still point into it; the collector frees it.
		p, err := c.pages.ReadPage()
		if errors.Is(err, io.EOF) {
			c.eof = true
			continue
		}
		if err != nil {
			return parquet.Value{}, false, err
		}
		c.vr = p.Values()
	}
	return c.buf[c.i], true, nil
}

// row appends the values of the next row to dst. Byte array values point into
// the page they were read from.
func (c *valueCursor) row(dst []parquet.Value) ([]parquet.Value, error) {
	v, ok, err := c.peek()
	if err != nil || !ok {
		return dst, err
	}
	dst = append(dst, v)
	c.i++
	for {
		v, ok, err := c.peek()
		if err != nil {
			return dst, err
		}
		if !ok || v.RepetitionLevel() == 0 {
			return dst, nil
		}
		dst = append(dst, v)
		c.i++
	}
}

func (c *valueCursor) close() {
	c.pages.Close()
}

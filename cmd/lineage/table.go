package main

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/width"
)

// table lays out text in columns, like text/tabwriter with two spaces between
// columns, but by display width: a CJK or fullwidth character takes two columns, a
// combining mark none, and lineage's own colour codes none. Cells are escaped by
// the textWriter rule before they are measured, so an escaped control character
// takes the room it is shown in. Lines lose their trailing blanks. Write buffers;
// Flush lays out and writes everything.
//
// A cell ends at a tab; the text after a line's last tab is not a column and is
// never padded. With fit > 0 (the terminal's width) the widest cells are cut,
// ending in …, until every line fits, when that is possible.
//
// A table keeps only the text written to it, in chunks of whole lines, and lays
// it out in two passes over it (the widths, then the lines), each pass over
// several chunks side by side, writing a chunk's lines at a time in order, so
// that a table of 200,000 rows costs little more than its text.
type table struct {
	w      io.Writer
	style  bool // keep lineage's colour codes (colour is on)
	fit    int  // the width to fit lines into; 0: no limit
	chunks [][]byte
}

// newTable returns a table for the command's stdout. Set fit to c.width to fit a
// table of short facts to the terminal ('list' does; a card keeps its text whole).
func (c *cli) newTable() *table { return &table{w: c.stdout, style: c.color} }

const tableChunk = 1 << 20

// Write keeps p. Every chunk but the last ends on a line's end: a chunk that is
// full hands its unfinished line on to the next (a line longer than a chunk
// gets a chunk of its own, grown to hold it), so that chunks are laid out apart.
func (t *table) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := len(t.chunks)
		if k == 0 {
			t.chunks = append(t.chunks, make([]byte, 0, tableChunk))
			k = 1
		}
		last := &t.chunks[k-1]
		if len(*last) == cap(*last) {
			i := bytes.LastIndexByte(*last, '\n')
			tail := (*last)[i+1:]
			next := make([]byte, 0, max(tableChunk, 2*len(tail)))
			next = append(next, tail...)
			if i < 0 {
				*last = next // one line, longer than the chunk: grown
			} else {
				*last = (*last)[:i+1]
				t.chunks = append(t.chunks, next)
			}
			continue
		}
		m := min(len(p), cap(*last)-len(*last))
		*last = append(*last, p[:m]...)
		p = p[m:]
	}
	return n, nil
}

// chunkLines calls f with each line of a chunk, without its newline; nl tells
// whether it had one. The line is valid during the call.
func chunkLines(c []byte, f func(line []byte, nl bool)) {
	for len(c) > 0 {
		i := bytes.IndexByte(c, '\n')
		if i < 0 {
			f(c, false)
			return
		}
		f(c[:i], true)
		c = c[i+1:]
	}
}

// Flush writes the table and empties it. The chunks are measured side by side,
// then laid out side by side a few at a time and written in order.
func (t *table) Flush() error {
	defer func() { t.chunks = nil }()
	if t.fit > 0 {
		var text []byte
		for _, c := range t.chunks {
			text = append(text, c...)
		}
		_, err := t.w.Write(t.layoutWhole(string(text)))
		return err
	}
	// The cells are views of the line, used before it changes.
	view := func(line []byte) string { return unsafe.String(unsafe.SliceData(line), len(line)) }
	workers := max(1, min(runtime.GOMAXPROCS(0), len(t.chunks), 8))
	// side runs f(i) for every chunk from..to-1, workers at a time.
	side := func(from, to int, f func(i, w int)) {
		var wg sync.WaitGroup
		var next atomic.Int64
		next.Store(int64(from))
		for w := range min(workers, to-from) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < to; i = int(next.Add(1) - 1) {
					f(i, w)
				}
			}()
		}
		wg.Wait()
	}
	measured := make([][]int, len(t.chunks))
	side(0, len(t.chunks), func(i, _ int) {
		var widths []int
		var cells []string
		chunkLines(t.chunks[i], func(line []byte, _ bool) {
			cells = splitCells(cells[:0], view(line), t.style)
			widths = measureCells(widths, cells)
		})
		measured[i] = widths
	})
	var widths []int
	for _, ws := range measured {
		for j, w := range ws {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], w)
		}
	}
	outs := make([][]byte, workers)
	cellsOf := make([][]string, workers)
	for from := 0; from < len(t.chunks); from += workers {
		to := min(from+workers, len(t.chunks))
		side(from, to, func(i, _ int) {
			k := i - from
			out, cells := outs[k][:0], cellsOf[k]
			chunkLines(t.chunks[i], func(line []byte, nl bool) {
				cells = splitCells(cells[:0], view(line), t.style)
				out = layLine(out, cells, widths)
				if nl {
					out = append(out, '\n')
				}
			})
			outs[k], cellsOf[k] = out, cells
		})
		for k := range to - from {
			if _, err := t.w.Write(outs[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// layoutWhole lays out the whole text at once, cutting cells to fit.
func (t *table) layoutWhole(text string) []byte {
	if text == "" {
		return nil
	}
	end := ""
	if strings.HasSuffix(text, "\n") {
		text, end = text[:len(text)-1], "\n"
	}
	var rows [][]string
	var widths []int
	for _, line := range strings.Split(text, "\n") {
		cells := splitCells(nil, line, t.style)
		widths = measureCells(widths, cells)
		rows = append(rows, cells)
	}
	if t.fit > 0 {
		t.shrink(rows, widths)
	}
	var b []byte
	for i, cells := range rows {
		b = layLine(b, cells, widths)
		if i < len(rows)-1 {
			b = append(b, '\n')
		}
	}
	return append(b, end...)
}

// splitCells appends a table line's cells to dst, escaped by the textWriter rule.
func splitCells(dst []string, line string, style bool) []string {
	for {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			return append(dst, escapeText(line, style))
		}
		dst = append(dst, escapeText(line[:i], style))
		line = line[i+1:]
	}
}

// measureCells widens widths to a line's cells, all but its last, which is not
// a column.
func measureCells(widths []int, cells []string) []int {
	for i, cell := range cells[:len(cells)-1] {
		if i == len(widths) {
			widths = append(widths, 0)
		}
		widths[i] = max(widths[i], displayWidth(cell))
	}
	return widths
}

// layLine appends a line of cells, each but the last padded to its column's
// width and two spaces, without trailing blanks.
func layLine(dst []byte, cells []string, widths []int) []byte {
	start := len(dst)
	for j, cell := range cells {
		if j < len(cells)-1 {
			cell = truncate(cell, widths[j])
			dst = append(dst, cell...)
			for k := widths[j] - displayWidth(cell) + 2; k > 0; k-- {
				dst = append(dst, ' ')
			}
		} else {
			dst = append(dst, cell...)
		}
	}
	end := len(dst)
	for end > start && dst[end-1] == ' ' {
		end--
	}
	return dst[:end]
}

// shrink narrows the widest columns, one column a step, until the widest line
// fits t.fit; the last cell of a line is cut to what is left. No column gets
// narrower than a few characters.
func (t *table) shrink(rows [][]string, widths []int) {
	const minCol = 6
	lineWidth := func() int {
		w := 0
		for _, cells := range rows {
			n := 0
			for j, cell := range cells {
				if j < len(cells)-1 {
					n += widths[j] + 2
				} else {
					n += displayWidth(cell)
				}
			}
			w = max(w, n)
		}
		return w
	}
	for lineWidth() > t.fit {
		widest := -1
		for j, w := range widths {
			if w > minCol && (widest < 0 || w > widths[widest]) {
				widest = j
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	for _, cells := range rows {
		used := 0
		for j := range cells[:len(cells)-1] {
			used += widths[j] + 2
		}
		last := len(cells) - 1
		cells[last] = truncate(cells[last], max(t.fit-used, minCol))
	}
}

// truncate cuts s to at most w display columns, ending in … when it cuts.
func truncate(s string, w int) string {
	if displayWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		if l := styleCodeLen(s[i:]); l > 0 {
			b.WriteString(s[i : i+l])
			i += l
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		rw := runeWidth(r)
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
		i += size
	}
	b.WriteString("…")
	if strings.Contains(s, "\x1b[") {
		b.WriteString("\x1b[0m") // a cut may drop the reset of a colour
	}
	return b.String()
}

// displayWidth is how many terminal columns s takes, colour codes counting none.
func displayWidth(s string) int {
	if plainASCII(s, false) {
		return len(s)
	}
	n := 0
	for i := 0; i < len(s); {
		if l := styleCodeLen(s[i:]); l > 0 {
			i += l
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeWidth(r)
		i += size
	}
	return n
}

// runeWidth is the columns a rune takes: 2 for East Asian wide and fullwidth
// characters (Unicode's East Asian Width property, from golang.org/x/text/width),
// 0 for combining marks and zero-width format characters, else 1.
func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// styleCodeLen is the length of the colour code s starts with (see isStyleCode), or 0.
func styleCodeLen(s string) int {
	if !isStyleCode(s) {
		return 0
	}
	return strings.IndexByte(s, 'm') + 1
}

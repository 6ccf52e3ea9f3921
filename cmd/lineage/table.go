package main

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

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
type table struct {
	w     io.Writer
	style bool // keep lineage's colour codes (colour is on)
	fit   int  // the width to fit lines into; 0: no limit
	buf   []byte
}

// newTable returns a table for the command's stdout. Set fit to c.width to fit a
// table of short facts to the terminal ('list' does; a card keeps its text whole).
func (c *cli) newTable() *table { return &table{w: c.stdout, style: c.color} }

func (t *table) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	return len(p), nil
}

// Flush writes the table and empties it.
func (t *table) Flush() error {
	text := string(t.buf)
	t.buf = t.buf[:0]
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
		cells := strings.Split(line, "\t")
		for i := range cells {
			cells[i] = escapeText(cells[i], t.style)
			if i < len(cells)-1 {
				if i == len(widths) {
					widths = append(widths, 0)
				}
				widths[i] = max(widths[i], displayWidth(cells[i]))
			}
		}
		rows = append(rows, cells)
	}
	if t.fit > 0 {
		t.shrink(rows, widths)
	}
	var b strings.Builder
	for i, cells := range rows {
		var line strings.Builder
		for j, cell := range cells {
			if j < len(cells)-1 {
				cell = truncate(cell, widths[j])
				line.WriteString(cell)
				line.WriteString(strings.Repeat(" ", widths[j]-displayWidth(cell)+2))
			} else {
				line.WriteString(cell)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		if i < len(rows)-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteString(end)
	_, err := io.WriteString(t.w, b.String())
	return err
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

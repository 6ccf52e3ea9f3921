package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"abc", 3},
		{"羊驼", 4},
		{"ＣｈａｔＧＰＴ", 14},
		{"e\u0301", 1},           // a combining mark takes no column
		{"\x1b[32mok\x1b[0m", 2}, // nor do lineage's colour codes
		{"a\u200bb", 2},
	} {
		if got := displayWidth(tc.s); got != tc.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestTableAlignsByDisplayWidth(t *testing.T) {
	var b bytes.Buffer
	tw := &table{w: &b}
	tw.Write([]byte("羊驼\tx\nab\ty\n\tz\t\n"))
	tw.Flush()
	want := "羊驼  x\nab    y\n      z\n"
	if b.String() != want {
		t.Errorf("table:\n%q\nwant\n%q", b.String(), want)
	}
	// Colour codes take no room; a control character from the data takes the
	// room of its escape.
	b.Reset()
	tw = &table{w: &b, style: true}
	tw.Write([]byte("\x1b[32mfinetune\x1b[0m\tx\na\x07\ty\nplain\tz\n"))
	tw.Flush()
	want = "\x1b[32mfinetune\x1b[0m  x\na\\x07     y\nplain     z\n"
	if b.String() != want {
		t.Errorf("table with colour:\n%q\nwant\n%q", b.String(), want)
	}
}

func TestTableFitsTerminal(t *testing.T) {
	var b bytes.Buffer
	tw := &table{w: &b, fit: 30}
	tw.Write([]byte("a very long model name indeed\tAn Organisation With A Long Name\tlast cell that is long\nshort\torg\tx\n"))
	tw.Flush()
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if w := displayWidth(line); w > 30 {
			t.Errorf("line %q is %d columns, want at most 30", line, w)
		}
	}
	if !strings.Contains(b.String(), "…") || !strings.HasPrefix(b.String(), "a ver") {
		t.Errorf("no cut cells in:\n%s", b.String())
	}
}

// TestListFitsTerminal: on a terminal list fits its width, cutting long cells
// with …; piped, it keeps every cell whole.
func TestListFitsTerminal(t *testing.T) {
	for _, width := range []int{0, 60} {
		var stdout, stderr bytes.Buffer
		c := &cli{stdout: &stdout, stderr: &stderr, width: width, cmd: listCmd}
		if err := listCmd.run(c, nil); err != nil {
			t.Fatal(err)
		}
		long := 0
		for _, line := range strings.Split(stdout.String(), "\n") {
			long = max(long, displayWidth(line))
		}
		switch {
		case width == 0 && (long <= 60 || strings.Contains(stdout.String(), "…")):
			t.Errorf("piped: widest line %d columns, cut cells: %v; want whole cells", long, strings.Contains(stdout.String(), "…"))
		case width > 0 && (long > width || !strings.Contains(stdout.String(), "…")):
			t.Errorf("terminal of %d: widest line %d columns:\n%s", width, long, stdout.String())
		}
	}
}

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct {
		in    string
		style bool
		want  string
	}{
		{"plain 中文\n\ttab", false, "plain 中文\n\ttab"},
		{"\x1b]0;title\x07", false, `\x1b]0;title\x07`},
		{"a\rb\x7f\u009b\u202e\u2028", false, `a\x0db\x7f\u009b\u202e\u2028`},
		{"bad\xff", false, `bad\xff`},
		{"\x1b[1mbold\x1b[0m \x1b[2J", true, "\x1b[1mbold\x1b[0m \\x1b[2J"},
		{"\x1b[1mbold\x1b[0m", false, `\x1b[1mbold\x1b[0m`},
	} {
		if got := escapeText(tc.in, tc.style); got != tc.want {
			t.Errorf("escapeText(%q, %v) = %q, want %q", tc.in, tc.style, got, tc.want)
		}
		if again := escapeText(escapeText(tc.in, false), false); again != escapeText(tc.in, false) {
			t.Errorf("escapeText is not idempotent on %q: %q", tc.in, again)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(1)": "'=HYPERLINK(1)", "+cmd": "'+cmd", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "GPT-4": "GPT-4", "": "", "2023-01": "2023-01",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// lineWrites records each Write and fails a test when one ends inside a line.
type lineWrites struct {
	b     bytes.Buffer
	split bool
}

func (w *lineWrites) Write(p []byte) (int, error) {
	if len(p) > 0 && p[len(p)-1] != '\n' {
		w.split = true
	}
	return w.b.Write(p)
}

// TestTableInChunks: a table kept in chunks of whole lines and laid out a chunk
// at a time, side by side, writes what laying out the whole text at once
// writes, for text of CJK names, colour codes, control characters, ragged and
// empty lines, with and without a final newline, written in pieces of any
// size; and every write ends with a whole line, so that textWriter never sees
// half a character.
func TestTableInChunks(t *testing.T) {
	cells := []string{"羊驼", "ab", "", "x\x07y", "\x1b[32mfinetune\x1b[0m ← Ｌｌａｍａ", "e\u0301", "trailing  ", "a\u202eb", "\xff", "1"}
	var text strings.Builder
	for i := 0; text.Len() < 2*tableChunk+300; i++ {
		n := i % 6
		for j := 0; j < n; j++ {
			text.WriteString(cells[(i*7+j*3)%len(cells)])
			text.WriteString(strings.Repeat("w", (i*j)%13))
			text.WriteByte('\t')
		}
		text.WriteString(cells[i%len(cells)])
		text.WriteByte('\n')
	}
	long := strings.Repeat("long\t", tableChunk/4) + "end\nx\ty\n" // a line longer than a chunk
	for _, style := range []bool{false, true} {
		for _, src := range []string{text.String(), strings.TrimSuffix(text.String(), "\n"), long, "", "\n", "a\tb", "\n\n"} {
			want := string((&table{style: style}).layoutWhole(src))
			for _, piece := range []int{1, 7, 4096, len(src) + 1} {
				if piece == 1 && len(src) > 1<<20 {
					continue
				}
				var got lineWrites
				tw := &table{w: &got, style: style}
				for b := []byte(src); len(b) > 0; {
					k := min(piece, len(b))
					tw.Write(b[:k])
					b = b[k:]
				}
				for i, c := range tw.chunks[:max(len(tw.chunks)-1, 0)] {
					if !bytes.HasSuffix(c, []byte("\n")) {
						t.Fatalf("pieces of %d: chunk %d of %d ends inside a line", piece, i, len(tw.chunks))
					}
				}
				if len(src) > 2*tableChunk && len(tw.chunks) < 3 {
					t.Fatalf("%d bytes kept in %d chunks", len(src), len(tw.chunks))
				}
				if err := tw.Flush(); err != nil {
					t.Fatal(err)
				}
				if got.b.String() != want {
					t.Fatalf("style %v, %d bytes in pieces of %d: wrote %d bytes, want %d", style, len(src), piece, got.b.Len(), len(want))
				}
				if got.split && strings.HasSuffix(src, "\n") {
					t.Fatalf("style %v, pieces of %d: a write ended inside a line", style, piece)
				}
				if len(tw.chunks) != 0 {
					t.Fatal("Flush kept the text")
				}
			}
		}
	}
}

// TestPrintableWords: the shortcuts that test 8 bytes at once agree with the
// rules byte by byte, for every byte value at every place of a line.
func TestPrintableWords(t *testing.T) {
	for b := range 256 {
		for at := range 17 {
			s := []byte(strings.Repeat("a", 17))
			s[at] = byte(b)
			printable := 0x20 <= b && b <= 0x7e
			if got := plainASCII(string(s), false); got != printable {
				t.Fatalf("plainASCII(%q, false) = %v", s, got)
			}
			if got := plainASCII(string(s), true); got != (printable || b == '\t' || b == '\n') {
				t.Fatalf("plainASCII(%q, true) = %v", s, got)
			}
			for _, style := range []bool{false, true} {
				// A \x01 at the end forces the rule's slow path (see TestNeedsEscape).
				slow := strings.TrimSuffix(escapeText(string(s)+"\x01", style), `\x01`)
				if got, want := needsEscape(string(s), style), slow != string(s); got != want {
					t.Fatalf("needsEscape(%q, %v) = %v, want %v", s, style, got, want)
				}
			}
		}
	}
}

// TestNeedsEscape: escapeText's shortcut agrees with its rule (a \x01 added at
// the end forces the rule's slow path and comes out as its escape).
func TestNeedsEscape(t *testing.T) {
	for _, s := range []string{"plain", "羊驼 ← x", "\x1b[32mok\x1b[0m", "\x1b[9m", "a\x07", "\x7f", "\u0085", "\u2028", "\u202e", "\u2067", "\xff", "\ufffd", "\t\n", "e\u0301"} {
		for _, style := range []bool{false, true} {
			slow := strings.TrimSuffix(escapeText(s+"\x01", style), `\x01`)
			if needsEscape(s, style) != (slow != s) || escapeText(s, style) != slow {
				t.Errorf("needsEscape(%q, %v) = %v; the rule gives %q", s, style, needsEscape(s, style), slow)
			}
		}
	}
}

// TestDescendantsTableLarge: the text table of an answer whose rows are made
// side by side lists the models in the answer's order, the order -f csv gives.
func TestDescendantsTableLarge(t *testing.T) {
	dir := t.TempDir()
	var nb, eb strings.Builder
	nb.WriteString("id,name,date,org,source\nroot,Root,2020,o,s\n")
	eb.WriteString("from,to,relation\n")
	for i := range 20000 {
		parent := "root"
		if i >= 500 {
			parent = fmt.Sprintf("m%d", i%500)
		}
		fmt.Fprintf(&nb, "m%d,羊驼 %d,2024-%02d,org %d,s\n", i, i, 1+i%5, i%3)
		fmt.Fprintf(&eb, "%s,m%d,finetune\n", parent, i)
	}
	os.WriteFile(filepath.Join(dir, "nodes.csv"), []byte(nb.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "edges.csv"), []byte(eb.String()), 0o644)
	run := func(args ...string) string {
		var out, errb bytes.Buffer
		if code := runContext(context.Background(), append([]string{"--data", dir, "--no-cache"}, args...), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	text := strings.Split(strings.TrimSuffix(run("descendants", "root"), "\n"), "\n")
	csvLines := strings.Split(strings.TrimSuffix(run("descendants", "root", "-f", "csv"), "\n"), "\n")[1:]
	rows := text[4:] // heading, count, blank line, header
	if len(rows) != 20000 || len(csvLines) != 20000 {
		t.Fatalf("%d rows, %d csv lines", len(rows), len(csvLines))
	}
	width := -1
	for i, row := range rows {
		id := strings.Split(csvLines[i], ",")[1]
		name := strings.TrimPrefix(id, "m")
		if !strings.Contains(row, "羊驼 "+name+" ["+id+"]") {
			t.Fatalf("row %d is %q, want model %s", i, row, id)
		}
		// The DATE column starts at the same display column on every row.
		at := displayWidth(row[:strings.Index(row, "2024-")])
		if width >= 0 && at != width {
			t.Fatalf("row %d: date at column %d, want %d", i, at, width)
		}
		width = at
	}
}

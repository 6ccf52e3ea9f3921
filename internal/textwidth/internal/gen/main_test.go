package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/lineage-dev/lineage/internal/fonts"
)

// TestTableUpToDate regenerates the table in memory and compares it with the
// committed one.
func TestTableUpToDate(t *testing.T) {
	want, err := generate(fonts.Sans(false), fonts.Sans(true))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "tables.go")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the fonts give: run 'go generate ./internal/textwidth'", path)
	}
}

// TestMeasure checks that the table covers the scripts labels are written in.
func TestMeasure(t *testing.T) {
	m, err := measure(fonts.Sans(false))
	if err != nil {
		t.Fatal(err)
	}
	has := map[rune]bool{}
	for _, r := range m.runes {
		has[r] = true
	}
	for _, span := range [][2]rune{{' ', '~'}, {0xa0, 0xac}, {0xae, 0x24f}, {'Α', 'Ρ'}, {'Σ', 'ω'}, {'Ѐ', 'џ'}, {'–', '—'}, {'‘', '”'}, {'·', '·'}, {'…', '…'}, {'€', '€'}} {
		for r := span[0]; r <= span[1]; r++ {
			if !has[r] {
				t.Errorf("%U %q is not in the table", r, r)
			}
		}
	}
	if has[0xad] || has['\u200b'] || has['\n'] {
		t.Error("format or control characters are in the table")
	}
	if len(m.pairs) == 0 {
		t.Error("no kerning pairs read")
	}
}

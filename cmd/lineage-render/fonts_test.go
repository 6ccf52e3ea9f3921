package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/lineage-dev/lineage/internal/fonts"
	"github.com/lineage-dev/lineage/internal/textwidth"
)

// latinDOT is a chart whose text the built-in font covers: a legend, HTML-like
// labels in bold and regular, accents, Greek, Cyrillic and the punctuation
// labels use.
const latinDOT = `digraph {
	graph [fontname="Helvetica,Arial,sans-serif", fontsize=11, label="Ærø · Ελλάδα · Россия"];
	node [shape=box, style=filled, fillcolor="#dbe9f6", fontname="Helvetica,Arial,sans-serif", fontsize=11, margin="0.1,0.04", height=0.3];
	edge [fontname="Helvetica,Arial,sans-serif", fontsize=9];
	a [label=<<B>AVATAR Tokyo</B><BR/><FONT POINT-SIZE="9">2023-05 · 7B;13B</FONT>>];
	b [label=<Crème brûlée — “Hermes’s”<BR/><FONT POINT-SIZE="9">2024 – 2025</FONT>>, style="filled,rounded"];
	c [label="Łódź Œuvre Ştefan"];
	subgraph cluster_legend { label="legend"; l [label="instruction-tuned", shape=note]; }
	a -> b [label="finetune"];
	a -> c [style=dashed];
}`

// TestLatinPNGIgnoresInstalledFonts draws a Latin-only chart with no font
// directory and with one holding another font under the names of the fonts
// that used to be preferred (Liberation Sans, DejaVu Sans, Arial): the PNGs must
// be the same bytes, drawn with the built-in font.
func TestLatinPNGIgnoresInstalledFonts(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "Arial.ttf", "arial.ttf"} {
		if err := os.WriteFile(filepath.Join(dir, name), goregular.TTF, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bare, warnings, err := render([]byte(latinDOT), "png")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("no font dirs: %v, warnings %q", err, warnings)
	}
	other, warnings, err := render([]byte(latinDOT), "png", dir)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("font dir %s: %v, warnings %q", dir, err, warnings)
	}
	if !bytes.Equal(bare, other) {
		t.Error("the PNG of a Latin-only chart changes with the installed fonts")
	}
	// The check can fail: a chart with a character only the decoy has (Go's
	// font has U+222A, Liberation Sans does not) is drawn differently.
	dot := strings.Replace(latinDOT, "Łódź", "A ∪ B Łódź", 1)
	bare, _, err = render([]byte(dot), "png")
	if err != nil {
		t.Fatal(err)
	}
	other, _, err = render([]byte(dot), "png", dir)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(bare, other) {
		t.Error("a character only an installed font has is drawn the same without that font")
	}
}

// TestDrawnWidthIsTheTableWidth checks that the PNG measures text the built-in
// font covers as package textwidth does, which the layout is made with.
func TestDrawnWidthIsTheTableWidth(t *testing.T) {
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &rasterizer{fonts: set, scale: 2}
	for _, s := range []string{"AVATAR Tokyo", "LLaMA 2 · 7B;13B;70B", "Crème brûlée — “Hermes’s”", "Ελλάδα Россия", "To Wa Yo"} {
		for _, bold := range []bool{false, true} {
			// The font's advances are rounded to 1/64 px, at 2 px a point.
			got, want := r.measure(s, 11, bold), textwidth.Width(s, 11, bold)
			if slack := float64(len([]rune(s))) / 64 / 2; got < want-slack || got > want+slack {
				t.Errorf("%q bold=%v: drawn %.3f pt wide, the table says %.3f", s, bold, got, want)
			}
		}
	}
}

package textwidth

import (
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/lineage-dev/lineage/internal/fonts"
)

// fontWidth is the width of s in f at size px, glyph advances plus kerning,
// read from the font file.
func fontWidth(t *testing.T, f *sfnt.Font, s string, size float64) float64 {
	var b sfnt.Buffer
	ppem := fixed.Int26_6(size * 64)
	var w fixed.Int26_6
	var prev sfnt.GlyphIndex
	for i, r := range []rune(s) {
		gi, err := f.GlyphIndex(&b, r)
		if err != nil || gi == 0 {
			t.Fatalf("the font has no %q", r)
		}
		adv, err := f.GlyphAdvance(&b, gi, ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		w += adv
		if i > 0 {
			if k, err := f.Kern(&b, prev, gi, ppem, font.HintingNone); err == nil {
				w += k
			}
		}
		prev = gi
	}
	return float64(w) / 64
}

// TestWidthIsTheFontsWidth checks Width against the width the font file gives
// the text, kerned, at 1000 px so that rounding to 1/64 px does not count.
func TestWidthIsTheFontsWidth(t *testing.T) {
	const size = 1000
	for _, bold := range []bool{false, true} {
		f, err := sfnt.Parse(fonts.Sans(bold))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{
			"GPT-3", "AVATAR Tokyo", "LLaMA 2 · 7B;13B;70B", "Chinese-Vicuna project (Facico)",
			"Ædelstein Œuvre Łódź Ştefan Ďábel", "Ελληνικά ΑΒΓ", "Русский Яндекс", "2024-05 – 2025 — “Hermes’s”",
			"Ünïcödé façade naïve", "AT&T W.Va. ‹fi›", "",
		} {
			want := fontWidth(t, f, s, size)
			if got := Width(s, size, bold); got < want-0.5 || got > want+0.5 {
				t.Errorf("Width(%q, bold=%v) = %.2f px, the font draws %.2f", s, bold, got, want)
			}
		}
	}
}

// TestWidthKerns checks that kerning counts: "AV" is narrower than "A" and "V".
func TestWidthKerns(t *testing.T) {
	if av, a, v := Width("AV", 10, false), Width("A", 10, false), Width("V", 10, false); av >= a+v {
		t.Errorf("Width(AV) = %.3f, not less than A %.3f + V %.3f", av, a, v)
	}
}

// TestWidthEstimates checks the characters the font lacks.
func TestWidthEstimates(t *testing.T) {
	for _, tc := range []struct {
		s        string
		min, max float64 // at 10 pt
	}{
		{"中文标签测试中文标签测试", 120, 120},
		{"ＡＢＣ", 30, 30},       // fullwidth forms
		{"한국어", 30, 30},       // Hangul
		{"e\u0301", 5.5, 5.6}, // a combining accent takes no room
		{"a\u200db", 11.1, 11.2},
		{"ქართ", 32, 32}, // Georgian: not in the font, a wide capital each
		{"iiii", 8.8, 9},
		{"WWWW", 37.7, 37.8},
	} {
		if w := Width(tc.s, 10, false); w < tc.min-1e-9 || w > tc.max+1e-9 {
			t.Errorf("Width(%q) = %.3f, want %.1f to %.1f", tc.s, w, tc.min, tc.max)
		}
	}
	if Width("Model", 10, true) <= Width("Model", 10, false) {
		t.Error("bold text is not wider than regular")
	}
}

package fonts

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Faces for drawing text. Every character Liberation Sans has (Latin, Greek,
// Cyrillic, Hebrew, punctuation) is drawn with it, from the copy embedded in
// this package: the same fonts the layout's widths come from
// (package textwidth), whatever the machine has installed, so a chart whose
// text it covers comes out the same on every machine. Other scripts fall back,
// character by character, to the installed fonts that cover them (Noto CJK,
// WenQuanYi, Droid Sans Fallback, the system fonts of macOS and Windows, DejaVu
// for the rest); a character no font covers is drawn as a box and reported.

// fallbackFonts are the file names searched for in the font directories, in
// order of preference, regular and bold; a .ttc collection's first font is used.
var fallbackFonts = [2][]string{
	{"NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf", "NotoSansSC-Regular.ttf",
		"wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
		"PingFang.ttc", "Hiragino Sans GB.ttc", "msyh.ttc", "simsun.ttc", "DejaVuSans.ttf", "Arial Unicode.ttf"},
	{"NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "NotoSansSC-Bold.otf", "msyhbd.ttc"},
}

// SystemDirs returns the directories where the system and the user install
// fonts, to be searched recursively.
func SystemDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts", filepath.Join(home, "Library/Fonts")}
	case "windows":
		return []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
	}
	dirs := []string{filepath.Join(home, ".local/share/fonts"), filepath.Join(home, ".fonts"), "/usr/local/share/fonts", "/usr/share/fonts"}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		dirs = append([]string{filepath.Join(xdg, "fonts")}, dirs...)
	}
	return dirs
}

// Set holds the fonts to draw with, regular and bold, and the faces made
// from them. The installed fonts are looked for only when a character the
// built-in font lacks is drawn, so a chart the built-in font covers reads no
// font file of the machine.
type Set struct {
	dirs     []string
	builtin  [2]*sfnt.Font   // [bold]
	fallback [2][]*sfnt.Font // [bold]: the installed fonts, in order of preference
	searched bool            // whether dirs have been searched
	faces    map[faceKey]*Face
}

type faceKey struct {
	size float64
	bold bool
}

// Load reads the built-in fonts and returns them with dirs, the
// directories to search, recursively, for fonts for other characters.
func Load(dirs []string) (*Set, error) {
	s := &Set{dirs: dirs, faces: map[faceKey]*Face{}}
	for b := range 2 {
		f, err := sfnt.Parse(Sans(b == 1))
		if err != nil {
			return nil, fmt.Errorf("reading the built-in font %s: %w", Name, err)
		}
		s.builtin[b] = f
	}
	return s, nil
}

// fallbacks are the installed fonts to draw characters the built-in font lacks
// with. The directories are searched on the first call; one that is missing
// or unreadable is skipped, as is a font file that does not parse: fonts are
// optional, and a character no font has is drawn as a box and reported.
func (s *Set) fallbacks(bold bool) []*sfnt.Font {
	if s.searched {
		return s.fallback[boolIndex(bold)]
	}
	s.searched = true
	files := map[string]string{} // base name -> first path found
	for _, dir := range s.dirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if _, ok := files[d.Name()]; !ok {
					files[d.Name()] = path
				}
			}
			return nil
		})
	}
	parsed := map[string]*sfnt.Font{} // by name, nil when it does not parse
	for b := range 2 {
		names := fallbackFonts[b]
		if b == 1 {
			names = append(names, fallbackFonts[0]...) // regular glyphs beat boxes
		}
		for _, name := range names {
			f, ok := parsed[name]
			if !ok {
				f = parseFont(files[name])
				parsed[name] = f
			}
			if f != nil {
				s.fallback[b] = append(s.fallback[b], f)
			}
		}
	}
	return s.fallback[boolIndex(bold)]
}

// parseFont parses the font file at path, the first font of a .ttc
// collection; nil when path is empty or the file cannot be read or parsed.
func parseFont(path string) *sfnt.Font {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	if strings.HasSuffix(strings.ToLower(path), ".ttc") {
		c, err := sfnt.ParseCollection(data)
		if err != nil || c.NumFonts() == 0 {
			return nil
		}
		f, err := c.Font(0)
		if err != nil {
			return nil
		}
		return f
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	return f
}

// Face is the face of the given pixel size and weight that falls back, rune by
// rune, from the built-in font to the installed ones.
func (s *Set) Face(size float64, bold bool) *Face {
	k := faceKey{size, bold}
	if f := s.faces[k]; f != nil {
		return f
	}
	f := &Face{set: s, size: size, bold: bold, ppem: fixed.Int26_6(size * 64)}
	f.add(s.builtin[boolIndex(bold)])
	s.faces[k] = f
	return f
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Face is a font.Face that draws each rune with the first of its fonts
// that has a glyph for it, and a box when none has. Its first font is the
// built-in one; the installed fonts are added when a rune that one lacks is
// first asked for.
type Face struct {
	set      *Set
	size     float64 // in pixels
	bold     bool
	ppem     fixed.Int26_6 // size, for kerning
	fonts    []*sfnt.Font
	faces    []font.Face
	extended bool // whether the installed fonts have been added
	buf      sfnt.Buffer
}

// add appends a font to the face's fonts, skipping one that cannot be sized.
func (f *Face) add(fnt *sfnt.Font) {
	face, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: f.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return
	}
	f.fonts = append(f.fonts, fnt)
	f.faces = append(f.faces, face)
}

// pick is the index of the font for r and whether any font covers it (else 0).
func (f *Face) pick(r rune) (int, bool) {
	for i := 0; ; i++ {
		if i == len(f.fonts) {
			if f.extended {
				return 0, false
			}
			f.extended = true
			for _, fnt := range f.set.fallbacks(f.bold) {
				f.add(fnt)
			}
			if i == len(f.fonts) {
				return 0, false
			}
		}
		if gi, err := f.fonts[i].GlyphIndex(&f.buf, r); err == nil && gi != 0 {
			return i, true
		}
	}
}

// invisible reports whether r draws nothing: spaces, controls and joiners.
func invisible(r rune) bool {
	return r <= ' ' || r == 0x200b || r == 0x200c || r == 0x200d || r == 0xfe0f
}

// MissingRune returns the first rune of s, other than spaces and controls, that no font covers.
func (f *Face) MissingRune(s string) (rune, bool) {
	for _, r := range s {
		if invisible(r) {
			continue
		}
		if _, ok := f.pick(r); !ok {
			return r, true
		}
	}
	return 0, false
}

// Close does nothing: a Face holds no resource to release.
func (f *Face) Close() error { return nil }

// A rune no font covers is drawn as a box outline of our own, not the first
// font's .notdef glyph, so that it shows whatever that glyph looks like.

// tofu is the box of an uncovered rune at the origin: its bounds and advance,
// about an em wide and a cap height tall.
func (f *Face) tofu() (fixed.Rectangle26_6, fixed.Int26_6) {
	m := f.faces[0].Metrics()
	em := m.Ascent + m.Descent
	bounds := fixed.Rectangle26_6{
		Min: fixed.Point26_6{X: em / 10, Y: -m.Ascent * 8 / 10},
		Max: fixed.Point26_6{X: em * 9 / 10, Y: 0},
	}
	return bounds, em
}

// Glyph draws r with the first font that has it, or as a box (font.Face).
func (f *Face) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	i, ok := f.pick(r)
	if ok || invisible(r) {
		return f.faces[i].Glyph(dot, r)
	}
	b, adv := f.tofu()
	dr := image.Rect((dot.X + b.Min.X).Round(), (dot.Y + b.Min.Y).Round(), (dot.X + b.Max.X).Round(), (dot.Y + b.Max.Y).Round())
	mask := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
	w := max(1, dr.Dy()/10)
	for y := range dr.Dy() {
		for x := range dr.Dx() {
			if x < w || y < w || x >= dr.Dx()-w || y >= dr.Dy()-w {
				mask.Pix[y*mask.Stride+x] = 0xff
			}
		}
	}
	return dr, mask, image.Point{}, adv, true
}

// GlyphBounds is r's bounds and advance in the font that draws it (font.Face).
func (f *Face) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	i, ok := f.pick(r)
	if ok || invisible(r) {
		return f.faces[i].GlyphBounds(r)
	}
	b, adv := f.tofu()
	return b, adv, true
}

// GlyphAdvance is r's advance in the font that draws it (font.Face).
func (f *Face) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	i, ok := f.pick(r)
	if ok || invisible(r) {
		return f.faces[i].GlyphAdvance(r)
	}
	_, adv := f.tofu()
	return adv, true
}

// Kern is the kerning of r0 and r1 when one font draws both. It asks the font
// itself: opentype.Face's Kern scales every font's kerning to 32 px whatever
// the face's size (x/image v0.21), which is not the width package textwidth
// computes.
func (f *Face) Kern(r0, r1 rune) fixed.Int26_6 {
	a, okA := f.pick(r0)
	b, okB := f.pick(r1)
	if !okA || !okB || a != b {
		return 0
	}
	fnt := f.fonts[a]
	g0, err0 := fnt.GlyphIndex(&f.buf, r0)
	g1, err1 := fnt.GlyphIndex(&f.buf, r1)
	if err0 != nil || err1 != nil {
		return 0
	}
	k, err := fnt.Kern(&f.buf, g0, g1, f.ppem, font.HintingNone)
	if err != nil {
		return 0
	}
	return k
}

// Metrics are the built-in font's (font.Face).
func (f *Face) Metrics() font.Metrics { return f.faces[0].Metrics() }

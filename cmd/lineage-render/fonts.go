package main

import (
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Fonts for PNG text. Latin text uses the first installed font of a list of
// Helvetica/Arial-like fonts, else the Go fonts built into this program, so text
// always draws. Other scripts fall back, rune by rune, to the installed fonts that
// cover them (Noto CJK, WenQuanYi, Droid Sans Fallback, the system fonts of macOS
// and Windows); a rune no font covers is drawn as a box and reported.

// latinFonts and fallbackFonts are file names searched for in fontDirs, in order
// of preference; a .ttc collection's first font is used.
var (
	latinFonts = [2][]string{
		{"LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "Helvetica.ttc", "DejaVuSans.ttf"},
		{"LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf", "DejaVuSans-Bold.ttf"},
	}
	fallbackFonts = [2][]string{
		{"NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf", "NotoSansSC-Regular.ttf",
			"wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
			"PingFang.ttc", "Hiragino Sans GB.ttc", "msyh.ttc", "simsun.ttc", "DejaVuSans.ttf", "Arial Unicode.ttf"},
		{"NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "NotoSansSC-Bold.otf", "msyhbd.ttc"},
	}
)

// fontDirs are the directories searched for fonts, recursively.
func fontDirs() []string {
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

// fontSet holds the fonts found, regular and bold, and the faces made from them.
type fontSet struct {
	fonts [2][]*sfnt.Font // [bold] in order of preference
	faces map[faceKey]*fallbackFace
}

type faceKey struct {
	size float64
	bold bool
}

// loadFonts finds the fonts to draw with. It never fails: the Go fonts are built in.
func loadFonts() *fontSet {
	files := map[string]string{} // base name -> first path found
	for _, dir := range fontDirs() {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if _, ok := files[d.Name()]; !ok {
					files[d.Name()] = path
				}
			}
			return nil
		})
	}
	s := &fontSet{faces: map[faceKey]*fallbackFace{}}
	builtin := [2][]byte{goregular.TTF, gobold.TTF}
	for b := range 2 {
		var list []*sfnt.Font
		if f := firstFont(files, latinFonts[b]); f != nil {
			list = append(list, f)
		}
		if f, err := sfnt.Parse(builtin[b]); err == nil {
			list = append(list, f)
		}
		fallback := fallbackFonts[b]
		if b == 1 {
			fallback = append(fallback, fallbackFonts[0]...) // regular glyphs beat boxes
		}
		for _, name := range fallback {
			if f := firstFont(files, []string{name}); f != nil {
				list = append(list, f)
			}
		}
		s.fonts[b] = list
	}
	return s
}

// firstFont parses the first of names that is installed and readable.
func firstFont(files map[string]string, names []string) *sfnt.Font {
	for _, name := range names {
		path, ok := files[name]
		if !ok {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if strings.HasSuffix(strings.ToLower(name), ".ttc") {
			c, err := sfnt.ParseCollection(data)
			if err != nil || c.NumFonts() == 0 {
				continue
			}
			if f, err := c.Font(0); err == nil {
				return f
			}
			continue
		}
		if f, err := sfnt.Parse(data); err == nil {
			return f
		}
	}
	return nil
}

// face is the fallback face of the given pixel size and weight.
func (s *fontSet) face(size float64, bold bool) *fallbackFace {
	k := faceKey{size, bold}
	if f := s.faces[k]; f != nil {
		return f
	}
	f := &fallbackFace{}
	for _, fnt := range s.fonts[boolIndex(bold)] {
		face, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			continue
		}
		f.fonts = append(f.fonts, fnt)
		f.faces = append(f.faces, face)
	}
	s.faces[k] = f
	return f
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fallbackFace is a font.Face that draws each rune with the first of its fonts
// that has a glyph for it, and the first font's box when none has.
type fallbackFace struct {
	fonts []*sfnt.Font
	faces []font.Face
	buf   sfnt.Buffer
}

// pick is the face for r and whether any font covers it.
func (f *fallbackFace) pick(r rune) (font.Face, bool) {
	for i, fnt := range f.fonts {
		if gi, err := fnt.GlyphIndex(&f.buf, r); err == nil && gi != 0 {
			return f.faces[i], true
		}
	}
	return f.faces[0], false
}

// invisible reports whether r draws nothing: spaces, controls and joiners.
func invisible(r rune) bool {
	return r <= ' ' || r == 0x200b || r == 0x200c || r == 0x200d || r == 0xfe0f
}

// missingRune is the first rune of s, other than spaces and controls, that no font covers.
func (f *fallbackFace) missingRune(s string) (rune, bool) {
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

func (f *fallbackFace) Close() error { return nil }

// A rune no font covers is drawn as a box outline of our own, not the first
// font's .notdef glyph: that one is empty in the Go fonts, so without installed
// fonts the text vanished instead.

// tofu is the box of an uncovered rune at the origin: its bounds and advance,
// about an em wide and a cap height tall.
func (f *fallbackFace) tofu() (fixed.Rectangle26_6, fixed.Int26_6) {
	m := f.faces[0].Metrics()
	em := m.Ascent + m.Descent
	bounds := fixed.Rectangle26_6{
		Min: fixed.Point26_6{X: em / 10, Y: -m.Ascent * 8 / 10},
		Max: fixed.Point26_6{X: em * 9 / 10, Y: 0},
	}
	return bounds, em
}

func (f *fallbackFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	face, ok := f.pick(r)
	if ok || invisible(r) {
		return face.Glyph(dot, r)
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

func (f *fallbackFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	face, ok := f.pick(r)
	if ok || invisible(r) {
		return face.GlyphBounds(r)
	}
	b, adv := f.tofu()
	return b, adv, true
}

func (f *fallbackFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	face, ok := f.pick(r)
	if ok || invisible(r) {
		return face.GlyphAdvance(r)
	}
	_, adv := f.tofu()
	return adv, true
}

func (f *fallbackFace) Kern(r0, r1 rune) fixed.Int26_6 {
	a, _ := f.pick(r0)
	b, _ := f.pick(r1)
	if a != b {
		return 0
	}
	return a.Kern(r0, r1)
}

func (f *fallbackFace) Metrics() font.Metrics { return f.faces[0].Metrics() }

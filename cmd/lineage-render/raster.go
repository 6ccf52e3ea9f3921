package main

import (
	"bytes"
	"cmp"
	"fmt"
	"image/png"
	"math"

	"github.com/fogleman/gg"
	"golang.org/x/image/font"

	"github.com/lineage-dev/lineage/internal/fonts"
)

// maxPixels bounds the PNG's size: a large graph is drawn at a lower resolution
// rather than as an image nobody can open.
const maxPixels = 20_000_000

// pad is the margin Graphviz puts around the drawing, in points.
const pad = 4.0

// rasterize draws the laid-out graph as a PNG at twice its size in points (so it
// stays sharp on high-density screens), as writeSVG draws it. It returns
// warnings about missing fonts.
func rasterize(l *layout, fontDirs []string) ([]byte, []string, error) {
	wPt := l.bbox[2] - l.bbox[0] + 2*pad
	hPt := l.bbox[3] - l.bbox[1] + 2*pad
	scale := 2.0
	if px := wPt * hPt * scale * scale; px > maxPixels {
		scale *= math.Sqrt(maxPixels / px)
	}
	w, h := int(math.Ceil(wPt*scale)), int(math.Ceil(hPt*scale))
	if w <= 0 || h <= 0 {
		return nil, nil, fmt.Errorf("drawing PNG: empty drawing (%q)", l.BB)
	}
	set, err := fonts.Load(fontDirs)
	if err != nil {
		return nil, nil, fmt.Errorf("drawing PNG: %w", err)
	}
	r := &rasterizer{
		dc:    gg.NewContext(w, h),
		fonts: set,
		scale: scale,
		x0:    l.bbox[0] - pad,
		y1:    l.bbox[3] + pad,
	}
	r.dc.SetColor(rgba(cmp.Or(l.background(), "#ffffff")))
	r.dc.Clear()
	draw(r, l.Draw, math.NaN())
	drawObjects(r, l)
	draw(r, l.LDraw, math.NaN())
	var buf bytes.Buffer
	if err := png.Encode(&buf, r.dc.Image()); err != nil {
		return nil, nil, fmt.Errorf("drawing PNG: %w", err)
	}
	var warnings []string
	if r.missing != "" {
		warnings = append(warnings, fmt.Sprintf("no installed font has the glyph for %q, drawn as a box: install a font for it (on Debian: apt-get install fonts-noto-cjk)", r.missing))
	}
	return buf.Bytes(), warnings, nil
}

// rasterizer is the PNG's canvas.
type rasterizer struct {
	dc      *gg.Context
	fonts   *fonts.Set
	scale   float64
	x0, y1  float64 // the drawing's left and top edges, in Graphviz's points (y up)
	missing string  // the first text with a rune no font has
}

func (r *rasterizer) group(string, int, string, *object) {}
func (r *rasterizer) end()                               {}

// pt converts Graphviz coordinates (points, y up) to pixels (y down).
func (r *rasterizer) pt(p [2]float64) (float64, float64) {
	return (p[0] - r.x0) * r.scale, (r.y1 - p[1]) * r.scale
}

func (r *rasterizer) shape(kind byte, pts [][2]float64, p pen) {
	dc := r.dc
	if kind == 'E' {
		cx, cy := r.pt(pts[0])
		dc.DrawEllipse(cx, cy, pts[1][0]*r.scale, pts[1][1]*r.scale)
	} else {
		dc.MoveTo(r.pt(pts[0]))
		for i := 1; i < len(pts); i++ {
			if kind != 'B' {
				dc.LineTo(r.pt(pts[i]))
			} else if i+2 < len(pts) {
				x1, y1 := r.pt(pts[i])
				x2, y2 := r.pt(pts[i+1])
				x3, y3 := r.pt(pts[i+2])
				dc.CubicTo(x1, y1, x2, y2, x3, y3)
				i += 2
			}
		}
		if kind == 'P' || p.fill != "" {
			dc.ClosePath()
		}
	}
	if c := rgba(p.fill); p.fill != "" && c.A > 0 {
		dc.SetColor(c)
		dc.FillPreserve()
	}
	if c := rgba(p.stroke); c.A > 0 {
		dc.SetColor(c)
		dc.SetLineWidth(p.width * r.scale)
		dc.SetDash(map[string][]float64{"dashed": {5 * r.scale, 2 * r.scale}, "dotted": {r.scale, 5 * r.scale}}[p.dash]...)
		dc.Stroke()
	}
	dc.ClearPath()
}

// text draws a line with the fonts found, measured in the font it is drawn in,
// so a centred line is centred as drawn.
func (r *rasterizer) text(t text) {
	c := rgba(t.colour)
	if c.A == 0 {
		return
	}
	x := t.x - r.measure(t.text, t.size, t.bold())*map[string]float64{"middle": 0.5, "end": 1}[t.anchor]
	f := r.fonts.Face(t.size*r.scale, t.bold())
	if ch, ok := f.MissingRune(t.text); ok && r.missing == "" {
		r.missing = string(ch)
	}
	r.dc.SetFontFace(f)
	r.dc.SetColor(c)
	px, py := r.pt([2]float64{x, t.y})
	r.dc.DrawString(t.text, px, py)
}

// measure is the width, in points, that text takes in the font it is drawn
// with (to 1/64 px: gg's MeasureString rounds down to whole pixels).
func (r *rasterizer) measure(text string, size float64, bold bool) float64 {
	return float64(font.MeasureString(r.fonts.Face(size*r.scale, bold), text)) / 64 / r.scale
}

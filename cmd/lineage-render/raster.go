package main

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/fogleman/gg"
	"golang.org/x/image/colornames"
	"golang.org/x/image/font"
)

// maxPixels bounds the PNG's size: a large graph is drawn at a lower resolution
// rather than as an image nobody can open.
const maxPixels = 20_000_000

// pad is the margin Graphviz puts around the drawing, in points.
const pad = 4.0

// rasterize draws the laid-out graph as a PNG at twice its size in points (so it
// stays sharp on high-density screens), from the same xdot operations Graphviz
// turns into SVG: clusters first, then edges, then nodes on top, then the graph's
// own label. It returns warnings about missing fonts. fontDirs are searched for
// fonts for the characters the built-in font lacks.
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
	fonts, err := loadFonts(fontDirs)
	if err != nil {
		return nil, nil, fmt.Errorf("drawing PNG: %w", err)
	}
	r := &rasterizer{
		dc:    gg.NewContext(w, h),
		fonts: fonts,
		scale: scale,
		x0:    l.bbox[0] - pad,
		y1:    l.bbox[3] + pad,
	}
	r.dc.SetRGB(1, 1, 1)
	r.dc.Clear()
	r.ops(l.Draw, "")
	for _, c := range l.Objects[:l.SubgraphCnt] {
		r.ops(c.Draw, "")
		r.ops(c.LDraw, "")
	}
	for _, e := range l.Edges {
		r.ops(e.Draw, "")
		r.ops(e.HDraw, "")
		r.ops(e.TDraw, "")
		r.ops(e.LDraw, "")
		r.ops(e.HLDraw, "")
		r.ops(e.TLDraw, "")
	}
	for _, n := range l.nodes() {
		r.ops(n.Draw, n.Label)
		r.ops(n.LDraw, n.Label)
	}
	r.ops(l.LDraw, "")
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

type rasterizer struct {
	dc      *gg.Context
	fonts   *fontSet
	scale   float64
	x0, y1  float64 // the drawing's left and top edges, in Graphviz's points (y up)
	missing string  // the first text with a rune no font has
}

// pt converts Graphviz coordinates (points, y up) to pixels (y down).
func (r *rasterizer) pt(p [2]float64) (float64, float64) {
	return (p[0] - r.x0) * r.scale, (r.y1 - p[1]) * r.scale
}

// ops draws one xdot operation list. The drawing state starts afresh for each.
func (r *rasterizer) ops(ops []drawOp, label string) {
	if len(ops) == 0 {
		return
	}
	dc := r.dc
	pen, fill := "#000000", "#000000"
	lineWidth, dash := 1.0, []float64(nil)
	invisible, fillSet := false, false
	size, face, flags := 14.0, "Times-Roman", 0
	stroke := func() {
		if invisible || transparent(pen) {
			dc.ClearPath()
			return
		}
		dc.SetColor(parseColor(pen))
		dc.SetLineWidth(lineWidth * r.scale)
		if dash != nil {
			ds := make([]float64, len(dash))
			for i, d := range dash {
				ds[i] = d * r.scale
			}
			dc.SetDash(ds...)
		} else {
			dc.SetDash()
		}
		dc.Stroke()
	}
	fillStroke := func() {
		if !invisible && !transparent(fill) {
			dc.SetColor(parseColor(fill))
			dc.FillPreserve()
		}
		stroke()
	}
	place := placeLines(ops, label, r.measure)
	ti := 0 // index of the next T operation
	for _, op := range ops {
		switch op.Op {
		case "c":
			pen = opColor(op)
		case "C":
			fill, fillSet = opColor(op), true
		case "S":
			switch s := op.Style; {
			case s == "solid":
				dash = nil
			case s == "dashed":
				dash = []float64{5, 2}
			case s == "dotted":
				dash = []float64{1, 5}
			case s == "bold":
				lineWidth = 2
			case s == "invis" || s == "invisible":
				invisible = true
			case strings.HasPrefix(s, "setlinewidth("):
				if v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil {
					lineWidth = v
				}
			}
		case "E", "e":
			cx, cy := r.pt([2]float64{op.Rect[0], op.Rect[1]})
			dc.DrawEllipse(cx, cy, op.Rect[2]*r.scale, op.Rect[3]*r.scale)
			if op.Op == "E" {
				fillStroke()
			} else {
				stroke()
			}
		case "P", "p", "L":
			for i, p := range op.Points {
				x, y := r.pt(p)
				if i == 0 {
					dc.MoveTo(x, y)
				} else {
					dc.LineTo(x, y)
				}
			}
			switch op.Op {
			case "P":
				dc.ClosePath()
				fillStroke()
			case "p":
				dc.ClosePath()
				stroke()
			default:
				stroke()
			}
		case "B", "b":
			if len(op.Points) < 4 {
				continue
			}
			x, y := r.pt(op.Points[0])
			dc.MoveTo(x, y)
			for i := 1; i+2 < len(op.Points); i += 3 {
				x1, y1 := r.pt(op.Points[i])
				x2, y2 := r.pt(op.Points[i+1])
				x3, y3 := r.pt(op.Points[i+2])
				dc.CubicTo(x1, y1, x2, y2, x3, y3)
			}
			// Graphviz's JSON does not follow the xdot spec's "b" for filled and
			// "B" for open curves (it writes edges as "b" and filled rounded boxes
			// as "B"): a curve is filled when it is closed and has a fill colour.
			closed := op.Points[0] == op.Points[len(op.Points)-1]
			switch {
			case closed && fillSet:
				dc.ClosePath()
				fillStroke()
			case closed:
				dc.ClosePath()
				stroke()
			default:
				stroke()
			}
		case "F":
			size, face = op.Size, op.Face
		case "t":
			flags = op.Flags
		case "T":
			pl := place[ti]
			ti++
			if invisible || transparent(pen) || op.Text == "" {
				continue
			}
			f := r.fonts.face(size*r.scale, fontIsBold(face, flags))
			if r.missing == "" {
				if ch, ok := f.missingRune(op.Text); ok {
					r.missing = string(ch)
				}
			}
			dc.SetFontFace(f)
			dc.SetColor(parseColor(pen))
			x, y := r.pt([2]float64{pl.x, op.Pt[1]})
			ax := map[string]float64{"start": 0, "middle": 0.5, "end": 1}[pl.anchor]
			dc.DrawStringAnchored(op.Text, x, y, ax, 0)
		}
	}
	dc.ClearPath()
}

// measure is the width, in points, that text takes in the font it is drawn
// with (to 1/64 px: gg's MeasureString rounds down to whole pixels).
func (r *rasterizer) measure(text string, size float64, bold bool) float64 {
	return float64(font.MeasureString(r.fonts.face(size*r.scale, bold), text)) / 64 / r.scale
}

// opColor is the colour of a c or C operation; a gradient is drawn in its first colour.
func opColor(op drawOp) string {
	if op.Grad != "" && op.Grad != "none" && len(op.Stops) > 0 {
		return op.Stops[0].Color
	}
	return op.Color
}

// parseColor turns an xdot colour into a colour: "#rrggbb", "#rrggbbaa", or a
// name. Graphviz's names are X11's; the SVG names used here are the ones browsers
// apply to Graphviz's SVG, so the PNG matches the SVG. A numbered X11 variant
// ("lightblue2") falls back to its base name, and an unknown name to black.
func parseColor(c string) color.Color {
	if strings.HasPrefix(c, "#") && (len(c) == 7 || len(c) == 9) {
		v, err := strconv.ParseUint(c[1:], 16, 64)
		if err == nil {
			if len(c) == 7 {
				v = v<<8 | 0xff
			}
			return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
		}
	}
	name := strings.ToLower(strings.ReplaceAll(c, " ", ""))
	if name == "transparent" || name == "none" {
		return color.Transparent
	}
	if rgba, ok := colornames.Map[strings.TrimRight(name, "0123456789")]; ok {
		return rgba
	}
	return color.Black
}

// transparent reports whether an xdot colour is fully transparent (#rrggbb00),
// as Graphviz writes "none" and "transparent".
func transparent(c string) bool {
	if c == "" {
		return true
	}
	_, _, _, a := parseColor(c).RGBA()
	return a == 0
}

package engine

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// svgDoc is what the PNG test reads from Graphviz's SVG: the view box and, per
// node and edge group, the shapes.
type svgDoc struct {
	ViewBox string `xml:"viewBox,attr"`
	Groups  []svgG `xml:"g>g"`
}

type svgG struct {
	Class    string       `xml:"class,attr"`
	Title    string       `xml:"title"`
	Polygons []svgPolygon `xml:"polygon"`
	Paths    []svgPath    `xml:"path"`
	Links    []struct {
		Polygons []svgPolygon `xml:"polygon"`
		Paths    []svgPath    `xml:"path"`
		Texts    []string     `xml:"text"`
	} `xml:"g>a"`
	Texts []string `xml:"text"`
}

type svgPolygon struct {
	Points string `xml:"points,attr"`
	Fill   string `xml:"fill,attr"`
}

type svgPath struct {
	D    string `xml:"d,attr"`
	Fill string `xml:"fill,attr"`
}

var num = regexp.MustCompile(`-?[0-9]*\.?[0-9]+`)

func points(s string) [][2]float64 {
	ns := num.FindAllString(s, -1)
	var ps [][2]float64
	for i := 0; i+1 < len(ns); i += 2 {
		x, _ := strconv.ParseFloat(ns[i], 64)
		y, _ := strconv.ParseFloat(ns[i+1], 64)
		ps = append(ps, [2]float64{x, y})
	}
	return ps
}

// TestPNGMatchesSVG draws one chart as SVG and as PNG through the built lineage
// and checks the PNG where the SVG (the same deterministic layout) says things
// are: ink along every node's outline and inside it (its label), the edge lines
// along their curves, and every arrowhead filled.
func TestPNGMatchesSVG(t *testing.T) {
	dir := built(t)
	run := func(args ...string) []byte {
		var stdout, stderr bytes.Buffer
		// --no-cache: the datasets it loads leave no index in the user's cache.
		cmd := exec.Command(filepath.Join(dir, "lineage"), append([]string{"--no-cache"}, args...)...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("lineage %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return stdout.Bytes()
	}
	for _, chart := range [][]string{
		{"render", "chatgpt", "--ancestors"},
		{"--data", "../browsertest/testdata/wide", "render"},
	} {
		t.Run(strings.Join(chart, " "), func(t *testing.T) {
			svg := run(append(chart, "-f", "svg")...)
			img, err := png.Decode(bytes.NewReader(run(append(chart, "-f", "png")...)))
			if err != nil {
				t.Fatal(err)
			}
			var doc svgDoc
			if err := xml.Unmarshal(svg, &doc); err != nil {
				t.Fatal(err)
			}
			vb := points(doc.ViewBox)
			if len(vb) != 2 {
				t.Fatalf("viewBox %q", doc.ViewBox)
			}
			// The SVG is translated by (4, height-4); the PNG is drawn at 2 px a point.
			scale := float64(img.Bounds().Dx()) / vb[1][0]
			if scale < 1.9 || scale > 2.1 {
				t.Fatalf("PNG is %v for an SVG of %v pt: scale %.2f, want 2", img.Bounds().Size(), vb[1], scale)
			}
			px := func(p [2]float64) (int, int) {
				return int((p[0] + 4) * scale), int((p[1] + vb[1][1] - 4) * scale)
			}
			nodes, edges, arrows := 0, 0, 0
			for _, g := range doc.Groups {
				polys, paths, texts := g.Polygons, g.Paths, g.Texts
				for _, a := range g.Links {
					polys, paths, texts = append(polys, a.Polygons...), append(paths, a.Paths...), append(texts, a.Texts...)
				}
				switch g.Class {
				case "node":
					var outline [][2]float64
					if len(polys) > 0 {
						outline = points(polys[0].Points)
					} else if len(paths) > 0 {
						outline = points(paths[0].D)
					}
					if len(outline) == 0 || len(texts) == 0 || strings.HasPrefix(g.Title, "_") {
						continue // axis labels and the legend's table
					}
					nodes++
					checkNode(t, img, g.Title, outline, px)
				case "edge":
					for _, p := range paths {
						if p.Fill != "none" {
							continue
						}
						edges++
						ps := points(p.D)
						for i := 0; i+3 < len(ps); i += 3 {
							for _, u := range []float64{0.3, 0.5, 0.7} {
								if x, y := px(bezierAt(ps[i:i+4], u)); !inkNear(img, x, y) {
									t.Errorf("edge %s: no line at pixel (%d,%d)", g.Title, x, y)
								}
							}
						}
					}
					for _, p := range polys {
						arrows++
						var c [2]float64
						ps := points(p.Points)
						for _, q := range ps[:len(ps)-1] { // the last point closes the polygon
							c[0] += q[0] / float64(len(ps)-1)
							c[1] += q[1] / float64(len(ps)-1)
						}
						if x, y := px(c); !ink(img.At(x, y)) {
							t.Errorf("edge %s: arrowhead not filled at pixel (%d,%d)", g.Title, x, y)
						}
					}
				}
			}
			if nodes < 3 || edges < 2 || arrows < 2 {
				t.Errorf("checked %d nodes, %d edges, %d arrowheads: the SVG was not read right", nodes, edges, arrows)
			}
		})
	}
}

// checkNode checks a node's outline and that its inside has label ink.
func checkNode(t *testing.T, img image.Image, name string, outline [][2]float64, px func([2]float64) (int, int)) {
	t.Helper()
	x0, y0 := px(outline[0])
	x1, y1 := x0, y0
	for _, p := range outline {
		x, y := px(p)
		x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
	}
	// Outline: ink near the middle of the top and bottom edges.
	mid := (x0 + x1) / 2
	if !inkNear(img, mid, y0) || !inkNear(img, mid, y1) {
		t.Errorf("node %s: no outline at (%d,%d) or (%d,%d)", name, mid, y0, mid, y1)
	}
	// Inside: enough dark pixels for its label, and a fill that is not white.
	dark, white := 0, 0
	for y := y0 + 4; y < y1-4; y++ {
		for x := x0 + 6; x < x1-6; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			switch {
			case r+g+b < 3*0x5000:
				dark++
			case r&g&b > 0xfc00:
				white++
			}
		}
	}
	if dark < 100 {
		t.Errorf("node %s: %d dark pixels inside (%d,%d)-(%d,%d), want its label", name, dark, x0, y0, x1, y1)
	}
	if area := (x1 - x0 - 12) * (y1 - y0 - 8); white > area/4 {
		t.Errorf("node %s: %d of %d pixels inside are white, want its fill", name, white, area)
	}
}

func ink(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0xb000 // edges are grey (#4d4d4d, #8c8c8c)
}

func inkNear(img image.Image, x, y int) bool {
	for dx := -2; dx <= 2; dx++ {
		for dy := -2; dy <= 2; dy++ {
			if ink(img.At(x+dx, y+dy)) {
				return true
			}
		}
	}
	return false
}

func bezierAt(p [][2]float64, t float64) [2]float64 {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return [2]float64{a*p[0][0] + b*p[1][0] + c*p[2][0] + d*p[3][0], a*p[0][1] + b*p[1][1] + c*p[2][1] + d*p[3][1]}
}

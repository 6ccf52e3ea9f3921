package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// mu serialises renders: go-graphviz shares one WebAssembly instance, and
// concurrent renders corrupt each other (upstream issue #117).
var mu sync.Mutex

// render lays out the DOT graph and draws it in format (svg or png). It returns
// the image, the warnings found on the way, and an error when no good image could
// be made; it never returns an empty image with a nil error. A PNG's text is
// drawn with the built-in font, and with fonts found in fontDirs for the
// characters that font lacks.
//
// The context given to go-graphviz is always Background: a cancelled context
// leaves its WebAssembly instance broken for every later call (upstream #118).
// Whoever needs a deadline kills the lineage-render process instead.
func render(dot []byte, format string, fontDirs ...string) ([]byte, []string, error) {
	mu.Lock()
	defer mu.Unlock()
	ctx := context.Background()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("starting Graphviz: %w", err)
	}
	defer gv.Close()
	dot, fontLists := simplifyFontLists(keepEmptyLabels(dot))
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the DOT graph: %w", err)
	}
	if g == nil {
		return nil, nil, errors.New("reading the DOT graph: Graphviz returned no graph")
	}
	defer g.Close()
	warnings := lint(dot)

	tables, err := widen(g, dot)
	if err != nil {
		return nil, warnings, err
	}
	var out bytes.Buffer
	switch format {
	case "svg":
		if err := gv.Render(ctx, g, graphviz.SVG, &out); err != nil {
			return nil, warnings, fmt.Errorf("drawing SVG: %w", err)
		}
		if err := checkSVG(out.Bytes()); err != nil {
			return nil, warnings, err
		}
		svg := restoreFontLists(centerSVGText(out.Bytes(), tables), fontLists)
		if err := checkSVG(svg); err != nil {
			return nil, warnings, fmt.Errorf("placing labels: %w", err)
		}
		return svg, warnings, nil
	case "json": // the laid-out graph, for tests
		if err := gv.Render(ctx, g, "json", &out); err != nil {
			return nil, warnings, fmt.Errorf("laying out the graph: %w", err)
		}
		return out.Bytes(), warnings, nil
	case "png":
		// Graphviz's own PNG renderer in go-graphviz drops edge lines, outlines
		// and non-Latin text, so PNG is drawn here from the laid-out graph.
		if err := gv.Render(ctx, g, "json", &out); err != nil {
			return nil, warnings, fmt.Errorf("laying out the graph: %w", err)
		}
		lay, err := parseLayout(out.Bytes())
		if err != nil {
			return nil, warnings, err
		}
		png, fontWarnings, err := rasterize(lay, fontDirs)
		warnings = append(warnings, fontWarnings...)
		return png, warnings, err
	}
	return nil, warnings, fmt.Errorf("unknown format %q", format)
}

// emptyLabel matches an explicitly empty label attribute.
var emptyLabel = regexp.MustCompile(`(^|[\s,;\[{])label\s*=\s*""`)

// keepEmptyLabels works around go-graphviz's ParseBytes, which replaces every
// empty label with the node's name ("\N"): an invisible helper node would show
// its id. A label of one space draws nothing and survives.
func keepEmptyLabels(dot []byte) []byte {
	return emptyLabel.ReplaceAll(dot, []byte(`${1}label=" "`))
}

// fontnameAttr matches a quoted fontname attribute in DOT.
var fontnameAttr = regexp.MustCompile(`(\bfontname\s*=\s*)"([^"\\]*)"`)

// svgFamily is how Graphviz's SVG names the font families it knows.
var svgFamily = map[string]string{"Helvetica": "Helvetica,sans-Serif", "Arial": "Arial"}

// simplifyFontLists works around Graphviz's width estimates for a font list:
// "Helvetica,Arial,sans-serif" is not a family it has metrics for, so it measures
// text in Times, some 8% narrower, and Latin text overflows HTML table cells and
// edge labels. Such a list is laid out as its first family, Helvetica or Arial,
// and restoreFontLists puts the list back into the SVG. It returns the DOT and,
// per SVG font-family, the list to restore (only where that is unambiguous).
func simplifyFontLists(dot []byte) ([]byte, map[string]string) {
	restore := map[string]string{}
	ambiguous := map[string]bool{}
	out := fontnameAttr.ReplaceAllFunc(dot, func(m []byte) []byte {
		sub := fontnameAttr.FindSubmatch(m)
		list := string(sub[2])
		first, _, isList := strings.Cut(list, ",")
		first = strings.TrimSpace(first)
		var family string
		for f := range svgFamily {
			if strings.EqualFold(first, f) {
				family = f
			}
		}
		if !isList || family == "" {
			return m
		}
		svg := svgFamily[family]
		if prev, ok := restore[svg]; ok && prev != list {
			ambiguous[svg] = true
		}
		restore[svg] = list
		return []byte(string(sub[1]) + `"` + family + `"`)
	})
	for f := range ambiguous {
		delete(restore, f)
	}
	return out, restore
}

// restoreFontLists puts the font lists simplifyFontLists replaced back into the
// SVG's font-family attributes.
func restoreFontLists(svg []byte, restore map[string]string) []byte {
	for family, list := range restore {
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(list))
		svg = bytes.ReplaceAll(svg, []byte(`font-family="`+family+`"`), []byte(`font-family="`+esc.String()+`"`))
	}
	return svg
}

// checkSVG makes sure Graphviz produced a whole, well-formed SVG document: it can
// write nothing at all and still report success.
func checkSVG(svg []byte) error {
	if len(bytes.TrimSpace(svg)) == 0 {
		return errors.New("drawing SVG: Graphviz produced no output")
	}
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	// Graphviz declares the SVG 1.1 DTD; its entities are not used in the body.
	sawSVG := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("drawing SVG: Graphviz produced malformed SVG: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "svg" {
			sawSVG = true
		}
	}
	if !sawSVG {
		return errors.New("drawing SVG: Graphviz's output has no <svg> element")
	}
	return nil
}

// shapes are the node shapes Graphviz knows; it silently draws a box for others.
var shapes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`box polygon ellipse oval circle point egg triangle
		plaintext plain diamond trapezium parallelogram house pentagon hexagon septagon
		octagon doublecircle doubleoctagon tripleoctagon invtriangle invtrapezium invhouse
		mdiamond msquare mcircle rect rectangle square star none underline cylinder note
		tab folder box3d component promoter cds terminator utr primersite restrictionsite
		fivepoverhang threepoverhang noverhang assembly signature insulator ribosite
		rnastab proteasesite proteinstab rpromoter rarrow larrow lpromoter record mrecord`) {
		shapes[s] = true
	}
}

// lint reports the mistakes Graphviz would pass over in silence: the embedded
// Graphviz drops its warnings, so unknown shapes and malformed colours are
// checked here, on the DOT's attribute assignments (reading them back through
// go-graphviz costs a WebAssembly call each).
func lint(dot []byte) []string {
	var warnings []string
	seen := map[string]bool{}
	for _, a := range dotAttrs(dot) {
		var w string
		switch a.name {
		case "shape":
			if !shapes[strings.ToLower(a.value)] {
				w = fmt.Sprintf("line %d: unknown shape %q, drawn as a box", a.line, a.value)
			}
		case "color", "fillcolor", "fontcolor", "bgcolor", "pencolor", "labelfontcolor":
			if !validColor(a.value) {
				w = fmt.Sprintf("line %d: %s %q is not a colour Graphviz understands", a.line, a.name, a.value)
			}
		}
		if w != "" && !seen[w] {
			seen[w] = true
			warnings = append(warnings, w)
		}
	}
	return warnings
}

// dotAttr is an attribute assignment name=value in DOT text.
type dotAttr struct {
	name, value string
	line        int
}

// dotAttrs finds the attribute assignments of a DOT text with a small lexer, so
// that text inside quoted strings, HTML-like labels and comments is never taken
// for an assignment.
func dotAttrs(dot []byte) []dotAttr {
	type token struct {
		text  string
		line  int
		ident bool // an ID: a name, number, quoted or HTML string
	}
	var toks []token
	line := 1
	for i := 0; i < len(dot); {
		c := dot[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '/' && i+1 < len(dot) && dot[i+1] == '/', c == '#' && (i == 0 || dot[i-1] == '\n'):
			for i < len(dot) && dot[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(dot) && dot[i+1] == '*':
			end := bytes.Index(dot[i+2:], []byte("*/"))
			if end < 0 {
				end = len(dot) - i - 2
			}
			line += bytes.Count(dot[i:i+2+end], []byte("\n"))
			i += end + 4
		case c == '"':
			var b strings.Builder
			start := line
			j := i + 1
			for ; j < len(dot) && dot[j] != '"'; j++ {
				if dot[j] == '\\' && j+1 < len(dot) {
					if dot[j+1] != '"' {
						b.WriteByte('\\')
					}
					j++
				}
				if dot[j] == '\n' {
					line++
				}
				b.WriteByte(dot[j])
			}
			toks = append(toks, token{b.String(), start, true})
			i = j + 1
		case c == '<':
			depth, j, start := 0, i, line
			for ; j < len(dot); j++ {
				if dot[j] == '<' {
					depth++
				} else if dot[j] == '>' {
					if depth--; depth == 0 {
						break
					}
				} else if dot[j] == '\n' {
					line++
				}
			}
			toks = append(toks, token{"<html>", start, true})
			i = j + 1
		case c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			j := i
			for j < len(dot) && (dot[j] == '_' || dot[j] == '.' || dot[j] >= '0' && dot[j] <= '9' || dot[j] >= 'a' && dot[j] <= 'z' || dot[j] >= 'A' && dot[j] <= 'Z' || dot[j] >= 0x80 || dot[j] == '-' && j > i && dot[i] >= '0' && dot[i] <= '9') {
				j++
			}
			if j == i { // a lone '-' of an edge operator
				j++
			}
			toks = append(toks, token{string(dot[i:j]), line, true})
			i = j
		default:
			toks = append(toks, token{string(c), line, false})
			i++
		}
	}
	var attrs []dotAttr
	for k := 0; k+2 < len(toks); k++ {
		if toks[k].ident && toks[k+1].text == "=" && !toks[k+1].ident && toks[k+2].ident {
			attrs = append(attrs, dotAttr{strings.ToLower(toks[k].text), toks[k+2].text, toks[k].line})
		}
	}
	return attrs
}

// validColor accepts what Graphviz accepts in practice: empty, #rgb(a) hex,
// "H,S,V" or "H S V" numbers, colour lists separated by ':' or ';', and names.
func validColor(c string) bool {
	if c == "" {
		return true
	}
	for _, part := range strings.FieldsFunc(c, func(r rune) bool { return r == ':' || r == ';' }) {
		switch {
		case strings.HasPrefix(part, "#"):
			h := part[1:]
			if len(h) != 6 && len(h) != 8 {
				return false
			}
			if _, err := strconv.ParseUint(h, 16, 64); err != nil {
				return false
			}
		case strings.ContainsAny(part, ", ") || part[0] == '.' || part[0] >= '0' && part[0] <= '9':
			for _, f := range strings.FieldsFunc(part, func(r rune) bool { return r == ',' || r == ' ' }) {
				if _, err := strconv.ParseFloat(f, 64); err != nil {
					return false
				}
			}
		default:
			for _, r := range part {
				if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '/') {
					return false
				}
			}
		}
	}
	return true
}

// layout is Graphviz's "json" output: positions and xdot drawing operations.
type layout struct {
	BB          string     `json:"bb"`
	Draw        []drawOp   `json:"_draw_"`
	LDraw       []drawOp   `json:"_ldraw_"`
	SubgraphCnt int        `json:"_subgraph_cnt"`
	Objects     []object   `json:"objects"`
	Edges       []object   `json:"edges"`
	Pad         string     `json:"pad"`
	bbox        [4]float64 // parsed BB: llx, lly, urx, ury
}

// object is a node, cluster or edge with its drawing operations.
type object struct {
	Name   string   `json:"name"`
	Shape  string   `json:"shape"`
	Margin string   `json:"margin"`
	Label  string   `json:"label"`
	Draw   []drawOp `json:"_draw_"`
	LDraw  []drawOp `json:"_ldraw_"`
	HDraw  []drawOp `json:"_hdraw_"`
	TDraw  []drawOp `json:"_tdraw_"`
	HLDraw []drawOp `json:"_hldraw_"`
	TLDraw []drawOp `json:"_tldraw_"`
}

// drawOp is one xdot operation (https://graphviz.org/docs/outputs/canon/#xdot).
type drawOp struct {
	Op     string       `json:"op"`
	Color  string       `json:"color"`
	Grad   string       `json:"grad"`
	Stops  []gradStop   `json:"stops"`
	Points [][2]float64 `json:"points"`
	Rect   [4]float64   `json:"rect"`
	Pt     [2]float64   `json:"pt"`
	Align  string       `json:"align"`
	Width  float64      `json:"width"`
	Text   string       `json:"text"`
	Size   float64      `json:"size"`
	Face   string       `json:"face"`
	Style  string       `json:"style"`
	Flags  int          `json:"fontchar"`
}

type gradStop struct {
	Color string `json:"color"`
}

func parseLayout(data []byte) (*layout, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("laying out the graph: Graphviz produced no output")
	}
	var l layout
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("laying out the graph: reading Graphviz's layout: %w", err)
	}
	f := strings.Split(l.BB, ",")
	if len(f) != 4 {
		return nil, fmt.Errorf("laying out the graph: bad bounding box %q", l.BB)
	}
	for i, s := range f {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("laying out the graph: bad bounding box %q", l.BB)
		}
		l.bbox[i] = v
	}
	if l.SubgraphCnt > len(l.Objects) {
		l.SubgraphCnt = len(l.Objects)
	}
	return &l, nil
}

// nodes are the layout's node objects (clusters come first in Objects).
func (l *layout) nodes() []object { return l.Objects[l.SubgraphCnt:] }

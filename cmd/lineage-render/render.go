package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// mu serialises renders: go-graphviz shares one WebAssembly instance, and
// concurrent renders corrupt each other (upstream issue #117).
var mu sync.Mutex

// render lays out the DOT graph with Graphviz and draws its layout (Graphviz's
// "json" output: every object's xdot drawing operations) in format: svg, png,
// or json, the layout itself. It returns the image, the warnings found on the
// way, and an error when no good image could be made; it never returns an
// empty image with a nil error. A PNG's text is drawn with the built-in font,
// and with fonts found in fontDirs for the characters that font lacks.
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
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the DOT graph: %w", err)
	}
	if g == nil {
		return nil, nil, errors.New("reading the DOT graph: Graphviz returned no graph")
	}
	defer g.Close()
	var out bytes.Buffer
	if err := gv.Render(ctx, g, "json", &out); err != nil {
		return nil, nil, fmt.Errorf("laying out the graph: %w", err)
	}
	lay, err := parseLayout(out.Bytes())
	switch {
	case err != nil:
		return nil, nil, err
	case format == "json":
		return out.Bytes(), nil, nil
	case format == "svg":
		return writeSVG(lay), nil, nil
	}
	return rasterize(lay, fontDirs)
}

// layout is Graphviz's "json" output: the graph, its objects (subgraphs
// first, then nodes) and its edges.
type layout struct {
	object
	BB          string     `json:"bb"`
	SubgraphCnt int        `json:"_subgraph_cnt"`
	Objects     []object   `json:"objects"`
	Edges       []object   `json:"edges"`
	bbox        [4]float64 // parsed BB: llx, lly, urx, ury
}

// object is the graph, a subgraph, node or edge: what the engine draws of it.
type object struct {
	Name, Pos, LP, URL, Tooltip, Target string
	Tail, Head                          int
	Draw                                []drawOp `json:"_draw_"`
	LDraw                               []drawOp `json:"_ldraw_"`
	HDraw                               []drawOp `json:"_hdraw_"`
	TDraw                               []drawOp `json:"_tdraw_"`
	HLDraw                              []drawOp `json:"_hldraw_"`
	TLDraw                              []drawOp `json:"_tldraw_"`
}

// drawOp is one xdot operation, as Graphviz's JSON writes it.
type drawOp struct {
	Op, Color, Grad, Align, Text, Face, Style string
	Stops                                     []struct{ Color string }
	Points                                    [][2]float64
	Rect                                      [4]float64
	Pt                                        [2]float64
	Width, Size                               float64
	Flags                                     int `json:"fontchar"`
}

func parseLayout(data []byte) (*layout, error) {
	var l layout
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("laying out the graph: reading Graphviz's layout: %w", err)
	}
	b := &l.bbox
	if _, err := fmt.Sscanf(l.BB, "%g,%g,%g,%g", &b[0], &b[1], &b[2], &b[3]); err != nil {
		return nil, fmt.Errorf("laying out the graph: bad bounding box %q", l.BB)
	}
	l.SubgraphCnt = min(max(l.SubgraphCnt, 0), len(l.Objects))
	return &l, nil
}

// nodes are the layout's nodes.
func (l *layout) nodes() []object { return l.Objects[l.SubgraphCnt:] }

// background is the colour Graphviz fills the graph with ("" for none).
func (l *layout) background() string {
	for _, op := range l.Draw {
		if op.Op == "C" {
			return opColor(op)
		}
	}
	return ""
}

// centre is the x Graphviz centres an object's label on: its label position,
// or a node's position; NaN when it has neither.
func (o *object) centre() float64 {
	s, _, _ := strings.Cut(cmp.Or(o.LP, o.Pos), ",")
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v
	}
	return math.NaN()
}

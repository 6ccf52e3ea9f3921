package render

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// Colour is a node colour pair: a light fill and a dark border of the same hue.
// Black text is readable on every fill, in colour and in grayscale.
type Colour struct {
	Fill, Border string // "#rrggbb"
}

// Palette is the fixed list of organisation colours: ColorBrewer's Set3 (light,
// distinct, designed for fills under black text) with a darker border for each.
// Its order never changes. Organisations own all but the grey (see OrgColours).
var Palette = [12]Colour{
	{"#8dd3c7", "#2a7f73"},
	{"#ffffb3", "#8c8c2a"},
	{"#bebada", "#5e5794"},
	{"#fb8072", "#a8372a"},
	{"#80b1d3", "#2f6690"},
	{"#fdb462", "#a3630f"},
	{"#b3de69", "#5b8a17"},
	{"#fccde5", "#a34f7d"},
	{"#d9d9d9", "#6b6b6b"},
	{"#bc80bd", "#6e3470"},
	{"#ccebc5", "#4f8a44"},
	{"#ffed6f", "#9c8500"},
}

// unknownColour marks a model without organisation or with an unknown access value.
var unknownColour = Colour{"#ffffff", "#7f7f7f"}

// accessColours colour the access vocabulary: open green, limited yellow, api blue,
// closed red, in the same Set3 tones as the organisations.
var accessColours = map[string]Colour{
	"open":    Palette[6],
	"limited": Palette[1],
	"api":     Palette[4],
	"closed":  Palette[3],
}

// accessOrder is the order the legend lists access values in.
var accessOrder = []string{"open", "limited", "api", "closed"}

// licenseColours colour the licence families: permissive green, pass-on terms
// orange, non-commercial red, unknown white, in the same Set3 tones.
var licenseColours = map[string]Colour{
	"permissive":     Palette[6],
	"pass-on":        Palette[5],
	"non-commercial": Palette[3],
}

// licenseOrder is the order the legend lists licence families in.
var licenseOrder = []string{"permissive", "pass-on", "non-commercial", "unknown"}

// colourScheme is a fixed colouring by a small vocabulary (access, licence family),
// as opposed to the organisations' ranked colours (OrgColours).
type colourScheme struct {
	title   string            // the legend's heading
	colours map[string]Colour // a key outside it is drawn unknownColour
	order   []string          // legend order
	class   string            // Mermaid class prefix
	names   map[string]string // how the legend names a key, when not as written
	key     func(m *graph.Model, opt Options) string
}

var accessScheme = colourScheme{title: "colour: access", colours: accessColours, order: accessOrder, class: "acc_",
	key: func(m *graph.Model, _ Options) string { return strings.ToLower(strings.TrimSpace(m.Access)) }}

var licenseScheme = colourScheme{title: "colour: licence", colours: licenseColours, order: licenseOrder, class: "lic_",
	names: map[string]string{"pass-on": "pass-on terms"},
	key:   func(m *graph.Model, opt Options) string { return opt.licenseFamily(m) }}

// otherColour is the neutral grey shared by every organisation that owns no
// palette colour; the legend names it otherOrgs.
var otherColour = Palette[8]

// otherOrgs is the legend's name for the organisations drawn in otherColour.
const otherOrgs = "other organisations"

// orgSlots are the palette colours organisations own, in the order they are given
// out: every Palette colour but the grey of otherColour. Its order never changes.
var orgSlots = func() []Colour {
	var s []Colour
	for _, c := range Palette {
		if c != otherColour {
			s = append(s, c)
		}
	}
	return s
}()

// OrgColours is the one organisation colouring of a dataset, shared by every
// chart drawn from it: the len(orgSlots) (11) organisations with the most models
// in the dataset (counting each model under its first organisation; ties by
// name) own the palette colours in that order, the largest the first; every
// other organisation is drawn in one neutral grey the legend names "other
// organisations". So a colour always means the one organisation the legend
// gives it, and an organisation keeps its colour in every chart of the dataset.
// The zero value colours every organisation "other".
type OrgColours struct {
	owner map[string]Colour // organisation → owned colour
}

// NewOrgColours ranks the organisations of a dataset and gives the largest the
// palette colours (see OrgColours). Pass the whole dataset, not the part a chart
// draws, so that the charts of one dataset agree.
func NewOrgColours(l *graph.Lineage) *OrgColours {
	count := map[string]int{}
	for _, m := range l.Models() {
		if len(m.Orgs) > 0 && m.Orgs[0] != "" {
			count[m.Orgs[0]]++
		}
	}
	orgs := make([]string, 0, len(count))
	for o := range count {
		orgs = append(orgs, o)
	}
	slices.SortFunc(orgs, func(a, b string) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b))
	})
	c := &OrgColours{owner: make(map[string]Colour, len(orgSlots))}
	for i, o := range orgs[:min(len(orgs), len(orgSlots))] {
		c.owner[o] = orgSlots[i]
	}
	return c
}

// Of returns an organisation's colour: its own palette colour, the neutral
// "other organisations" grey, or white for no organisation ("").
func (c *OrgColours) Of(org string) Colour {
	if org == "" {
		return unknownColour
	}
	if c == nil {
		return otherColour
	}
	if col, ok := c.owner[org]; ok {
		return col
	}
	return otherColour
}

// Owns reports whether the organisation has a palette colour of its own.
func (c *OrgColours) Owns(org string) bool {
	if c == nil {
		return false
	}
	_, ok := c.owner[org]
	return ok
}

// colourKey is what a model is coloured by: its first organisation, or its key in
// the colour scheme (access, licence family).
func colourKey(m *graph.Model, opt Options) string {
	if sc := opt.scheme(); sc != nil {
		return sc.key(m, opt)
	}
	if len(m.Orgs) == 0 {
		return ""
	}
	return m.Orgs[0]
}

// colourOf returns the colour for a colour key: the scheme's colour, or the
// organisation's colour in the dataset's colouring (Options.Orgs).
func colourOf(key string, opt Options) Colour {
	if sc := opt.scheme(); sc != nil {
		if c, ok := sc.colours[key]; ok {
			return c
		}
		return unknownColour
	}
	return opt.Orgs.Of(key)
}

// withOrgs returns opt with an organisation colouring: Options.Orgs when the
// caller gave one, else the colouring of the chart's own models.
func withOrgs(l *graph.Lineage, opt Options) Options {
	if opt.Orgs == nil {
		opt.Orgs = NewOrgColours(l)
	}
	return opt
}

// Stages are the training stages the charts draw with their own shape, in the
// order the legend lists them: graph's stage vocabulary. Any other stage is drawn
// as "other".
var Stages = graph.Stages()

// stageOf returns the model's stage from Stages, or "other".
func stageOf(m *graph.Model) string {
	s := strings.ToLower(strings.TrimSpace(m.Stage))
	for _, k := range Stages {
		if s == k {
			return s
		}
	}
	return "other"
}

// dotStage is how DOT draws a stage.
type dotStage struct {
	shape, style string
	penwidth     string // "" for the default 1
}

// dotStages maps each stage to its DOT node shape: boxes for the stages that are
// plain text models, so long names stay compact, told apart by corners and border
// weight; a folded-corner note for code models; a hexagon for reasoning models; a
// dashed box for anything else.
var dotStages = map[string]dotStage{
	"base":              {"box", "filled", ""},
	"instruction-tuned": {"box", "filled,rounded", ""},
	"chat":              {"box", "filled,rounded", "2.5"},
	"code":              {"note", "filled", ""},
	"reasoning":         {"hexagon", "filled", ""},
	"other":             {"box", "filled,dashed", ""},
}

// mermaidShapes maps each stage to a Mermaid node shape as opening and closing
// brackets around the quoted label.
var mermaidShapes = map[string][2]string{
	"base":              {"[", "]"},
	"instruction-tuned": {"(", ")"},
	"chat":              {"([", "])"},
	"code":              {"[[", "]]"},
	"reasoning":         {"{{", "}}"},
	"other":             {"[", "]"},
}

// Edge colours: lineage edges dark, influence edges lighter and dashed.
const (
	lineageEdgeColour   = "#4d4d4d"
	influenceEdgeColour = "#8c8c8c"
)

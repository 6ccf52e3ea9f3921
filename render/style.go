package render

import (
	"cmp"
	"hash/fnv"
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
// Its order never changes, so a hashed organisation keeps its colour forever.
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
// as opposed to the organisations' hashed colours.
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

// OrgColour returns the palette colour of an organisation: FNV-1a of its lower-cased,
// trimmed name, modulo the palette size. It depends on the name only, so colours do
// not move when models or organisations are added; two organisations may share a
// colour, which the legend then shows.
func OrgColour(org string) Colour {
	org = strings.ToLower(strings.TrimSpace(org))
	if org == "" {
		return unknownColour
	}
	h := fnv.New32a()
	h.Write([]byte(org))
	return Palette[h.Sum32()%uint32(len(Palette))]
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

// colourOf returns the colour for a colour key: the chart's own assignment
// (see assignOrgColours) when the key has one, else the organisation's hash colour.
func colourOf(key string, opt Options) Colour {
	if sc := opt.scheme(); sc != nil {
		if c, ok := sc.colours[key]; ok {
			return c
		}
		return unknownColour
	}
	if c, ok := opt.orgColours[key]; ok {
		return c
	}
	return OrgColour(key)
}

// assignOrgColours gives the organisations of one chart distinct colours while
// there are no more than the palette holds. Organisations are served in order of
// how many models they have (then by name); each takes its hash colour (OrgColour)
// when no earlier one has it, else the next free palette entry. So a chart's large
// organisations keep the colour they have everywhere, and no two organisations of
// a chart share a colour unless it has more than twelve.
func assignOrgColours(ms []*graph.Model, opt Options) map[string]Colour {
	if opt.scheme() != nil {
		return nil
	}
	count := map[string]int{}
	for _, m := range ms {
		if k := colourKey(m, opt); k != "" {
			count[k]++
		}
	}
	orgs := make([]string, 0, len(count))
	for o := range count {
		orgs = append(orgs, o)
	}
	slices.SortFunc(orgs, func(a, b string) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b))
	})
	taken := map[Colour]bool{}
	out := make(map[string]Colour, len(orgs))
	for _, o := range orgs {
		c := OrgColour(o)
		start := slices.Index(Palette[:], c)
		for i := 0; i < len(Palette) && taken[c]; i++ {
			c = Palette[(start+i+1)%len(Palette)]
		}
		if taken[c] { // the palette is used up: share the hash colour
			c = OrgColour(o)
		}
		taken[c] = true
		out[o] = c
	}
	return out
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

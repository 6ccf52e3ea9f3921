package render

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/data"
	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/internal/textwidth"
)

// TestOrgColoursRanked: the organisations with the most models own the palette
// colours, in rank order and all distinct; every other organisation is the one
// neutral grey, which no organisation owns.
func TestOrgColoursRanked(t *testing.T) {
	var ms []graph.Model
	n := len(orgSlots) + 3
	for i := range n {
		for range n - i { // org00 has the most models
			ms = append(ms, graph.Model{ID: fmt.Sprintf("m%d", len(ms)), Name: "x", Orgs: []string{fmt.Sprintf("org%02d", i)}})
		}
	}
	ms = append(ms, graph.Model{ID: "none", Name: "x"})
	l, err := graph.New(ms, nil)
	if err != nil {
		t.Fatal(err)
	}
	oc := NewOrgColours(l)
	used := map[Colour]string{}
	for i := range n {
		org := fmt.Sprintf("org%02d", i)
		c := oc.Of(org)
		if i < len(orgSlots) {
			if c != orgSlots[i] || !oc.Owns(org) {
				t.Errorf("%s (rank %d) = %v, want slot %v", org, i, c, orgSlots[i])
			}
			if other, dup := used[c]; dup {
				t.Errorf("%s and %s share %v", org, other, c)
			}
			used[c] = org
		} else if c != otherColour || oc.Owns(org) {
			t.Errorf("%s (rank %d) = %v, want the shared grey %v", org, i, c, otherColour)
		}
	}
	if _, owned := used[otherColour]; owned {
		t.Error("an organisation owns the grey of 'other organisations'")
	}
	if oc.Of("") != unknownColour {
		t.Errorf("no organisation = %v, want %v", oc.Of(""), unknownColour)
	}
	if (*OrgColours)(nil).Of("org00") != otherColour {
		t.Error("a nil colouring does not draw everything as other")
	}
}

// legendRow matches one entry of the DOT legend's colour key: swatch and label.
var legendRow = regexp.MustCompile(`<TD BGCOLOR="(#[0-9a-f]{6})" COLOR="#[0-9a-f]{6}" BORDER="1" WIDTH="14" HEIGHT="10" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT" WIDTH="(\d+)">([^<]*)</TD>`)

// dotLegend returns the colour key of a DOT chart: label by fill colour, and the
// width each label cell was given.
func dotLegend(t *testing.T, g *dotGraph) (names map[string]string, widths map[string]int) {
	t.Helper()
	var label string
	for name, attrs := range g.nodes {
		if strings.HasSuffix(name, "legend_colours") {
			label = attrs["label"].text
		}
	}
	if label == "" {
		t.Fatal("no colour key in the legend")
	}
	names, widths = map[string]string{}, map[string]int{}
	for _, m := range legendRow.FindAllStringSubmatch(label, -1) {
		name := html.UnescapeString(m[3])
		if prev, dup := names[m[1]]; dup {
			t.Errorf("legend gives %s to both %q and %q", m[1], prev, name)
		}
		names[m[1]] = name
		var w int
		fmt.Sscan(m[2], &w)
		widths[name] = w
	}
	return names, widths
}

// TestLegendTellsTheTruth draws the whole embedded dataset: every model is
// painted in the legend colour of its own first organisation, or in the grey the
// legend calls "other organisations" when that organisation owns no colour.
func TestLegendTellsTheTruth(t *testing.T) {
	l, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	out := string(write(t, WriterFunc(DOT), l, Options{}))
	g, err := parseDOT(out)
	if err != nil {
		t.Fatal(err)
	}
	legend, _ := dotLegend(t, g)
	named := map[string]bool{}
	for _, n := range legend {
		named[n] = true
	}
	others := 0
	for _, m := range l.Models() {
		fill := g.nodes[m.ID]["fillcolor"].text
		got, ok := legend[fill]
		if !ok {
			t.Errorf("%s is painted %s, a colour the legend does not name", m.ID, fill)
			continue
		}
		want := "no organisation"
		if len(m.Orgs) > 0 {
			want = m.Orgs[0]
			if !named[want] {
				want = otherOrgs
				others++
			}
		}
		if got != want {
			t.Errorf("%s (%q) is painted %s, which the legend calls %q", m.ID, m.Orgs, fill, got)
		}
	}
	if others == 0 || !named[otherOrgs] {
		t.Errorf("the dataset has more organisations than colours, yet %d models are 'other' and the legend names them: %v", others, named[otherOrgs])
	}
}

// TestLegendColumnsFit: each label cell of the colour key is at least as wide as
// the longest label of its column, by the engine's width estimate.
func TestLegendColumnsFit(t *testing.T) {
	l, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	g, err := parseDOT(string(write(t, WriterFunc(DOT), l, Options{})))
	if err != nil {
		t.Fatal(err)
	}
	_, widths := dotLegend(t, g)
	if len(widths) < 2 {
		t.Fatalf("colour key has %d entries", len(widths))
	}
	for name, w := range widths {
		if need := textwidth.Width(name, legendFontSize, false); float64(w) < need {
			t.Errorf("legend cell of %q is %d pt wide, its label needs %.1f pt", name, w, need)
		}
	}
}

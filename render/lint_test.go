package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/data"
	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/internal/textwidth"
)

// The engine's Graphviz drops its warnings, so a DOT mistake would be drawn
// silently wrong: an unknown shape as a box, a bad colour as black, a font list
// measured as Times. These tests hold every attribute DOT writes to what
// Graphviz accepts, in every kind of chart.

// graphvizShapes are the shapes DOT may write: Graphviz shapes whose widening
// of the label shapeFactor knows.
var graphvizShapes = map[string]bool{"box": true, "note": true, "hexagon": true, "plaintext": true, "point": true}

// graphvizStyles are the Graphviz styles DOT may write.
var graphvizStyles = map[string]bool{"filled": true, "rounded": true, "dashed": true, "solid": true, "invis": true, "bold": true, "dotted": true}

var (
	hexColour = regexp.MustCompile(`^#[0-9a-f]{6}$`)
	// htmlColour finds the colours of an HTML-like label.
	htmlColour = regexp.MustCompile(`(?i)\b(?:BGCOLOR|COLOR)="([^"]*)"`)
)

// lintCharts are charts of every kind: the fixture with each option, the
// hostile data, and the whole embedded dataset.
func lintCharts(t *testing.T) map[string]string {
	t.Helper()
	fixture, hostile := load(t, "fixture"), load(t, "hostile")
	all, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	family := func(m *graph.Model) string {
		return []string{"permissive", "pass-on", "non-commercial", "unknown"}[len(m.ID)%4]
	}
	charts := map[string]string{}
	for name, c := range map[string]struct {
		l   *graph.Lineage
		opt Options
	}{
		"fixture":          {fixture, Options{}},
		"fixture clusters": {fixture, Options{Cluster: "org", EdgeLabels: true, Focus: []string{"orion-chat", "beichen"}}},
		"fixture access":   {fixture, Options{ColorBy: "access"}},
		"fixture licence":  {fixture, Options{ColorBy: "license", LicenseFamily: family}},
		"hostile":          {hostile, Options{EdgeLabels: true, Cluster: "org"}},
		"embedded":         {all, Options{EdgeLabels: true}},
	} {
		charts[name] = string(write(t, WriterFunc(DOT), c.l, c.opt))
	}
	return charts
}

// TestDOTIsValidForGraphviz checks every attribute assignment of the charts:
// shapes and styles are Graphviz's, colours #rrggbb (in HTML-like labels too),
// the font the one font (no list), numbers numbers, and no label empty (the
// engine's DOT reader, go-graphviz's, turns an empty label into the node's name).
func TestDOTIsValidForGraphviz(t *testing.T) {
	for name, dot := range lintCharts(t) {
		g, err := parseDOT(dot)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		seen := map[string]bool{}
		bad := func(format string, args ...any) {
			if msg := name + ": " + strings.TrimSpace(fmt.Sprintf(format, args...)); !seen[msg] {
				seen[msg] = true
				t.Error(msg)
			}
		}
		for _, a := range g.assigns {
			v := a.val.text
			switch a.key {
			case "shape":
				if !graphvizShapes[v] {
					bad("shape %q is not one DOT sizes", v)
				}
			case "style":
				for _, s := range strings.Split(v, ",") {
					if !graphvizStyles[s] && v != "" { // "": the default
						bad("style %q is not a Graphviz style", s)
					}
				}
			case "color", "fillcolor", "fontcolor", "bgcolor":
				if !hexColour.MatchString(v) && !(a.key == "bgcolor" && v == "white") {
					bad("%s %q is not #rrggbb", a.key, v)
				}
			case "fontname":
				if v != fontname {
					bad("fontname %q, want the one font %q", v, fontname)
				}
			case "width", "height", "penwidth", "fontsize", "minlen", "weight", "arrowsize", "ranksep", "nodesep":
				if f, err := strconv.ParseFloat(v, 64); err != nil || f < 0 {
					bad("%s %q is not a number", a.key, v)
				}
			case "label":
				if a.val.kind == 'h' {
					for _, m := range htmlColour.FindAllStringSubmatch(v, -1) {
						if !hexColour.MatchString(m[1]) {
							bad("HTML label colour %q is not #rrggbb", m[1])
						}
					}
				}
				if v == "" {
					bad("an empty label")
				}
			}
		}
		if len(g.assigns) < 50 {
			t.Errorf("%s: only %d attributes read", name, len(g.assigns))
		}
	}
	if fontname != "Liberation Sans" || strings.Contains(fontname, ",") {
		t.Errorf("fontname %q: the charts are measured in Liberation Sans (package textwidth)", fontname)
	}
}

// TestNodesAreSizedForTheirLabels checks the width DOT gives every model's node:
// the widest line of its label by package textwidth, the margins, the widening
// of its shape; and no node narrower than Graphviz's default.
func TestNodesAreSizedForTheirLabels(t *testing.T) {
	l := load(t, "fixture")
	opt := Options{Focus: []string{"beichen-chat"}}
	g, err := parseDOT(string(write(t, WriterFunc(DOT), l, opt)))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range l.Models() {
		attrs := g.nodes[m.ID]
		w, err := strconv.ParseFloat(attrs["width"].text, 64)
		if err != nil {
			t.Fatalf("%s: width %q", m.ID, attrs["width"].text)
		}
		label := textwidth.Width(m.Name, 11, m.ID == "beichen-chat")
		if sub := subtitle(m); sub != "" {
			label = max(label, textwidth.Width(sub, 9, false))
		}
		need := (label + 2*7.2) / 72
		if attrs["shape"].text == "hexagon" {
			need *= 1.633 // √2/cos(30°), as Graphviz widens a hexagon
		}
		if w < need-0.002 || w < 0.75 || w > max(need, 0.75)+0.002 {
			t.Errorf("%s (%s): width %.3f in, want the label's %.3f (at least 0.75)", m.ID, attrs["shape"].text, w, need)
		}
	}
	// The Chinese name needs more than Graphviz's estimate (3 bytes, each as
	// narrow as a space, a character): 4 characters at 11 pt take 44 pt.
	if w, _ := strconv.ParseFloat(g.nodes["beichen-chat"]["width"].text, 64); w*72 < 44+14.4 {
		t.Errorf("beichen-chat (北辰对话) is %.1f pt wide", w*72)
	}
}

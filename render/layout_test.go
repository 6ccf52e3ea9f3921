package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/data"
	"github.com/lineage-dev/lineage/graph"
)

// TestPeriodRowsWrap: a crowded month is wrapped into balanced rows of at most
// rowMax models, each model a row below its parent of the same month; a month
// that fits stays one row, and nothing is wrapped when wrap is off.
func TestPeriodRowsWrap(t *testing.T) {
	var ids []string
	var es []graph.Edge
	width := map[string]float64{"base": 100}
	ids = append(ids, "base")
	for i := range 15 {
		id := fmt.Sprintf("child%02d", i)
		ids = append(ids, id)
		width[id] = 100
		es = append(es, graph.Edge{From: "base", To: id, Relation: "finetune"})
	}
	rows := periodRows(ids, es, width, true)
	if len(rows) != 3 || !slices.Equal(rows[0], []string{"base"}) {
		t.Fatalf("rows = %q, want the parent alone, then its 15 children in two rows", rows)
	}
	if len(rows[1]) != 8 || len(rows[2]) != 7 {
		t.Errorf("children rows hold %d and %d models, want 8 and 7", len(rows[1]), len(rows[2]))
	}
	if got := periodRows(ids, es, width, false); len(got) != 1 || len(got[0]) != 16 {
		t.Errorf("wrap off: %d rows, want one of all 16 models", len(got))
	}
	if got := periodRows(ids[:5], es, width, true); len(got) != 1 {
		t.Errorf("5 narrow models: %d rows, want 1 (side by side)", len(got))
	}
	// Wide names wrap a row of few models.
	wide := map[string]float64{}
	for _, id := range ids[1:5] {
		wide[id] = rowMaxWidth / 2
	}
	if got := periodRows(ids[1:5], nil, wide, true); len(got) != 2 {
		t.Errorf("4 models of half the row width: %d rows, want 2", len(got))
	}
	// An influence cycle inside a month does not hang or lose a model.
	cyc := []graph.Edge{{From: "child00", To: "child01", Relation: "successor"}, {From: "child01", To: "child00", Relation: "inspired-by"}}
	n := 0
	for _, r := range periodRows(ids, cyc, width, true) {
		n += len(r)
	}
	if n != len(ids) {
		t.Errorf("with a cycle, rows hold %d models, want %d", n, len(ids))
	}
}

// TestRightAxis: a chart of more than rightAxisMin models repeats every row's
// label on the right, each twin in its row's rank and right of each model of it
// (an invisible flat edge from the model); a small chart has one axis.
func TestRightAxis(t *testing.T) {
	l, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	out := string(write(t, WriterFunc(DOT), l, Options{}))
	g, err := parseDOT(out)
	if err != nil {
		t.Fatal(err)
	}
	flat := map[[2]string]bool{}
	for _, e := range g.edges {
		flat[e] = true
	}
	checked := 0
	for _, m := range l.Models() {
		pd := "_y" + fmt.Sprint(m.Date.Year)
		switch {
		case m.Date.Year == 0:
			pd = "_undated"
		case m.Date.Month != 0:
			pd += fmt.Sprintf("-%02d", m.Date.Month)
		}
		twin := "_R" + strings.TrimPrefix(pd, "_")
		if g.nodes[twin]["label"].text != g.nodes[pd]["label"].text {
			t.Fatalf("twin %s labelled %q, want %q", twin, g.nodes[twin]["label"].text, g.nodes[pd]["label"].text)
		}
		if !flat[[2]string{m.ID, twin}] {
			t.Errorf("%s has no flat edge to its row's right-hand label %s", m.ID, twin)
		}
		if !strings.Contains(out, fmt.Sprintf("{rank=same; %s;", quoteDOT(pd))) {
			t.Errorf("no rank for %s", pd)
		}
		checked++
	}
	if checked < rightAxisMin {
		t.Fatalf("checked %d models", checked)
	}
	small := string(write(t, WriterFunc(DOT), load(t, "fixture"), Options{}))
	if strings.Contains(small, "axis_right") {
		t.Error("a small chart repeats its axis on the right")
	}
}

// TestEdgeLabelsDecorated: with EdgeLabels, each label is tied to its edge by
// Graphviz's decorate line, and an influence label is in its edge's grey.
func TestEdgeLabelsDecorated(t *testing.T) {
	out := string(write(t, WriterFunc(DOT), load(t, "fixture"), Options{EdgeLabels: true}))
	if !strings.Contains(out, `"orion" -> "orion-2" [style=dashed, color="#8c8c8c", label="successor", decorate=true, fontcolor="#8c8c8c"`) {
		t.Errorf("influence edge label not decorated and grey:\n%s", out)
	}
	n := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, " -> ") && strings.Contains(line, ", label=") && !strings.Contains(line, "legend") {
			n++
			if !strings.Contains(line, "decorate=true") {
				t.Errorf("edge label not tied to its edge: %s", line)
			}
		}
	}
	if n < 3 {
		t.Errorf("%d labelled edges", n)
	}
}

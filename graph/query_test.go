package graph_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	dg "github.com/dominikbraun/graph"

	"github.com/lineage-dev/lineage/graph"
)

// family is a small lineage with a diamond, an influence edge and shared aliases:
//
//	base ─finetune→ sft ─rlhf→ chat ─merge→ merged ─quantized→ q4
//	base ─lora→ coder ─────────────────merge→ merged
//	chat ┄teacher-data┄→ student;  base ─finetune→ student
//	other (no relatives), nova1/nova2 share the alias "Nova"
func family(t testing.TB) *graph.Lineage {
	t.Helper()
	m := func(id, name string, aliases ...string) graph.Model {
		return graph.Model{ID: id, Name: name, Aliases: aliases, Source: "s"}
	}
	l, err := graph.New([]graph.Model{
		m("base", "Base Model", "羊驼"), m("sft", "SFT"), m("chat", "Chat-Model"), m("coder", "Coder"),
		m("merged", "Merged"), m("q4", "Merged Q4"), m("student", "Student"), m("other", "Other"),
		m("nova1", "Nova One", "Nova"), m("nova2", "Nova Two", "Nova"),
	}, []graph.Edge{
		{From: "base", To: "sft", Relation: "finetune"},
		{From: "sft", To: "chat", Relation: "rlhf"},
		{From: "base", To: "coder", Relation: "lora"},
		{From: "chat", To: "merged", Relation: "merge"},
		{From: "coder", To: "merged", Relation: "merge"},
		{From: "merged", To: "q4", Relation: "quantized"},
		{From: "chat", To: "student", Relation: "teacher-data"},
		{From: "base", To: "student", Relation: "finetune"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func ids(hops []graph.Hop) string {
	var s []string
	for _, h := range hops {
		s = append(s, h.Model.ID+":"+string(rune('0'+h.Depth)))
	}
	return strings.Join(s, " ")
}

func TestResolve(t *testing.T) {
	l := family(t)
	for _, tc := range []struct{ in, want, err string }{
		{"base", "base", ""},
		{"Base Model", "base", ""},
		{"base-model", "base", ""},
		{"BASE_MODEL", "base", ""},
		{"basemodel", "base", ""},
		{"羊驼", "base", ""},
		{"chat model", "chat", ""},
		{"Ｃｈａｔ－Ｍｏｄｅｌ", "chat", ""}, // fullwidth folds to ASCII, like case
		{"ＣＨＡＴ　ＭＯＤＥＬ", "chat", ""},
		{"Chat.Model", "chat", ""},
		{"nova", "", "ambiguous: it names nova1 (Nova One), nova2 (Nova Two)"},
		{"cht", "", `no model named "cht"; did you mean chat?`},
		{"chta", "", `did you mean chat?`}, // a swap is one edit
		{"zzzzzz", "", `no model named "zzzzzz"`},
	} {
		m, err := l.Resolve(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Resolve(%q) error = %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("Resolve(%q): %v", tc.in, err)
		case m.ID != tc.want:
			t.Errorf("Resolve(%q) = %s, want %s", tc.in, m.ID, tc.want)
		}
	}
	var amb *graph.AmbiguousError
	if _, err := l.Resolve("Nova"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("want AmbiguousError with 2 candidates, got %v", err)
	}
}

func TestAncestorsDescendants(t *testing.T) {
	l := family(t)
	all := graph.AllRelations
	infl, err := l.ParseRelations("teacher-data")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		got  []graph.Hop
		want string
	}{
		{"ancestors q4", l.Ancestors("q4", graph.QueryOptions{}), "merged:1 chat:2 coder:2 base:3 sft:3"},
		{"ancestors q4 depth 2", l.Ancestors("q4", graph.QueryOptions{Depth: 2}), "merged:1 chat:2 coder:2"},
		{"ancestors student lineage", l.Ancestors("student", graph.QueryOptions{}), "base:1"},
		{"ancestors student all", l.Ancestors("student", graph.QueryOptions{Relations: all}), "base:1 chat:1 sft:2"},
		{"ancestors student teacher-data only", l.Ancestors("student", graph.QueryOptions{Relations: infl}), "chat:1"},
		{"descendants base", l.Descendants("base", graph.QueryOptions{}), "coder:1 sft:1 student:1 chat:2 merged:2 q4:3"},
		{"descendants chat lineage", l.Descendants("chat", graph.QueryOptions{}), "merged:1 q4:2"},
		{"descendants other", l.Descendants("other", graph.QueryOptions{}), ""},
		{"unknown id", l.Ancestors("nope", graph.QueryOptions{}), ""},
	} {
		if got := ids(tc.got); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, got, tc.want)
		}
	}
	// Steps link each hop only to models one hop nearer.
	for _, h := range l.Ancestors("q4", graph.QueryOptions{}) {
		if h.Model.ID == "base" {
			var to []string
			for _, e := range h.Edges {
				to = append(to, e.To)
			}
			if strings.Join(to, ",") != "coder" {
				t.Errorf("base's steps towards q4 = %v, want [coder] (sft is at the same depth as base)", to)
			}
		}
	}
}

func TestPaths(t *testing.T) {
	l := family(t)
	path := func(es []graph.Edge) string {
		var s []string
		for _, e := range es {
			s = append(s, e.From+">"+e.To)
		}
		return strings.Join(s, " ")
	}
	if got := path(l.Path("base", "q4", graph.RelationFilter{})); got != "base>coder coder>merged merged>q4" {
		t.Errorf("shortest path = %q", got)
	}
	if got := l.Path("q4", "base", graph.RelationFilter{}); got != nil {
		t.Errorf("path goes down only, got %v", got)
	}
	paths, complete := l.AllPaths("base", "q4", graph.RelationFilter{}, 0)
	if len(paths) != 2 || !complete || path(paths[0]) != "base>coder coder>merged merged>q4" {
		t.Errorf("all paths = %v (complete %v)", paths, complete)
	}
	if paths, complete := l.AllPaths("base", "q4", graph.RelationFilter{}, 1); len(paths) != 1 || complete {
		t.Errorf("limit 1: %d paths, complete %v", len(paths), complete)
	}
	if got := l.Between("base", "q4", graph.RelationFilter{}); !slices.Equal(got, []string{"base", "chat", "coder", "merged", "q4", "sft"}) {
		t.Errorf("between = %v", got)
	}
	if got := l.Between("base", "student", graph.AllRelations); !slices.Equal(got, []string{"base", "chat", "sft", "student"}) {
		t.Errorf("between with influence = %v", got)
	}
}

func TestCommonAncestors(t *testing.T) {
	l := family(t)
	for _, tc := range []struct {
		a, b string
		f    graph.RelationFilter
		want string
	}{
		{"chat", "coder", graph.RelationFilter{}, "base"},
		{"q4", "chat", graph.RelationFilter{}, "chat"}, // a model is its own ancestor
		{"student", "merged", graph.RelationFilter{}, "base"},
		{"student", "merged", graph.AllRelations, "chat"}, // nearer through teacher-data
		{"other", "base", graph.RelationFilter{}, ""},
	} {
		var got []string
		for _, c := range l.CommonAncestors(tc.a, tc.b, tc.f) {
			got = append(got, c.Model.ID)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("common(%s, %s) = %v, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestRootsLeavesSubgraphStats(t *testing.T) {
	l := family(t)
	names := func(ms []*graph.Model) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.ID)
		}
		return strings.Join(s, " ")
	}
	if got := names(l.Roots(graph.RelationFilter{})); got != "base other nova1 nova2" {
		t.Errorf("roots = %q", got)
	}
	if got := names(l.Leaves(graph.RelationFilter{})); got != "q4 student other nova1 nova2" {
		t.Errorf("leaves = %q", got)
	}
	sub := l.Subgraph([]string{"chat", "merged", "q4", "nope"})
	if sub.Len() != 3 || len(sub.Edges()) != 2 {
		t.Errorf("subgraph: %d models, %d edges", sub.Len(), len(sub.Edges()))
	}
	if _, err := sub.Resolve("Merged Q4"); err != nil {
		t.Errorf("subgraph resolve: %v", err)
	}
	if only := l.Only(graph.RelationFilter{}); only.Len() != 10 || len(only.Edges()) != 7 {
		t.Errorf("Only(lineage): %d models, %d edges; want 10, 7 (teacher-data dropped)", only.Len(), len(only.Edges()))
	}
	st := l.Stats(0)
	if st.Models != 10 || st.Edges != 8 || st.InfluenceEdges != 1 || len(st.LongestChain) != 5 {
		t.Errorf("stats: %+v", st)
	}
	if st.Families[0].Root.ID != "base" || st.Families[0].Descendants != 6 {
		t.Errorf("largest family: %+v", st.Families[0])
	}
}

func TestParseRelations(t *testing.T) {
	l := family(t)
	for _, tc := range []struct {
		in          string
		lora, infl  bool
		err, String string
	}{
		{"lineage", true, false, "", "lineage"},
		{"all", true, true, "", "all"},
		{"influence", false, true, "", "influence"},
		{"lineage,teacher-data", true, true, "", "lineage,teacher-data"},
		{"adapter", true, false, "", "lora"},
		{"depends-on", false, false, "unknown relation", ""},
		{" , ", false, false, "empty", ""},
	} {
		f, err := l.ParseRelations(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || f.Allows("lora") != tc.lora || f.Allows("teacher-data") != tc.infl || f.String() != tc.String {
			t.Errorf("%q: %v lora=%v teacher=%v string=%q", tc.in, err, f.Allows("lora"), f.Allows("teacher-data"), f.String())
		}
	}
}

// TestGraphAdapter: the dominikbraun/graph view reads the same store.
func TestGraphAdapter(t *testing.T) {
	l := family(t)
	g := l.Graph()
	if n, _ := g.Order(); n != 10 {
		t.Errorf("order = %d", n)
	}
	if n, _ := g.Size(); n != 8 {
		t.Errorf("size = %d", n)
	}
	e, err := g.Edge("sft", "chat")
	if err != nil || e.Properties.Attributes["relation"] != "rlhf" {
		t.Errorf("edge: %+v %v", e, err)
	}
	if _, err := g.Edge("chat", "sft"); !errors.Is(err, dg.ErrEdgeNotFound) {
		t.Errorf("reverse edge: %v", err)
	}
	adj, _ := g.AdjacencyMap()
	if len(adj["base"]) != 3 {
		t.Errorf("adjacency of base: %v", adj["base"])
	}
	if err := g.RemoveEdge("sft", "chat"); err == nil {
		t.Errorf("the graph must be read-only")
	}
	order, err := dg.TopologicalSort(g)
	if err != nil || slices.Index(order, "base") > slices.Index(order, "q4") {
		t.Errorf("topological order %v, %v", order, err)
	}
}

// TestAllPathsShortestFirst: with a limit, AllPaths returns the shortest paths,
// not the first ones a depth-first walk meets (a → b → c → d is met first here).
func TestAllPathsShortestFirst(t *testing.T) {
	m := func(id string) graph.Model { return graph.Model{ID: id, Name: id, Source: "s"} }
	l, err := graph.New([]graph.Model{m("a"), m("b"), m("c"), m("d"), m("e")}, []graph.Edge{
		{From: "a", To: "b", Relation: "finetune"},
		{From: "b", To: "c", Relation: "finetune"},
		{From: "c", To: "d", Relation: "finetune"},
		{From: "a", To: "e", Relation: "finetune"},
		{From: "e", To: "d", Relation: "finetune"},
	})
	if err != nil {
		t.Fatal(err)
	}
	paths, complete := l.AllPaths("a", "d", graph.RelationFilter{}, 1)
	if len(paths) != 1 || complete || len(paths[0]) != 2 || paths[0][0].To != "e" {
		t.Errorf("limit 1: %v (complete %v), want the 2-step path through e", paths, complete)
	}
	paths, complete = l.AllPaths("a", "d", graph.RelationFilter{}, 5)
	if len(paths) != 2 || !complete || len(paths[0]) != 2 || len(paths[1]) != 3 {
		t.Errorf("limit 5: %v (complete %v), want 2 paths, shortest first", paths, complete)
	}
}

// TestAllPathsBounded: on a ladder of 40 diamonds (2^40 paths) "no limit" stops
// at MaxPaths instead of enumerating them all.
func TestAllPathsBounded(t *testing.T) {
	var ms []graph.Model
	var es []graph.Edge
	id := func(s string, i int) string { return fmt.Sprintf("%s%d", s, i) }
	ms = append(ms, graph.Model{ID: "n0", Name: "n0", Source: "s"})
	for i := 0; i < 40; i++ {
		for _, side := range []string{"l", "r"} {
			ms = append(ms, graph.Model{ID: id(side, i), Name: id(side, i), Source: "s"})
			es = append(es, graph.Edge{From: id("n", i), To: id(side, i), Relation: "finetune"},
				graph.Edge{From: id(side, i), To: id("n", i+1), Relation: "finetune"})
		}
		ms = append(ms, graph.Model{ID: id("n", i+1), Name: id("n", i+1), Source: "s"})
	}
	l, err := graph.New(ms, es)
	if err != nil {
		t.Fatal(err)
	}
	paths, complete := l.AllPaths("n0", "n40", graph.RelationFilter{}, 0)
	if len(paths) != graph.MaxPaths || complete {
		t.Errorf("no limit: %d paths, complete %v; want %d and false", len(paths), complete, graph.MaxPaths)
	}
	for _, p := range paths {
		if len(p) != 80 {
			t.Fatalf("a path of %d steps, want 80", len(p))
		}
	}
}

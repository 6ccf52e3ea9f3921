package hub

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

func TestBuildMapping(t *testing.T) {
	d := build(Record{
		ID: "https://huggingface.co/Org/Model-7B", Author: "ignored-when-the-id-has-a-namespace",
		CreatedAt: "2024-03-15T17:40:02.000Z",
		Tags:      []string{"license:mit"},
		Card: CardData{BaseModel: []string{"org/base"}, LibraryName: "transformers", PipelineTag: "text-generation",
			LicenseName: "x", LicenseLink: "https://example.com/license"},
		Where: "f:1",
	}, Record{ID: "gpt2", Author: "openai-community", CreatedAt: "2022-03-02", Card: CardData{License: []string{"MIT", "apache-2.0", "mit"}}})
	m := model(t, d, "Org/Model-7B")
	want := Model{ID: "Org/Model-7B", Name: "Model-7B", Org: "Org", Date: "2024-03-15",
		URL: "https://huggingface.co/Org/Model-7B", Source: "https://huggingface.co/Org/Model-7B",
		License: "mit", LicenseURL: "https://example.com/license", LicenseName: "x", Library: "transformers", Pipeline: "text-generation"}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("model:\n got %+v\nwant %+v", m, want)
	}
	g := model(t, d, "gpt2")
	if g.Org != "openai-community" || g.Name != "gpt2" || g.License != "mit;apache-2.0" || g.Date != "2022-03-02" {
		t.Errorf("legacy id: %+v", g)
	}
	l := load(t, d)
	lm, _ := l.Model("Org/Model-7B")
	if lm.Date.String() != "2024-03-15" {
		t.Errorf("loaded date %v", lm.Date)
	}
	var lic string
	for _, a := range lm.Attrs {
		if a.Key == "license" {
			lic = a.Value
		}
	}
	if lic != "mit" {
		t.Errorf("license attribute %q; attrs %v", lic, lm.Attrs)
	}
}

func TestBuildLicenseLink(t *testing.T) {
	d := build(
		Record{ID: "o/a", Card: CardData{License: []string{"other"}, LicenseName: "acme", LicenseLink: "LICENSE.md"}},
		Record{ID: "o/b", Where: "b:1", Card: CardData{License: []string{"not a licence!"}, LicenseLink: "../../etc/passwd"}},
		Record{ID: "o/c", Where: "c:1", Card: CardData{LicenseLink: "javascript:alert(1)"}},
	)
	if m := model(t, d, "o/a"); m.LicenseURL != "https://huggingface.co/o/a/blob/main/LICENSE.md" || m.License != "other" {
		t.Errorf("o/a = %+v", m)
	}
	if m := model(t, d, "o/b"); m.LicenseURL != "" || m.License != "" {
		t.Errorf("o/b = %+v", m)
	}
	problem(t, d, "b:1", `license "not a licence!" is not a licence id`)
	problem(t, d, "b:1", "license_link", "ignored")
	problem(t, d, "c:1", "license_link", "ignored")
	load(t, d)
}

func TestBuildDates(t *testing.T) {
	d := build(Record{ID: "o/a", CreatedAt: "2024-02-30T00:00:00Z", Where: "a:1"}, Record{ID: "o/b", CreatedAt: "yesterday", Where: "b:1"},
		Record{ID: "o/c", CreatedAt: "2024"})
	for _, id := range []string{"o/a", "o/b", "o/c"} {
		if m := model(t, d, id); m.Date != "" {
			t.Errorf("%s date %q, want empty", id, m.Date)
		}
	}
	problem(t, d, "a:1", "not a date")
	problem(t, d, "b:1", "not a date")
	load(t, d)
}

func TestBuildPlaceholdersAndBadBases(t *testing.T) {
	d := build(Record{ID: "o/child", Where: "c:1", Card: CardData{BaseModel: []string{
		"o/missing", "https://huggingface.co/o/missing", "/home/me/ckpt", "https://github.com/o/x", "o/child",
	}}})
	if got := modelIDs(d); !slices.Equal(got, []string{"o/child", "o/missing"}) {
		t.Fatalf("models %v", got)
	}
	if got := edgeList(d); !slices.Equal(got, []string{"o/missing -> o/child merge"}) {
		// Five entries name bases: several bases, so the Hub would call it a merge.
		t.Errorf("edges %v", got)
	}
	problem(t, d, "c:1", `"/home/me/ckpt"`, "ignored")
	problem(t, d, "c:1", "github.com", "ignored")
	problem(t, d, "c:1", "self-loop: o/child")
	if d.Placeholders != 1 || d.Imported != 1 {
		t.Errorf("placeholders %d, imported %d", d.Placeholders, d.Imported)
	}
	load(t, d)
}

func TestBuildCycles(t *testing.T) {
	// a -> b -> c -> a, and d hangs off the cycle; x <-> y is a second cycle.
	// Inner edges are taken in order of child id: c -> a, a -> b, then b -> c
	// would close the cycle and is dropped.
	d := build(
		Record{ID: "o/b", Where: "b:1", Card: CardData{BaseModel: []string{"o/a"}}},
		Record{ID: "o/c", Where: "c:1", Card: CardData{BaseModel: []string{"o/b"}}},
		Record{ID: "o/a", Where: "a:1", Card: CardData{BaseModel: []string{"o/c"}}},
		Record{ID: "o/d", Card: CardData{BaseModel: []string{"o/b"}}},
		Record{ID: "o/x", Where: "x:1", Card: CardData{BaseModel: []string{"o/y"}}},
		Record{ID: "o/y", Where: "y:1", Card: CardData{BaseModel: []string{"o/x"}}},
	)
	l := load(t, d)
	if len(d.Edges()) != 4 {
		t.Errorf("edges %v, want 4 of 6", edgeList(d))
	}
	problem(t, d, "dropped", "o/a", "o/b", "o/c")
	problem(t, d, "dropped", "o/x", "o/y")
	if hops := l.Ancestors("o/d", graph.QueryOptions{}); len(hops) != 3 {
		t.Errorf("ancestors of o/d: %v", hops)
	}
}

func TestBuildMerge(t *testing.T) {
	// A card, then an API record of the same model: the card's fields win, the
	// record fills the gaps, and its stated relation beats the card's inferred one.
	d := build(
		Record{ID: "o/m", Where: "card:1", Card: CardData{BaseModel: []string{"o/b"}, License: []string{"mit"}}},
		Record{ID: "o/m", Where: "api:1", CreatedAt: "2024-01-02T00:00:00Z", Tags: []string{"license:apache-2.0", "base_model:adapter:o/b"}},
	)
	m := model(t, d, "o/m")
	if m.License != "mit" || m.Date != "2024-01-02" || d.Merged != 1 || d.Imported != 1 {
		t.Errorf("merged model %+v (merged %d)", m, d.Merged)
	}
	if e := edge(t, d, "o/b", "o/m"); e.Relation != "adapter" || e.Note != "" {
		t.Errorf("edge %+v", e)
	}
}

func TestBuildHostileText(t *testing.T) {
	d := build(Record{ID: "o/m", Author: "x",
		Card: CardData{BaseModel: []string{"o/b"}, Relation: "\"quoted\",\nnew\x00line\xff", LibraryName: "a,\"b\"\r\nc\x1b[31m",
			PipelineTag: strings.Repeat("p", 10000), LicenseName: "\xff\xfe"}})
	l := load(t, d)
	m, _ := l.Model("o/m")
	for _, a := range m.Attrs {
		if strings.ContainsAny(a.Value, "\x00\x1b\r\n") || len(a.Value) > 400 {
			t.Errorf("attribute %s = %q", a.Key, a.Value)
		}
	}
	if e := edge(t, d, "o/b", "o/m"); strings.ContainsAny(e.Note, "\x00\n") {
		t.Errorf("note %q", e.Note)
	}
}

func TestBuildBadIDSkipped(t *testing.T) {
	d := build(Record{ID: "../../etc/passwd", Where: "f:3"}, Record{ID: "o/ok"})
	problem(t, d, "f:3", "skipped")
	if d.Skipped != 1 || d.Imported != 1 {
		t.Errorf("skipped %d, imported %d", d.Skipped, d.Imported)
	}
}

func TestBuildIDCase(t *testing.T) {
	d := build(
		Record{ID: "Org/Base-7B"},
		Record{ID: "org/child", Card: CardData{BaseModel: []string{"org/base-7b"}}},
		Record{ID: "ORG/BASE-7B", Where: "dup:1", Card: CardData{License: []string{"mit"}}},
		Record{ID: "org/self", Where: "s:1", Card: CardData{BaseModel: []string{"Org/Self"}}},
	)
	if got := modelIDs(d); !slices.Equal(got, []string{"Org/Base-7B", "org/child", "org/self"}) {
		t.Errorf("models %v", got)
	}
	if got := edgeList(d); !slices.Equal(got, []string{"Org/Base-7B -> org/child finetune"}) {
		t.Errorf("edges %v", got)
	}
	if m := model(t, d, "Org/Base-7B"); m.License != "mit" || d.Merged != 1 {
		t.Errorf("merged by case: %+v", m)
	}
	problem(t, d, "s:1", "self-loop")
	load(t, d)
}

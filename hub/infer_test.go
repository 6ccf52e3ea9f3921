package hub

import (
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

func TestRelations(t *testing.T) {
	cases := []struct {
		name string
		r    Record
		want graph.Relation
		note string // "" when the relation is stated; else part of the inferred note
	}{
		{"card relation", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, Relation: "quantized"}}, "quantized", ""},
		{"card relation adapter stays adapter", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, Relation: "Adapter"}}, "adapter", ""},
		{"tag relation", Record{ID: "o/m", Tags: []string{"base_model:o/b", "base_model:merge:o/b"}}, "merge", ""},
		{"baseModels relation", Record{ID: "o/m", BaseModels: []string{"o/b"}, BaseRelation: "adapter"}, "adapter", ""},
		{"several bases", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/a", "o/b"}, LibraryName: "peft"}}, "merge", "several base models"},
		{"peft library", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, LibraryName: "peft"}}, "adapter", "library_name: peft"},
		{"adapter_config.json", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}}, AdapterConfig: true}, "adapter", "adapter_config.json"},
		{"gguf tag", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, Tags: []string{"GGUF"}}}, "quantized", "tag GGUF"},
		{"gptq tag of the Hub", Record{ID: "o/m", Tags: []string{"gptq", "base_model:o/b"}}, "quantized", "tag gptq"},
		{"bnb tag", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, Tags: []string{"bnb"}}}, "quantized", "tag bnb"},
		{"quantized_by", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, QuantizedBy: "someone"}}, "quantized", "quantized_by"},
		{"AWQ in the name", Record{ID: "o/Model-7B-AWQ", Card: CardData{BaseModel: []string{"o/b"}}}, "quantized", "name says awq"},
		{"exl2 in the name", Record{ID: "o/model_exl2_4.0bpw", Card: CardData{BaseModel: []string{"o/b"}}}, "quantized", "name says exl2"},
		{"not fooled by a substring", Record{ID: "o/awqward-model", Card: CardData{BaseModel: []string{"o/b"}}}, "finetune", "one base model"},
		{"fine-tune", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}}}, "finetune", "one base model"},
		{"unknown relation", Record{ID: "o/m", Card: CardData{BaseModel: []string{"o/b"}, Relation: "fork"}}, "finetune", `relation "fork" is unknown`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.Where = "x:1"
			d := build(tc.r)
			if want := len(tc.r.Card.BaseModel); len(d.Edges()) != max(want, 1) {
				t.Fatalf("edges = %v", edgeList(d))
			}
			e := d.Edges()[0]
			if e.Relation != tc.want {
				t.Errorf("relation = %q, want %q", e.Relation, tc.want)
			}
			switch {
			case tc.note == "" && e.Note != "":
				t.Errorf("note = %q, want none for a stated relation", e.Note)
			case tc.note != "" && !(strings.Contains(e.Note, tc.note) && strings.Contains(e.Note, "inferred")):
				t.Errorf("note = %q, want it to say it was inferred (%s)", e.Note, tc.note)
			}
			load(t, d)
		})
	}
}

func TestUnknownRelationReported(t *testing.T) {
	d := build(Record{ID: "o/m", Where: "card.md:1", Card: CardData{BaseModel: []string{"o/b"}, Relation: "distillation"}},
		Record{ID: "o/n", Where: "api.jsonl:3", Tags: []string{"base_model:fork:o/b"}})
	problem(t, d, "card.md:1", `unknown relation "distillation"`)
	problem(t, d, "api.jsonl:3", `tag base_model:RELATION:ID: unknown relation "fork"`)
}

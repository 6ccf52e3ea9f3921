package hub

import (
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// hubRelations maps the base_model_relation values the Hub knows to the lineage
// vocabulary. "adapter" stays "adapter": it is the vocabulary's alias of lora.
var hubRelations = map[string]graph.Relation{
	"adapter":   "adapter",
	"merge":     "merge",
	"quantized": "quantized",
	"finetune":  "finetune",
}

// quantMarks are tags and repository-name parts that mark a quantization.
var quantMarks = map[string]bool{
	"gguf": true, "gptq": true, "awq": true, "exl2": true, "exl3": true,
	"bnb": true, "bitsandbytes": true, "4bit": true, "8bit": true, "4-bit": true, "8-bit": true,
}

// inferRelation says how a model relates to its bases when neither its card nor
// the Hub states it, as the Hub infers it: several bases make a merge; a PEFT
// library or an adapter_config.json an adapter; quantization tags, quantized_by or
// a quantization format in the repository name a quantization; anything else a
// fine-tune. The reason is for the edge's note.
func inferRelation(r *Record, name string, bases int) (graph.Relation, string) {
	switch {
	case bases > 1:
		return "merge", "several base models"
	case strings.EqualFold(r.Card.LibraryName, "peft"):
		return "adapter", "library_name: peft"
	case r.AdapterConfig:
		return "adapter", "the repository has an adapter_config.json"
	}
	for _, tags := range [][]string{r.Card.Tags, r.Tags} {
		for _, t := range tags {
			if quantMarks[strings.ToLower(t)] {
				return "quantized", "tag " + clip(t, 20)
			}
			if strings.EqualFold(t, "peft") {
				return "adapter", "tag peft"
			}
		}
	}
	if r.Card.QuantizedBy != "" {
		return "quantized", "quantized_by is given"
	}
	if strings.EqualFold(r.Card.LibraryName, "gguf") {
		return "quantized", "library_name: gguf"
	}
	for _, part := range strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return c == '-' || c == '_' || c == '.' }) {
		if quantMarks[part] {
			return "quantized", "the repository name says " + part
		}
	}
	return "finetune", "one base model and no sign of an adapter, merge or quantization"
}

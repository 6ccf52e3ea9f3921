package hub

import (
	"fmt"
	"strings"
)

// Record is what one source says about one model repository, before it is merged
// with what other sources say and turned into dataset rows. Every field is as
// untrusted as the source it came from.
type Record struct {
	ID        string   // repository id, or a Hub address of it
	Author    string   // namespace as the source gives it
	CreatedAt string   // creation time as the source gives it ("2023-07-18T14:10:05.000Z")
	Tags      []string // Hub tags, e.g. "gguf", "base_model:quantized:ORG/NAME", "license:mit"
	Card      CardData // the card's front matter fields that matter for lineage
	// BaseModels and BaseRelation are the Hub's computed baseModels field of an API
	// record (expand[]=baseModels), when present.
	BaseModels   []string
	BaseRelation string
	// AdapterConfig reports that the repository holds an adapter_config.json, the
	// file PEFT writes for an adapter.
	AdapterConfig bool
	// Where names the record in messages: "file:line", a URL, or with Row the
	// file of a Parquet dump.
	Where string
	Row   int64
}

// at names the record in a message.
func (r *Record) at() string { return origin{r.Where, r.Row}.String() }

// CardData holds the model card metadata fields (the YAML front matter, or an API
// record's cardData) that the import uses.
type CardData struct {
	BaseModel    []string // base_model: one id or a list of ids (or Hub addresses)
	Relation     string   // base_model_relation: adapter, merge, quantized or finetune
	License      []string // license: one id or a list
	LicenseName  string   // license_name, for license: other
	LicenseLink  string   // license_link: a URL or a file in the repository
	LibraryName  string   // library_name, e.g. peft, transformers, gguf
	PipelineTag  string   // pipeline_tag, e.g. text-generation
	Tags         []string // tags
	QuantizedBy  string   // quantized_by: who made a quantization
	LicenseGiven bool     // the card has a license field at all
}

// cardFromMap reads CardData from decoded front matter or an API record's
// cardData. Fields of an unexpected shape are skipped and described in the
// returned messages; a caller reports them with the record's position.
func cardFromMap(m map[string]any) (CardData, []string) {
	var c CardData
	var msgs []string
	list := func(key string) []string {
		v, ok := m[key]
		if !ok || v == nil {
			return nil
		}
		switch v := v.(type) {
		case string:
			if v = strings.TrimSpace(v); v != "" {
				return []string{v}
			}
			return nil
		case []any:
			var out []string
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					msgs = append(msgs, fmt.Sprintf("%s: an entry is %s, not a string; skipped", key, kind(e)))
					continue
				}
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
			return out
		}
		msgs = append(msgs, fmt.Sprintf("%s is %s, want a string or a list of strings; ignored", key, kind(v)))
		return nil
	}
	one := func(key string) string {
		v, ok := m[key]
		if !ok || v == nil {
			return ""
		}
		if s, ok := v.(string); ok {
			return strings.TrimSpace(s)
		}
		msgs = append(msgs, fmt.Sprintf("%s is %s, want a string; ignored", key, kind(v)))
		return ""
	}
	c.BaseModel = list("base_model")
	c.Relation = one("base_model_relation")
	_, c.LicenseGiven = m["license"]
	c.License = list("license")
	c.LicenseName = one("license_name")
	c.LicenseLink = one("license_link")
	c.LibraryName = one("library_name")
	c.PipelineTag = one("pipeline_tag")
	c.Tags = list("tags")
	c.QuantizedBy = one("quantized_by")
	return c, msgs
}

// kind names the YAML/JSON type of v for messages.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "empty"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int, int64, uint64, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a mapping"
	}
	return fmt.Sprintf("a %T", v)
}

// stringKeys converts a YAML mapping with non-string keys to one with string
// keys, dropping the keys that are not strings; other values are returned as is.
func stringKeys(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, e := range m {
			if s, ok := k.(string); ok {
				out[s] = e
			}
		}
		return out, true
	}
	return nil, false
}

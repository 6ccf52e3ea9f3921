package license

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

func fixture(t *testing.T) *graph.Lineage {
	t.Helper()
	dir := filepath.Join("..", "testdata", "license")
	l, err := graph.LoadFiles(filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv"))
	if err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return l
}

// model builds a model with the given license and license_url attributes.
func model(id, lic, url string) *graph.Model {
	return &graph.Model{ID: id, Name: id, Attrs: []graph.Attr{{Key: "license", Value: lic}, {Key: "license_url", Value: url}}}
}

func TestCatalogue(t *testing.T) {
	ids := map[string]bool{}
	for _, l := range Catalogue() {
		if ids[l.ID] {
			t.Errorf("duplicate id %s", l.ID)
		}
		ids[l.ID] = true
		if !strings.HasPrefix(l.URL, "https://") {
			t.Errorf("%s: licence text URL %q is not https", l.ID, l.URL)
		}
		if l.Name == "" || l.Family == "" {
			t.Errorf("%s: name or family missing", l.ID)
		}
		names := map[string]bool{}
		for _, tm := range l.Terms {
			if tm.Name == "" || tm.Text == "" || (tm.Kind != Obligation && tm.Kind != Restriction) {
				t.Errorf("%s: bad term %+v", l.ID, tm)
			}
			if names[tm.Name] {
				t.Errorf("%s: term %s twice", l.ID, tm.Name)
			}
			names[tm.Name] = true
		}
		if l.Family == NonCommercial && !slices.ContainsFunc(l.Terms, func(tm Term) bool { return tm.Key == "non-commercial" && tm.Carry }) {
			t.Errorf("%s: a non-commercial licence without a carried non-commercial term", l.ID)
		}
		if l.Family == PassOn && len(l.Carried()) == 0 {
			t.Errorf("%s: a pass-on licence that carries nothing", l.ID)
		}
		if l.Family == Permissive && len(l.Carried()) > 0 {
			t.Errorf("%s: a permissive licence that carries %v", l.ID, l.Carried())
		}
	}
}

// TestTerms pins facts of the licence texts.
func TestTerms(t *testing.T) {
	has := func(id, term string, carry bool) {
		t.Helper()
		l, ok := Lookup(id)
		if !ok {
			t.Fatalf("no licence %s", id)
		}
		i := slices.IndexFunc(l.Terms, func(tm Term) bool { return tm.Name == term })
		if i < 0 {
			t.Errorf("%s has no term %s", id, term)
			return
		}
		if l.Terms[i].Carry != carry {
			t.Errorf("%s/%s: carry = %v, want %v", id, term, l.Terms[i].Carry, carry)
		}
	}
	lacks := func(id, term string) {
		t.Helper()
		l, _ := Lookup(id)
		if slices.ContainsFunc(l.Terms, func(tm Term) bool { return tm.Name == term }) {
			t.Errorf("%s should not have term %s", id, term)
		}
	}
	for _, id := range []string{"llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"} {
		has(id, "include-agreement", true)
		has(id, "acceptable-use-policy", true)
		has(id, "mau-700m", true)
	}
	// Llama 2 and 3 forbid using outputs to improve other LLMs; 3.1 on replace that
	// with "Built with Llama" and the "Llama" name prefix.
	has("llama2", "no-improving-other-llms", true)
	has("llama3", "no-improving-other-llms", true)
	lacks("llama2", "name-prefix")
	has("llama3.1", "name-prefix", true)
	has("llama3.3", "built-with-llama", true)
	lacks("llama3.1", "no-improving-other-llms")
	has("llama3.2", "eu-multimodal", true)
	// The Llama 3.3 and Llama 4 acceptable-use policies state the EU clause too
	// (models/llama3_3/USE_POLICY.md and models/llama4/USE_POLICY.md of
	// meta-llama/llama-models); the Llama 2, 3 and 3.1 ones do not.
	has("llama3.3", "eu-multimodal", true)
	has("llama4", "eu-multimodal", true)
	lacks("llama3.1", "eu-multimodal")
	lacks("llama3", "eu-multimodal")
	lacks("llama2", "eu-multimodal")
	// Licences besides Llama 2/3 that forbid improving other LLMs with the model
	// or its outputs.
	for _, id := range []string{"tongyi-qianwen", "tongyi-qianwen-research", "databricks-open-model", "tencent-hunyuan"} {
		has(id, "no-improving-other-llms", true)
	}
	has("minimax-model", "prohibited-uses-policy", true)
	has("opt-175b", "use-restrictions", true)
	has("chatglm3-6b", "commercial-registration", false)
	has("gemma", "prohibited-use-policy", true)
	has("bigscience-bloom-rail-1.0", "use-restrictions", true)
	has("openrail", "use-restrictions", true)
	has("deepseek", "use-restrictions", true)
	has("tongyi-qianwen", "mau-100m", true)
	has("cc-by-nc-4.0", "non-commercial", true)
	has("cc-by-nc-4.0", "attribution", false)
	has("llama1", "non-commercial", true)
	has("apache-2.0", "keep-notices", false)
	has("openai-terms-of-use", "no-competing-models", false)
	has("falcon-180b", "acceptable-use-policy", true)
	// EXAONE 1.1-NC: research only, LG owns the outputs, no use to improve other
	// models; 1.2-NC drops the claim on outputs and bans only competing models.
	for _, id := range []string{"exaone-1.1-nc", "exaone-1.2-nc"} {
		has(id, "non-commercial", true)
		has(id, "name-prefix", true)
		has(id, "include-agreement", true)
	}
	has("exaone-1.1-nc", "no-improving-other-models", true)
	has("exaone-1.1-nc", "outputs-owned-by-lg", false)
	has("exaone-1.2-nc", "no-competing-models", true)
	lacks("exaone-1.2-nc", "outputs-owned-by-lg")
	lacks("exaone-1.2-nc", "no-improving-other-models")
	// Hunyuan A13B's agreement: a wider territory exclusion than Hunyuan-Large's,
	// any AI model, and distillation counted as a derivative.
	has("tencent-hunyuan-a13b", "territory", true)
	has("tencent-hunyuan-a13b", "no-improving-other-models", true)
	has("tencent-hunyuan-a13b", "distillation-is-derivative", true)
	has("tencent-hunyuan-a13b", "mau-100m", true)
	lacks("tencent-hunyuan", "distillation-is-derivative")
	// Grok 2's licence forbids using the model or its outputs to build other
	// foundation models (section 2b); Skywork's asks derivatives, distilled ones
	// included, to say "Skywork Inside" (section V).
	has("xai-community", "no-training-other-models", true)
	has("xai-community", "acceptable-use-policy", true)
	has("skywork-community", "skywork-inside", true)
	has("skywork-community", "use-restrictions", true)
	if l, ok := LookupURL("https://github.com/QwenLM/Qwen-VL/blob/master/LICENSE"); !ok || l.ID != "tongyi-qianwen" {
		t.Errorf("Qwen-VL's LICENSE is not the Tongyi Qianwen agreement: %v", l)
	}
}

func TestDeclaredBy(t *testing.T) {
	tests := []struct {
		lic, url string
		want     []string // Label of each
		family   Family
	}{
		{"", "", nil, Unknown},
		{"apache-2.0", "", []string{"apache-2.0"}, Permissive},
		{"MIT ; llama3.3", "", []string{"mit", "llama3.3"}, PassOn},
		{"mit;llama3.3", "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/LICENSE", []string{"mit", "llama3.3"}, PassOn},
		{"other", "https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL", []string{"other (deepseek)"}, PassOn},
		{"other", "http://www.ai.meta.com/blog/large-language-model-llama-meta-ai", []string{"other (llama1)"}, NonCommercial},
		{"other", "https://example.org/x", []string{"other"}, Unknown},
		{"apache-2.0;cc-by-nc-4.0", "", []string{"apache-2.0", "cc-by-nc-4.0"}, NonCommercial},
		{"apache-2.0;other", "https://ai.google.dev/gemma/terms", []string{"apache-2.0", "other (gemma)"}, PassOn},
		{"not-a-licence", "", []string{"not-a-licence"}, Unknown},
		{"", "https://openai.com/policies/terms-of-use", []string{"openai-terms-of-use"}, Unknown},
		{"", "https://example.org/tou", []string{"terms at https://example.org/tou"}, Unknown},
	}
	for _, tc := range tests {
		m := model("m", tc.lic, tc.url)
		var got []string
		for _, d := range DeclaredBy(m) {
			got = append(got, d.Label())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("DeclaredBy(%q, %q) = %q, want %q", tc.lic, tc.url, got, tc.want)
		}
		for _, d := range DeclaredBy(m) {
			if d.URL != "" && d.URL != tc.url {
				t.Errorf("DeclaredBy(%q, %q): URL %q", tc.lic, tc.url, d.URL)
			}
		}
		if tc.lic == "mit;llama3.3" || tc.lic == "apache-2.0;other" {
			if ds := DeclaredBy(m); ds[0].URL != "" {
				t.Errorf("DeclaredBy(%q, %q): the URL went with %s", tc.lic, tc.url, ds[0].ID)
			}
		}
		if f := FamilyOf(m); f != tc.family {
			t.Errorf("FamilyOf(%q, %q) = %s, want %s", tc.lic, tc.url, f, tc.family)
		}
	}
}

// TestCheckFixture runs the check over the fixture: exactly the models marked
// as conflicts in their descriptions are found, with the right ancestor and rule.
func TestCheckFixture(t *testing.T) {
	l := fixture(t)
	res := Check(l, nil)
	type key struct{ model, ancestor, licence, rule string }
	var got []key
	for _, c := range res.Conflicts {
		got = append(got, key{c.Model.ID, c.Ancestor.ID, c.Licence.Licence.ID, c.Rule})
	}
	want := []key{
		{"apache-of-nc", "base-nc", "cc-by-nc-4.0", RuleNonCommercial},
		{"lora-of-apache-of-nc", "base-nc", "cc-by-nc-4.0", RuleNonCommercial},
		{"mit-of-llama2", "llama2-base", "llama2", RulePassOn},
		{"quant-of-mit-of-llama2", "llama2-base", "llama2", RulePassOn},
		{"merge-apache-llama2", "llama2-base", "llama2", RulePassOn},
		{"apache-of-gemma", "gemma-base", "gemma", RulePassOn},
		{"apache-of-rail", "rail-base", "openrail", RulePassOn},
		{"mit-of-sa", "sa-base", "cc-by-sa-4.0", RuleShareAlike},
	}
	if !slices.Equal(got, want) {
		t.Errorf("conflicts:\n got %v\nwant %v", got, want)
	}
	// Every model whose description says "a conflict" is found, and no other.
	for _, m := range l.Models() {
		isConflict := strings.Contains(m.Description, ": a conflict")
		found := slices.ContainsFunc(got, func(k key) bool { return k.model == m.ID })
		if isConflict != found {
			t.Errorf("%s (%q): found = %v", m.ID, m.Description, found)
		}
	}
	var unchecked []string
	for _, m := range res.Unchecked {
		unchecked = append(unchecked, m.ID)
	}
	if want := []string{"unknown-of-llama2"}; !slices.Equal(unchecked, want) {
		t.Errorf("unchecked = %v, want %v", unchecked, want)
	}
}

func TestCheckPaths(t *testing.T) {
	l := fixture(t)
	res := Check(l, []string{"quant-of-mit-of-llama2", "lora-of-apache-of-nc", "nope"})
	if len(res.Conflicts) != 2 {
		t.Fatalf("got %d conflicts, want 2: %+v", len(res.Conflicts), res.Conflicts)
	}
	for _, c := range res.Conflicts {
		var chain []string
		for _, e := range c.Path {
			chain = append(chain, e.From+">"+string(e.Relation))
		}
		chain = append(chain, c.Model.ID)
		got := strings.Join(chain, " ")
		want := map[string]string{
			"quant-of-mit-of-llama2": "llama2-base>instruction-tune mit-of-llama2>quantized quant-of-mit-of-llama2",
			"lora-of-apache-of-nc":   "base-nc>finetune apache-of-nc>lora lora-of-apache-of-nc",
		}[c.Model.ID]
		if got != want {
			t.Errorf("%s: path %s, want %s", c.Model.ID, got, want)
		}
	}
	c := res.Conflicts[0]
	var dropped []string
	for _, tm := range c.Dropped {
		dropped = append(dropped, tm.Name)
	}
	if want := []string{"include-agreement", "notice-file", "acceptable-use-policy", "mau-700m", "no-improving-other-llms"}; !slices.Equal(dropped, want) {
		t.Errorf("dropped %v, want %v", dropped, want)
	}
}

func TestInherit(t *testing.T) {
	l := fixture(t)
	r, err := Inherit(l, "merge-apache-llama2")
	if err != nil {
		t.Fatal(err)
	}
	var met []string
	for _, m := range r.Lineage {
		met = append(met, m.Ancestor.ID)
	}
	if want := []string{"base-apache", "llama2-base"}; !slices.Equal(met, want) {
		t.Errorf("lineage %v, want %v", met, want)
	}
	// A merge carries the terms of every parent.
	from := map[string]string{}
	for _, rt := range r.Terms {
		from[rt.Licence.ID+"/"+rt.Term.Name] = rt.From.ID
	}
	for k, want := range map[string]string{"apache-2.0/keep-notices": "base-apache", "llama2/acceptable-use-policy": "llama2-base"} {
		if from[k] != want {
			t.Errorf("term %s from %q, want %q", k, from[k], want)
		}
	}
	for _, rt := range r.Terms {
		if rt.Kept != (rt.Licence.ID == "mit") {
			t.Errorf("%s/%s: kept = %v", rt.Licence.ID, rt.Term.Name, rt.Kept)
		}
	}
	// A child that declares its ancestor's licence keeps its terms.
	r, _ = Inherit(l, "carries-llama2")
	if len(r.Terms) == 0 || slices.ContainsFunc(r.Terms, func(rt Reaching) bool { return !rt.Kept }) {
		t.Errorf("carries-llama2: terms %+v, want all kept", r.Terms)
	}
	r, _ = Inherit(l, "merge-apache-llama2")

	// Unknown stays unknown.
	r, _ = Inherit(l, "apache-of-unknown")
	var unknown []string
	for _, m := range r.Unknown() {
		unknown = append(unknown, m.Ancestor.ID)
	}
	if want := []string{"no-licence", "custom"}; !slices.Equal(unknown, want) {
		t.Errorf("unknown %v, want %v", unknown, want)
	}
	if len(r.Terms) != 0 {
		t.Errorf("terms reached from unknown licences: %+v", r.Terms)
	}

	// The ancestor's own maker relicensed it: the terms stop there.
	r, _ = Inherit(l, "other-of-acme-mit")
	if len(r.Lineage) != 2 || r.Lineage[1].Ancestor.ID != "acme-base" || r.Lineage[1].RelicensedBy == nil || r.Lineage[1].RelicensedBy.ID != "acme-mit" {
		t.Errorf("other-of-acme-mit: lineage %+v", r.Lineage)
	}

	// A teacher-data parent is named separately, with its terms on outputs.
	r, _ = Inherit(l, "student")
	if len(r.Lineage) != 0 || len(r.Teachers) != 1 {
		t.Fatalf("student: lineage %d, teachers %d", len(r.Lineage), len(r.Teachers))
	}
	tc := r.Teachers[0]
	if tc.Teacher.ID != "api-teacher" || len(tc.Terms) != 1 || tc.Terms[0].Name != "no-competing-models" {
		t.Errorf("teacher %+v", tc)
	}

	// A family row passes nothing on to its members through variant.
	r, _ = Inherit(l, "family-7b")
	if len(r.Lineage) != 0 {
		t.Errorf("family-7b inherits from %v", r.Lineage)
	}

	if _, err := Inherit(l, "nope"); err == nil {
		t.Error("Inherit of an unknown id did not fail")
	}
}

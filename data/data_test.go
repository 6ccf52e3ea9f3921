package data

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/license"
)

func load(t *testing.T) *graph.Lineage {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatalf("embedded dataset does not load:\n%v", err)
	}
	return l
}

// TestStrict: the embedded data passes 'lineage validate --strict': every row and
// edge has a source, every relation is in the vocabulary, no date is in the
// future, every URL is a web address, and there is no lineage cycle.
func TestStrict(t *testing.T) {
	l := load(t)
	for _, p := range l.Problems() {
		t.Errorf("%v", p)
	}
	for _, e := range l.Edges() {
		if !e.Relation.Known() {
			t.Errorf("edges.csv:%d: relation %q is not in the vocabulary", e.Line, e.Relation)
		}
	}
	today := time.Now()
	for _, m := range l.Models() {
		if m.Source == "" || m.Description == "" || m.Stage == "" || m.Access == "" {
			t.Errorf("nodes.csv:%d: %s lacks source, description, stage or access", m.Line, m.ID)
		}
		if m.Date.After(today) {
			t.Errorf("nodes.csv:%d: %s is dated %s, in the future", m.Line, m.ID, m.Date)
		}
		if m.ID != strings.ToLower(m.ID) || strings.ContainsAny(m.ID, " _/") {
			t.Errorf("nodes.csv:%d: id %q is not a lowercase slug", m.Line, m.ID)
		}
	}
}

// TestNamesAreUnambiguous: every id, name and alias resolves to its own model, so
// whatever a user types from the data finds exactly one model.
func TestNamesAreUnambiguous(t *testing.T) {
	l := load(t)
	for _, m := range l.Models() {
		for _, name := range append([]string{m.ID, m.Name}, m.Aliases...) {
			got, err := l.Resolve(name)
			if err != nil {
				t.Errorf("%s: %q: %v", m.ID, name, err)
			} else if got.ID != m.ID {
				t.Errorf("%s: %q resolves to %s", m.ID, name, got.ID)
			}
		}
	}
}

// TestLineageFacts pins the relations the survey and the papers establish, each as
// "child descends from ancestor through lineage relations".
func TestLineageFacts(t *testing.T) {
	l := load(t)
	facts := []struct{ child, ancestor string }{
		{"chatgpt", "gpt-3"},
		{"text-davinci-003", "code-davinci-002"},
		{"alpaca", "llama"},
		{"chinese-vicuna", "llama"},
		{"luotuo", "llama"},
		{"flan-t5", "t5"},
		{"flan-palm", "palm"},
		{"flan-u-palm", "palm"},
		{"mt0", "mt5"},
		{"bloomz", "bloom"},
		{"chatglm", "glm-130b"},
		{"flan", "lamda"},
		// the families since 2023
		{"deepseek-r1-distill-qwen-7b", "qwen2.5-math-7b"},
		{"deepseek-r1-distill-qwen-1.5b", "qwen2.5-math-1.5b"},
		{"deepseek-r1-distill-llama-70b", "llama-3.3-70b-instruct"},
		{"deepseek-r1-distill-llama-8b", "llama-3.1-8b"},
		{"vicuna", "llama"},
		{"zephyr-7b-beta", "mistral-7b"},
		{"code-llama", "llama-2"},
	}
	for _, f := range facts {
		found := false
		for _, h := range l.Ancestors(f.child, graph.QueryOptions{}) {
			found = found || h.Model.ID == f.ancestor
		}
		if !found {
			t.Errorf("%s does not descend from %s through lineage relations", f.child, f.ancestor)
		}
	}
}

// TestChatGPTChain: the lineage of ChatGPT runs GPT-3 → Codex → code-davinci-002 →
// text-davinci-002 → ChatGPT, each step saying what was done.
func TestChatGPTChain(t *testing.T) {
	l := load(t)
	var steps []string
	for _, e := range l.Path("gpt-3", "chatgpt", graph.RelationFilter{}) {
		steps = append(steps, e.From+" -"+string(e.Relation)+"-> "+e.To)
	}
	want := []string{
		"gpt-3 -finetune-> codex",
		"codex -variant-> code-davinci-002",
		"code-davinci-002 -instruction-tune-> text-davinci-002",
		"text-davinci-002 -rlhf-> chatgpt",
	}
	if !slices.Equal(steps, want) {
		t.Errorf("path gpt-3 → chatgpt:\n got %q\nwant %q", steps, want)
	}
}

// TestAlpacaTeacher: Alpaca's weights come from LLaMA and its data from
// text-davinci-003, which is influence, not lineage.
func TestAlpacaTeacher(t *testing.T) {
	l := load(t)
	rel := map[string]graph.Relation{}
	for _, e := range l.Parents("alpaca") {
		rel[e.From] = e.Relation
	}
	if rel["llama"].Class() != graph.LineageClass || rel["llama"] == "" {
		t.Errorf("llama → alpaca is %q, want a lineage relation", rel["llama"])
	}
	if rel["text-davinci-003"] != "teacher-data" {
		t.Errorf("text-davinci-003 → alpaca is %q, want teacher-data", rel["text-davinci-003"])
	}
}

// TestCommonAncestor: Alpaca and Chinese-Vicuna share LLaMA as nearest base.
func TestCommonAncestor(t *testing.T) {
	l := load(t)
	cs := l.CommonAncestors("alpaca", "chinese-vicuna", graph.RelationFilter{})
	if len(cs) != 1 || cs[0].Model.ID != "llama" {
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.Model.ID)
		}
		t.Errorf("common ancestors of alpaca and chinese-vicuna = %v, want [llama]", ids)
	}
}

// TestSurveyModels: every model the source survey names is a row, found by the
// names the survey uses, Chinese ones included.
func TestSurveyModels(t *testing.T) {
	l := load(t)
	names := []string{"T5", "mT5", "GPT-1", "GPT-2", "GPT-3", "davinci", "curie", "babbage", "ada",
		"LaMDA", "Jurassic-1", "J1-Jumbo", "J1-Large", "MT-NLG", "Gopher", "Chinchilla", "龙猫", "PaLM",
		"U-PaLM", "UL2", "OPT", "LLaMA", "BLOOM", "GLM", "GLM-130B", "ERNIE 3.0", "ERNIE 3.0 Titan",
		"T0", "FLAN", "Flan-T5", "Flan-PaLM", "Flan-U-PaLM", "BLOOMZ", "mT0", "Codex", "code-davinci-001",
		"code-cushman-001", "InstructGPT", "davinci-instruct-beta", "text-davinci-001", "code-davinci-002",
		"text-davinci-002", "text-davinci-003", "GPT-3.5", "ChatGPT", "GPT-4", "Alpaca", "羊驼",
		"Alpaca-LoRA", "KoAlpaca", "Japanese-Alpaca-LoRA", "Chinese-Vicuna", "小羊驼", "Luotuo", "骆驼",
		"ChatGLM", "ChatGLM-6B", "ERNIE Bot", "文心一言", "Bard"}
	for _, n := range names {
		if _, err := l.Resolve(n); err != nil {
			t.Errorf("%q: %v", n, err)
		}
	}
}

// TestSurveyCorrections pins the dates the survey gets wrong to the real ones.
func TestSurveyCorrections(t *testing.T) {
	l := load(t)
	want := map[string]string{
		"gpt-3":            "2020-05-28", // survey: 2020-07
		"chatgpt":          "2022-11-30", // survey: 2021-11
		"text-davinci-003": "2022-11-28", // survey: 2021-11
		"instructgpt":      "2022-01-27", // survey: 2021-03
	}
	for id, date := range want {
		m, ok := l.Model(id)
		if !ok {
			t.Errorf("no model %s", id)
			continue
		}
		if m.Date.String() != date {
			t.Errorf("%s dated %s, want %s", id, m.Date, date)
		}
	}
	for _, id := range []string{"code-davinci-002", "text-davinci-002"} {
		if m, _ := l.Model(id); m == nil || m.Date.Year != 2022 {
			t.Errorf("%s must be dated 2022 (the survey says 2021-06)", id)
		}
	}
}

// TestLlamaFamily: LLaMA's lineage descendants include the survey's Alpaca family
// and the fine-tunes since.
func TestLlamaFamily(t *testing.T) {
	l := load(t)
	got := map[string]bool{}
	for _, h := range l.Descendants("llama", graph.QueryOptions{}) {
		got[h.Model.ID] = true
	}
	for _, id := range []string{"alpaca", "alpaca-lora", "koalpaca", "japanese-alpaca-lora", "chinese-vicuna", "luotuo", "vicuna"} {
		if !got[id] {
			t.Errorf("%s is not a lineage descendant of llama", id)
		}
	}
}

// hfLicenceIDs are the Hugging Face licence ids the data may use (the Hub's
// list, of which the data uses a few); "other" needs a license_url.
var hfLicenceIDs = map[string]bool{
	"apache-2.0": true, "mit": true, "bsd": true, "bsd-2-clause": true, "bsd-3-clause": true,
	"cc0-1.0": true, "cc-by-4.0": true, "cc-by-sa-4.0": true, "cc-by-nc-4.0": true, "cc-by-nc-sa-4.0": true,
	"cc-by-nc-nd-4.0": true, "gpl-3.0": true, "agpl-3.0": true, "openrail": true, "creativeml-openrail-m": true,
	"bigscience-openrail-m": true, "bigscience-bloom-rail-1.0": true, "bigcode-openrail-m": true,
	"llama2": true, "llama3": true, "llama3.1": true, "llama3.2": true, "llama3.3": true, "llama4": true,
	"gemma": true, "other": true,
}

// licenceOpenQuestions returns the ids README.md lists as open-weights rows
// without a licence: the lines "- `id`: ..." of its "Licences not found" list.
func licenceOpenQuestions(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(raw), "### Licences not found")
	if !ok {
		t.Fatal(`README.md has no "### Licences not found" section`)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(after, "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		if rest, ok := strings.CutPrefix(line, "- `"); ok {
			if id, _, ok := strings.Cut(rest, "`"); ok {
				out[id] = true
			}
		}
	}
	return out
}

func attr(m *graph.Model, key string) string {
	for _, a := range m.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// TestLicences: every open-weights row has a licence (or is listed in README.md as
// not found), each id is a Hugging Face licence id, "other" comes with the URL of
// the licence text, and every licence is one the license package knows, except
// those whose terms are not catalogued, listed here.
func TestLicences(t *testing.T) {
	l := load(t)
	open := licenceOpenQuestions(t)
	uncatalogued := map[string]string{
		"baichuan-7b": "Baichuan licence PDFs not summarised", "baichuan-13b": "Baichuan licence PDFs not summarised",
		"baichuan-2": "Baichuan licence PDFs not summarised", "glm-4-9b": "GLM-4 licence not summarised",
		// Family rows whose members' licences differ point at the statement listing them.
		"falcon": "family", "qwen": "family", "qwen2": "family", "qwen2-math": "family", "qwen2.5": "family", "qwen2.5-coder": "family",
	}
	withLicence := 0
	for _, m := range l.Models() {
		lic, url := attr(m, "license"), attr(m, "license_url")
		if m.Access == "open" && lic == "" {
			if !open[m.ID] {
				t.Errorf("nodes.csv:%d: %s is open-weights but has no licence and is not listed under \"Licences not found\" in README.md", m.Line, m.ID)
			}
			continue
		}
		if open[m.ID] && lic != "" {
			t.Errorf("%s has a licence but README.md lists it as not found", m.ID)
		}
		if url != "" && !graph.IsWebURL(url) {
			t.Errorf("nodes.csv:%d: %s: license_url %q is not a web address", m.Line, m.ID, url)
		}
		if lic == "" {
			continue
		}
		withLicence++
		for _, id := range strings.Split(lic, ";") {
			if !hfLicenceIDs[id] {
				t.Errorf("nodes.csv:%d: %s: %q is not a Hugging Face licence id (use other and license_url)", m.Line, m.ID, id)
			}
			if id == "other" && url == "" {
				t.Errorf("nodes.csv:%d: %s: licence other without license_url", m.Line, m.ID)
			}
		}
		for _, d := range license.DeclaredBy(m) {
			if !d.Known() && uncatalogued[m.ID] == "" {
				t.Errorf("nodes.csv:%d: %s: licence %s (%s) is not in the license catalogue", m.Line, m.ID, d.ID, d.URL)
			}
		}
	}
	// A floor against rows losing their licence by accident: 197 rows carry one
	// (the rows whose licence could not be re-read from the maker's page are empty
	// and listed under "Licences not found").
	if withLicence < 197 {
		t.Errorf("only %d rows have a licence", withLicence)
	}
	// API models whose outputs trained a model in the data carry the terms of use
	// that govern their outputs.
	for _, e := range l.Edges() {
		if e.Relation != "teacher-data" {
			continue
		}
		m, _ := l.Model(e.From)
		if (m.Access == "api" || m.Access == "closed") && attr(m, "license_url") == "" {
			t.Errorf("%s: teacher of %s has no license_url with its terms of use", m.ID, e.To)
		}
	}
}

// TestLicenceFacts pins licences stated by the makers.
func TestLicenceFacts(t *testing.T) {
	l := load(t)
	for _, tc := range []struct{ id, licence, family, url string }{
		// LLaMA 1: weights under a non-commercial licence for research use.
		{"llama", "other", "non-commercial", "https://ai.meta.com/blog/large-language-model-llama-meta-ai/"},
		// The distill's card: derived from Llama 3.3 70B Instruct, under its licence.
		{"deepseek-r1-distill-llama-70b", "mit;llama3.3", "pass-on", ""},
		{"deepseek-r1-distill-llama-8b", "mit;llama3.1", "pass-on", ""},
		{"deepseek-r1-distill-qwen-7b", "mit;apache-2.0", "permissive", ""},
		// Falcon 180B: the TII licence; Falcon 7B/40B: Apache 2.0.
		{"falcon-180b", "other", "pass-on", "https://huggingface.co/spaces/tiiuae/falcon-180b-license/blob/main/LICENSE.txt"},
		{"falcon-40b", "apache-2.0", "permissive", ""},
		// Alpaca's weight diff: CC BY-NC 4.0.
		{"alpaca", "cc-by-nc-4.0", "non-commercial", ""},
		// Qwen2.5: Apache 2.0 but for 3B and 72B.
		{"qwen2.5-7b", "apache-2.0", "permissive", ""},
		{"qwen2.5-72b", "other", "pass-on", "https://huggingface.co/Qwen/Qwen2.5-72B/blob/main/LICENSE"},
		{"qwen-1.8b", "other", "non-commercial", ""},
		{"deepseek-v3", "other", "pass-on", ""},
		{"deepseek-r1", "mit", "permissive", ""},
		{"llama-2-7b", "llama2", "pass-on", ""},
		{"gemma-2", "gemma", "pass-on", ""},
		{"bloom", "bigscience-bloom-rail-1.0", "pass-on", ""},
		{"solar-10.7b-instruct", "cc-by-nc-4.0", "non-commercial", ""},
		// Falcon 7B/40B Instruct: moved from the TII Falcon LLM License to Apache 2.0.
		{"falcon-7b-instruct", "apache-2.0", "permissive", ""},
		{"falcon-40b-instruct", "apache-2.0", "permissive", ""},
		// phi-1: first a Microsoft Research License, MIT since 2024-02-06.
		{"phi-1", "mit", "permissive", ""},
		// DeepSeek-Coder v1.5: the DeepSeek model licence of the DeepSeek-Coder repository.
		{"deepseek-coder-v1.5", "other", "pass-on", "https://github.com/deepseek-ai/DeepSeek-Coder/blob/main/LICENSE-MODEL"},
		{"gemma-3", "gemma", "pass-on", ""},
		{"starcoder", "bigcode-openrail-m", "pass-on", ""},
		// Upstage's card for the SOLAR base (its instruct child is CC BY-NC 4.0).
		{"solar-10.7b", "apache-2.0", "permissive", ""},
		// Qwen's own pages for the Math base models.
		{"qwen2.5-math-7b", "apache-2.0", "permissive", ""},
		{"qwen2.5-math-1.5b", "apache-2.0", "permissive", ""},
		// ERNIE 1.0/2.0: the LICENSE of the PaddlePaddle/ERNIE branches that carried the weights.
		{"ernie", "apache-2.0", "permissive", ""},
	} {
		m, ok := l.Model(tc.id)
		if !ok {
			t.Errorf("no model %s", tc.id)
			continue
		}
		if got := attr(m, "license"); got != tc.licence {
			t.Errorf("%s: license %q, want %q", tc.id, got, tc.licence)
		}
		if got := license.FamilyOf(m); string(got) != tc.family {
			t.Errorf("%s: family %s, want %s", tc.id, got, tc.family)
		}
		if tc.url != "" && attr(m, "license_url") != tc.url {
			t.Errorf("%s: license_url %q, want %q", tc.id, attr(m, "license_url"), tc.url)
		}
	}
	m, _ := l.Model("chatgpt")
	if got := attr(m, "license_url"); got != "https://openai.com/policies/terms-of-use" {
		t.Errorf("chatgpt: license_url %q", got)
	}
}

package license

import (
	"slices"
	"strings"
)

// Family is the broad kind of a licence, as charts colour it.
type Family string

// The licence families.
const (
	// Permissive licences ask for notices or attribution and let derivatives take
	// any licence (apache-2.0, mit, bsd-*, cc-by-*).
	Permissive Family = "permissive"
	// PassOn licences carry terms every derivative must keep: the Llama agreements,
	// Gemma, the RAIL family, the Qwen and DeepSeek licences, copyleft.
	PassOn Family = "pass-on"
	// NonCommercial licences forbid commercial use (cc-by-nc-*, research-only
	// licences); that restriction passes on to derivatives.
	NonCommercial Family = "non-commercial"
	// TermsOfUse are an API maker's terms: they govern using the service and its
	// outputs, not a licence to weights.
	TermsOfUse Family = "terms-of-use"
	// Unknown is a licence the data does not give or the catalogue does not know.
	Unknown Family = "unknown"
)

// Families lists the families charts show, in legend order.
var Families = []Family{Permissive, PassOn, NonCommercial, Unknown}

// Kind says whether a term asks something of the licensee or forbids something.
type Kind string

// The kinds of term.
const (
	Obligation  Kind = "obligation"
	Restriction Kind = "restriction"
)

// Term is one obligation or restriction of a licence, summarised in our words from
// the licence text.
type Term struct {
	Name string // short name, e.g. "acceptable-use-policy"
	Kind Kind
	Text string // one line: what the term asks or forbids
	// Carry means every derivative's licence must keep this term: a derivative
	// declared under licences that lack it drops it (see Check).
	Carry bool
	// Outputs means the term governs using the model's outputs to build models.
	Outputs bool
	// Key makes terms of different licences count as the same one when a child
	// is checked ("non-commercial"); empty means the term is its licence's own.
	Key string
}

// key is what Check compares: the shared Key, or the licence id and the name.
func (t Term) key(l *Licence) string {
	if t.Key != "" {
		return t.Key
	}
	return l.ID + "/" + t.Name
}

// Licence is one licence of the catalogue.
type Licence struct {
	// ID is the Hugging Face licence id (apache-2.0, llama3.1, gemma, ...) or, for a
	// licence the Hub files as "other", the catalogue's own key (tongyi-qianwen,
	// deepseek, falcon-180b, ...), found through the licence's URL.
	ID     string
	Name   string
	URL    string   // the licence text every term is summarised from
	URLs   []string // other addresses of the same text, as model cards link it
	Family Family
	Terms  []Term
	// Partial means only some terms of a long custom licence are catalogued.
	Partial bool
}

// Carried returns the terms every derivative must keep.
func (l *Licence) Carried() []Term {
	var out []Term
	for _, t := range l.Terms {
		if t.Carry {
			out = append(out, t)
		}
	}
	return out
}

// OutputTerms returns the terms that govern using the model's outputs.
func (l *Licence) OutputTerms() []Term {
	var out []Term
	for _, t := range l.Terms {
		if t.Outputs {
			out = append(out, t)
		}
	}
	return out
}

// Lookup returns the catalogue's licence with a Hugging Face id or catalogue key,
// ignoring case.
func Lookup(id string) (*Licence, bool) {
	id = strings.ToLower(strings.TrimSpace(id))
	for i := range catalogue {
		if catalogue[i].ID == id {
			return &catalogue[i], true
		}
	}
	return nil, false
}

// LookupURL returns the catalogue's licence whose text is at url (ignoring a
// trailing slash, the scheme's case and "www.").
func LookupURL(url string) (*Licence, bool) {
	u := normURL(url)
	if u == "" {
		return nil, false
	}
	for i := range catalogue {
		l := &catalogue[i]
		if normURL(l.URL) == u || slices.ContainsFunc(l.URLs, func(s string) bool { return normURL(s) == u }) {
			return l, true
		}
	}
	return nil, false
}

func normURL(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(lower, p) {
			s = s[len(p):]
			break
		}
	}
	s = strings.TrimPrefix(s, "www.")
	return strings.TrimSuffix(s, "/")
}

// Catalogue returns every licence the package knows, sorted by id.
func Catalogue() []*Licence {
	out := make([]*Licence, len(catalogue))
	for i := range catalogue {
		out[i] = &catalogue[i]
	}
	slices.SortFunc(out, func(a, b *Licence) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Terms shared by many licences.
var (
	keepNotices = Term{Name: "keep-notices", Kind: Obligation,
		Text: "keep the copyright and licence notices in copies and derivatives"}
	attribution = Term{Name: "attribution", Kind: Obligation,
		Text: "credit the creator, link the licence and say whether changes were made"}
	nonCommercial = Term{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
		Text: "no commercial use, of the model or of anything derived from it"}
)

// shareAlike is the copyleft term of one licence: derivatives under the same licence.
func shareAlike(what string) Term {
	return Term{Name: "share-alike", Kind: Obligation, Carry: true,
		Text: "derivatives must be released under " + what}
}

// llama builds a Llama community licence: v is the version as the agreement names
// it ("Llama 2", "Llama 3.1") and notice the start of the attribution notice the
// agreement requires in a Notice file, as it words it; modern is true from
// Llama 3.1 on ("Built with Llama", the "Llama" name prefix also for models made
// with outputs, no ban on improving other LLMs); eu adds the EU restriction on
// multimodal models that the acceptable-use policies of Llama 3.2, 3.3 and 4 state.
func llama(id, v, notice, url, aup string, urls []string, v3, modern, eu bool) Licence {
	terms := []Term{
		{Name: "include-agreement", Kind: Obligation, Carry: true,
			Text: "give a copy of the " + v + " Community License Agreement with the model or any derivative you distribute"},
		{Name: "notice-file", Kind: Obligation, Carry: true,
			Text: "keep the \"" + notice + ", Copyright ...\" notice in a Notice file"},
		{Name: "acceptable-use-policy", Kind: Restriction, Carry: true,
			Text: "every use must follow the " + v + " Acceptable Use Policy (" + aup + ")"},
		{Name: "mau-700m", Kind: Restriction, Carry: true,
			Text: "licensees with over 700 million monthly active users in the month before the release date need a separate licence from Meta"},
	}
	switch {
	case modern:
		terms = append(terms,
			Term{Name: "built-with-llama", Kind: Obligation, Carry: true,
				Text: "display \"Built with Llama\" on a related website, interface, blogpost, about page or documentation when distributing"},
			Term{Name: "name-prefix", Kind: Obligation, Carry: true, Outputs: true,
				Text: "a distributed model made with Llama or its outputs must have a name beginning with \"Llama\""})
	case v3:
		terms = append(terms,
			Term{Name: "built-with-llama", Kind: Obligation, Carry: true,
				Text: "display \"Built with Meta Llama 3\" on a related website, interface, blogpost, about page or documentation when distributing"},
			Term{Name: "name-prefix", Kind: Obligation, Carry: true,
				Text: "a distributed model made with Llama 3 must have a name beginning with \"Llama 3\""})
	}
	if !modern {
		terms = append(terms, Term{Name: "no-improving-other-llms", Kind: Restriction, Carry: true, Outputs: true,
			Text: "the model and its outputs may not be used to improve any other large language model (except " + v + " and its derivatives)"})
	}
	if eu {
		terms = append(terms, Term{Name: "eu-multimodal", Kind: Restriction, Carry: true,
			Text: "the acceptable-use policy grants EU-domiciled people and EU-based companies no licence to its multimodal models (end users of products exempt)"})
	}
	return Licence{ID: id, Name: v + " Community License Agreement", URL: url, URLs: urls, Family: PassOn, Terms: terms}
}

// rail builds a licence of the RAIL family: use-based restrictions every
// derivative's licence must include.
func rail(id, name, url string, urls ...string) Licence {
	return Licence{ID: id, Name: name, URL: url, URLs: urls, Family: PassOn, Terms: []Term{
		{Name: "use-restrictions", Kind: Restriction, Carry: true,
			Text: "the use-based restrictions of the licence's attachment bind every use, and must be included as enforceable terms in the licence of any derivative"},
		{Name: "include-licence", Kind: Obligation, Carry: true,
			Text: "give recipients of the model or a derivative a copy of the licence"},
		{Name: "state-changes", Kind: Obligation,
			Text: "modified files must carry a notice that they were changed"},
	}}
}

const ghLlama = "https://github.com/meta-llama/llama-models/blob/main/models/"

// catalogue is every known licence. Each entry is summarised from the text at its
// URL. It is never modified: Lookup, LookupURL and Catalogue hand out pointers to
// its entries for reading only.
var catalogue = []Licence{
	// Permissive.
	{ID: "apache-2.0", Name: "Apache License 2.0", URL: "https://www.apache.org/licenses/LICENSE-2.0", Family: Permissive, Terms: []Term{
		keepNotices,
		{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
		{Name: "keep-notice-file", Kind: Obligation, Text: "pass on the NOTICE file's attributions, if the work has one"},
	}},
	{ID: "mit", Name: "MIT License", URL: "https://opensource.org/license/mit", Family: Permissive, Terms: []Term{keepNotices}},
	{ID: "bsd-2-clause", Name: "BSD 2-Clause License", URL: "https://opensource.org/license/bsd-2-clause", Family: Permissive, Terms: []Term{keepNotices}},
	{ID: "bsd-3-clause", Name: "BSD 3-Clause License", URL: "https://opensource.org/license/bsd-3-clause", Family: Permissive, Terms: []Term{
		keepNotices,
		{Name: "no-endorsement", Kind: Restriction, Text: "the names of the copyright holder and contributors may not be used to promote derivatives"},
	}},
	{ID: "bsd", Name: "BSD License (clauses not stated)", URL: "https://opensource.org/license/bsd-3-clause", Family: Permissive, Terms: []Term{keepNotices}, Partial: true},
	{ID: "cc0-1.0", Name: "CC0 1.0 Universal", URL: "https://creativecommons.org/publicdomain/zero/1.0/legalcode", Family: Permissive},
	{ID: "cc-by-4.0", Name: "Creative Commons Attribution 4.0", URL: "https://creativecommons.org/licenses/by/4.0/legalcode", Family: Permissive, Terms: []Term{attribution}},
	{ID: "cc-by-3.0", Name: "Creative Commons Attribution 3.0", URL: "https://creativecommons.org/licenses/by/3.0/legalcode", Family: Permissive, Terms: []Term{attribution}},

	// Copyleft: derivatives under the same licence.
	{ID: "cc-by-sa-4.0", Name: "Creative Commons Attribution-ShareAlike 4.0", URL: "https://creativecommons.org/licenses/by-sa/4.0/legalcode", Family: PassOn, Terms: []Term{
		attribution, shareAlike("CC BY-SA 4.0 or a BY-SA compatible licence")}},
	{ID: "cc-by-sa-3.0", Name: "Creative Commons Attribution-ShareAlike 3.0", URL: "https://creativecommons.org/licenses/by-sa/3.0/legalcode", Family: PassOn, Terms: []Term{
		attribution, shareAlike("CC BY-SA 3.0 or a later version")}},
	{ID: "gpl-3.0", Name: "GNU General Public License v3.0", URL: "https://www.gnu.org/licenses/gpl-3.0.html", Family: PassOn, Terms: []Term{
		keepNotices, shareAlike("the GPL v3.0, with the corresponding source")}},
	{ID: "gpl-2.0", Name: "GNU General Public License v2.0", URL: "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html", Family: PassOn, Terms: []Term{
		keepNotices, shareAlike("the GPL v2.0, with the corresponding source")}},
	{ID: "agpl-3.0", Name: "GNU Affero General Public License v3.0", URL: "https://www.gnu.org/licenses/agpl-3.0.html", Family: PassOn, Terms: []Term{
		keepNotices, shareAlike("the AGPL v3.0, with the corresponding source, also when offered over a network")}},
	{ID: "lgpl-3.0", Name: "GNU Lesser General Public License v3.0", URL: "https://www.gnu.org/licenses/lgpl-3.0.html", Family: PassOn, Terms: []Term{
		keepNotices, shareAlike("the LGPL v3.0 (modified versions of the library itself)")}},

	// Non-commercial.
	{ID: "cc-by-nc-4.0", Name: "Creative Commons Attribution-NonCommercial 4.0", URL: "https://creativecommons.org/licenses/by-nc/4.0/legalcode", Family: NonCommercial, Terms: []Term{
		attribution, nonCommercial}},
	{ID: "cc-by-nc-3.0", Name: "Creative Commons Attribution-NonCommercial 3.0", URL: "https://creativecommons.org/licenses/by-nc/3.0/legalcode", Family: NonCommercial, Terms: []Term{
		attribution, nonCommercial}},
	{ID: "cc-by-nc-sa-4.0", Name: "Creative Commons Attribution-NonCommercial-ShareAlike 4.0", URL: "https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode", Family: NonCommercial, Terms: []Term{
		attribution, nonCommercial, shareAlike("CC BY-NC-SA 4.0 or a BY-NC-SA compatible licence")}},
	{ID: "cc-by-nc-nd-4.0", Name: "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", URL: "https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode", Family: NonCommercial, Terms: []Term{
		attribution, nonCommercial,
		{Name: "no-derivatives", Kind: Restriction, Carry: true, Text: "adapted material may not be shared at all"}}},
	{ID: "llama1", Name: "LLaMA non-commercial research licence", URL: "https://ai.meta.com/blog/large-language-model-llama-meta-ai/",
		URLs: []string{"https://ai.facebook.com/blog/large-language-model-llama-meta-ai/"}, Family: NonCommercial, Partial: true, Terms: []Term{
			{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
				Text: "weights released under a non-commercial licence for research use, granted case by case on request"}}},
	{ID: "opt-175b", Name: "OPT-175B License Agreement", URL: "https://github.com/facebookresearch/metaseq/blob/main/projects/OPT/MODEL_LICENSE.md", Family: NonCommercial, Terms: []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
			Text: "use, copies and derivatives for non-commercial research purposes only"},
		{Name: "use-restrictions", Kind: Restriction, Carry: true,
			Text: "no use, copies or derivatives (nor data the model produces) for military or nuclear purposes, surveillance or biometric processing"},
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "distribute a copy of the licence and its attribution notice with copies and derivatives"},
	}},
	{ID: "microsoft-research-license", Name: "Microsoft Research License", URL: "https://huggingface.co/microsoft/Orca-2-13b/blob/main/LICENSE", Family: NonCommercial, Partial: true, Terms: []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
			Text: "non-commercial research purposes only"}}},
	{ID: "tongyi-qianwen-research", Name: "Tongyi Qianwen Research License Agreement", URL: "https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT", Family: NonCommercial, Terms: []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
			Text: "licensed for non-commercial purposes only (research or evaluation); commercial use needs a licence from Alibaba Cloud"},
		{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the agreement"},
		{Name: "notice-file", Kind: Obligation, Carry: true,
			Text: "keep the \"Tongyi Qianwen is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT, Copyright ...\" notice in a Notice file"},
		{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
		{Name: "no-improving-other-llms", Kind: Restriction, Carry: true, Outputs: true,
			Text: "the model and its outputs may not be used to improve any other large language model (except Tongyi Qianwen and its derivatives)"},
	}},
	{ID: "qwen-research", Name: "Qwen Research License Agreement", URL: "https://huggingface.co/Qwen/Qwen2.5-3B/blob/main/LICENSE",
		URLs: []string{"https://huggingface.co/Qwen/Qwen2.5-Coder-3B/blob/main/LICENSE", "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE"}, Family: NonCommercial, Partial: true, Terms: []Term{
			{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
				Text: "research and evaluation only; commercial use needs a licence from Alibaba Cloud"},
			{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the agreement"},
		}},
	{ID: "mistral-research-license", Name: "Mistral AI Research License", URL: "https://mistral.ai/licenses/MRL-0.1.md", Family: NonCommercial, Partial: true, Terms: []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial", Text: "research use only; commercial use needs a licence from Mistral AI"}}},
	{ID: "mistral-non-production-license", Name: "Mistral AI Non-Production License", URL: "https://mistral.ai/licenses/MNPL-0.1.md", Family: NonCommercial, Partial: true, Terms: []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial", Text: "no production or commercial use; evaluation and research only"}}},
	{ID: "codegeex2-6b", Name: "CodeGeeX2-6B Model License", URL: "https://github.com/THUDM/CodeGeeX2/blob/main/MODEL_LICENSE", Family: NonCommercial, Terms: []Term{
		keepNotices,
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial", Text: "licensed for non-commercial research only; no use, copies or derivatives for commercial, military or illegal purposes"},
		{Name: "use-restrictions", Kind: Restriction, Carry: true, Text: "no use that may undermine China's national security and unity, harm the public interest or infringe people's rights"}}},
	{ID: "glm-130b", Name: "GLM-130B Model License", URL: "https://github.com/THUDM/GLM-130B/blob/main/MODEL_LICENSE", Family: NonCommercial, Terms: []Term{
		keepNotices,
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial", Text: "licensed for non-commercial research only; no use, copies or derivatives for commercial, military or illegal purposes"},
		{Name: "use-restrictions", Kind: Restriction, Carry: true, Text: "no use that may undermine China's national security and unity, harm the public interest or infringe people's rights"}}},
	{ID: "wizardlm-non-commercial", Name: "WizardLM V1.0 weights: non-commercial (README licence column)", URL: "https://github.com/nlpxucan/WizardLM#readme", Family: NonCommercial, Partial: true, Terms: []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial", Text: "the WizardLM V1.0 weights are marked non-commercial"}}},

	// Pass-on terms: the Llama licences.
	llama("llama2", "Llama 2", "Llama 2 is licensed under the LLAMA 2 Community License", ghLlama+"llama2/LICENSE", "https://ai.meta.com/llama/use-policy",
		[]string{"https://github.com/facebookresearch/llama/blob/main/LICENSE", "https://github.com/meta-llama/llama/blob/main/LICENSE", "https://ai.meta.com/llama/license/"}, false, false, false),
	llama("llama3", "Meta Llama 3", "Meta Llama 3 is licensed under the Meta Llama 3 Community License", ghLlama+"llama3/LICENSE", "https://llama.meta.com/llama3/use-policy",
		[]string{"https://github.com/meta-llama/llama3/blob/main/LICENSE", "https://llama.meta.com/llama3/license/"}, true, false, false),
	llama("llama3.1", "Llama 3.1", "Llama 3.1 is licensed under the Llama 3.1 Community License", ghLlama+"llama3_1/LICENSE", "https://llama.meta.com/llama3_1/use-policy",
		[]string{"https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/LICENSE", "https://llama.meta.com/llama3_1/license/"}, true, true, false),
	llama("llama3.2", "Llama 3.2", "Llama 3.2 is licensed under the Llama 3.2 Community License", ghLlama+"llama3_2/LICENSE", "https://www.llama.com/llama3_2/use-policy",
		[]string{"https://www.llama.com/llama3_2/license/"}, true, true, true),
	llama("llama3.3", "Llama 3.3", "Llama 3.3 is licensed under the Llama 3.3 Community License", ghLlama+"llama3_3/LICENSE", "https://www.llama.com/llama3_3/use-policy",
		[]string{"https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/LICENSE", "https://www.llama.com/llama3_3/license/"}, true, true, true),
	llama("llama4", "Llama 4", "Llama 4 is licensed under the Llama 4 Community License", ghLlama+"llama4/LICENSE", "https://www.llama.com/llama4/use-policy",
		[]string{"https://www.llama.com/llama4/license/"}, true, true, true),

	// Gemma.
	{ID: "gemma", Name: "Gemma Terms of Use", URL: "https://ai.google.dev/gemma/terms", Family: PassOn, Terms: []Term{
		{Name: "prohibited-use-policy", Kind: Restriction, Carry: true,
			Text: "no use the Gemma Prohibited Use Policy forbids; the restrictions must be included as enforceable terms in any agreement for a derivative"},
		{Name: "include-terms", Kind: Obligation, Carry: true,
			Text: "give every third-party recipient a copy of the terms; distributions other than a hosted service carry a Notice file \"Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms\""},
		{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
		{Name: "distillation-is-derivative", Kind: Restriction, Carry: true, Outputs: true,
			Text: "a model trained on Gemma's outputs or weights to perform like Gemma (distillation included) is a model derivative under these terms"},
	}},

	// The RAIL family.
	rail("bigscience-bloom-rail-1.0", "BigScience BLOOM RAIL License v1.0", "https://huggingface.co/spaces/bigscience/license",
		"https://huggingface.co/spaces/bigscience/license/blob/main/license.md"),
	rail("bigscience-openrail-m", "BigScience OpenRAIL-M License", "https://www.licenses.ai/blog/2022/8/26/bigscience-open-rail-m-license"),
	rail("openrail", "Open RAIL License", "https://huggingface.co/blog/open_rail"),
	rail("creativeml-openrail-m", "CreativeML OpenRAIL-M License", "https://huggingface.co/spaces/CompVis/stable-diffusion-license"),
	rail("bigcode-openrail-m", "BigCode OpenRAIL-M v1 License", "https://huggingface.co/spaces/bigcode/bigcode-model-license-agreement"),

	// Makers' own licences with pass-on terms.
	{ID: "deepseek", Name: "DeepSeek License Agreement", URL: "https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL",
		URLs: []string{
			"https://github.com/deepseek-ai/DeepSeek-LLM/blob/main/LICENSE-MODEL", "https://github.com/deepseek-ai/DeepSeek-Coder/blob/main/LICENSE-MODEL",
			"https://github.com/deepseek-ai/DeepSeek-Math/blob/main/LICENSE-MODEL", "https://github.com/deepseek-ai/DeepSeek-MoE/blob/main/LICENSE-MODEL",
			"https://github.com/deepseek-ai/DeepSeek-V2/blob/main/LICENSE-MODEL", "https://github.com/deepseek-ai/DeepSeek-Coder-V2/blob/main/LICENSE-MODEL",
		}, Family: PassOn, Terms: []Term{
			{Name: "use-restrictions", Kind: Restriction, Carry: true,
				Text: "the use-based restrictions of Attachment A bind every use and must be included as enforceable terms in any agreement for the model or a derivative"},
			{Name: "include-licence", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the licence"},
			{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
			{Name: "keep-notices", Kind: Obligation, Text: "keep the copyright, patent, trademark and attribution notices that pertain to the model"},
		}},
	{ID: "tongyi-qianwen", Name: "Tongyi Qianwen License Agreement", URL: "https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT",
		URLs: []string{"https://huggingface.co/Qwen/Qwen1.5-7B/blob/main/LICENSE", "https://huggingface.co/Qwen/Qwen1.5-MoE-A2.7B/blob/main/LICENSE",
			"https://huggingface.co/Qwen/Qwen2-72B/blob/main/LICENSE", "https://huggingface.co/Qwen/Qwen2-Math-72B/blob/main/LICENSE",
			"https://github.com/QwenLM/Qwen-VL/blob/master/LICENSE"}, Family: PassOn, Terms: []Term{
			{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the agreement"},
			{Name: "notice-file", Kind: Obligation, Carry: true,
				Text: "keep the \"Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE AGREEMENT, Copyright ...\" notice in a Notice file"},
			{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
			{Name: "mau-100m", Kind: Restriction, Carry: true, Text: "commercial use by a product or service with over 100 million monthly active users needs a licence from Alibaba Cloud"},
			{Name: "no-improving-other-llms", Kind: Restriction, Carry: true, Outputs: true,
				Text: "the model and its outputs may not be used to improve any other large language model (except Tongyi Qianwen and its derivatives)"},
		}},
	{ID: "qwen", Name: "Qwen License Agreement", URL: "https://huggingface.co/Qwen/Qwen2.5-72B/blob/main/LICENSE",
		URLs: []string{"https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE"}, Family: PassOn, Partial: true, Terms: []Term{
			{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the agreement"},
			{Name: "built-with-qwen", Kind: Obligation, Carry: true, Outputs: true,
				Text: "a distributed model made with Qwen or its outputs must say \"Built with Qwen\" or \"Improved using Qwen\" in its documentation"},
			{Name: "mau-100m", Kind: Restriction, Carry: true, Text: "commercial use by a product or service with over 100 million monthly active users needs a licence from Alibaba Cloud"},
		}},
	{ID: "falcon-180b", Name: "Falcon 180B TII License 1.0", URL: "https://huggingface.co/spaces/tiiuae/falcon-180b-license/blob/main/LICENSE.txt", Family: PassOn, Partial: true, Terms: []Term{
		{Name: "acceptable-use-policy", Kind: Restriction, Carry: true,
			Text: "every use of the model and its derivatives must follow TII's acceptable-use policy, as TII updates it"},
		{Name: "hosting-needs-licence", Kind: Restriction, Carry: true, Text: "offering the model as a hosted service may need a separate licence from TII"},
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the licence"},
	}},
	{ID: "falcon-2-11b", Name: "Falcon 2 11B TII License 1.0", URL: "https://falconllm-staging.tii.ae/falcon-2-terms-and-conditions.html", Family: PassOn, Partial: true, Terms: []Term{
		{Name: "acceptable-use-policy", Kind: Restriction, Carry: true, Text: "every use of the model and its derivatives must follow TII's acceptable-use policy"},
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the licence"},
	}},
	{ID: "falcon-llm-2.0", Name: "TII Falcon-LLM License 2.0", URL: "https://falconllm.tii.ae/falcon-terms-and-conditions.html", Family: PassOn, Partial: true, Terms: []Term{
		{Name: "acceptable-use-policy", Kind: Restriction, Carry: true, Text: "every use of the model and its derivatives must follow TII's acceptable-use policy"},
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "give recipients of the model or a derivative a copy of the licence"},
	}},
	{ID: "databricks-open-model", Name: "Databricks Open Model License", URL: "https://www.databricks.com/legal/open-model-license",
		URLs: []string{"https://github.com/databricks/dbrx/blob/main/LICENSE"}, Family: PassOn, Terms: []Term{
			{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give a copy of the agreement to any third party you distribute the model or a derivative to"},
			{Name: "notice-file", Kind: Obligation, Carry: true,
				Text: "every distribution carries a Notice file: \"DBRX is provided under and subject to the Databricks Open Model License, Copyright ...\""},
			{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
			{Name: "acceptable-use-policy", Kind: Restriction, Carry: true, Text: "every use must follow the Databricks Open Model Acceptable Use Policy"},
			{Name: "no-improving-other-llms", Kind: Restriction, Carry: true, Outputs: true,
				Text: "the model, its derivatives and its outputs may not be used to improve any other large language model (except DBRX and its derivatives)"},
			{Name: "mau-700m", Kind: Restriction, Carry: true,
				Text: "licensees with over 700 million monthly active users in the month before the release date need a separate licence from Databricks"},
		}},
	{ID: "nvidia-open-model", Name: "NVIDIA Open Model License Agreement", URL: "https://developer.download.nvidia.com/licenses/nvidia-open-model-license-agreement-june-2024.pdf", Family: PassOn, Partial: true, Terms: []Term{
		{Name: "include-agreement", Kind: Obligation, Carry: true,
			Text: "give a copy of the agreement and the notice \"Licensed by NVIDIA Corporation under the NVIDIA Open Model License\" with the model or a derivative"},
		{Name: "keep-guardrails", Kind: Restriction, Carry: true, Text: "bypassing or disabling the model's safety guardrails ends the licence"},
	}},
	{ID: "ai2-impact-lr", Name: "AI2 ImpACT License, Low Risk Artifacts", URL: "https://allenai.org/licenses/impact-lr", Family: PassOn, Partial: true, Terms: []Term{
		{Name: "use-restrictions", Kind: Restriction, Carry: true, Text: "the licence's use-based restrictions bind every use and must be passed on to recipients of derivatives"},
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "distribute the model and its derivatives under the same licence terms"},
	}},
	{ID: "chatglm-6b", Name: "ChatGLM-6B Model License", URL: "https://github.com/THUDM/ChatGLM-6B/blob/main/MODEL_LICENSE", Family: PassOn, Terms: []Term{
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "keep the copyright notice and this licence in all copies and substantial portions"},
		{Name: "use-restrictions", Kind: Restriction, Carry: true, Text: "no use, copies or derivatives for military or illegal purposes, nor any use that may undermine China's national security and unity, harm the public interest or infringe people's rights"},
	}},
	{ID: "chatglm2-6b", Name: "ChatGLM2-6B Model License", URL: "https://github.com/THUDM/ChatGLM2-6B/blob/main/MODEL_LICENSE", Family: PassOn, Terms: []Term{
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "keep the copyright notice and this licence in all copies and substantial portions"},
		{Name: "use-restrictions", Kind: Restriction, Carry: true, Text: "no use, copies or derivatives for military or illegal purposes, nor any use that may undermine China's national security and unity, harm the public interest or infringe people's rights"},
	}},
	{ID: "chatglm3-6b", Name: "ChatGLM3-6B Model License", URL: "https://github.com/THUDM/ChatGLM3/blob/main/MODEL_LICENSE", Family: PassOn, Terms: []Term{
		{Name: "include-licence", Kind: Obligation, Carry: true, Text: "keep the licence notice in all copies and substantial portions"},
		{Name: "commercial-registration", Kind: Obligation, Text: "free for academic research; commercial use requires registering with Zhipu AI"},
		{Name: "use-restrictions", Kind: Restriction, Carry: true, Text: "no use, copies or derivatives for military or illegal purposes, nor any use that endangers national security and unity, the public interest or others' rights (trade secrets, IP, reputation, portrait, property)"},
	}},
	{ID: "tencent-hunyuan", Name: "Tencent Hunyuan Community License Agreement", URL: "https://github.com/Tencent/Tencent-Hunyuan-Large/blob/main/LICENSE.txt", Family: PassOn, Terms: []Term{
		{Name: "territory", Kind: Restriction, Carry: true, Text: "licensed for the worldwide territory except the European Union; no use, distribution or outputs outside it"},
		{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give recipients of the model, a derivative or a product using them a copy of the agreement"},
		{Name: "notice-file", Kind: Obligation, Carry: true,
			Text: "distributions (other than a hosted service) carry a Notice file: \"Tencent Hunyuan is licensed under the Tencent Hunyuan Community License Agreement, Copyright ...\""},
		{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
		{Name: "acceptable-use-policy", Kind: Restriction, Carry: true,
			Text: "every use must follow the acceptable-use policy of Exhibit A, included as an enforceable provision in any agreement for the model or a derivative"},
		{Name: "no-improving-other-llms", Kind: Restriction, Carry: true, Outputs: true,
			Text: "the model and its outputs may not be used to improve any other large language model (except Tencent Hunyuan and its derivatives)"},
		{Name: "mau-100m", Kind: Restriction, Carry: true, Text: "licensees with over 100 million monthly active users in the month before the release date need a licence from Tencent"},
	}},
	{ID: "minimax-model", Name: "MiniMax Model License", URL: "https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE-MODEL", Family: PassOn, Terms: []Term{
		{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give a copy of the agreement with the model, any derivative or a product using them"},
		{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
		{Name: "notice-file", Kind: Obligation, Carry: true,
			Text: "keep the \"MiniMax AI model is licensed under the MiniMax Model License, Copyright ...\" notice in a Notice file"},
		{Name: "prohibited-uses-policy", Kind: Restriction, Carry: true,
			Text: "no use of the models or their derivatives that the Prohibited Uses Policy forbids (military use among them)"},
	}},
	{ID: "kimi-modified-mit", Name: "Modified MIT License (Kimi K2)", URL: "https://github.com/MoonshotAI/Kimi-K2/blob/main/LICENSE", Family: PassOn, Terms: []Term{
		keepNotices,
		{Name: "display-kimi", Kind: Obligation, Carry: true,
			Text: "a commercial product using the model or a derivative with over 100 million monthly active users or 20 million USD monthly revenue must display \"Kimi K2\" in its interface"},
	}},
	// xAI's licence for the Grok 2 weights (first "Grok 2 Community License
	// Agreement" of 2025-08-23, renamed on 2025-11-04): sections 1 and 2 read; the
	// attribution clause that section 2 refers to was not.
	{ID: "xai-community", Name: "xAI Community License Agreement (Grok 2)", URL: "https://huggingface.co/xai-org/grok-2/blob/main/LICENSE",
		URLs: []string{"https://huggingface.co/xai-org/grok-2/blame/main/LICENSE"}, Family: PassOn, Partial: true, Terms: []Term{
			{Name: "acceptable-use-policy", Kind: Restriction, Carry: true,
				Text: "commercial use is licensed only while you and your affiliates keep every guardrail of xAI's Acceptable Use Policy (comply with the law, do not harm people or property, respect guardrails and don't mislead); non-commercial and research use is licensed besides"},
			{Name: "no-training-other-models", Kind: Restriction, Carry: true, Outputs: true,
				Text: "the materials, derivatives and outputs (generated data included) may not be used to train, create or improve any foundational, large language or general-purpose AI model, except modifications or fine-tuning of Grok 2 under the agreement"},
			{Name: "no-trademarks", Kind: Restriction, Text: "no right to xAI's trademarks except as the attribution requires"},
		}},
	// The Skywork Community License (Skywork Community License.pdf of
	// SkyworkAI/Skywork), read in full.
	{ID: "skywork-community", Name: "Skywork Community License", URL: "https://github.com/SkyworkAI/Skywork/blob/main/Skywork%20Community%20License.pdf", Family: PassOn, Terms: []Term{
		{Name: "use-restrictions", Kind: Restriction, Carry: true,
			Text: "no use, copies, modification, distribution or derivatives for military or unlawful purposes, and no use (outputs and model derivatives included) that breaks the law or infringes third parties' rights"},
		{Name: "include-licence", Kind: Obligation, Carry: true,
			Text: "give third-party users of the model or a model derivative its source and a copy of the agreement"},
		{Name: "state-changes", Kind: Obligation, Text: "a model derivative must clearly indicate the nature of its modifications"},
		{Name: "skywork-inside", Kind: Obligation, Carry: true, Outputs: true,
			Text: "a model derivative (which includes models trained on Skywork's outputs or synthetic data) released to open-source communities or submitted to a leaderboard must be prominently labelled as developed based on Skywork, e.g. \"Skywork Inside\""},
	}},

	// EXAONE (LG AI Research) and Tencent Hunyuan A13B: read from the LICENSE files of the
	// makers' GitHub repositories.
	exaoneNC("exaone-1.1-nc", "1.1", "https://github.com/LG-AI-EXAONE/EXAONE-3.0/blob/main/LICENSE",
		"research purposes only (evaluation, testing, academic research, non-commercial competitions)",
		Term{Name: "no-improving-other-models", Kind: Restriction, Carry: true, Outputs: true,
			Text: "the model, its derivatives and its outputs may not be used to develop or improve other models"},
		Term{Name: "outputs-owned-by-lg", Kind: Restriction,
			Text: "LG owns the outputs of the model and its derivatives; licensees may use them for research only"}),
	exaoneNC("exaone-1.2-nc", "1.2", "https://github.com/LG-AI-EXAONE/EXAONE-4.0/blob/main/LICENSE",
		"research and educational purposes only (evaluation, testing, academic research, teaching, non-commercial competitions)",
		Term{Name: "no-competing-models", Kind: Restriction, Carry: true, Outputs: true,
			Text: "the model, its derivatives and its outputs may not be used to develop or improve models that compete with LG's models"}),
	{ID: "tencent-hunyuan-a13b", Name: "Tencent Hunyuan Community License Agreement (Hunyuan A13B)", URL: "https://github.com/Tencent-Hunyuan/Hunyuan-A13B/blob/main/LICENSE", Family: PassOn, Terms: []Term{
		{Name: "territory", Kind: Restriction, Carry: true, Text: "licensed for the worldwide territory except the European Union, the United Kingdom and South Korea; no use, distribution or outputs outside it"},
		{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "give recipients of the model, a derivative or a product using them a copy of the agreement"},
		{Name: "notice-file", Kind: Obligation, Carry: true,
			Text: "distributions (other than a hosted service) carry a Notice file: \"Tencent Hunyuan is licensed under the Tencent Hunyuan Community License Agreement, Copyright © 2025 Tencent ...\""},
		{Name: "state-changes", Kind: Obligation, Text: "modified files must carry a notice that they were changed"},
		{Name: "acceptable-use-policy", Kind: Restriction, Carry: true,
			Text: "every use must follow the acceptable-use policy of Exhibit A (no military use among its clauses), included as an enforceable provision in any agreement for the model or a derivative"},
		{Name: "no-improving-other-models", Kind: Restriction, Carry: true, Outputs: true,
			Text: "the model and its outputs may not be used to improve any other AI model (except Tencent Hunyuan and its derivatives)"},
		{Name: "distillation-is-derivative", Kind: Restriction, Carry: true, Outputs: true,
			Text: "a model trained on Hunyuan's weights or outputs (distillation, synthetic data) to perform like it is a model derivative under the agreement"},
		{Name: "mau-100m", Kind: Restriction, Carry: true, Text: "licensees with over 100 million monthly active users in the month before the release date need a licence from Tencent"},
	}},

	// API makers' terms: they govern using the service's outputs, not weights.
	{ID: "openai-terms-of-use", Name: "OpenAI Terms of Use", URL: "https://openai.com/policies/terms-of-use", Family: TermsOfUse, Partial: true, Terms: []Term{
		{Name: "no-competing-models", Kind: Restriction, Outputs: true,
			Text: "outputs may not be used to develop models that compete with OpenAI"}}},
	{ID: "gemini-api-terms", Name: "Gemini API Additional Terms of Service", URL: "https://ai.google.dev/gemini-api/terms", Family: TermsOfUse, Partial: true, Terms: []Term{
		{Name: "no-competing-models", Kind: Restriction, Outputs: true,
			Text: "the services may not be used to develop models that compete with them (the Gemini API or Google AI Studio)"}}},
	{ID: "anthropic-commercial-terms", Name: "Anthropic Commercial Terms of Service", URL: "https://www.anthropic.com/legal/commercial-terms",
		URLs: []string{"https://www.anthropic.com/legal/consumer-terms"}, Family: TermsOfUse, Partial: true, Terms: []Term{
			{Name: "no-competing-models", Kind: Restriction, Outputs: true,
				Text: "the services may not be used to build a competing product or service, including to train competing AI models"}}},
}

// exaoneNC builds an EXAONE AI Model License Agreement "NC" version v: the
// purposes it allows (purposes), and its terms on outputs and on other models.
func exaoneNC(id, v, url, purposes string, extra ...Term) Licence {
	terms := []Term{
		{Name: "non-commercial", Kind: Restriction, Carry: true, Key: "non-commercial",
			Text: purposes + "; no commercial use of the model, its derivatives or its outputs without a separate licence from LG"},
		{Name: "name-prefix", Kind: Obligation, Carry: true, Text: "a modified model must have a name beginning with \"EXAONE\""},
		{Name: "include-agreement", Kind: Obligation, Carry: true, Text: "distribute the model and its derivatives with a copy of the agreement"},
		{Name: "ethical-use", Kind: Restriction, Carry: true,
			Text: "no unlawful use, and no use of the model or its derivatives to spread false information, discriminate or harass, infringe others' rights or cause harm"},
		{Name: "no-reverse-engineering", Kind: Restriction, Text: "no decompiling or reverse engineering of the model beyond what the law allows"},
		{Name: "attribution", Kind: Obligation, Text: "publications of results obtained with the model cite its name and version"},
	}
	return Licence{ID: id, Name: "EXAONE AI Model License Agreement " + v + " - NC", URL: url, Family: NonCommercial, Terms: append(terms, extra...)}
}

package hub

import "testing"

func TestNormalizeID(t *testing.T) {
	good := map[string]string{
		"meta-llama/Llama-2-7b-hf": "meta-llama/Llama-2-7b-hf",
		"  Qwen/Qwen2.5-7B  ":      "Qwen/Qwen2.5-7B",
		"gpt2":                     "gpt2",
		"https://huggingface.co/mistralai/Mistral-7B-v0.1":        "mistralai/Mistral-7B-v0.1",
		"https://huggingface.co/mistralai/Mistral-7B-v0.1/":       "mistralai/Mistral-7B-v0.1",
		"https://huggingface.co/org/name/tree/main":               "org/name",
		"https://huggingface.co/org/name/blob/main/README.md":     "org/name",
		"http://www.huggingface.co/org/name?library=transformers": "org/name",
		"huggingface.co/org/name":                                 "org/name",
		"hf.co/org/name":                                          "org/name",
		"https://hf.co/org/name.git":                              "org/name",
		"hf://org/name":                                           "org/name",
		"https://huggingface.co/models/org/name":                  "org/name",
		"https://huggingface.co/gpt2":                             "gpt2",
	}
	for in, want := range good {
		got, err := NormalizeID(in)
		if err != nil || got != want {
			t.Errorf("NormalizeID(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{
		"", "   ", "/home/me/models/llama", "./llama", "../up/there", "org/name/extra",
		"https://github.com/org/name", "https://huggingface.co/datasets/org/data",
		"https://huggingface.co/spaces/org/app", "org/na me", "org/..", "org/-name", "org/name.",
		"org/" + string(make([]byte, 100)), "org/ünïcode", "a/b\nc", "C:\\models\\x",
	}
	for _, in := range bad {
		if got, err := NormalizeID(in); err == nil {
			t.Errorf("NormalizeID(%q) = %q, want an error", in, got)
		}
	}
}

func TestSplitID(t *testing.T) {
	for in, want := range map[string][2]string{"org/name": {"org", "name"}, "gpt2": {"", "gpt2"}} {
		org, name := SplitID(in)
		if org != want[0] || name != want[1] {
			t.Errorf("SplitID(%q) = %q, %q; want %q", in, org, name, want)
		}
	}
}

package graph

import "testing"

func TestNameRank(t *testing.T) {
	m := &Model{ID: "gpt-3.5", Name: "GPT-3.5", Aliases: []string{"text-davinci-002"}}
	for q, want := range map[string]int{
		"": 0, "gpt-3.5": 0, "GPT 3.5": 0, "text davinci 002": 0,
		"gpt": 1, "TEXT-DAV": 1, "3.5": 2, "davinci": 2, "llama": -1,
	} {
		if got := m.NameRank(NormalizeName(q)); got != want {
			t.Errorf("NameRank(%q) = %d, want %d", q, got, want)
		}
	}
}

package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

func TestFilter(t *testing.T) {
	d := func(s string) graph.Date {
		v, err := graph.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	l, err := graph.New([]graph.Model{
		{ID: "y2023", Name: "a", Date: d("2023"), Orgs: []string{"Meta AI"}, Stage: "base", Access: "open"},
		{ID: "m2024-03", Name: "b", Date: d("2024-03"), Orgs: []string{"Google", "DeepMind"}, Stage: "chat"},
		{ID: "y2024", Name: "c", Date: d("2024"), Arch: "MoE"},
		{ID: "d2024-06-15", Name: "d", Date: d("2024-06-15")},
		{ID: "undated", Name: "e"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    graph.Filter
		want string
	}{
		{graph.Filter{}, "y2023 y2024 m2024-03 d2024-06-15 undated"},
		{graph.Filter{Org: "meta"}, "y2023"},
		{graph.Filter{Org: "deep mind"}, "m2024-03"},
		{graph.Filter{Stage: "CHAT"}, "m2024-03"},
		{graph.Filter{Access: "open", Stage: "base"}, "y2023"},
		{graph.Filter{Arch: "moe"}, "y2024"},
		{graph.Filter{Since: d("2024")}, "y2024 m2024-03 d2024-06-15"},
		{graph.Filter{Since: d("2024-06")}, "y2024 d2024-06-15"},          // the year 2024 overlaps June
		{graph.Filter{Until: d("2024-03")}, "y2023 y2024 m2024-03"},       // so does it March
		{graph.Filter{Since: d("2024-04"), Until: d("2024-05")}, "y2024"}, // only the year-only model overlaps
		{graph.Filter{Since: d("2024-06-15"), Until: d("2024-06-15")}, "y2024 d2024-06-15"},
	} {
		var got []string
		for _, m := range l.List(tc.f) {
			got = append(got, m.ID)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%+v: got %v, want %s", tc.f, got, tc.want)
		}
	}
}

// TestCheckFilter: a stage, access or arch outside the vocabulary and the
// dataset is an error listing the valid values; case is ignored, and a value the
// dataset uses is valid even outside the vocabulary.
func TestCheckFilter(t *testing.T) {
	l, err := graph.New([]graph.Model{
		{ID: "a", Name: "A", Source: "s", Stage: "Embedding", Access: "open", Arch: "moe"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []graph.Filter{{}, {Stage: "CHAT"}, {Stage: "embedding"}, {Access: "closed"}, {Arch: "decoder-only"}} {
		if err := l.CheckFilter(f); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
	for _, tc := range []struct {
		f    graph.Filter
		want string
	}{
		{graph.Filter{Stage: "bogus"}, `unknown stage "bogus": want one of base, instruction-tuned, chat, code, reasoning, embedding`},
		{graph.Filter{Access: "free"}, `unknown access "free": want one of open, limited, api, closed`},
		{graph.Filter{Arch: "rnn"}, `unknown arch "rnn": want one of decoder-only, encoder-decoder, prefix-lm, glm, moe`},
	} {
		err := l.CheckFilter(tc.f)
		var ve *graph.VocabularyError
		if !errors.As(err, &ve) || err.Error() != tc.want {
			t.Errorf("%+v: %v, want %s", tc.f, err, tc.want)
		}
	}
}

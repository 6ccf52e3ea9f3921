package graph_test

import (
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

package graph

import (
	"slices"
	"testing"
)

func TestStrongComponents(t *testing.T) {
	// 0 → 1 → 2 → 0 is a cycle, 3 → 3 a self-loop (a single vertex: not listed),
	// 4 ⇄ 5 a two-cycle, 2 → 4 joins them without merging, 6 stands alone.
	adj := [][]int32{{1}, {2}, {0, 4}, {3}, {5}, {4}, nil}
	start := make([]int32, len(adj)+1)
	var targets []int32
	for v, out := range adj {
		targets = append(targets, out...)
		start[v+1] = int32(len(targets))
	}
	var got [][]int32
	for _, c := range StrongComponents(len(adj), start, targets) {
		c = slices.Clone(c)
		slices.Sort(c)
		got = append(got, c)
	}
	slices.SortFunc(got, func(a, b []int32) int { return int(a[0] - b[0]) })
	want := [][]int32{{0, 1, 2}, {4, 5}}
	if !slices.EqualFunc(got, want, slices.Equal[[]int32]) {
		t.Errorf("StrongComponents = %v, want %v", got, want)
	}
}

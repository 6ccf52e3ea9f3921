package render

import (
	"fmt"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// TestOrgColoursDistinct: up to twelve organisations in one chart never share a
// colour, and the largest organisation keeps its hash colour.
func TestOrgColoursDistinct(t *testing.T) {
	for n := 1; n <= len(Palette)+3; n++ {
		var ms []*graph.Model
		for i := range n {
			for range n - i { // org0 has the most models
				ms = append(ms, &graph.Model{ID: fmt.Sprintf("m%d", len(ms)), Orgs: []string{fmt.Sprintf("org%d", i)}})
			}
		}
		got := assignOrgColours(ms, Options{})
		if got["org0"] != OrgColour("org0") {
			t.Errorf("n=%d: the largest organisation lost its hash colour", n)
		}
		used := map[Colour]string{}
		for org, c := range got {
			if other, dup := used[c]; dup && n <= len(Palette) {
				t.Errorf("n=%d: %s and %s share %v", n, org, other, c)
			}
			used[c] = org
		}
		if len(got) != n {
			t.Errorf("n=%d: %d organisations coloured", n, len(got))
		}
	}
}

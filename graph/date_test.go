package graph

import (
	"fmt"
	"testing"
)

// TestQuickDate: the allocation-free date reader agrees with the general one on
// every date it accepts, and leaves everything else to it.
func TestQuickDate(t *testing.T) {
	var in []string
	for _, y := range []string{"0000", "0001", "1999", "2000", "2023", "2024", "2100", "20x3"} {
		in = append(in, y, y+"-", y+"/01")
		for m := 0; m <= 13; m++ {
			in = append(in, fmt.Sprintf("%s-%02d", y, m), fmt.Sprintf("%s-%d", y, m))
			for d := 0; d <= 32; d++ {
				in = append(in, fmt.Sprintf("%s-%02d-%02d", y, m, d), fmt.Sprintf("%s-%02d-%d", y, m, d))
			}
		}
	}
	in = append(in, "2023-01-0a", "2023-a1-01", "2023-01_01", "2023-01-01-01", " 2023", "-123")
	accepted := 0
	for _, s := range in {
		q, ok := quickDate(s)
		if !ok {
			continue
		}
		accepted++
		if want, err := parseDateSlow(s); err != nil || want != q {
			t.Errorf("quickDate(%q) = %v, general reader: %v, %v", s, q, want, err)
		}
	}
	if accepted < 1000 {
		t.Errorf("quickDate accepted only %d dates", accepted)
	}
}

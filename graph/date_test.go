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

// TestDateStringFast: the formatting without fmt writes what fmt writes.
func TestDateStringFast(t *testing.T) {
	for _, y := range []int{-12, 0, 1, 9, 10, 99, 100, 999, 1000, 2024, 9999, 10000} {
		for _, m := range []int{-1, 0, 1, 9, 10, 12, 99, 100} {
			for _, d := range []int{-1, 0, 1, 9, 10, 31, 99, 100} {
				date := Date{Year: y, Month: m, Day: d}
				var want string
				switch {
				case y == 0:
				case m == 0:
					want = fmt.Sprintf("%04d", y)
				case d == 0:
					want = fmt.Sprintf("%04d-%02d", y, m)
				default:
					want = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				}
				if got := date.String(); got != want {
					t.Fatalf("%+v: %q, want %q", date, got, want)
				}
			}
		}
	}
}

package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// modelFill matches a model node of the DOT render writes: its fill and the
// first organisation its tooltip names ("Name (id) — Org, Org · date ...").
var modelFill = regexp.MustCompile(`fillcolor="(#[0-9a-f]{6})"[^\n]*tooltip="[^"]* — ([^,·"]+)[,·]`)

// orgFills runs lineage render ARGS -f dot and returns the fill of each
// organisation's models (a model's colour is its first organisation's).
func orgFills(t *testing.T, args ...string) map[string]string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append([]string{"render", "-f", "dot"}, args...), &out, &errb); code != 0 {
		t.Fatalf("lineage render %q: exit %d: %s", args, code, errb.String())
	}
	fills := map[string]string{}
	for _, m := range modelFill.FindAllStringSubmatch(out.String(), -1) {
		org := strings.TrimSpace(m[2])
		if prev, ok := fills[org]; ok && prev != m[1] {
			t.Errorf("render %q paints %s in both %s and %s", args, org, prev, m[1])
		}
		fills[org] = m[1]
	}
	return fills
}

// TestOrgColourStableAcrossCharts: two charts of one dataset paint each
// organisation they share in the same colour, whatever else they draw.
func TestOrgColourStableAcrossCharts(t *testing.T) {
	a := orgFills(t, "orca")
	b := orgFills(t, "wizardlm", "chatgpt")
	shared := 0
	for org, fa := range a {
		if fb, ok := b[org]; ok {
			shared++
			if fa != fb {
				t.Errorf("%s is %s in 'render orca' but %s in 'render wizardlm chatgpt'", org, fa, fb)
			}
		}
	}
	if a["Microsoft"] == "" || b["Microsoft"] == "" || shared < 2 {
		t.Errorf("the charts share %d organisations (Microsoft: %q, %q); the test needs Microsoft and one more", shared, a["Microsoft"], b["Microsoft"])
	}
}

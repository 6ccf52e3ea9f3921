package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// TestColorByLicense: with ColorBy "license" each model takes its family's colour
// from the caller's LicenseFamily, the legend lists the families in order, Mermaid
// gets one class a family, and JSON carries the family.
func TestColorByLicense(t *testing.T) {
	l := load(t, "fixture")
	ms := l.Models()
	if len(ms) < 3 {
		t.Fatal("fixture too small")
	}
	fam := map[string]string{ms[0].ID: "permissive", ms[1].ID: "pass-on", ms[2].ID: "non-commercial"}
	opt := Options{ColorBy: "license", LicenseFamily: func(m *graph.Model) string { return fam[m.ID] }}
	if err := opt.Check(); err != nil {
		t.Fatal(err)
	}
	for id, f := range fam {
		m, _ := l.Model(id)
		if got, want := colourOf(colourKey(m, opt), opt), licenseColours[f]; got != want {
			t.Errorf("%s (%s): colour %v, want %v", id, f, got, want)
		}
	}
	if m := ms[3]; colourOf(colourKey(m, opt), opt) != unknownColour {
		t.Errorf("%s without a family is not drawn unknown", m.ID)
	}
	// Without LicenseFamily every model is unknown.
	if got := colourKey(ms[0], Options{ColorBy: "license"}); got != "unknown" {
		t.Errorf("no LicenseFamily: key %q", got)
	}

	dot := string(write(t, WriterFunc(DOT), l, opt))
	legend := dot[strings.Index(dot, "_legend_colours"):]
	legend = legend[:strings.Index(legend, "\n")]
	last := -1
	for _, name := range []string{"colour: licence", "permissive", "pass-on terms", "non-commercial", "unknown"} {
		i := strings.Index(legend, ">"+name+"<")
		if i < 0 {
			t.Errorf("legend lacks %q: %s", name, legend)
			continue
		}
		if i < last {
			t.Errorf("legend lists %q out of order", name)
		}
		last = i
	}

	mer := string(write(t, WriterFunc(Mermaid), l, opt))
	for _, class := range []string{"lic_permissive", "lic_pass_on", "lic_non_commercial", "lic_unknown"} {
		if !strings.Contains(mer, "classDef "+class+" ") {
			t.Errorf("mermaid lacks classDef %s", class)
		}
	}

	var doc struct {
		Nodes []struct {
			ID            string `json:"id"`
			LicenseFamily string `json:"license_family"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(write(t, WriterFunc(JSON), l, opt), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		want := fam[n.ID]
		if want == "" {
			want = "unknown"
		}
		if n.LicenseFamily != want {
			t.Errorf("json %s: license_family %q, want %q", n.ID, n.LicenseFamily, want)
		}
	}
	// Without LicenseFamily, JSON stays as it was.
	if b := write(t, WriterFunc(JSON), l, Options{}); bytes.Contains(b, []byte("license_family")) {
		t.Error("license_family written without LicenseFamily")
	}
}

package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// TestLicenseReportJSON: what 'lineage serve' answers at /api/models/{id}/license
// is the 'lineage license -f json' document.
func TestLicenseReportJSON(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "license")
	l, err := graph.LoadFiles(filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := l.Model("merge-apache-llama2")
	b, err := json.Marshal(licenseReportJSON(l, m))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Model   string `json:"model"`
		Lineage []struct {
			ID string `json:"id"`
		} `json:"lineage"`
		Terms []struct {
			Name    string `json:"name"`
			Licence string `json:"licence"`
			Carry   bool   `json:"carry"`
			Kept    bool   `json:"kept"`
		} `json:"terms"`
		Notice string `json:"notice"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Model != "merge-apache-llama2" || len(doc.Lineage) != 2 || doc.Notice == "" {
		t.Errorf("report %s", b)
	}
	dropped := 0
	for _, tm := range doc.Terms {
		if tm.Licence == "llama2" && tm.Carry && !tm.Kept {
			dropped++
		}
	}
	if dropped != 5 {
		t.Errorf("%d Llama 2 terms dropped, want 5: %s", dropped, b)
	}
}

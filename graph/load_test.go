package graph_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/graph"
)

var fixedNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// loadDir loads dir/nodes.csv and dir/edges.csv, naming them "nodes.csv" and "edges.csv".
func loadDir(t *testing.T, dir string) (*graph.Lineage, graph.Problems) {
	t.Helper()
	open := func(name string) graph.Input {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return graph.Input{Name: name, Reader: f}
	}
	l, err := graph.LoadAt(open("nodes.csv"), open("edges.csv"), fixedNow)
	var ps graph.Problems
	switch {
	case errors.As(err, &ps):
		if l != nil {
			t.Errorf("a failed load returned a Lineage")
		}
		return nil, ps
	case err != nil:
		t.Fatal(err)
	}
	return l, l.Problems()
}

// TestBrokenFixtures: each dataset under testdata/broken reports exactly the
// problems in its want.txt, with file, line and column.
func TestBrokenFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/broken/*/want.txt")
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	if err != nil || len(dirs) < 15 {
		t.Fatalf("fixtures: %v (%d found)", err, len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			l, ps := loadDir(t, dir)
			var got strings.Builder
			for _, p := range ps {
				got.WriteString(p.String() + "\n")
			}
			if got.String() != string(want) {
				t.Errorf("problems:\n%s\nwant:\n%s", got.String(), want)
			}
			hasErrors := ps.Errors() > 0
			if hasErrors == (l != nil) {
				t.Errorf("errors=%v but lineage loaded=%v", hasErrors, l != nil)
			}
		})
	}
}

// TestStrict: strict validation turns every warning into an error.
func TestStrict(t *testing.T) {
	_, ps := loadDir(t, "../testdata/broken/unknown-relation")
	if ps.Errors() != 0 || len(ps) != 1 {
		t.Fatalf("want 1 warning, got %v", ps)
	}
	if s := ps.Strict(); s.Errors() != 1 || strings.Contains(s[0].String(), "warning") {
		t.Errorf("strict: %v", s)
	}
}

// TestLoadOddInputs: inputs that are valid though unusual load as expected.
func TestLoadOddInputs(t *testing.T) {
	nodes := "\ufeffName ,ID,license,Source\n" + // BOM, column order, case, spaces, extra column
		` "GPT, the third", gpt-3 ,mit,https://x` + "\n" +
		"Chat,chat,,https://y\n\n" // a blank line
	edges := "relation,to,from,source\nADAPTER,chat,gpt-3,https://z\n" // the alias adapter, upper case
	l, err := graph.LoadAt(graph.Input{Name: "n", Reader: strings.NewReader(nodes)},
		graph.Input{Name: "e", Reader: strings.NewReader(edges)}, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	m, ok := l.Model("gpt-3")
	if !ok || m.Name != "GPT, the third" || len(m.Attrs) != 1 || m.Attrs[0] != (graph.Attr{Key: "license", Value: "mit"}) {
		t.Errorf("model: %+v", m)
	}
	if es := l.Parents("chat"); len(es) != 1 || es[0].Relation != "lora" {
		t.Errorf("edge: %+v", es)
	}
}

// TestNew: models and edges built in code go through the same checks.
func TestNew(t *testing.T) {
	_, err := graph.New([]graph.Model{{ID: "a", Name: "A"}, {ID: "a", Name: "A2"}}, []graph.Edge{{From: "a", To: "b", Relation: "finetune"}})
	var ps graph.Problems
	if !errors.As(err, &ps) || ps.Errors() != 2 {
		t.Fatalf("want 2 errors (duplicate id, unknown b), got %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{"", "", false}, {"2023", "2023", false}, {"2023-02", "2023-02", false}, {"2024-02-29", "2024-02-29", false},
		{"2023-02-29", "", true}, {"2023-00", "", true}, {"2023-1", "", true}, {"23-01-01", "", true},
		{"2023-01-01-01", "", true}, {"0000", "", true}, {"2023/01", "", true}, {"-2023", "", true},
	} {
		d, err := graph.ParseDate(tc.in)
		if (err != nil) != tc.bad || err == nil && d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v", tc.in, d, err)
		}
	}
	a, _ := graph.ParseDate("2023")
	b, _ := graph.ParseDate("2023-01")
	if a.Compare(b) >= 0 || b.Compare(a) <= 0 || a.Compare(a) != 0 {
		t.Errorf("a less precise date must sort first")
	}
}

// TestLoadFiles: files are read from disk and named by path; a missing file is
// an fs.ErrNotExist the caller can recognise.
func TestLoadFiles(t *testing.T) {
	dir := "../testdata/broken/duplicate-id"
	_, err := graph.LoadFiles(filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv"))
	var ps graph.Problems
	if !errors.As(err, &ps) || ps[0].File != filepath.Join(dir, "nodes.csv") {
		t.Errorf("want problems named by path, got %v", err)
	}
	if _, err := graph.LoadFiles(filepath.Join(dir, "nope.csv"), filepath.Join(dir, "edges.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

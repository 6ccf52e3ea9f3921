package graph_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// FuzzLoad: no input makes Load panic; a failed load reports at least one error
// located in one of the two files; a successful one answers queries on every model.
func FuzzLoad(f *testing.F) {
	f.Add("id,name,date\na,A,2020\nb,B,2021-02\n", "from,to,relation\na,b,finetune\n")
	f.Add("id,name\na,\"A, \"\"quoted\"\"\"\n", "from,to,relation\na,a,lora\n")
	f.Add("\ufeffid,name\na,A\nb,B\nc,C\n", "from,to,relation\na,b,merge\nb,c,merge\nc,a,merge\n")
	f.Add("id,name\n\"a,A\n", "from,to\n")
	f.Add("id,name,aliases\nx,X,羊驼;y\n", "from,to,relation,note\nx,y,teacher-data,\"multi\nline\"\n")
	f.Fuzz(func(t *testing.T, nodes, edges string) {
		l, err := graph.LoadAt(graph.Input{Name: "nodes.csv", Reader: strings.NewReader(nodes)},
			graph.Input{Name: "edges.csv", Reader: strings.NewReader(edges)}, fixedNow)
		if err != nil {
			var ps graph.Problems
			if !errors.As(err, &ps) || ps.Errors() == 0 {
				t.Fatalf("failed load without errors: %v", err)
			}
			for _, p := range ps {
				if p.File != "nodes.csv" && p.File != "edges.csv" {
					t.Fatalf("problem not located in a file: %v", p)
				}
			}
			return
		}
		for _, m := range l.Models() {
			got, err := l.Resolve(m.ID)
			if err != nil || got != m {
				t.Fatalf("Resolve(%q) = %v, %v", m.ID, got, err)
			}
			l.Ancestors(m.ID, graph.QueryOptions{Relations: graph.AllRelations})
			l.Descendants(m.ID, graph.QueryOptions{})
		}
		l.Stats(3)
		l.NameClashes("nodes.csv")
		// The same files from disk, cold and then from the index, give the same Lineage.
		dir := t.TempDir()
		np, ep := filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
		os.WriteFile(np, []byte(nodes), 0o644)
		os.WriteFile(ep, []byte(edges), 0o644)
		opt := graph.FileOptions{CacheDir: filepath.Join(dir, "cache"), Now: fixedNow}
		for range 2 {
			lf, err := graph.LoadFilesWith(np, ep, opt)
			if err != nil {
				t.Fatalf("from files: %v", err)
			}
			if !reflect.DeepEqual(lf.Models(), l.Models()) || !reflect.DeepEqual(lf.Edges(), l.Edges()) {
				t.Fatalf("from files: a different lineage")
			}
			if got, want := fmt.Sprint(lf.Problems()), fmt.Sprint(l.Problems()); strings.ReplaceAll(got, dir+"/", "") != want {
				t.Fatalf("from files: problems %s, want %s", got, want)
			}
		}
	})
}

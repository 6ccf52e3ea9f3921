package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// TestPathNoLimitIsBounded: --limit 0 on a ladder of 12 diamonds (4096 paths)
// lists graph.MaxPaths of them and says so, instead of enumerating without end.
func TestPathNoLimitIsBounded(t *testing.T) {
	dir := t.TempDir()
	nodes := "id,name,aliases,org,date,params,arch,stage,access,description,url,source\nn0,n0,,,,,,base,open,,,https://example.org/s\n"
	edges := "from,to,relation,note,source\n"
	for i := 0; i < 12; i++ {
		for _, side := range []string{"l", "r"} {
			nodes += fmt.Sprintf("%s%d,%s%d,,,,,,base,open,,,https://example.org/s\n", side, i, side, i)
			edges += fmt.Sprintf("n%d,%s%d,finetune,,https://example.org/s\n%s%d,n%d,finetune,,https://example.org/s\n", i, side, i, side, i, i+1)
		}
		nodes += fmt.Sprintf("n%d,n%d,,,,,,base,open,,,https://example.org/s\n", i+1, i+1)
	}
	writeFile(t, filepath.Join(dir, "nodes.csv"), nodes)
	writeFile(t, filepath.Join(dir, "edges.csv"), edges)
	code, stdout, stderr := runCLI("--data", dir, "path", "n0", "n12", "--all", "--limit", "0", "-f", "json")
	var paths [][]any
	if err := json.Unmarshal([]byte(stdout), &paths); err != nil || code != 0 {
		t.Fatalf("exit %d, %v; stderr %q", code, err, stderr)
	}
	if len(paths) != graph.MaxPaths || !strings.Contains(stderr, fmt.Sprintf("stopped at %d paths, the most lineage lists", graph.MaxPaths)) {
		t.Errorf("%d paths, stderr %q; want %d and a note", len(paths), stderr, graph.MaxPaths)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIndexCache: a query on a dataset from disk writes its index to the user
// cache directory and the next one gives the same answer from it; --no-cache
// writes none; a damaged index costs one warning line and the same answer.
func TestIndexCache(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "nodes.csv"), []byte("id,name,date,source\nbase,Base,2023,s\nchat,Chat,2024,s\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "edges.csv"), []byte("from,to,relation,source\nbase,chat,finetune,s\n"), 0o644)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	query := func(extra ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		args := append([]string{"--data", dir}, extra...)
		if code := run(append(args, "ancestors", "chat"), &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		return out.String(), errb.String()
	}
	indexes := func() []string {
		files, _ := filepath.Glob(filepath.Join(cache, "lineage", "*.idx"))
		return files
	}
	want, _ := query("--no-cache")
	if len(indexes()) != 0 {
		t.Fatalf("--no-cache wrote an index: %v", indexes())
	}
	if got, stderr := query(); got != want || stderr != "" || len(indexes()) != 1 {
		t.Fatalf("first run: %q %q, indexes %v", got, stderr, indexes())
	}
	if got, stderr := query(); got != want || stderr != "" {
		t.Fatalf("from the index: %q %q", got, stderr)
	}
	idx := indexes()[0]
	b, _ := os.ReadFile(idx)
	os.WriteFile(idx, b[:len(b)/2], 0o600)
	got, stderr := query()
	if got != want || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "damaged index") {
		t.Fatalf("damaged index: %q, stderr %q", got, stderr)
	}
	if got, stderr := query(); got != want || stderr != "" {
		t.Fatalf("after the rebuild: %q %q", got, stderr)
	}
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	selfOnce sync.Once
	selfPath string
	selfErr  error
)

// builtSelf compiles lineage-render once: the cache set-up runs in package init,
// before any test could, so it is seen only in a real process.
func builtSelf(t *testing.T) string {
	t.Helper()
	selfOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lineage-render-test-")
		if err != nil {
			selfErr = err
			return
		}
		selfPath = filepath.Join(dir, "lineage-render")
		if out, err := exec.Command("go", "build", "-o", selfPath, ".").CombinedOutput(); err != nil {
			selfErr = err
			t.Logf("%s", out)
		}
	})
	if selfErr != nil {
		t.Fatalf("go build: %v", selfErr)
	}
	return selfPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if selfPath != "" {
		os.RemoveAll(filepath.Dir(selfPath))
	}
	os.Exit(code)
}

// renderIn runs the built lineage-render on a small graph with the given temp
// and cache directories.
func renderIn(t *testing.T, tmp, cache string) (string, error) {
	cmd := exec.Command(builtSelf(t))
	cmd.Stdin = strings.NewReader(`digraph { a -> b }`)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "XDG_CACHE_HOME="+cache, "HOME="+cache)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestWasmCacheIsPrivate: go-graphviz's compiled WebAssembly goes to the user's
// own cache directory, mode 0700, and nothing into the shared $TMPDIR.
func TestWasmCacheIsPrivate(t *testing.T) {
	tmp, cache := t.TempDir(), t.TempDir()
	if out, err := renderIn(t, tmp, cache); err != nil || !strings.Contains(out, "<svg") {
		t.Fatalf("render: %v\n%.500s", err, out)
	}
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		t.Errorf("lineage-render wrote %s into TMPDIR", e.Name())
	}
	dir := filepath.Join(cache, "lineage", "graphviz")
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatalf("no private cache: %v", err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("%s has mode %v, want 0700", dir, st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) == 0 {
		t.Errorf("%s is empty: the WebAssembly was not cached there", dir)
	}
}

// TestSharedTempDirOfAnotherUser: another user's go-graphviz cache in $TMPDIR
// (which made go-graphviz panic, or load code that user could write) is not
// used; and a cache directory that is not private is refused with a one-line
// warning, and the render still works.
func TestSharedTempDirOfAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to make a directory owned by another user")
	}
	tmp, cache := t.TempDir(), t.TempDir()
	planted := filepath.Join(tmp, "go-graphviz")
	if err := os.Mkdir(planted, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(planted, 12345, 12345); err != nil {
		t.Fatal(err)
	}
	out, err := renderIn(t, tmp, cache)
	if err != nil || !strings.Contains(out, "<svg") || strings.Contains(out, "goroutine") {
		t.Fatalf("render with another user's cache in TMPDIR: %v\n%.500s", err, out)
	}
	if entries, _ := os.ReadDir(planted); len(entries) > 0 {
		t.Errorf("lineage-render used another user's cache in TMPDIR")
	}

	// Now the user's own cache directory belongs to someone else.
	mine := filepath.Join(cache, "lineage", "graphviz")
	if err := os.Chown(mine, 12345, 12345); err != nil {
		t.Fatal(err)
	}
	out, err = renderIn(t, tmp, cache)
	if err != nil || !strings.Contains(out, "<svg") {
		t.Fatalf("render: %v\n%.500s", err, out)
	}
	if !strings.Contains(out, "lineage-render: warning: no private cache") || !strings.Contains(out, "not by you") {
		t.Errorf("output %.300q: want the warning about the cache", out)
	}
}

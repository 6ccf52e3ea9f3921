package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain gives the tests a cache directory of their own, so that the indexes
// of the datasets they load are not written to the user's. The go command that
// some tests run keeps its build cache where it was (its default is under the
// same directory), or it would rebuild everything, cgo included.
func TestMain(m *testing.M) {
	if os.Getenv("GOCACHE") == "" {
		if base, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(base, "go-build"))
		}
	}
	dir, err := os.MkdirTemp("", "lineage-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

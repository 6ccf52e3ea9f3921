package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests a cache directory of their own, so that the indexes
// of the datasets they load are not written to the user's.
func TestMain(m *testing.M) {
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

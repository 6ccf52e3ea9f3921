package browsertest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBrowserTestsNeedOptIn: without LINEAGE_BROWSER_TESTS the browser tests
// skip, even where a Chromium is found and npm is not (they used to run
// 'npm ci' then, and fail).
func TestBrowserTestsNeedOptIn(t *testing.T) {
	t.Setenv(optIn, "")
	t.Setenv("CHROMIUM", os.Args[0]) // any existing file
	t.Setenv("PATH", t.TempDir())    // no npm, no node
	before, _ := os.ReadDir(filepath.Join("node_modules"))
	var skipped bool
	t.Run("browser", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		browser(t)
	})
	if !skipped {
		t.Error("a browser test ran without the opt-in")
	}
	if after, _ := os.ReadDir(filepath.Join("node_modules")); len(after) != len(before) {
		t.Error("node_modules changed: the test installed packages")
	}
}

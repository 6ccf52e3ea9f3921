package privdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDir(t *testing.T) {
	base := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", base)
	t.Setenv("HOME", base)
	dir, err := Dir("graphviz")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dir, base) {
		t.Errorf("Dir = %s, want it under the user cache %s", dir, base)
	}
	for _, d := range []string{filepath.Dir(dir), dir} {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %v, want 0700", d, st.Mode().Perm())
		}
	}
	// One the user opened up is made private again.
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir("graphviz"); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("mode %v after Dir, want 0700", st.Mode().Perm())
	}
	// A symbolic link (someone else's directory, say) is refused.
	other := t.TempDir()
	if err := os.Symlink(other, filepath.Join(filepath.Dir(dir), "linked")); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir("linked"); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Dir through a symlink: err = %v, want a refusal", err)
	}
}

// TestDirRefusesAnotherUsersDirectory needs root to give a directory away.
func TestDirRefusesAnotherUsersDirectory(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to make a directory owned by another user")
	}
	base := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", base)
	t.Setenv("HOME", base)
	planted := filepath.Join(base, "lineage", "graphviz")
	if err := os.MkdirAll(planted, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(planted, 12345, 12345); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir("graphviz"); err == nil || !strings.Contains(err.Error(), "not by you") {
		t.Errorf("Dir on another user's directory: err = %v, want a refusal", err)
	}
}

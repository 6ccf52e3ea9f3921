// Package privdir gives lineage's per-user private cache directories: under the
// user's cache directory (os.UserCacheDir), mode 0700, owned by the user running
// the program. Nothing there is shared with other users, unlike a temp dir.
//
// It imports only the standard library, because lineage-render's WebAssembly
// cache set-up uses it before go-graphviz initialises (see
// cmd/lineage-render/internal/wasmcache).
package privdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns the private directory name (e.g. "graphviz") inside lineage's
// cache directory, creating both with mode 0700. It refuses a directory that is
// a symbolic link, not a directory, or owned by another user, and makes one of
// the user's own that others may read or write private again.
func Dir(name string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for the chart engine: %w", err)
	}
	if !filepath.IsAbs(base) {
		return "", fmt.Errorf("the cache directory %q is not an absolute path", base)
	}
	if err := os.MkdirAll(base, 0o700); err != nil {
		return "", fmt.Errorf("cache directory: %w", err)
	}
	dir := base
	for _, part := range []string{"lineage", name} {
		dir = filepath.Join(dir, part)
		if err := private(dir); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// private makes dir, or checks the one there: a real directory of this user,
// mode 0700.
func private(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("cache directory: %w", err)
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("cache directory: %w", err)
	}
	if st.Mode()&os.ModeSymlink != 0 || !st.IsDir() {
		return fmt.Errorf("cache directory %s is not a directory (a symbolic link or a file); remove it", dir)
	}
	if err := ownedBySelf(st); err != nil {
		return fmt.Errorf("cache directory %s: %w; remove it", dir, err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("cache directory: %w", err)
		}
	}
	return nil
}

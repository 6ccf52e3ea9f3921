//go:build unix

package graph

import (
	"os"
	"syscall"
)

// fileIdentity returns a file's inode, device and status-change time.
func fileIdentity(fi os.FileInfo) (ino, dev uint64, ctime int64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0
	}
	return uint64(st.Ino), uint64(st.Dev), ctimeOf(st)
}

// ownedPrivate reports whether the file is the user's own and nobody else may
// write it.
func ownedPrivate(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid() && fi.Mode().Perm()&0o022 == 0
}

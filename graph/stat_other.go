//go:build !unix

package graph

import "os"

// fileIdentity returns what this platform tells of a file beyond size and
// modification time: nothing.
func fileIdentity(os.FileInfo) (ino, dev uint64, ctime int64) { return 0, 0, 0 }

// ownedPrivate reports whether the file is the user's own; this platform's
// per-user cache directory is private already.
func ownedPrivate(os.FileInfo) bool { return true }

//go:build unix

package graph

import (
	"io"
	"os"
	"syscall"
)

// readWhole returns the bytes of f, mapped read-only when f is a regular file
// (the mapping is never unmapped: the Lineage keeps views into it), read
// otherwise.
func readWhole(f *os.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() == 0 || st.Size() > maxFile {
		return io.ReadAll(f)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return io.ReadAll(f)
	}
	return b, nil
}

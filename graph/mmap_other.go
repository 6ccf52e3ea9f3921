//go:build !unix

package graph

import (
	"io"
	"os"
)

// readWhole returns the bytes of f.
func readWhole(f *os.File) ([]byte, error) { return io.ReadAll(f) }

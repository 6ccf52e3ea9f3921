package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

func TestProfTmp(t *testing.T) {
	args := os.Getenv("PROFARGS")
	if args == "" {
		t.Skip()
	}
	os.Setenv("XDG_CACHE_HOME", "/tmp/perfcache")
	run(strings.Fields(args), io.Discard, io.Discard)
}

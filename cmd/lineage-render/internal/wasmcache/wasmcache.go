// Package wasmcache points go-graphviz's WebAssembly compilation cache at a
// private per-user directory before go-graphviz initialises.
//
// go-graphviz (v0.2.10, internal/wasm) compiles its WebAssembly module in its
// package init into os.TempDir()/go-graphviz, a directory it creates with mode
// 0755 and never checks: in a shared $TMPDIR the second user gets a panic, and a
// user could plant compiled code another one loads. Its init runs before main,
// so the only way to choose the directory is $TMPDIR, set by an init that runs
// first. This package's does: Go initialises packages in import-path order
// among those whose imports are ready (the language spec, since Go 1.21); this
// package and privdir import only the standard library and sort before
// github.com/tetratelabs/wazero, which go-graphviz's internal/wasm waits for.
// A test of lineage-render checks the outcome: nothing written to $TMPDIR.
//
// When no private directory can be had, go-graphviz is given none (it then
// compiles in memory each run, about a second) and Err says why.
package wasmcache

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/lineage-dev/lineage/internal/privdir"
)

// Err is why the cache could not be private, or nil. It is set once, by init.
var Err error

var (
	envName           = tempEnv()
	origTemp, hadTemp = os.LookupEnv(envName)
)

func tempEnv() string {
	if runtime.GOOS == "windows" {
		return "TMP"
	}
	return "TMPDIR"
}

func init() {
	dir, err := privdir.Dir("graphviz")
	if err != nil {
		Err = err
		// A file as the temp dir: go-graphviz's mkdir fails and it uses no cache.
		dir = filepath.Join(os.DevNull, "no-cache")
	}
	os.Setenv(envName, dir)
}

// Restore gives the program back the temp dir it was started with, once
// go-graphviz has initialised.
func Restore() {
	if hadTemp {
		os.Setenv(envName, origTemp)
	} else {
		os.Unsetenv(envName)
	}
}

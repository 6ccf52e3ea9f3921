package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/lineage-dev/lineage/data"
)

var versionCmd = &command{
	name:     "version",
	args:     "",
	summary:  "Version prints the version of lineage, the Go version it was built with, and\nthe size of the embedded dataset.",
	examples: []string{"lineage version"},
	run:      runVersion,
}

func runVersion(c *cli, args []string) error {
	if c.cmd != nil {
		if err := c.parse(c.flagSet(c.cmd), args, 0, 0); err != nil {
			return err
		}
	}
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	l, err := data.Load()
	if err != nil {
		return fmt.Errorf("embedded dataset: %w", err)
	}
	fmt.Fprintf(c.stdout, "lineage %s (%s)\nembedded dataset: %d models, %d edges\n", v, runtime.Version(), l.Len(), len(l.Edges()))
	return nil
}

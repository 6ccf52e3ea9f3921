// Package buildid names the build of a lineage program: its module version and,
// when the go command stamped it, the version-control revision. lineage and
// lineage-render built from the same source have the same identity, which is how
// lineage refuses a stale chart engine.
package buildid

import (
	"runtime/debug"
	"strings"
)

// Of is the identity of the build bi describes, e.g. "v1.2.0",
// "(devel) 3f2a9c01d7e4" or "(devel) 3f2a9c01d7e4+dirty". A build without
// version-control stamps (go build -buildvcs=false, or outside a repository)
// is just "(devel)".
func Of(bi *debug.BuildInfo) string {
	if bi == nil {
		return "(unknown)"
	}
	id := bi.Main.Version
	if id == "" {
		id = "(devel)"
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && !strings.Contains(id, rev[:min(12, len(rev))]) {
		id += " " + rev[:min(12, len(rev))]
		if dirty {
			id += "+dirty"
		}
	}
	return id
}

// Self is the identity of the running program.
func Self() string {
	bi, _ := debug.ReadBuildInfo()
	return Of(bi)
}

package buildid

import (
	"runtime/debug"
	"testing"
)

func TestOf(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "3f2a9c01d7e4aaaaaaaa"}}
	for _, tc := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{nil, "(unknown)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: rev}, "(devel) 3f2a9c01d7e4"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, "(devel) 3f2a9c01d7e4+dirty"},
		// A pseudo-version already names the revision.
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202093000-3f2a9c01d7e4"}, Settings: rev},
			"v0.0.0-20261202093000-3f2a9c01d7e4"},
	} {
		if got := Of(tc.bi); got != tc.want {
			t.Errorf("Of(%+v) = %q, want %q", tc.bi, got, tc.want)
		}
	}
}

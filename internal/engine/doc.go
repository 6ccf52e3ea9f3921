// Package engine runs lineage-render, the program that turns DOT into SVG and PNG,
// for 'lineage render' and 'lineage docs'.
//
// # Design: the chart engine is a separate program
//
// SVG and PNG come from Graphviz 12 compiled to WebAssembly
// (github.com/goccy/go-graphviz), so no system Graphviz is needed. That package's
// init compiles its WebAssembly module into a cache directory in every process
// that links it: 0.1 s with a warm cache, about 1 s with a cold or missing one,
// and 6 MB written, whether the process renders or not. (go-graphviz puts that
// cache in $TMPDIR/go-graphviz, shared by every user; lineage-render moves it
// to a private per-user directory, os.UserCacheDir()/lineage/graphviz, mode
// 0700, owner checked: see cmd/lineage-render/internal/wasmcache.) The
// queries ('lineage ancestors chatgpt', 'show', '--help') take about 5 ms; linking
// go-graphviz into lineage would make every one of them 20 to 200 times slower and
// write to disk.
//
// So go-graphviz is linked only into cmd/lineage-render, which reads DOT on
// standard input and writes SVG or PNG on standard output, and lineage runs it
// when, and only when, it draws an image. The alternatives cost more:
//   - a build tag or a second build of lineage splits the users into two binaries
//     and breaks 'go install ./cmd/...';
//   - pointing go-graphviz at another cache (its SetFileSystem) still pays the
//     compile in init, which runs before main can choose anything;
//   - a plugin or a system 'dot' is not there right after set-up.
//
// The process boundary also contains go-graphviz's known traps (v0.2.10):
// concurrent renders race (upstream #117) and a cancelled context breaks every
// later call (#118), so lineage-render draws one graph per process, never cancels
// go-graphviz's context, and lineage stops a render by killing the process. The
// engine also checks what go-graphviz does not: it can report success with empty
// output, so output is required to be non-empty and SVG to be well-formed XML;
// its warnings are dropped, so lineage-render checks shapes and colours itself;
// pdf and ps fail and break the renderer, so only svg and png are offered.
//
// Two more fixes live in lineage-render. Text widths: the WebAssembly Graphviz has
// no font library and estimates widths (non-ASCII bytes count as spaces, and a
// font list such as "Helvetica,Arial,sans-serif" gets Times metrics), giving a
// 12-character Chinese label 140 pt where browsers draw 168 pt. Before its one
// layout, lineage-render gives every node the width its label needs (package
// textwidth, scaled for the node's shape), and afterwards centres the lines of
// HTML-like labels, which Graphviz anchors at their estimated left end. One
// layout, because laying out the whole dataset is most of the render's time.
// The widths are those of Liberation Sans, regular and bold, which
// lineage-render carries (package fonts, SIL OFL; metric-compatible with the
// Arial and Helvetica the SVG names): textwidth's table is generated from the
// font files ('go generate ./internal/textwidth'), kerning included, for the
// 2,310 characters they cover (Latin, Greek, Cyrillic, Hebrew, punctuation);
// characters they lack are estimated (East Asian wide ones one em, as CJK fonts
// draw them, others generously). PNG: go-graphviz's PNG loses edge lines,
// outlines and non-Latin text, so lineage-render draws the PNG itself in pure
// Go from Graphviz's layout (its xdot drawing operations). Every character the
// built-in Liberation Sans has is drawn with it, never with an installed font,
// so a chart in those scripts is the same PNG, byte for byte, on every machine;
// other characters fall back one by one to the installed fonts: Chinese,
// Japanese and Korean need a CJK font (on Debian, fonts-noto-cjk); without one
// they are drawn as boxes and a warning says so.
//
// Measured on the 2-core development machine (hyperfine): 'lineage --help'
// 4 ms, 'lineage ancestors chatgpt' 6 ms, with no file written; 'lineage render
// -o all.svg' of the whole embedded dataset about 0.9 s, of which the Graphviz
// layout is most; 'lineage render chatgpt --ancestors -o chatgpt.png' 0.2 s.
//
// # Finding lineage-render
//
// Find looks, in order, at
//  1. $LINEAGE_RENDER, the path of a lineage-render to use;
//  2. the directory of the running lineage executable, where
//     'go install ./cmd/...' and 'go build -o bin/ ./cmd/...' put both programs;
//  3. when lineage itself is a devel build of the module ('go run ./cmd/lineage',
//     'go build', 'go test') and the source tree it was compiled from is still
//     there, that tree's lineage-render: built once, for each state of its
//     sources, into the user's private cache (os.UserCacheDir()/lineage/engine),
//     announced on stderr as "building the chart engine (first time only)", and
//     run from there. The tree is the one the compiler read (recorded in the
//     binary), never found from the working directory, so a directory whose
//     go.mod claims the module path runs nothing;
//  4. $PATH.
//
// An engine found in 1, 2 or 4 must be a lineage-render of the same build as
// lineage: Find reads the build information Go stamps in the executable (module
// version and version-control revision, see internal/buildid) without running
// it, and refuses another program or another version with a message naming
// both. 'lineage-render --version' prints the same identity. Two devel builds
// without version-control stamps (-buildvcs=false) both read "(devel)" and
// cannot be told apart.
//
// A render runs the engine in a process group of its own; cancelling it (a
// deadline, Ctrl-C) kills the whole group.
//
// The test in this package guards the split: 'go list -deps ./cmd/lineage' must
// not contain go-graphviz or wazero, and the built lineage must run '--help' and
// 'ancestors chatgpt' without writing to $TMPDIR.
package engine

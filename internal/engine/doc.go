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
// go-graphviz's context, and lineage stops a render by killing the process. It
// can report success with empty output, so lineage-render requires Graphviz's
// layout to be a whole JSON document with a bounding box, and Render requires a
// non-empty image (SVG well-formed XML, PNG with its signature). Its warnings are
// dropped, so what Graphviz would warn about is kept out where the DOT is
// written: package render's tests hold every shape, style, colour and font it
// writes to what Graphviz accepts. pdf and ps fail and break the renderer, so
// only svg and png are offered.
//
// # The seam: render says what it knows, the engine lays out and draws
//
// The WebAssembly Graphviz has no font library and estimates text widths itself:
// Latin text well for the fonts it has metrics for, a font list such as
// "Helvetica,Arial,sans-serif" as Times, other scripts by their bytes (a
// 12-character Chinese label gets 3/4 of the 168 pt a browser draws). So package
// render, which writes the labels, puts in the DOT what it knows: one font,
// Liberation Sans (the metrics package textwidth has, the font the PNG is drawn
// in, and one Graphviz measures with Arial's metrics, which it shares), and
// every labelled node's width, measured by textwidth with the margins and the
// widening of the node's shape. lineage-render reads nothing back from the DOT:
// it lays the graph out once (laying out the whole dataset is most of a
// render's time) and draws the layout, Graphviz's "json" output with every
// object's xdot drawing operations, as SVG and as PNG with one reader of those
// operations. The SVG has the structure of Graphviz's own (a group per node,
// edge and cluster, with its title and link), which the explorer reads, and
// names one CSS font stack for a font with Arial's metrics ('Liberation Sans',
// Arimo, Arial, Helvetica, sans-serif), decided in one place. Graphviz places
// each line of an HTML-like label (render's model labels) from its left end by
// its own width estimate, so a line the layout centres on its node (the
// estimated extent, x + width/2 of the xdot text, on the node's centre) is
// drawn centred on that point (SVG text-anchor middle), whatever font draws it;
// left-aligned table cells keep their start.
//
// Liberation Sans is carried by lineage-render (package fonts, SIL OFL;
// metric-compatible with Arial and Helvetica): textwidth's table is generated
// from the font files ('go generate ./internal/textwidth'), kerning included,
// for the 2,310 characters they cover (Latin, Greek, Cyrillic, Hebrew,
// punctuation); characters they lack are estimated (East Asian wide ones one
// em, as CJK fonts draw them, others generously).
//
// PNG: go-graphviz's PNG loses edge lines, outlines and non-Latin text, so
// lineage-render draws the PNG itself in pure Go from the same layout. Every
// character the built-in Liberation Sans has is drawn with it, never with an
// installed font, so a chart in those scripts is the same PNG, byte for byte,
// on every machine; other characters fall back one by one to the installed
// fonts (searched only when such a character is drawn): Chinese,
// Japanese and Korean need a CJK font (on Debian, fonts-noto-cjk); without one
// they are drawn as boxes and a warning says so.
//
// Measured on the 2-core development machine (hyperfine): 'lineage --help'
// 4 ms, 'lineage ancestors chatgpt' 6 ms, with no file written; 'lineage render
// -o all.svg' of the whole embedded dataset (408 models) about 1.0 s, of which
// the Graphviz layout is most (reading the layout takes 20 ms, writing the SVG
// 10 ms), to PNG about 2.1 s; 'lineage render chatgpt --ancestors -o
// chatgpt.png' 0.15 s.
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

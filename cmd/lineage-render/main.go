// Command lineage-render lays out a Graphviz DOT graph and draws it as SVG or PNG.
//
// It is the chart engine of lineage: 'lineage render' runs it with the DOT on
// standard input and reads the image from standard output. It is a separate
// program because the Graphviz it embeds (github.com/goccy/go-graphviz, Graphviz
// compiled to WebAssembly) compiles itself into a cache when any program that
// links it starts; keeping it here keeps every other lineage command fast and
// free of side effects. The cache is private to the user, under the user's cache
// directory (see internal/wasmcache), never the shared $TMPDIR. See
// internal/engine for the whole design.
//
// Usage:
//
//	lineage-render [--format svg|png] < graph.dot > graph.svg
//	lineage-render --version
//
// It renders exactly one graph per process, writes nothing to standard output
// unless the whole render succeeded, prints warnings to standard error, and
// exits 0 on success, 1 when the graph cannot be rendered and 2 on a usage error.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/lineage-dev/lineage/cmd/lineage-render/internal/wasmcache"
	"github.com/lineage-dev/lineage/internal/buildid"
)

func main() {
	wasmcache.Restore()
	if wasmcache.Err != nil {
		fmt.Fprintf(os.Stderr, "lineage-render: warning: no private cache for the WebAssembly Graphviz, compiling it afresh: %v\n", wasmcache.Err)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, systemFontDirs()))
}

// run is the whole program, with its streams and the directories to look for
// fonts in passed in, so tests run it in-process.
// A panic in the engine becomes a one-line error and exit status 1.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, fontDirs []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.Join(strings.Fields(fmt.Sprint(r)), " ")
			fmt.Fprintf(stderr, "lineage-render: internal error in Graphviz: %s\n", msg)
			code = 1
		}
	}()
	fs := pflag.NewFlagSet("lineage-render", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.StringP("format", "f", "svg", "output `format`: svg or png")
	help := fs.BoolP("help", "h", false, "show this help")
	version := fs.Bool("version", false, "print the build identity, which lineage checks against its own")
	usage := "usage: lineage-render [--format svg|png] < graph.dot > image\n\n" +
		"Lineage-render lays out the DOT graph on standard input with the embedded\n" +
		"Graphviz and writes it as SVG or PNG on standard output.\n\nflags:\n"
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "lineage-render: %v\n%s%s", err, usage, fs.FlagUsages())
		return 2
	}
	if *help {
		fmt.Fprintf(stdout, "%s%s", usage, fs.FlagUsages())
		return 0
	}
	if *version {
		fmt.Fprintf(stdout, "lineage-render %s\n", buildid.Self())
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lineage-render: unexpected argument %q: the graph is read from standard input\n", fs.Arg(0))
		return 2
	}
	if *format != "svg" && *format != "png" {
		fmt.Fprintf(stderr, "lineage-render: unknown format %q: use svg or png\n", *format)
		return 2
	}
	dot, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "lineage-render: reading the graph: %v\n", err)
		return 1
	}
	if len(bytes.TrimSpace(dot)) == 0 {
		fmt.Fprintln(stderr, "lineage-render: no graph on standard input")
		return 1
	}
	out, warnings, err := render(dot, *format, fontDirs...)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "lineage-render: warning: %s\n", w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "lineage-render: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "lineage-render: %v\n", err)
		return 1
	}
	return 0
}

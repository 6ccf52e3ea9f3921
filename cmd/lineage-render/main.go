// Command lineage-render is the chart engine of lineage: it lays out the
// Graphviz DOT graph on standard input and draws it as SVG or PNG on standard
// output. 'lineage render' runs it; it is a program of its own because the
// Graphviz it embeds (github.com/goccy/go-graphviz, compiled to WebAssembly)
// compiles itself into a cache (a private one, see internal/wasmcache) when any
// program that links it starts. See internal/engine for the whole design.
//
// Usage:
//
//	lineage-render [--format svg|png] < graph.dot > graph.svg
//	lineage-render --version
//
// It renders one graph per process, writes nothing to standard output unless
// the whole render succeeded, prints warnings to standard error, and exits 0 on
// success, 1 when the graph cannot be rendered and 2 on a usage error.
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
	"github.com/lineage-dev/lineage/internal/fonts"
)

func main() {
	wasmcache.Restore()
	if wasmcache.Err != nil {
		fmt.Fprintf(os.Stderr, "lineage-render: warning: no private cache for the WebAssembly Graphviz, compiling it afresh: %v\n", wasmcache.Err)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, fonts.SystemDirs()))
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
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(stderr, "lineage-render: "+format+"\n", args...)
		return code
	}
	switch err := fs.Parse(args); {
	case err != nil:
		return fail(2, "%v\n%s%s", err, usage, strings.TrimSuffix(fs.FlagUsages(), "\n"))
	case *help:
		fmt.Fprintf(stdout, "%s%s", usage, fs.FlagUsages())
		return 0
	case *version:
		fmt.Fprintf(stdout, "lineage-render %s\n", buildid.Self())
		return 0
	case fs.NArg() > 0:
		return fail(2, "unexpected argument %q: the graph is read from standard input", fs.Arg(0))
	case *format != "svg" && *format != "png":
		return fail(2, "unknown format %q: use svg or png", *format)
	}
	dot, err := io.ReadAll(stdin)
	switch {
	case err != nil:
		return fail(1, "reading the graph: %v", err)
	case len(bytes.TrimSpace(dot)) == 0:
		return fail(1, "no graph on standard input")
	}
	out, warnings, err := render(dot, *format, fontDirs...)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "lineage-render: warning: %s\n", w)
	}
	if err == nil {
		_, err = stdout.Write(out)
	}
	if err != nil {
		return fail(1, "%v", err)
	}
	return 0
}

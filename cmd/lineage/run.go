package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/lineage-dev/lineage/data"
	"github.com/lineage-dev/lineage/graph"
)

//go:embed doc.go
var docSource string

// command is one sub-command: its name, one-line summary, usage line, examples and
// the function that runs it with the arguments after its name.
type command struct {
	name     string
	args     string // the usage line after the name, e.g. "MODEL [flags]"
	summary  string
	examples []string
	run      func(c *cli, args []string) error
}

// commands lists the sub-commands in the order help shows them.
var commands []*command

func init() {
	commands = []*command{
		ancestorsCmd, descendantsCmd, pathCmd, commonCmd, showCmd, listCmd, licenseCmd,
		renderCmd,
		docsCmd,
		serveCmd,
		importCmd,
		validateCmd, statsCmd, versionCmd, helpCmd,
	}
}

func lookupCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// cli holds what every command shares: output streams and the dataset flags.
type cli struct {
	// ctx is done when the command should stop (a signal, see signals.go);
	// nil means never.
	ctx            context.Context
	stdout, stderr io.Writer
	color          bool
	width          int // of the terminal stdout is, for tables; 0 when not a terminal
	dataDir        string
	nodesFile      string
	edgesFile      string
	noCache        bool // --no-cache: read the CSV, neither read nor write the index
	cmd            *command
	// checkFlags, when set, vets a command's parsed flags before they are used:
	// docs runs render in-process with it to refuse what a chart region may not do.
	checkFlags func(fs *pflag.FlagSet) error
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errReported means the command already printed what went wrong: exit status 1.
var errReported = errors.New("reported")

// errHelp means --help was asked for and shown: exit status 0.
var errHelp = errors.New("help shown")

// run is the whole program: it parses args, runs one command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run in the context ctx: when ctx is done (a signal), the
// command stops as soon as it can.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// stderr is always text for people: no control character from the data reaches it.
	stderr = textWriter{w: stderr}
	c := &cli{ctx: ctx, stdout: stdout, stderr: stderr, color: colorWanted(stdout), width: terminalWidth(stdout)}
	fs := pflag.NewFlagSet("lineage", pflag.ContinueOnError)
	fs.SetInterspersed(false)
	fs.SetOutput(io.Discard)
	c.dataFlags(fs)
	help := fs.BoolP("help", "h", false, "show help")
	version := fs.Bool("version", false, "print the version")
	fs.BoolVar(&c.noCache, "no-cache", false, "read the CSV files, not the index of them in the user cache directory")
	err := fs.Parse(args)
	c.takeDataFlags(fs)
	switch {
	case err != nil:
		return c.exit(usageError{flagError(err, args)})
	case *help:
		fmt.Fprint(stdout, overview())
		return 0
	case *version:
		return c.exit(versionCmd.run(c, nil))
	case fs.NArg() == 0:
		fmt.Fprint(stderr, overview())
		return 2
	}
	name := fs.Arg(0)
	cmd := lookupCommand(name)
	if cmd == nil {
		hint := ""
		for _, cand := range commands {
			if strings.HasPrefix(cand.name, name) || graph.NormalizeName(cand.name) == graph.NormalizeName(name) {
				hint = fmt.Sprintf(" (did you mean %q?)", cand.name)
				break
			}
		}
		return c.exit(usagef("unknown command %q%s; run 'lineage help' for the list", name, hint))
	}
	c.cmd = cmd
	return c.exit(cmd.run(c, fs.Args()[1:]))
}

// context is the context commands run in.
func (c *cli) context() context.Context {
	if c.ctx == nil {
		return context.Background()
	}
	return c.ctx
}

// exit prints err, if any, and maps it to the exit status. A command that fails
// because a signal stopped it exits as the shell reports death by that signal.
func (c *cli) exit(err error) int {
	var ue usageError
	var sig signalError
	if err != nil && !errors.Is(err, errHelp) && errors.As(context.Cause(c.context()), &sig) {
		fmt.Fprintf(c.stderr, "lineage: %v\n", sig)
		return sig.exitCode()
	}
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "lineage: %s\n", ue.msg)
		if c.cmd != nil {
			fmt.Fprintf(c.stderr, "Run 'lineage help %s' for usage.\n", c.cmd.name)
		}
		return 2
	}
	fmt.Fprintf(c.stderr, "lineage: %v\n", err)
	return 1
}

// dataFlags adds the flags that choose the dataset; every command accepts them too,
// after its name. They have no default in help; takeDataFlags copies what was set.
func (c *cli) dataFlags(fs *pflag.FlagSet) {
	fs.String("data", "", "use `DIR`/nodes.csv and DIR/edges.csv, not the embedded dataset")
	fs.String("nodes", "", "read models from `FILE` (with --edges)")
	fs.String("edges", "", "read relations from `FILE` (with --nodes)")
}

// takeDataFlags copies the dataset flags given on fs into c.
func (c *cli) takeDataFlags(fs *pflag.FlagSet) {
	for name, dst := range map[string]*string{"data": &c.dataDir, "nodes": &c.nodesFile, "edges": &c.edgesFile} {
		if f := fs.Lookup(name); f != nil && f.Changed {
			*dst = f.Value.String()
		}
	}
}

// flagSet makes a command's flag set with the dataset flags and -h.
func (c *cli) flagSet(cmd *command) *pflag.FlagSet {
	fs := pflag.NewFlagSet(cmd.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	c.dataFlags(fs)
	fs.BoolP("help", "h", false, "show this help")
	return fs
}

// parse parses a command's flags, shows help on -h, and checks the argument count.
func (c *cli) parse(fs *pflag.FlagSet, args []string, minArgs, maxArgs int) error {
	if err := fs.Parse(args); err != nil {
		return usageError{flagError(err, args)}
	}
	if c.checkFlags != nil {
		if err := c.checkFlags(fs); err != nil {
			return err
		}
	}
	c.takeDataFlags(fs)
	if h, _ := fs.GetBool("help"); h {
		fmt.Fprint(c.stdout, commandHelp(c.cmd, fs))
		return errHelp
	}
	n := fs.NArg()
	if n < minArgs || maxArgs >= 0 && n > maxArgs {
		want := count(minArgs, "argument")
		switch {
		case maxArgs < 0:
			want = "at least " + want
		case minArgs != maxArgs:
			want = fmt.Sprintf("%d to %d arguments", minArgs, maxArgs)
		}
		return usagef("%s takes %s (usage: %s), got %d", c.cmd.name, want, usageLine(c.cmd), n)
	}
	return nil
}

// load reads the dataset the flags choose. Problems are printed to stderr: all errors
// (up to a limit) when loading fails, a one-line note when there are only warnings.
func (c *cli) load() (*graph.Lineage, error) {
	l, err := c.loadQuiet()
	var ps graph.Problems
	if errors.As(err, &ps) {
		const show = 20
		shown := 0
		for _, p := range ps {
			if p.Severity == graph.Error && shown < show {
				fmt.Fprintln(c.stderr, p)
				shown++
			}
		}
		if n := ps.Errors(); n > shown {
			fmt.Fprintf(c.stderr, "... and %s\n", count(n-shown, "more error"))
		}
		fmt.Fprintf(c.stderr, "lineage: the dataset has %s; 'lineage validate' lists every problem\n", count(ps.Errors(), "error"))
		return nil, errReported
	}
	if err != nil {
		return nil, err
	}
	if ws := l.Problems(); len(ws) > 0 {
		more := ""
		if len(ws) > 1 {
			more = fmt.Sprintf(" (and %s; 'lineage validate' lists them)", count(len(ws)-1, "more warning"))
		}
		fmt.Fprintf(c.stderr, "%s%s\n", ws[0], more)
	}
	return l, nil
}

// loadQuiet reads the dataset the flags choose and returns its problems unprinted.
func (c *cli) loadQuiet() (*graph.Lineage, error) {
	switch {
	case c.dataDir != "" && (c.nodesFile != "" || c.edgesFile != ""):
		return nil, usagef("use either --data or --nodes/--edges, not both")
	case (c.nodesFile == "") != (c.edgesFile == ""):
		return nil, usagef("--nodes and --edges go together")
	case c.dataDir != "":
		c.nodesFile = filepath.Join(c.dataDir, "nodes.csv")
		c.edgesFile = filepath.Join(c.dataDir, "edges.csv")
	}
	if c.nodesFile == "" {
		return data.Load()
	}
	l, err := graph.LoadFilesWith(c.nodesFile, c.edgesFile, graph.FileOptions{
		NoCache:   c.noCache,
		Warn:      func(msg string) { fmt.Fprintln(c.stderr, msg) },
		TrackTemp: trackTemp,
	})
	if errors.Is(err, fs.ErrNotExist) && c.dataDir != "" {
		return nil, fmt.Errorf("%w (--data DIR must hold nodes.csv and edges.csv)", err)
	}
	return l, err
}

// resolve finds the model a command argument names, with a helpful error.
func (c *cli) resolve(l *graph.Lineage, name string) (*graph.Model, error) {
	if strings.TrimSpace(name) == "" {
		return nil, usagef("empty model name")
	}
	m, err := l.Resolve(name)
	if err != nil {
		var nf *graph.NotFoundError
		if errors.As(err, &nf) && len(nf.Suggestions) == 0 {
			return nil, fmt.Errorf("%v; 'lineage list' shows every model", err)
		}
		return nil, err
	}
	return m, nil
}

// flagError rewrites pflag's messages into what to do: Go's number parsing errors
// become "not a whole number" (or "too large a number"), and a long flag typed with one dash gets a hint.
func flagError(err error, args []string) string {
	msg := err.Error()
	if i := strings.Index(msg, ": strconv.Parse"); i >= 0 {
		reason := "not a whole number"
		if strings.HasSuffix(msg, strconv.ErrRange.Error()) {
			reason = "too large a number"
		}
		msg = msg[:i] + ": " + reason
	}
	if strings.Contains(msg, "unknown shorthand flag") {
		for _, a := range args {
			if len(a) > 2 && a[0] == '-' && a[1] != '-' && strings.Contains(msg, "in "+a) {
				name, _, _ := strings.Cut(a[1:], "=")
				msg += fmt.Sprintf(" (long flags take two dashes: --%s)", name)
				break
			}
		}
	}
	return msg
}

// usageLine is "lineage NAME ARGS", without a trailing space when there are no args.
func usageLine(cmd *command) string {
	return strings.TrimSpace("lineage " + cmd.name + " " + cmd.args)
}

// overview is the package doc comment: the text of 'lineage help'.
func overview() string {
	text := docSource
	if i := strings.Index(text, "/*\n"); i >= 0 {
		text = text[i+3:]
	}
	if i := strings.Index(text, "*/"); i >= 0 {
		text = text[:i]
	}
	return strings.ReplaceAll(text, "\n\t", "\n  ")
}

// commandHelp is the text of 'lineage help CMD' and 'lineage CMD --help'.
func commandHelp(cmd *command, fs *pflag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s\n\n%s\n", usageLine(cmd), cmd.summary)
	if fs != nil && fs.HasFlags() {
		fmt.Fprintf(&b, "\nflags:\n%s", fs.FlagUsages())
	}
	if len(cmd.examples) > 0 {
		b.WriteString("\nexamples:\n")
		for _, ex := range cmd.examples {
			fmt.Fprintf(&b, "  %s\n", ex)
		}
	}
	return b.String()
}

var helpCmd = &command{
	name:     "help",
	args:     "[COMMAND]",
	summary:  "Help shows the overview of lineage, or a command's usage, flags and examples.",
	examples: []string{"lineage help", "lineage help ancestors"},
	run: func(c *cli, args []string) error {
		fs := c.flagSet(c.cmd)
		if err := c.parse(fs, args, 0, 1); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			fmt.Fprint(c.stdout, overview())
			return nil
		}
		cmd := lookupCommand(fs.Arg(0))
		if cmd == nil {
			c.cmd = nil // the hint to run 'lineage help help' would not help
			return usagef("unknown command %q; run 'lineage help' for the list", fs.Arg(0))
		}
		// Run the command with --help so the flags shown are the ones it defines.
		c.cmd = cmd
		return cmd.run(c, []string{"--help"})
	},
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lineage-dev/lineage/hub"
)

var importCmd = &command{
	name: "import",
	args: "hf SOURCE... --out DIR [--force] [--hub MODEL... [--depth N]]",
	summary: "Import hf builds a dataset (DIR/nodes.csv, DIR/edges.csv) from Hugging Face\n" +
		"metadata. A SOURCE is a directory of model cards (README.md front matter; the\n" +
		"id comes from an HF cache path models--ORG--NAME, a clone's .git/config remote,\n" +
		"or the last two directories ORG/NAME), a .jsonl or .json file of Hub API model\n" +
		"records, or a .parquet dump of Hub metadata (columns found by name). --hub\n" +
		"fetches models live from the Hub API (HF_ENDPOINT, HF_TOKEN): their bases up\n" +
		"to the roots and the models derived from them --depth levels down.\n\n" +
		"The relation to each base is the card's base_model_relation or the Hub's\n" +
		"base_model:RELATION: tag; otherwise it is inferred as the Hub does (several\n" +
		"bases: merge; PEFT: adapter; GGUF/GPTQ/AWQ/EXL2/bnb: quantized; else finetune)\n" +
		"and the edge's note says so. Bases not imported become placeholder rows.\n" +
		"Broken records, self-loops and edges that would close a cycle are reported\n" +
		"on stderr and skipped; the written dataset passes 'lineage validate'. DIR\n" +
		"must be empty unless --force. Exits 0 when a dataset was written, 1 when\n" +
		"nothing could be imported, 2 on usage errors.",
	examples: []string{
		"lineage import hf ~/.cache/huggingface/hub --out ./mymodels",
		"lineage import hf ./cards models.jsonl --out ./mymodels && lineage --data ./mymodels ancestors ORG/NAME",
		"lineage import hf models.parquet --out ./hub --force",
		"lineage import hf --hub meta-llama/Llama-3.1-8B --depth 1 --out ./llama",
	},
	run: runImport,
}

func runImport(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	out := fs.String("out", "", "write nodes.csv and edges.csv to `DIR`")
	force := fs.Bool("force", false, "write into DIR even when it is not empty (replacing nodes.csv and edges.csv)")
	hubIDs := fs.StringSlice("hub", nil, "fetch `MODEL`s (repeat or comma-separate) and their lineage from the Hub API")
	depth := fs.Int("depth", 1, "with --hub: fetch `N` levels of derived models (0: bases only)")
	timeout := fs.Duration("timeout", 30*time.Second, "with --hub: time limit `D` of each request, such as 10s or 2m")
	if err := c.parse(fs, args, 1, -1); err != nil {
		return err
	}
	if kind := fs.Arg(0); kind != "hf" {
		return usagef("import knows one kind of source, hf (Hugging Face), got %q", kind)
	}
	sources := fs.Args()[1:]
	switch {
	case *out == "":
		return usagef("import hf needs --out DIR, the directory to write nodes.csv and edges.csv to")
	case len(sources) == 0 && len(*hubIDs) == 0:
		return usagef("import hf needs a SOURCE (a directory of model cards, a .jsonl, .json or .parquet file) or --hub MODEL")
	case *depth < 0:
		return usagef("--depth must be 0 or more, got %d", *depth)
	case fs.Changed("depth") && len(*hubIDs) == 0:
		return usagef("--depth goes with --hub")
	case *timeout <= 0:
		return usagef("--timeout must be positive, got %v", *timeout)
	}
	for _, id := range *hubIDs {
		if _, err := hub.NormalizeID(id); err != nil {
			return usagef("--hub: %v", err)
		}
	}
	if err := checkOutDir(*out, *force); err != nil {
		return err
	}

	b := hub.NewBuilder()
	for _, src := range sources {
		if err := importSource(b, src); err != nil {
			hint := ""
			if _, idErr := hub.NormalizeID(src); idErr == nil && errors.Is(err, os.ErrNotExist) {
				hint = fmt.Sprintf(" (to fetch %s from the Hub: --hub %s)", src, src)
			}
			fmt.Fprintf(c.stderr, "lineage: %v%s\n", err, hint)
		}
	}
	if len(*hubIDs) > 0 {
		cl := hub.NewClient(os.Getenv("HF_ENDPOINT"), os.Getenv("HF_TOKEN"))
		cl.HTTP.Timeout = *timeout
		cl.Progress = c.stderr
		err := cl.Walk(c.context(), b, *hubIDs, *depth)
		if err != nil {
			fmt.Fprintf(c.stderr, "lineage: --hub: %v\n", err)
		}
	}
	d := b.Dataset()
	for _, p := range d.Problems {
		fmt.Fprintln(c.stderr, p)
	}
	if d.Imported == 0 {
		fmt.Fprintf(c.stderr, "lineage: nothing to import (%d records skipped); no dataset written\n", d.Skipped)
		return errReported
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	nodesPath, edgesPath := filepath.Join(*out, "nodes.csv"), filepath.Join(*out, "edges.csv")
	// A signal while writing removes the temporary file instead of leaving it
	// (the command's context is cancelled by signals, see signals.go).
	ctx := c.context()
	if err := writeStreamAtomic(ctx, nodesPath, d.WriteNodes); err != nil {
		return err
	}
	if err := writeStreamAtomic(ctx, edgesPath, d.WriteEdges); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "lineage: wrote %s and %s: %d model%s imported, %d placeholder%s, %d edge%s, %d record%s skipped",
		nodesPath, edgesPath, d.Imported, plural(d.Imported), d.Placeholders, plural(d.Placeholders),
		d.EdgeCount(), plural(d.EdgeCount()), d.Skipped, plural(d.Skipped))
	if d.Merged > 0 {
		fmt.Fprintf(c.stderr, ", %d duplicate records merged", d.Merged)
	}
	if n := len(d.Problems); n > 0 {
		fmt.Fprintf(c.stderr, " (%d problem%s reported above)", n, plural(n))
	}
	fmt.Fprintln(c.stderr)
	return nil
}

// importSource reads one SOURCE argument into b.
func importSource(b *hub.Builder, src string) error {
	st, err := os.Stat(src)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("source %s: %w", src, err)
	}
	if st.IsDir() {
		return hub.ReadCards(b, src)
	}
	return hub.ReadFile(b, src)
}

// checkOutDir refuses an --out that is a file, or a directory with anything in
// it unless force.
func checkOutDir(dir string, force bool) error {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("--out %s is not a directory", dir)
	}
	if force {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer f.Close()
	names, _ := f.Readdirnames(3)
	if len(names) > 0 {
		return fmt.Errorf("--out %s is not empty (it holds %s); use --force to write nodes.csv and edges.csv into it", dir, strings.Join(names, ", "))
	}
	return nil
}

// writeStreamAtomic writes path as writeFileAtomic does (a temporary file in the
// same directory, renamed over path once complete), with the contents streamed
// by fill rather than held in memory: an imported dump's CSV runs to hundreds of
// megabytes. When ctx is done (a signal) the write fails and the temporary file
// is removed.
func writeStreamAtomic(ctx context.Context, path string, fill func(io.Writer) error) error {
	return writeAtomic(ctx, path, func(w io.Writer) error { return fill(ctxWriter{ctx, w}) })
}

// ctxWriter fails its writes once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("interrupted: %w", err)
	}
	return c.w.Write(p)
}

package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/render"
)

var renderCmd = &command{
	name: "render",
	args: "[MODEL...] [--ancestors] [--descendants] [--depth N] [--relations R] [--color org|access|license] [--cluster org] [--edge-labels] [-f dot|mermaid|json|graphml|gexf|cyjs|svg|png|html] [-o FILE]",
	summary: `Render draws the lineage as a chart. With no MODEL it draws the whole dataset;
with models, it draws them with their ancestors and descendants (or only one
side, with --ancestors or --descendants), the named models in bold. Models
are ranked by release year, coloured by organisation, shaped by stage; lineage
edges are solid, influence edges dashed, and a legend explains it on the chart.

The format comes from -f, else from the extension of -o (.dot .gv .mmd .mermaid
.json .graphml .gexf .cyjs .svg .png .html), else DOT. Without -o the chart goes
to stdout. A file is replaced only once the whole chart is ready, so a failed
render leaves it as it was.
-f html writes the interactive explorer: one self-contained page with the chart,
search, a card per model and its lineage lit up on click ('lineage serve' serves it).
-f graphml, gexf and cyjs export the drawn models and relations with every
attribute for other tools: GraphML (networkx, Gephi, yEd, Cytoscape), GEXF 1.3
with each model's date as its start, so Gephi's timeline plays the tree growing
(a YYYY or YYYY-MM date starts on the period's first day), and Cytoscape.js JSON.

--relations chooses the relations followed from MODEL (default lineage); given
explicitly it also limits the edges drawn. Without it every relation between
the drawn models is shown.`,
	examples: []string{
		"lineage render -o lineage.svg",
		"lineage render chatgpt --ancestors -o chatgpt.png",
		"lineage render llama --descendants --depth 2 -f mermaid",
		"lineage render alpaca vicuna --relations all --edge-labels -o alpaca.dot",
		"lineage render --color access --cluster org -f json",
		"lineage render llama --descendants -o llama.gexf",
	},
	run: runRender,
}

// renderImage turns DOT text into an image, format "svg" or "png". The render
// engine sets it; until it does, svg and png fail with a clear error.
var renderImage = engineUnavailable

// engineUnavailable is renderImage when no render engine is built in.
func engineUnavailable(ctx context.Context, dot []byte, format string) ([]byte, error) {
	return nil, errors.New("svg/png rendering: engine not available")
}

// imageFormats are made from DOT by renderImage (html: the explorer page around
// the SVG, see serve.go); the others are render's text writers.
var imageFormats = []string{"svg", "png", "html"}

// extFormats maps output file extensions to formats.
var extFormats = map[string]string{
	".dot": "dot", ".gv": "dot",
	".mmd": "mermaid", ".mermaid": "mermaid",
	".json":    "json",
	".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cyjs",
	".svg":  "svg",
	".png":  "png",
	".html": "html", ".htm": "html",
}

// renderFormats lists every format render writes, in the order help shows them.
func renderFormats() []string { return append(render.Formats(), imageFormats...) }

// inferFormat picks the output format: -f when given (it must agree with a known
// extension of -o), else the extension of -o, else dot.
func inferFormat(format, out string) (string, error) {
	ext := strings.ToLower(filepath.Ext(out))
	fromExt, known := extFormats[ext]
	if format != "" {
		if !slices.Contains(renderFormats(), format) {
			return "", usagef("unknown format %q: want %s", format, strings.Join(renderFormats(), ", "))
		}
		if known && fromExt != format {
			return "", usagef("-f %s does not match the extension of -o %s (%s); drop -f or change the file name", format, out, fromExt)
		}
		return format, nil
	}
	if out == "" {
		return "dot", nil
	}
	if !known {
		var exts []string
		for e := range extFormats {
			exts = append(exts, e)
		}
		slices.Sort(exts)
		return "", usagef("cannot tell the format of -o %s from its extension (known: %s); add -f", out, strings.Join(exts, " "))
	}
	return fromExt, nil
}

// selection is what to draw: the named models and how far around them.
type selection struct {
	roots     []*graph.Model
	up, down  bool // ancestors, descendants; neither means both
	query     graph.QueryOptions
	drawOnly  bool // draw only the relations query.Relations allows
	relations graph.RelationFilter
}

// apply returns the lineage to draw and the ids to emphasise.
func (s selection) apply(l *graph.Lineage) (*graph.Lineage, []string, error) {
	var focus []string
	if len(s.roots) > 0 {
		up, down := s.up, s.down
		if !up && !down {
			up, down = true, true
		}
		ids := []string{}
		for _, m := range s.roots {
			if !slices.Contains(focus, m.ID) {
				focus = append(focus, m.ID)
			}
			ids = append(ids, m.ID)
			if up {
				for _, h := range l.Ancestors(m.ID, s.query) {
					ids = append(ids, h.Model.ID)
				}
			}
			if down {
				for _, h := range l.Descendants(m.ID, s.query) {
					ids = append(ids, h.Model.ID)
				}
			}
		}
		l = l.Subgraph(ids)
	}
	if !s.drawOnly {
		return l, focus, nil
	}
	return l.Only(s.relations), focus, nil
}

func runRender(c *cli, args []string) error {
	var (
		up, down, edgeLabels            bool
		depth                           int
		relations, color, cluster, fmtF string
		out                             string
	)
	fs := c.flagSet(c.cmd)
	fs.BoolVar(&up, "ancestors", false, "draw the models MODEL derives from")
	fs.BoolVar(&down, "descendants", false, "draw the models derived from MODEL (neither flag: both)")
	fs.IntVar(&depth, "depth", 0, "follow at most `N` steps from MODEL (0: no limit)")
	fs.StringVar(&relations, "relations", "lineage", "relations to follow (and, when given, to draw): lineage, influence, all, or names such as `lineage,teacher-data`")
	fs.StringVar(&color, "color", "org", "colour models by `org` (organisation), access or license (licence family)")
	fs.StringVar(&cluster, "cluster", "", "box models by `org` (organisation)")
	fs.BoolVar(&edgeLabels, "edge-labels", false, "write the relation (finetune, rlhf, ...) on each edge")
	fs.StringVarP(&fmtF, "format", "f", "", "output `format`: "+strings.Join(renderFormats(), ", ")+" (default: from -o, else dot)")
	fs.StringVarP(&out, "output", "o", "", "write the chart to `FILE` instead of stdout")
	if err := c.parse(fs, args, 0, -1); err != nil {
		return err
	}
	format, err := inferFormat(fmtF, out)
	if err != nil {
		return err
	}
	opt := render.Options{ColorBy: color, Cluster: cluster, EdgeLabels: edgeLabels}
	if color == "license" {
		opt.LicenseFamily = licenseFamily
	}
	if err := opt.Check(); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		for _, name := range []string{"ancestors", "descendants", "depth"} {
			if fs.Changed(name) {
				return usagef("--%s needs a MODEL to start from (usage: lineage render %s)", name, c.cmd.args)
			}
		}
	}
	if depth < 0 {
		return usagef("--depth must be 0 (no limit) or more, got %d", depth)
	}
	if format == "png" && out == "" && isTerminal(c.stdout) {
		return usagef("not writing a PNG to the terminal; use -o FILE.png or redirect stdout")
	}

	l, err := c.load()
	if err != nil {
		return err
	}
	f, err := l.ParseRelations(relations)
	if err != nil {
		return usageError{"--relations: " + err.Error()}
	}
	sel := selection{up: up, down: down, query: graph.QueryOptions{Depth: depth, Relations: f},
		drawOnly: fs.Changed("relations"), relations: f}
	for _, name := range fs.Args() {
		m, err := c.resolve(l, name)
		if err != nil {
			return err
		}
		sel.roots = append(sel.roots, m)
	}
	drawn, focus, err := sel.apply(l)
	if err != nil {
		return err
	}
	opt.Focus = focus
	opt.Orgs = render.NewOrgColours(l) // the dataset's colours, the same in every chart of it

	chart, err := renderChart(c.context(), drawn, format, opt)
	if err != nil {
		return err
	}
	if out == "" {
		_, err := c.stdout.Write(chart)
		return err
	}
	if err := writeFileAtomic(out, chart); err != nil {
		return err
	}
	return nil
}

// renderChart writes the chart in memory: a text format directly, svg and png
// through renderImage from the DOT text.
func renderChart(ctx context.Context, l *graph.Lineage, format string, opt render.Options) ([]byte, error) {
	if format == "html" {
		return renderExplorer(ctx, l, opt)
	}
	writerFormat := format
	if slices.Contains(imageFormats, format) {
		writerFormat = "dot"
	}
	w, ok := render.Lookup(writerFormat)
	if !ok {
		return nil, fmt.Errorf("render: no writer for format %q", format)
	}
	var b bytes.Buffer
	if err := w.Write(&b, l, opt); err != nil {
		return nil, fmt.Errorf("render %s: %w", writerFormat, err)
	}
	if writerFormat == format {
		return b.Bytes(), nil
	}
	img, err := renderImage(ctx, b.Bytes(), format)
	if err != nil {
		return nil, err
	}
	if len(img) == 0 {
		return nil, fmt.Errorf("svg/png rendering: the engine returned an empty %s", format)
	}
	return img, nil
}

// writeFileAtomic replaces path with data: it writes a temporary file in the same
// directory and renames it over path, so readers see the old file or the new one,
// never a part. See writeAtomic.
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(context.Background(), path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic replaces path with what fill writes, through a temporary file in
// the same directory renamed over path once complete. An existing file keeps its
// permissions; a new one gets 0644. A read-only file is not replaced (shell
// redirection would fail too), nor anything but a regular file. The temporary
// file is removed on failure, when ctx is done before the rename, and by a
// second signal (signals.go).
func writeAtomic(ctx context.Context, path string, fill func(io.Writer) error) error {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer root.Close()
	return writeAtomicIn(ctx, root, filepath.Base(path), path, fill)
}

// writeAtomicIn is writeAtomic for the file name inside root, shown as path in
// errors. Every step (the checks, the temporary file, the rename) is resolved by
// root, so nothing is read or written outside it, even when a directory on the
// way is swapped for a symbolic link while the file is being written.
func writeAtomicIn(ctx context.Context, root *os.Root, name, path string, fill func(io.Writer) error) (err error) {
	mode := os.FileMode(0o644)
	if st, err := root.Lstat(name); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("write %s: not a regular file", path)
		}
		mode = st.Mode().Perm()
		if err := writable(root, name, mode); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	tmpName, tmp, err := createTempIn(root, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer trackTemp(filepath.Join(root.Name(), tmpName))()
	defer func() {
		if err != nil {
			tmp.Close()
			root.Remove(tmpName)
		}
	}()
	if err := fill(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: interrupted: %w", path, err)
	}
	if err := root.Rename(tmpName, name); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// createTempIn creates a new temporary file next to name inside root, named
// .BASE.RANDOM.tmp, with O_EXCL so an existing file or link is never reused.
func createTempIn(root *os.Root, name string) (string, *os.File, error) {
	dir, base := filepath.Split(name)
	for range 100 {
		var r [8]byte
		if _, err := rand.Read(r[:]); err != nil {
			return "", nil, err
		}
		tmpName := filepath.Join(dir, "."+base+"."+hex.EncodeToString(r[:])+".tmp")
		f, err := root.OpenFile(tmpName, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return tmpName, f, err
	}
	return "", nil, errors.New("cannot create a temporary file: too many name collisions")
}

// writable reports why the existing file path, of permissions mode, may not be
// written: it is marked read-only (no write permission for anyone, which even
// root respects here), or opening it for writing is refused.
func writable(root *os.Root, name string, mode os.FileMode) error {
	if mode&0o222 == 0 {
		return errors.New("the file is read-only; make it writable (chmod u+w) or write another file")
	}
	f, err := root.OpenFile(name, os.O_WRONLY|openNonblock, 0)
	if err != nil {
		return fmt.Errorf("the file cannot be written: %w", errors.Unwrap(err))
	}
	return f.Close()
}

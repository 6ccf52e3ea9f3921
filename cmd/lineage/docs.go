package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/lineage-dev/lineage/render"
)

var docsCmd = &command{
	name: "docs",
	args: "FILE.md... [--check]",
	summary: `Docs regenerates the charts in Markdown files. A chart is a region between a
line '<!-- lineage render ARGS... -->' and a line '<!-- /lineage -->', where
ARGS are 'lineage render' arguments. Docs replaces what is between the two
lines and leaves every other byte of the file as it was; markers inside
fenced code blocks are text, not regions. For example:

  <!-- lineage render llama --descendants --depth 1 -->
  <!-- /lineage -->

-f mermaid (the default) puts the chart inline in a mermaid code block, which
GitHub draws, when it fits GitHub's Mermaid limits (500 edges, 50,000
characters); a larger chart falls back to SVG, and the region says so.
-f svg or -f png writes the image next to the Markdown file (named after the
file and ARGS, or -o FILE relative to the Markdown file, as in
'<!-- lineage render chatgpt --ancestors -f svg -o img/chatgpt.svg -->') and
links it; GitHub does not show inline SVG. Files are replaced atomically.
A region writes only a .svg or .png file inside the Markdown file's folder
(symbolic links resolved), and draws from the dataset docs itself is given:
--data, --nodes and --edges belong before or after 'docs', not in a region.

With --check, docs writes nothing: it prints a unified diff of every stale
region (and names every stale image) and exits 1 if any is stale, for CI.`,
	examples: []string{
		"lineage docs README.md",
		"lineage docs --check README.md docs/*.md",
	},
	run: runDocs,
}

// docsMaxRead bounds each file docs reads: a Markdown file or an image it compares.
const docsMaxRead = 64 << 20

var (
	docsStart = regexp.MustCompile(`^\s{0,3}<!--\s*lineage\s+render\b(.*?)-->\s*$`)
	// docsOpen is the start of a start marker, with or without its closing -->.
	docsOpen  = regexp.MustCompile(`^\s{0,3}<!--\s*lineage\s+render\b`)
	docsEnd   = regexp.MustCompile(`^\s{0,3}<!--\s*/lineage\s*-->\s*$`)
	docsFence = regexp.MustCompile("^\\s{0,3}(```+|~~~+)")
)

func runDocs(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	check := fs.Bool("check", false, "write nothing; print a diff and exit 1 if a chart is stale")
	if err := c.parse(fs, args, 1, -1); err != nil {
		return err
	}
	// The diff and notes are for people: the Markdown's control characters are shown escaped.
	c.stdout = textWriter{w: c.stdout}
	stale := false
	for _, file := range fs.Args() {
		s, err := c.docsFile(file, *check)
		if err != nil {
			return err
		}
		stale = stale || s
	}
	if *check && stale {
		fmt.Fprintln(c.stderr, "lineage: charts are stale; run 'lineage docs' on the files above to update them")
		return errReported
	}
	return nil
}

// docsRegion is a chart region of a Markdown file: its marker's arguments and
// the byte range of its body (the lines between the markers).
type docsRegion struct {
	line       int // of the start marker, from 1
	args       string
	start, end int
}

// docsImage is an image a region links, to write with the Markdown file.
type docsImage struct {
	path string // as shown: the Markdown file's folder joined with rel
	rel  string // inside the Markdown file's folder, where it is written
	data []byte
}

// docsFile regenerates the regions of one Markdown file, or with check compares
// them, and reports whether anything was stale.
func (c *cli) docsFile(file string, check bool) (bool, error) {
	src, err := readRegular(file)
	if err != nil {
		return false, err
	}
	regions, err := findRegions(file, src)
	if err != nil {
		return false, err
	}
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	var out bytes.Buffer
	var images []docsImage
	last := 0
	for _, r := range regions {
		body, imgs, err := c.docsChart(file, r, nl)
		if err != nil {
			return false, err
		}
		out.Write(src[last:r.start])
		out.WriteString(body)
		last = r.end
		images = append(images, imgs...)
	}
	out.Write(src[last:])
	stale := !bytes.Equal(out.Bytes(), src)
	if check {
		if stale {
			fmt.Fprint(c.stdout, unifiedDiff(file, src, out.Bytes()))
		}
		for _, img := range images {
			if old, err := readRegular(img.path); err != nil || !bytes.Equal(old, img.data) {
				fmt.Fprintf(c.stdout, "%s: image %s is stale or missing\n", file, img.path)
				stale = true
			}
		}
		return stale, nil
	}
	// Images first: the Markdown never links an image that is not written.
	// They are written through the Markdown file's folder opened as a root, so
	// a directory swapped for a symbolic link after docsImagePath checked the
	// path cannot lead a write outside it.
	if err := c.writeDocsImages(file, images); err != nil {
		return false, err
	}
	if stale {
		if err := writeFileAtomic(file, out.Bytes()); err != nil {
			return false, err
		}
		fmt.Fprintf(c.stderr, "updated %s (%d chart%s)\n", file, len(regions), plural(len(regions)))
	}
	return stale, nil
}

// writeDocsImages writes the images that changed, each inside the folder of
// the Markdown file that links it.
func (c *cli) writeDocsImages(file string, images []docsImage) error {
	var root *os.Root
	for _, img := range images {
		if old, err := readRegular(img.path); err == nil && bytes.Equal(old, img.data) {
			continue
		}
		if root == nil {
			r, err := os.OpenRoot(filepath.Dir(file))
			if err != nil {
				return err
			}
			defer r.Close()
			root = r
		}
		if err := root.MkdirAll(filepath.Dir(img.rel), 0o755); err != nil {
			return fmt.Errorf("%s: %w", img.path, err)
		}
		err := writeAtomicIn(context.Background(), root, img.rel, img.path, func(w io.Writer) error {
			_, err := w.Write(img.data)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "wrote %s\n", img.path)
	}
	return nil
}

// findRegions finds the chart regions of a Markdown file, skipping fenced code.
func findRegions(file string, src []byte) ([]docsRegion, error) {
	var regions []docsRegion
	var open *docsRegion
	fence := ""
	pos := 0
	for i, line := range bytes.SplitAfter(src, []byte("\n")) {
		lineStart := pos
		pos += len(line)
		text := strings.TrimRight(string(line), "\r\n")
		if open == nil {
			if m := docsFence.FindStringSubmatch(text); m != nil {
				switch {
				case fence == "":
					fence = m[1]
				case strings.HasPrefix(m[1], fence[:1]) && len(m[1]) >= len(fence) && strings.TrimSpace(text) == m[1]:
					fence = ""
				}
				continue
			}
			if fence != "" {
				continue
			}
		}
		switch {
		case docsOpen.MatchString(text) && !docsStart.MatchString(text):
			return nil, fmt.Errorf("%s:%d: the chart marker does not end with --> on its line", file, i+1)
		case docsStart.MatchString(text):
			if open != nil {
				return nil, fmt.Errorf("%s:%d: a chart starts inside the chart of line %d; close that one with <!-- /lineage -->", file, i+1, open.line)
			}
			open = &docsRegion{line: i + 1, args: docsStart.FindStringSubmatch(text)[1], start: pos}
		case docsEnd.MatchString(text):
			if open == nil {
				return nil, fmt.Errorf("%s:%d: <!-- /lineage --> without a chart before it", file, i+1)
			}
			open.end = lineStart
			regions = append(regions, *open)
			open = nil
		}
	}
	if open != nil {
		return nil, fmt.Errorf("%s:%d: the chart is not closed: add a line <!-- /lineage --> after it", file, open.line)
	}
	return regions, nil
}

// docsChart renders the chart of region r and returns the region's new body.
func (c *cli) docsChart(file string, r docsRegion, nl string) (string, []docsImage, error) {
	where := fmt.Sprintf("%s:%d", file, r.line)
	args, err := splitCommandLine(r.args)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %v", where, err)
	}
	// -o and -f are the region's, not render's: take them out.
	var rest []string
	format, out := "", ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "--output" || a == "-f" || a == "--format":
			if i+1 == len(args) {
				return "", nil, fmt.Errorf("%s: %s needs a value", where, a)
			}
			if a == "-o" || a == "--output" {
				out = args[i+1]
			} else {
				format = args[i+1]
			}
			i++
		case strings.HasPrefix(a, "--output="):
			out = strings.TrimPrefix(a, "--output=")
		case strings.HasPrefix(a, "--format="):
			format = strings.TrimPrefix(a, "--format=")
		case strings.HasPrefix(a, "-o") && len(a) > 2:
			out = a[2:]
		case strings.HasPrefix(a, "-f") && len(a) > 2:
			format = a[2:]
		default:
			rest = append(rest, a)
		}
	}
	if format == "" && out != "" {
		format = extFormats[strings.ToLower(filepath.Ext(out))]
	}
	if format == "" {
		format = "mermaid"
	}
	if format != "mermaid" && format != "svg" && format != "png" {
		return "", nil, fmt.Errorf("%s: a chart in Markdown is mermaid, svg or png, not %q", where, format)
	}
	if format == "mermaid" && out != "" {
		return "", nil, fmt.Errorf("%s: a mermaid chart goes inline; -o is for svg and png", where)
	}
	note := ""
	if format == "mermaid" {
		chart, err := c.renderInProcess(where, append(rest, "-f", "mermaid"))
		if err != nil {
			return "", nil, err
		}
		edges, chars := mermaidEdges(chart), utf8.RuneCount(chart)
		if edges <= render.MermaidMaxEdges && chars <= render.MermaidMaxChars {
			body := "```mermaid" + nl + strings.ReplaceAll(strings.TrimRight(string(chart), "\n"), "\n", nl) + nl + "```" + nl
			return body, nil, nil
		}
		note = fmt.Sprintf("<!-- drawn as SVG: as Mermaid this chart has %d edges and %d characters, over GitHub's limits of %d and %d -->%s",
			edges, chars, render.MermaidMaxEdges, render.MermaidMaxChars, nl)
		format = "svg"
	}
	if out == "" {
		out = docsImageName(file, rest, format)
	}
	path, err := docsImagePath(file, out, format)
	if err != nil {
		return "", nil, fmt.Errorf("%s: -o %s: %w", where, out, err)
	}
	img, err := c.renderInProcess(where, append(rest, "-f", format))
	if err != nil {
		return "", nil, err
	}
	alt := "lineage chart: " + strings.Join(rest, " ")
	if len(rest) == 0 {
		alt += "every model"
	}
	body := note + fmt.Sprintf("![%s](%s)", escapeAlt(alt), markdownURL(out)) + nl
	return body, []docsImage{{path, filepath.Clean(filepath.FromSlash(out)), img}}, nil
}

// renderInProcess runs 'lineage render ARGS' with this command's dataset and
// returns what it writes to stdout.
func (c *cli) renderInProcess(where string, args []string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	format := args[len(args)-1] // docsChart ends args with -f FORMAT
	sub := &cli{ctx: c.ctx, stdout: &stdout, stderr: &stderr, dataDir: c.dataDir, nodesFile: c.nodesFile, edgesFile: c.edgesFile, cmd: renderCmd,
		checkFlags: func(fs *pflag.FlagSet) error { return regionFlags(fs, format) }}
	err := renderCmd.run(sub, args)
	if msg := strings.TrimSpace(stderr.String()); msg != "" {
		fmt.Fprintf(c.stderr, "%s: %s\n", where, msg)
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return nil, fmt.Errorf("%s: lineage render %s: %s", where, strings.Join(args, " "), ue.msg)
	case errors.Is(err, errReported):
		return nil, fmt.Errorf("%s: lineage render %s failed", where, strings.Join(args, " "))
	case errors.Is(err, errHelp):
		return nil, fmt.Errorf("%s: --help in a chart marker", where)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if stdout.Len() == 0 {
		return nil, fmt.Errorf("%s: lineage render %s drew nothing", where, strings.Join(args, " "))
	}
	return stdout.Bytes(), nil
}

// regionFlags checks the flags of a region as render parsed them, so that every
// spelling pflag accepts (--nodes=F, --nodes F, -ho F) counts: a region reads
// no file (it draws from the dataset docs was given), writes none itself (docs
// writes its image, see docsImagePath) and draws in the format docs asked for.
func regionFlags(fs *pflag.FlagSet, format string) error {
	for _, name := range []string{"data", "nodes", "edges"} {
		if fs.Changed(name) {
			return usagef("--%s reads a file, which a chart region may not; give --data, --nodes or --edges to 'lineage docs' itself", name)
		}
	}
	if fs.Changed("output") {
		return usagef("-o must stand on its own (-o FILE, -oFILE, --output FILE or --output=FILE), not grouped with other flags")
	}
	if f := fs.Lookup("format"); f == nil || f.Value.String() != format {
		return usagef("the format of the chart is unclear; give -f FORMAT on its own")
	}
	return nil
}

// docsImagePath returns where the image out of a region of file goes: out is
// relative to the Markdown file's folder and must stay inside it, symbolic links
// resolved, and name a .svg or .png file in the region's format that is not a
// symbolic link or anything but a regular file.
func docsImagePath(file, out, format string) (string, error) {
	if ext := strings.ToLower(filepath.Ext(out)); ext != "."+format {
		return "", fmt.Errorf("a chart image is a .svg or .png file named for its format (here .%s)", format)
	}
	native := filepath.FromSlash(out)
	if !filepath.IsLocal(native) {
		return "", errors.New("the image would be outside the Markdown file's folder; give a path inside it")
	}
	dir := filepath.Dir(file)
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, native)
	// The deepest part of path that exists must resolve inside root; the rest
	// is made by MkdirAll, so it can hold no link.
	for p := path; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return "", err
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		if real, err = filepath.Abs(real); err != nil {
			return "", err
		}
		if rel, err := filepath.Rel(root, real); err != nil || !filepath.IsLocal(rel) && rel != "." {
			return "", errors.New("the image would be outside the Markdown file's folder (through a symbolic link); give a path inside it")
		}
		break
	}
	if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a regular file", path)
	}
	return path, nil
}

// readRegular reads a file docs compares or updates: a regular file of at most
// docsMaxRead bytes. It opens without blocking, so a FIFO neither hangs nor is read.
func readRegular(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > docsMaxRead {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, docsMaxRead>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, docsMaxRead+1))
	if err != nil {
		return nil, err
	}
	if len(b) > docsMaxRead {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, docsMaxRead>>20)
	}
	return b, nil
}

// docsImageName is the default image name of a region: the Markdown file's
// name and the render arguments, e.g. README.lineage-chatgpt-ancestors.svg.
func docsImageName(file string, args []string, format string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	dash := true
	for _, r := range strings.ToLower(strings.Join(args, " ")) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r > utf8.RuneSelf && r != '\uFFFD' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-.")
	if slug == "" {
		slug = "all"
	}
	return base + ".lineage-" + slug + "." + format
}

// splitCommandLine splits a command line like a shell: spaces separate, single or
// double quotes keep a name with spaces together, and ” is an empty argument. It
// reads docs markers' arguments (and the tests' scenario command lines).
func splitCommandLine(s string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inArg, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inArg = r, true
		case r == ' ' || r == '\t':
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c in the chart's arguments", quote)
	}
	if inArg {
		args = append(args, cur.String())
	}
	return args, nil
}

// mermaidLink matches a Mermaid flowchart link: -->, ---, -.->, ==>, ~~~ and kin.
var mermaidLink = regexp.MustCompile(`<?(-{2,}|-\.+-|={2,}|~{3,})[->ox]?`)

// mermaidEdges counts the links of a Mermaid flowchart, outside quoted labels,
// as GitHub's 500-edge limit counts them.
func mermaidEdges(chart []byte) int {
	n := 0
	for _, line := range strings.Split(string(chart), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "%%") {
			continue
		}
		var b strings.Builder
		in := false
		for _, r := range t {
			if r == '"' {
				in = !in
				continue
			}
			if !in {
				b.WriteRune(r)
			}
		}
		n += len(mermaidLink.FindAllString(b.String(), -1))
	}
	return n
}

// escapeAlt makes text safe as Markdown image alt text.
func escapeAlt(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// markdownURL writes a relative path as a Markdown link target.
func markdownURL(p string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(filepath.ToSlash(p))
}

// unifiedDiff is a unified diff of old and new, which differ only inside chart
// regions: one hunk for each run of changed lines, with three lines of context.
func unifiedDiff(name string, old, new []byte) string {
	a := strings.SplitAfter(string(old), "\n")
	b := strings.SplitAfter(string(new), "\n")
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s (regenerated)\n", name, name)
	i, j, printed := 0, 0, 0 // printed: lines of a already shown
	for i < len(a) || j < len(b) {
		if i < len(a) && j < len(b) && a[i] == b[j] {
			i++
			j++
			continue
		}
		// A change starts at i, j: find where the two files agree again, on
		// the next line of a that occurs in b after j (lines outside regions).
		ei, ej := len(a), len(b)
	search:
		for x := i; x < len(a); x++ {
			for y := j; y < len(b); y++ {
				if a[x] == b[y] && a[x] != "" && isAnchor(a[x]) {
					ei, ej = x, y
					break search
				}
			}
		}
		ctx := 3
		si := max(i-ctx, printed)
		sj := j - (i - si)
		ti, tj := min(ei+ctx, len(a)), min(ej+ctx, len(b))
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", si+1, ti-si, sj+1, tj-sj)
		for _, l := range a[si:i] {
			out.WriteString(" " + ensureNL(l))
		}
		for _, l := range a[i:ei] {
			out.WriteString("-" + ensureNL(l))
		}
		for _, l := range b[j:ej] {
			out.WriteString("+" + ensureNL(l))
		}
		for _, l := range a[ei:ti] {
			out.WriteString(" " + ensureNL(l))
		}
		i, j, printed = ti, tj, ti
	}
	return out.String()
}

// isAnchor reports whether a line can end a changed run: a region's end marker,
// which both versions keep.
func isAnchor(line string) bool { return docsEnd.MatchString(strings.TrimRight(line, "\r\n")) }

func ensureNL(l string) string {
	if strings.HasSuffix(l, "\n") {
		return l
	}
	return l + "\n\\ No newline at end of file\n"
}

package engine

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/lineage-dev/lineage/internal/buildid"
	"github.com/lineage-dev/lineage/internal/privdir"
)

// Module is the module path of lineage; lineage-render is its cmd/lineage-render.
const Module = "github.com/lineage-dev/lineage"

// Formats are the image formats the engine draws.
var Formats = []string{"svg", "png"}

// Engine is a way to run lineage-render: a command line to which the format
// flag is appended.
type Engine struct {
	// Args is the command line, e.g. ["/usr/local/bin/lineage-render"].
	Args []string
	// Dir is the working directory to run it in ("" for the current one).
	Dir string
	// Warnings receives the warnings lineage-render prints; nil discards them.
	Warnings io.Writer
}

// ErrNotFound means no lineage-render could be found.
var ErrNotFound = errors.New("cannot find lineage-render, the program that draws SVG and PNG: " +
	"install it from lineage's source tree with 'go install ./cmd/...' (it goes next to lineage), " +
	"put it on PATH, or set LINEAGE_RENDER to its path; " +
	"DOT and Mermaid need no extra program (-f dot, -f mermaid)")

// Find locates lineage-render as the package documentation describes and checks
// that it is the build lineage expects. Building the source tree's engine, the
// first time, is announced on progress (nil: silently).
func Find(progress io.Writer) (*Engine, error) {
	exe := "lineage-render"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	self := buildid.Self()
	if p := os.Getenv("LINEAGE_RENDER"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("LINEAGE_RENDER: %w", err)
		}
		return checked(p, self)
	}
	if me, err := os.Executable(); err == nil {
		for _, p := range []string{me, evalSymlinks(me)} {
			cand := filepath.Join(filepath.Dir(p), exe)
			if st, err := os.Stat(cand); err == nil && !st.IsDir() {
				return checked(cand, self)
			}
		}
	}
	if root := sourceRoot(); root != "" {
		if goCmd, err := exec.LookPath("go"); err == nil {
			bin, err := buildFromSource(goCmd, root, progress)
			if err != nil {
				return nil, err
			}
			return &Engine{Args: []string{bin}}, nil
		}
	}
	if p, err := exec.LookPath(exe); err == nil {
		return checked(p, self)
	}
	return nil, ErrNotFound
}

// checked returns the engine at path if it is a lineage-render of the build
// identity want (see package buildid), and an error saying what it is otherwise.
// It reads the build information Go stamps in the executable; it does not run it.
func checked(path, want string) (*Engine, error) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the chart engine %s is not a lineage-render built with Go (%v); "+
			"install lineage-render from lineage's source, or unset LINEAGE_RENDER", path, err)
	}
	if bi.Path != Module+"/cmd/lineage-render" {
		return nil, fmt.Errorf("the chart engine %s is %s, not %s/cmd/lineage-render", path, cmp.Or(bi.Path, "another Go program"), Module)
	}
	if got := buildid.Of(bi); got != want {
		return nil, fmt.Errorf("the chart engine %s is version %s, but lineage is %s: "+
			"install both from the same source ('go install ./cmd/...' in lineage's source tree), "+
			"or set LINEAGE_RENDER to the lineage-render of this lineage", path, got, want)
	}
	return &Engine{Args: []string{path}}, nil
}

func evalSymlinks(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// sourceRoot is the source tree the running program was built from, when it is
// a devel build of lineage's module ('go run', 'go build', 'go test' in the tree)
// and that tree is still there; "" otherwise. The tree is where the compiler
// found this file, not the working directory: a directory whose go.mod merely
// claims the module path is never used.
func sourceRoot() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path != Module || bi.Main.Version != "(devel)" && bi.Main.Version != "" {
		return ""
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) { // -trimpath keeps no source paths
		return ""
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file))) // .../internal/engine/engine.go
	if !isModuleRoot(root) {
		return ""
	}
	return root
}

// isModuleRoot reports whether dir holds lineage's go.mod and lineage-render's source.
func isModuleRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 2 && fields[0] == "module" {
			if strings.Trim(fields[1], `"`) != Module {
				return false
			}
			_, err := os.Stat(filepath.Join(dir, "cmd", "lineage-render", "main.go"))
			return err == nil
		}
	}
	return false
}

// engineSources are the directories of the module that lineage-render is built
// from (a test checks the list against 'go list -deps').
var engineSources = []string{"cmd/lineage-render", "internal/buildid", "internal/fonts", "internal/privdir", "internal/textwidth"}

// sourceKey is a digest of what lineage-render is built from in the tree root:
// its packages' files (tests and testdata aside), go.mod and go.sum.
func sourceKey(root string) (string, error) {
	h := sha256.New()
	add := func(path string) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := add(filepath.Join(root, f)); err != nil {
			return "", err
		}
	}
	for _, dir := range engineSources {
		err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(dir)), func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == "testdata":
				return filepath.SkipDir
			case d.Type().IsRegular() && !strings.HasSuffix(d.Name(), "_test.go"):
				return add(path)
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:20], nil
}

// buildFromSource returns lineage-render built from the tree root, building it
// into the user's private cache the first time (for this state of its sources).
func buildFromSource(goCmd, root string, progress io.Writer) (string, error) {
	key, err := sourceKey(root)
	if err != nil {
		return "", fmt.Errorf("reading lineage-render's source in %s: %w", root, err)
	}
	dir, err := privdir.Dir("engine")
	if err != nil {
		return "", err
	}
	name := "lineage-render-" + key
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	bin := filepath.Join(dir, name)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if progress != nil {
		fmt.Fprintln(progress, "lineage: building the chart engine (first time only)")
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", name, os.Getpid()))
	cmd := exec.Command(goCmd, "build", "-o", tmp, "./cmd/lineage-render")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("building the chart engine in %s: %v\n%s", root, err, bytes.TrimSpace(out))
	}
	if err := os.Rename(tmp, bin); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("building the chart engine: %w", err)
	}
	pruneEngines(dir, keepEngines)
	return bin, nil
}

// keepEngines is how many source-built engines the cache keeps (one per state
// of the sources: a few worktrees or branches), each about 13 MB.
const keepEngines = 4

// pruneEngines removes all but the keep most recently built engines in dir,
// and temporary files of builds that were interrupted.
func pruneEngines(dir string, keep int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type built struct {
		path string
		mod  time.Time
	}
	var engines []built
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), ".lineage-render-") && strings.HasSuffix(e.Name(), ".tmp") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(p)
		case strings.HasPrefix(e.Name(), "lineage-render-"):
			engines = append(engines, built{p, info.ModTime()})
		}
	}
	slices.SortFunc(engines, func(a, b built) int { return b.mod.Compare(a.mod) })
	for _, e := range engines[min(keep, len(engines)):] {
		os.Remove(e.path)
	}
}

// Render draws the DOT graph in format ("svg" or "png") with lineage-render.
// Cancelling ctx kills the render: the engine's whole process group. The result is never empty: an SVG is
// well-formed XML and a PNG starts with the PNG signature.
func (e *Engine) Render(ctx context.Context, dot []byte, format string) ([]byte, error) {
	switch format {
	case "svg", "png":
	default:
		return nil, fmt.Errorf("the chart engine draws svg and png, not %q", format)
	}
	args := append(append([]string(nil), e.Args[1:]...), "--format", format)
	cmd := exec.CommandContext(ctx, e.Args[0], args...)
	cmd.Dir = e.Dir
	// The engine runs in a process group of its own, all of which a
	// cancellation kills; its pipes are not waited for long after that.
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	cmd.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	msg := strings.TrimSpace(stderr.String())
	if err != nil {
		msg = crashLine(msg)
		if msg == "" {
			msg = err.Error()
		}
		// lineage-render's messages start with its name; say it once.
		return nil, fmt.Errorf("drawing %s: %s", format, strings.TrimPrefix(msg, "lineage-render: "))
	}
	if msg != "" && e.Warnings != nil {
		fmt.Fprintln(e.Warnings, msg)
	}
	out := stdout.Bytes()
	if err := Check(out, format); err != nil {
		return nil, fmt.Errorf("drawing %s: %w", format, err)
	}
	return out, nil
}

// crashLine shortens a Go crash report (a panic or fatal error and its goroutine
// traces) on the engine's standard error to its one line that says what went
// wrong; other messages are returned as they are.
func crashLine(msg string) string {
	if !strings.Contains(msg, "goroutine ") {
		return msg
	}
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") {
			return "the chart engine crashed: " + line
		}
	}
	return msg
}

// Check reports whether img is a plausible, complete image in format: non-empty,
// and for SVG well-formed XML with an <svg> root, for PNG the PNG signature.
func Check(img []byte, format string) error {
	if len(bytes.TrimSpace(img)) == 0 {
		return errors.New("the chart engine produced no output")
	}
	switch format {
	case "png":
		if !bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) {
			return errors.New("the chart engine's output is not a PNG image")
		}
	case "svg":
		d := xml.NewDecoder(bytes.NewReader(img))
		root := ""
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("the chart engine's SVG is malformed: %w", err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
			}
		}
		if root != "svg" {
			return errors.New("the chart engine's output is not an SVG document")
		}
	}
	return nil
}

package engine

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// Module is the module path of lineage; lineage-render is its cmd/lineage-render.
const Module = "github.com/lineage-dev/lineage"

// Formats are the image formats the engine draws.
var Formats = []string{"svg", "png"}

// Engine is a way to run lineage-render: a command line to which the format
// flag is appended.
type Engine struct {
	// Args is the command line, e.g. ["/usr/local/bin/lineage-render"] or
	// ["go", "run", "./cmd/lineage-render"].
	Args []string
	// Dir is the working directory to run it in ("" for the current one).
	Dir string
	// Warnings receives the warnings lineage-render prints; nil discards them.
	Warnings io.Writer
}

// ErrNotFound means no lineage-render could be found.
var ErrNotFound = errors.New("cannot find lineage-render, the program that draws SVG and PNG: " +
	"install it with 'go install " + Module + "/cmd/...@latest' (it goes next to lineage), " +
	"put it on PATH, or set LINEAGE_RENDER to its path; " +
	"DOT and Mermaid need no extra program (-f dot, -f mermaid)")

// Find locates lineage-render as the package documentation describes.
func Find() (*Engine, error) {
	exe := "lineage-render"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	if p := os.Getenv("LINEAGE_RENDER"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("LINEAGE_RENDER: %w", err)
		}
		return &Engine{Args: []string{p}}, nil
	}
	if self, err := os.Executable(); err == nil {
		for _, p := range []string{self, evalSymlinks(self)} {
			cand := filepath.Join(filepath.Dir(p), exe)
			if st, err := os.Stat(cand); err == nil && !st.IsDir() {
				return &Engine{Args: []string{cand}}, nil
			}
		}
	}
	if p, err := exec.LookPath(exe); err == nil {
		return &Engine{Args: []string{p}}, nil
	}
	if root := sourceRoot(); root != "" {
		if goCmd, err := exec.LookPath("go"); err == nil {
			return &Engine{Args: []string{goCmd, "run", "./cmd/lineage-render"}, Dir: root}, nil
		}
	}
	return nil, ErrNotFound
}

func evalSymlinks(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// sourceRoot is the root of lineage's module source when the running program was
// built from it (a devel build of the module: 'go run', 'go build', 'go test')
// and the working directory is inside it; "" otherwise.
func sourceRoot() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path != Module || bi.Main.Version != "(devel)" && bi.Main.Version != "" {
		return ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if isModuleRoot(dir) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
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

// Render draws the DOT graph in format ("svg" or "png") with lineage-render.
// Cancelling ctx kills the render. The result is never empty: an SVG is
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

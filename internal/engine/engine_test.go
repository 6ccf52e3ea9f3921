package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLineageDoesNotLinkGraphviz guards the design: the lineage command must not
// link go-graphviz (or its WebAssembly runtime), whose init writes to $TMPDIR and
// costs 0.1 to 1 s in every process; lineage-render must.
func TestLineageDoesNotLinkGraphviz(t *testing.T) {
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	for _, d := range deps(Module + "/cmd/lineage") {
		if strings.HasPrefix(d, "github.com/goccy/go-graphviz") || strings.HasPrefix(d, "github.com/tetratelabs/wazero") {
			t.Errorf("cmd/lineage depends on %s: the chart engine belongs in cmd/lineage-render only", d)
		}
	}
	if !slices.Contains(deps(Module+"/cmd/lineage-render"), "github.com/goccy/go-graphviz") {
		t.Error("cmd/lineage-render does not use go-graphviz: the test above proves nothing")
	}
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// built compiles lineage and lineage-render into one temporary directory, once.
func built(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		trackSources(t)
		buildDir, buildErr = os.MkdirTemp("", "lineage-engine-test-")
		if buildErr != nil {
			return
		}
		// Without version-control stamps, as the test binary itself is built:
		// the same identity as this test's own (see package buildid).
		out, err := exec.Command("go", "build", "-buildvcs=false", "-o", buildDir+string(filepath.Separator),
			"../../cmd/lineage", "../../cmd/lineage-render").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildDir
}

// trackSources opens every Go source and go.mod of the module, so that go test's
// cache knows this package's results depend on the programs it builds.
func trackSources(t *testing.T) {
	t.Helper()
	filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum" || strings.HasSuffix(path, ".csv") {
			if f, err := os.Open(path); err == nil {
				f.Close()
			}
		}
		return nil
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// TestQueriesLeaveTempDirAlone runs the built lineage for commands that draw
// nothing with TMPDIR pointing at an empty directory: nothing may appear there
// (linking go-graphviz would write its WebAssembly cache). How fast they are is
// measured with benchmarks and whole-process timings, never asserted here.
func TestQueriesLeaveTempDirAlone(t *testing.T) {
	dir := built(t)
	tmp := t.TempDir()
	for _, args := range [][]string{{"--help"}, {"ancestors", "chatgpt"}, {"show", "chatgpt"}, {"render", "--help"}} {
		cmd := exec.Command(filepath.Join(dir, "lineage"), args...)
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("lineage %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		entries, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			t.Errorf("lineage %s wrote %s into TMPDIR", strings.Join(args, " "), e.Name())
		}
	}
}

const dot = `digraph { a [label="LLaMA"]; b [label="羊驼"]; a -> b }`

func TestRender(t *testing.T) {
	e := &Engine{Args: []string{filepath.Join(built(t), "lineage-render")}}
	ctx := context.Background()
	for _, format := range Formats {
		img, err := e.Render(ctx, []byte(dot), format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if err := Check(img, format); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
	svg, _ := e.Render(ctx, []byte(dot), "svg")
	if !bytes.Contains(svg, []byte("羊驼")) {
		t.Error("the SVG lost the Chinese label")
	}
	if _, err := e.Render(ctx, []byte("digraph { a -> "), "svg"); err == nil || !strings.Contains(err.Error(), "drawing svg: ") {
		t.Errorf("bad DOT: err = %v, want a 'drawing svg:' error", err)
	}
	for _, f := range []string{"pdf", "ps", "jpg"} {
		if _, err := e.Render(ctx, []byte(dot), f); err == nil {
			t.Errorf("format %s accepted; go-graphviz's %s is broken and not offered", f, f)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.Render(cancelled, []byte(dot), "svg"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: err = %v, want context.Canceled", err)
	}
	// A cancelled render leaves nothing broken: the next one works.
	if _, err := e.Render(ctx, []byte(dot), "svg"); err != nil {
		t.Errorf("render after a cancelled one: %v", err)
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		img, format string
		ok          bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>`, "svg", true},
		{``, "svg", false},
		{"  \n", "png", false},
		{`<svg><g></svg>`, "svg", false},
		{`<html></html>`, "svg", false},
		{"\x89PNG\r\n\x1a\nrest", "png", true},
		{"GIF89a", "png", false},
	} {
		if err := Check([]byte(tc.img), tc.format); (err == nil) != tc.ok {
			t.Errorf("Check(%q, %s) = %v, want ok=%v", tc.img, tc.format, err, tc.ok)
		}
	}
}

func TestFind(t *testing.T) {
	t.Run("LINEAGE_RENDER", func(t *testing.T) {
		p := filepath.Join(built(t), "lineage-render")
		t.Setenv("LINEAGE_RENDER", p)
		e, err := Find(nil)
		if err != nil || len(e.Args) != 1 || e.Args[0] != p {
			t.Errorf("Find() = %+v, %v; want %s", e, err, p)
		}
		t.Setenv("LINEAGE_RENDER", filepath.Join(t.TempDir(), "missing"))
		if _, err := Find(nil); err == nil {
			t.Error("a missing LINEAGE_RENDER was accepted")
		}
	})
	t.Run("source", func(t *testing.T) {
		// A test binary is a devel build of the module, and has no
		// lineage-render beside it or on an empty PATH: the tree's engine is
		// built into the user cache, once, and run from there. A directory
		// whose go.mod claims the module is not the tree lineage was built from.
		t.Setenv("LINEAGE_RENDER", "")
		goCmd, err := exec.LookPath("go")
		if err != nil {
			t.Skip("no go command")
		}
		t.Setenv("PATH", filepath.Dir(goCmd))
		cache := t.TempDir()
		t.Setenv("XDG_CACHE_HOME", cache)
		fake := t.TempDir()
		writeFiles(t, fake, map[string]string{
			"go.mod":                     "module " + Module + "\n",
			"cmd/lineage-render/main.go": "package main\n\nfunc main() { println(\"fake\") }\n",
		})
		t.Chdir(fake)
		var progress bytes.Buffer
		e, err := Find(&progress)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(e.Args[0], cache) || len(e.Args) != 1 || e.Dir != "" {
			t.Errorf("Find() = %+v, want an engine built into %s", e, cache)
		}
		if !strings.Contains(progress.String(), "building the chart engine (first time only)") {
			t.Errorf("progress = %q, want the first-time build announced", progress.String())
		}
		out, err := e.Render(context.Background(), []byte(dot), "svg")
		if err != nil || Check(out, "svg") != nil {
			t.Errorf("rendering with the built engine: %v", err)
		}
		progress.Reset()
		again, err := Find(&progress)
		if err != nil || again.Args[0] != e.Args[0] || progress.Len() != 0 {
			t.Errorf("second Find() = %+v, %v, progress %q; want the cached engine, silently", again, err, progress.String())
		}
	})
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEngineVersionCheck: an engine of another build, or another program, is
// refused with a message that says what it is.
func TestEngineVersionCheck(t *testing.T) {
	dir := built(t)
	p := filepath.Join(dir, "lineage-render")
	if _, err := checked(p, "(devel)"); err != nil {
		t.Errorf("the matching engine was refused: %v", err)
	}
	_, err := checked(p, "v1.4.0")
	if err == nil || !strings.Contains(err.Error(), "is version (devel), but lineage is v1.4.0") {
		t.Errorf("a stale engine: err = %v, want the two versions named", err)
	}
	for _, other := range []string{filepath.Join(dir, "lineage"), "/bin/sh"} {
		t.Setenv("LINEAGE_RENDER", other)
		if _, err := Find(nil); err == nil || !strings.Contains(err.Error(), "not") {
			t.Errorf("LINEAGE_RENDER=%s: err = %v, want a refusal", other, err)
		}
	}
	out, err := exec.Command(p, "--version").Output()
	if err != nil || string(out) != "lineage-render (devel)\n" {
		t.Errorf("lineage-render --version = %q, %v", out, err)
	}
}

// TestEngineSources: the digest that names a source-built engine covers every
// package of the module lineage-render is built from.
func TestEngineSources(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", Module+"/cmd/lineage-render").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(pkg, Module+"/")
		if !ok {
			continue
		}
		if !slices.ContainsFunc(engineSources, func(dir string) bool { return rel == dir || strings.HasPrefix(rel, dir+"/") }) {
			t.Errorf("lineage-render is built from %s, which engineSources leaves out", pkg)
		}
	}
}

// TestInstalledLayout runs the built lineage the way 'go install .../cmd/...'
// leaves it: lineage-render found beside lineage with an empty PATH and outside
// the source tree; and alone, with the message that says how to get the engine.
func TestInstalledLayout(t *testing.T) {
	dir := built(t)
	render := func(lineage string) (string, error) {
		cmd := exec.Command(lineage, "render", "chatgpt", "--ancestors", "-f", "svg")
		cmd.Dir = t.TempDir()
		cmd.Env = []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir()}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := render(filepath.Join(dir, "lineage"))
	if err != nil || Check([]byte(out), "svg") != nil {
		t.Errorf("lineage-render beside lineage: %v\n%.300s", err, out)
	}
	alone := filepath.Join(t.TempDir(), "lineage")
	data, err := os.ReadFile(filepath.Join(dir, "lineage"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, data, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err = render(alone)
	if err == nil || !strings.Contains(out, "cannot find lineage-render") || !strings.Contains(out, "go install ./cmd/...") {
		t.Errorf("lineage without lineage-render: err %v, output %q; want the install hint", err, out)
	}
}

// TestPruneEngines: the cache keeps the newest source-built engines only.
func TestPruneEngines(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	for i, name := range []string{"lineage-render-a", "lineage-render-b", "lineage-render-c", "other"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, nil, 0o755)
		os.Chtimes(p, now, now.Add(-time.Duration(i)*time.Hour))
	}
	pruneEngines(dir, 2)
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if !slices.Equal(left, []string{"lineage-render-a", "lineage-render-b", "other"}) {
		t.Errorf("left %v, want the two newest engines and the unrelated file", left)
	}
}

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
		out, err := exec.Command("go", "build", "-o", buildDir+string(filepath.Separator),
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
// nothing with TMPDIR pointing at an empty directory: nothing may appear there,
// and each must stay fast (the fastest of five runs under 100 ms; they take
// about 5 ms, where linking go-graphviz costs 100 ms and more).
func TestQueriesLeaveTempDirAlone(t *testing.T) {
	dir := built(t)
	tmp := t.TempDir()
	for _, args := range [][]string{{"--help"}, {"ancestors", "chatgpt"}, {"show", "chatgpt"}, {"render", "--help"}} {
		best := time.Hour
		for range 5 {
			cmd := exec.Command(filepath.Join(dir, "lineage"), args...)
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			best = min(best, time.Since(start))
			if err != nil {
				t.Fatalf("lineage %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}
		t.Logf("lineage %s: %v", strings.Join(args, " "), best)
		if best > 100*time.Millisecond {
			t.Errorf("lineage %s took %v at best, want well under 100 ms", strings.Join(args, " "), best)
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
	var warn bytes.Buffer
	e.Warnings = &warn
	if _, err := e.Render(ctx, []byte(`digraph { a [shape=blob] }`), "svg"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warn.String(), `unknown shape "blob"`) {
		t.Errorf("warnings = %q, want the unknown shape", warn.String())
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
		t.Setenv("LINEAGE_RENDER", "/bin/sh")
		e, err := Find()
		if err != nil || len(e.Args) != 1 || e.Args[0] != "/bin/sh" {
			t.Errorf("Find() = %+v, %v; want /bin/sh", e, err)
		}
		t.Setenv("LINEAGE_RENDER", filepath.Join(t.TempDir(), "missing"))
		if _, err := Find(); err == nil {
			t.Error("a missing LINEAGE_RENDER was accepted")
		}
	})
	t.Run("source", func(t *testing.T) {
		// A test binary is a devel build of the module run inside it, and has no
		// lineage-render beside it or on an empty PATH: go run it is.
		t.Setenv("LINEAGE_RENDER", "")
		goCmd, err := exec.LookPath("go")
		if err != nil {
			t.Skip("no go command")
		}
		t.Setenv("PATH", filepath.Dir(goCmd))
		e, err := Find()
		if err != nil {
			t.Fatal(err)
		}
		root, _ := filepath.Abs("../..")
		if e.Dir != root || !slices.Equal(e.Args[1:], []string{"run", "./cmd/lineage-render"}) {
			t.Errorf("Find() = %+v, want go run ./cmd/lineage-render in %s", e, root)
		}
		out, err := e.Render(context.Background(), []byte(dot), "svg")
		if err != nil || Check(out, "svg") != nil {
			t.Errorf("rendering with go run: %v", err)
		}
	})
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
	if err == nil || !strings.Contains(out, "cannot find lineage-render") || !strings.Contains(out, "go install "+Module+"/cmd/...@latest") {
		t.Errorf("lineage without lineage-render: err %v, output %q; want the install hint", err, out)
	}
}

// fakeEngine writes a shell script that stands for lineage-render.
func fakeEngine(t *testing.T, script string) *Engine {
	t.Helper()
	p := filepath.Join(t.TempDir(), "lineage-render")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return &Engine{Args: []string{p}}
}

// TestEngineCrashIsOneLine: a panicking engine gives a one-line error, not its
// goroutine traces.
func TestEngineCrashIsOneLine(t *testing.T) {
	e := fakeEngine(t, `cat >/dev/null
cat >&2 <<'TRACE'
panic: open /tmp/go-graphviz/wazero-v1.10.1/x: permission denied

goroutine 1 [running]:
github.com/goccy/go-graphviz/internal/wasm.init.0()
	/root/go/pkg/mod/github.com/goccy/go-graphviz@v0.2.10/internal/wasm/bind.go:9 +0x1d
TRACE
exit 2`)
	_, err := e.Render(context.Background(), []byte(dot), "svg")
	if err == nil {
		t.Fatal("a crashed engine gave no error")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") || !strings.Contains(msg, "panic: open /tmp/go-graphviz") {
		t.Errorf("err = %q, want one line naming the panic", msg)
	}
}

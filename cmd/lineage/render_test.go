package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const renderFixture = "../../testdata/render/fixture"

// runRenderArgs runs 'lineage --data fixture render ARGS...' in process.
func runRenderArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"--data", renderFixture, "render"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

func TestInferFormat(t *testing.T) {
	cases := []struct {
		format, out, want string
		usage             bool
	}{
		{"", "", "dot", false},
		{"mermaid", "", "mermaid", false},
		{"", "chart.dot", "dot", false},
		{"", "chart.gv", "dot", false},
		{"", "docs/chart.mmd", "mermaid", false},
		{"", "chart.mermaid", "mermaid", false},
		{"", "chart.json", "json", false},
		{"", "chart.SVG", "svg", false},
		{"", "chart.png", "png", false},
		{"dot", "chart.txt", "dot", false}, // unknown extension: -f decides
		{"", "chart.txt", "", true},
		{"", "chart", "", true},
		{"png", "chart.svg", "", true}, // -f contradicts the extension
		{"html", "", "html", false},
		{"", "tree.html", "html", false},
		{"pdf", "chart.pdf", "", true},
	}
	for _, c := range cases {
		got, err := inferFormat(c.format, c.out)
		var ue usageError
		if c.usage {
			if !errors.As(err, &ue) {
				t.Errorf("inferFormat(%q, %q) = %q, %v; want a usage error", c.format, c.out, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("inferFormat(%q, %q) = %q, %v; want %q", c.format, c.out, got, err, c.want)
		}
	}
}

// dotNodes returns the model ids declared in DOT output (lines `"id" [label=<`).
func dotNodes(dot string) []string {
	var ids []string
	for _, line := range strings.Split(dot, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, `" [label=<`); strings.HasPrefix(line, `"`) && i > 0 && !strings.HasPrefix(line, `"_`) {
			ids = append(ids, line[1:i])
		}
	}
	slices.Sort(ids)
	return ids
}

func TestRenderSelection(t *testing.T) {
	all := []string{"beichen", "beichen-chat", "beichen-vl", "lark", "orion", "orion-2", "orion-chat", "orion-code", "orion-instruct", "orion-think"}
	cases := []struct {
		args []string
		want []string
	}{
		{nil, all},
		{[]string{"orion-chat", "--ancestors"}, []string{"orion", "orion-chat", "orion-instruct"}},
		{[]string{"orion-chat", "--descendants"}, []string{"orion-chat", "orion-think"}},
		{[]string{"orion-chat"}, []string{"orion", "orion-chat", "orion-instruct", "orion-think"}},
		{[]string{"orion", "--descendants", "--depth", "1"}, []string{"orion", "orion-code", "orion-instruct"}},
		{[]string{"orion-chat", "--descendants", "--relations", "all"}, []string{"beichen-chat", "lark", "orion-chat", "orion-think"}},
		{[]string{"北辰", "--descendants"}, []string{"beichen", "beichen-chat", "beichen-vl"}}, // CJK name
		{[]string{"Polaris", "orion-think", "--ancestors"}, []string{"beichen", "orion", "orion-chat", "orion-instruct", "orion-think"}},
	}
	for _, c := range cases {
		out, errs, code := runRenderArgs(t, c.args...)
		if code != 0 {
			t.Errorf("render %v: exit %d: %s", c.args, code, errs)
			continue
		}
		if got := dotNodes(out); !slices.Equal(got, c.want) {
			t.Errorf("render %v draws %v, want %v", c.args, got, c.want)
		}
	}
}

func TestRenderFocusAndRelations(t *testing.T) {
	out, _, code := runRenderArgs(t, "orion-chat", "--ancestors", "-f", "mermaid")
	if code != 0 || !strings.HasPrefix(out, "flowchart TD\n") || !strings.Contains(out, "<b>Orion Chat</b>") {
		t.Errorf("focused mermaid (exit %d):\n%s", code, out)
	}
	// Without --relations every edge between drawn models is shown, influence included.
	out, _, _ = runRenderArgs(t)
	if !strings.Contains(out, `"orion" -> "orion-2" [style=dashed`) {
		t.Error("influence edge missing from the whole chart")
	}
	// With --relations given, only those relations are drawn.
	out, _, _ = runRenderArgs(t, "--relations", "lineage")
	if strings.Contains(out, `"orion" -> "orion-2"`) || !strings.Contains(out, `"orion" -> "orion-code"`) {
		t.Errorf("--relations lineage did not limit the drawn edges:\n%s", out)
	}
	out, _, _ = runRenderArgs(t, "--color", "access", "--cluster", "org", "--edge-labels")
	for _, want := range []string{"colour: access", `subgraph "cluster_org0"`, `label="rlhf"`} {
		if !strings.Contains(out, want) {
			t.Errorf("options not applied: no %s", want)
		}
	}
}

func TestRenderUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--ancestors"},
		{"--depth", "2"},
		{"orion", "--depth", "-1"},
		{"--color", "stage"},
		{"--cluster", "year"},
		{"-f", "gif"},
		{"-o", "chart.txt"},
		{"--relations", "nonsense"},
	} {
		_, errs, code := runRenderArgs(t, args...)
		if code != 2 || !strings.Contains(errs, "lineage: ") {
			t.Errorf("render %v: exit %d, stderr %q; want a usage error", args, code, errs)
		}
	}
	if _, errs, code := runRenderArgs(t, "no-such-model"); code != 1 || !strings.Contains(errs, "no-such-model") {
		t.Errorf("unknown model: exit %d, stderr %q", code, errs)
	}
}

func TestRenderHelp(t *testing.T) {
	out, _, code := runRenderArgs(t, "--help")
	for _, want := range []string{"usage: lineage render", "--ancestors", "--edge-labels", "-o, --output", "examples:"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if code != 0 {
		t.Errorf("help exit %d", code)
	}
}

func TestRenderWritesFileAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.mmd")
	if _, errs, code := runRenderArgs(t, "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("flowchart TD\n")) {
		t.Fatalf("chart.mmd: %v %q", err, b)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	// A second render replaces the file and keeps its permissions.
	if _, errs, code := runRenderArgs(t, "orion", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestRenderFailureLeavesFileUntouched(t *testing.T) {
	dir := t.TempDir()
	good := []byte("<svg>the good chart</svg>\n")
	path := filepath.Join(dir, "chart.svg")
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	restore := renderImage
	t.Cleanup(func() { renderImage = restore })
	renderImage = func(context.Context, []byte, string) ([]byte, error) {
		return nil, errors.New("svg/png rendering: layout failed")
	}
	for _, args := range [][]string{
		{"-o", path},                  // the engine fails
		{"no-such-model", "-o", path}, // the query fails
	} {
		_, errs, code := runRenderArgs(t, args...)
		if code != 1 {
			t.Errorf("render %v: exit %d, want 1 (%s)", args, code, errs)
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, good) {
			t.Errorf("render %v changed the existing file to %q", args, b)
		}
	}
	renderImage = engineUnavailable
	_, errs, _ := runRenderArgs(t, "-o", path)
	if !strings.Contains(errs, "svg/png rendering: engine not available") {
		t.Errorf("stderr %q does not say the engine is missing", errs)
	}
	// An engine that returns nothing must not blank the file either.
	renderImage = func(context.Context, []byte, string) ([]byte, error) { return nil, nil }
	if _, _, code := runRenderArgs(t, "-o", path); code != 1 {
		t.Errorf("empty engine output: exit %d, want 1", code)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, good) {
		t.Errorf("empty engine output changed the file to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestRenderImageGetsDOT(t *testing.T) {
	restore := renderImage
	t.Cleanup(func() { renderImage = restore })
	var gotFormat string
	var gotDOT []byte
	renderImage = func(ctx context.Context, dot []byte, format string) ([]byte, error) {
		gotFormat, gotDOT = format, dot
		return []byte("\x89PNG fake"), nil
	}
	path := filepath.Join(t.TempDir(), "chart.png")
	if _, errs, code := runRenderArgs(t, "orion-chat", "--ancestors", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if gotFormat != "png" || !bytes.Contains(gotDOT, []byte("digraph lineage {")) || !bytes.Contains(gotDOT, []byte(`"orion-chat" [label=<<B>Orion Chat</B>`)) {
		t.Errorf("renderImage got format %q and DOT:\n%s", gotFormat, gotDOT)
	}
	if b, _ := os.ReadFile(path); string(b) != "\x89PNG fake" {
		t.Errorf("file holds %q", b)
	}
}

func TestWriteFileAtomicErrors(t *testing.T) {
	dir := t.TempDir()
	if err := writeFileAtomic(filepath.Join(dir, "missing", "x.dot"), []byte("x")); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	if err := writeFileAtomic(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("writing over a directory: %v", err)
	}
}

// TestWriteFileAtomicRefusesReadOnly: a read-only target is not replaced, as
// 'lineage render > file' would fail, and nothing is left beside it.
func TestWriteFileAtomicRefusesReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.dot")
	if err := os.WriteFile(path, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, []byte("new"))
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("replacing a read-only file: err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("the read-only file now holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the directory holds %d entries, want only the file", len(entries))
	}
}

// TestTempFilesRemovedOnGivingUp: the temporary file of a write in progress is
// what a second signal removes before exiting.
func TestTempFilesRemovedOnGivingUp(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), ".chart.svg.*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	untrack := trackTemp(f.Name())
	removeTemps()
	untrack()
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Errorf("the temporary file survived: %v", err)
	}
}

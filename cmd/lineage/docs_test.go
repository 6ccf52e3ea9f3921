package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeImages replaces the SVG/PNG engine for the test: docs is tested here, the
// engine in cmd/lineage-render. The image names the format and the DOT's size,
// so a different chart gives a different image.
func fakeImages(t *testing.T) {
	t.Helper()
	saved := renderImage
	renderImage = func(_ context.Context, dot []byte, format string) ([]byte, error) {
		return []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- " + format + " of " + string(rune('0'+len(dot)%10)) + " --></svg>\n"), nil
	}
	t.Cleanup(func() { renderImage = saved })
}

// runCLI runs lineage in-process and returns its exit status, stdout and stderr.
func runCLI(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const docsDoc = `# Charts

Text before, with trailing spaces   
<!-- lineage render llama --descendants --depth 1 -->
stale content
<!-- /lineage -->

` + "```markdown" + `
<!-- lineage render chatgpt -->
an example of the syntax, not a region
<!-- /lineage -->
` + "```" + `

<!-- lineage render chatgpt --ancestors -f svg -->
<!-- /lineage -->
<!-- lineage render "GPT-3" --descendants --depth 1 -f svg -o img/gpt3.svg -->
<!-- /lineage -->
last line, no newline`

// outside returns the text outside chart regions, with the markers.
func outside(s string) string {
	re := regexp.MustCompile(`(?s)(<!-- lineage render [^\n]*-->\r?\n).*?(<!-- /lineage -->)`)
	// Regions inside the code fence are text: blank the fence's markers first.
	s = strings.Replace(s, "<!-- lineage render chatgpt -->\nan example", "EXAMPLE", 1)
	return re.ReplaceAllString(s, "$1$2")
}

func TestDocsRegeneratesRegions(t *testing.T) {
	fakeImages(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "docs", "guide.md")
	writeFile(t, md, docsDoc)

	code, stdout, stderr := runCLI("docs", md)
	if code != 0 {
		t.Fatalf("docs: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	got := readFile(t, md)
	if outside(got) != outside(docsDoc) {
		t.Errorf("text outside the regions changed:\n%s", got)
	}
	if !strings.Contains(got, "an example of the syntax, not a region") {
		t.Error("a marker inside a code fence was treated as a region")
	}
	// The Mermaid region holds exactly what 'lineage render' prints.
	_, mermaid, _ := runCLI("render", "llama", "--descendants", "--depth", "1", "-f", "mermaid")
	want := "<!-- lineage render llama --descendants --depth 1 -->\n```mermaid\n" + mermaid + "```\n<!-- /lineage -->"
	if !strings.Contains(got, want) {
		t.Errorf("the Mermaid region is not the render output:\n%s", got)
	}
	// SVG regions link an image written next to the Markdown file.
	for _, link := range []string{
		"![lineage chart: chatgpt --ancestors](guide.lineage-chatgpt-ancestors.svg)\n",
		"![lineage chart: GPT-3 --descendants --depth 1](img/gpt3.svg)\n",
	} {
		if !strings.Contains(got, link) {
			t.Errorf("no %q in:\n%s", link, got)
		}
	}
	for _, img := range []string{"docs/guide.lineage-chatgpt-ancestors.svg", "docs/img/gpt3.svg"} {
		if b := readFile(t, filepath.Join(dir, img)); !strings.HasPrefix(b, "<svg") {
			t.Errorf("%s = %q, want the SVG", img, b)
		}
	}

	// A second run changes nothing, and --check agrees.
	if code, _, stderr := runCLI("docs", md); code != 0 || readFile(t, md) != got || strings.Contains(stderr, "updated") {
		t.Errorf("second run: exit %d, stderr %q, file changed: %v", code, stderr, readFile(t, md) != got)
	}
	if code, stdout, stderr := runCLI("docs", "--check", md); code != 0 || stdout != "" {
		t.Errorf("--check on fresh charts: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

func TestDocsCheck(t *testing.T) {
	fakeImages(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "README.md")
	writeFile(t, md, docsDoc)

	code, stdout, stderr := runCLI("docs", "--check", md)
	if code != 1 {
		t.Errorf("--check on stale charts: exit %d, want 1 (stderr %q)", code, stderr)
	}
	for _, want := range []string{
		"--- " + md + "\n+++ " + md + " (regenerated)\n",
		"\n-stale content\n",
		"\n+```mermaid\n+flowchart",
		"\n <!-- lineage render llama --descendants --depth 1 -->\n",
		"image " + filepath.Join(dir, "README.lineage-chatgpt-ancestors.svg") + " is stale or missing",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--check output lacks %q:\n%s", want, stdout)
		}
	}
	if readFile(t, md) != docsDoc {
		t.Error("--check changed the file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("--check wrote files: %v", entries)
	}

	// A stale image alone makes --check fail.
	if code, _, _ := runCLI("docs", md); code != 0 {
		t.Fatal("docs failed")
	}
	writeFile(t, filepath.Join(dir, "README.lineage-chatgpt-ancestors.svg"), "<svg/>")
	if code, stdout, _ := runCLI("docs", "--check", md); code != 1 || !strings.Contains(stdout, "is stale or missing") {
		t.Errorf("--check with a stale image: exit %d, stdout %q", code, stdout)
	}
}

// TestDocsMermaidLimits: a chart over GitHub's Mermaid limits (the whole dataset
// is about 90,000 characters) becomes an SVG file, and the region says why.
func TestDocsMermaidLimits(t *testing.T) {
	fakeImages(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "all.md")
	writeFile(t, md, "<!-- lineage render -->\n<!-- /lineage -->\n")
	if code, _, stderr := runCLI("docs", md); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := readFile(t, md)
	if !regexp.MustCompile(`<!-- drawn as SVG: as Mermaid this chart has \d+ edges and \d+ characters, over GitHub's limits of 500 and 50000 -->\n!\[lineage chart: every model\]\(all\.lineage-all\.svg\)\n`).MatchString(got) {
		t.Errorf("no SVG fallback with its reason:\n%s", got)
	}
	if strings.Contains(got, "```mermaid") {
		t.Error("an oversized chart was inlined as Mermaid")
	}
}

func TestDocsKeepsCRLF(t *testing.T) {
	fakeImages(t)
	md := filepath.Join(t.TempDir(), "win.md")
	src := "Intro\r\n<!-- lineage render chatgpt --ancestors -->\r\n<!-- /lineage -->\r\nEnd\r\n"
	writeFile(t, md, src)
	code, _, stderr := runCLI("docs", md)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := readFile(t, md)
	if !strings.Contains(stderr, "updated "+md+" (1 chart)\n") {
		t.Errorf("stderr %q: want 'updated %s (1 chart)'", stderr, md)
	}
	if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
		t.Errorf("line endings mixed:\n%q", got)
	}
	if !strings.HasPrefix(got, "Intro\r\n<!-- lineage render chatgpt --ancestors -->\r\n```mermaid\r\nflowchart") || !strings.HasSuffix(got, "```\r\n<!-- /lineage -->\r\nEnd\r\n") {
		t.Errorf("unexpected result:\n%q", got)
	}
}

func TestDocsErrors(t *testing.T) {
	fakeImages(t)
	for _, tc := range []struct {
		name, doc string
		code      int
		want      string
	}{
		{"unclosed", "a\n<!-- lineage render chatgpt -->\nb\n", 1, "doc.md:2: the chart is not closed"},
		{"nested", "<!-- lineage render a -->\n<!-- lineage render b -->\n<!-- /lineage -->\n", 1, "doc.md:2: a chart starts inside the chart of line 1"},
		{"stray end", "x\n<!-- /lineage -->\n", 1, "doc.md:2: <!-- /lineage --> without a chart"},
		{"unknown model", "<!-- lineage render no-such-model -->\n<!-- /lineage -->\n", 1, "no-such-model"},
		{"format", "<!-- lineage render chatgpt -f dot -->\n<!-- /lineage -->\n", 1, `doc.md:1: a chart in Markdown is mermaid, svg or png, not "dot"`},
		{"bad flag", "<!-- lineage render chatgpt --bogus -->\n<!-- /lineage -->\n", 1, "doc.md:1: lineage render chatgpt --bogus -f mermaid: unknown flag: --bogus"},
		{"marker without -->", "a\n<!-- lineage render chatgpt\n<!-- /lineage -->\n", 1, "doc.md:2: the chart marker does not end with --> on its line"},
		{"quote", "<!-- lineage render \"chat gpt -->\n<!-- /lineage -->\n", 1, "doc.md:1: unclosed \""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := filepath.Join(t.TempDir(), "doc.md")
			writeFile(t, md, tc.doc)
			code, stdout, stderr := runCLI("docs", md)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q (stdout %q)", code, stderr, tc.code, tc.want, stdout)
			}
			if readFile(t, md) != tc.doc {
				t.Error("a failed run changed the file")
			}
		})
	}
	if code, _, stderr := runCLI("docs"); code != 2 || !strings.Contains(stderr, "docs takes at least 1 argument") {
		t.Errorf("no files: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCLI("docs", filepath.Join(t.TempDir(), "missing.md")); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
}

func TestMermaidEdges(t *testing.T) {
	chart := "flowchart TD\n  %% a --> comment\n  a --> b\n  b -.-> c\n  c ==> d\n  a[\"label with --> arrow\"] --- e\n  x ~~~ y\n  p <--> q\n"
	if n := mermaidEdges([]byte(chart)); n != 6 {
		t.Errorf("mermaidEdges = %d, want 6", n)
	}
}

func TestSplitMarkerArgs(t *testing.T) {
	got, err := splitCommandLine(` chatgpt  --ancestors "GPT 3.5" 'a b' -f svg `)
	want := []string{"chatgpt", "--ancestors", "GPT 3.5", "a b", "-f", "svg"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitCommandLine = %q, %v; want %q", got, err, want)
	}
}

func TestUnifiedDiff(t *testing.T) {
	old := "a\nb\nc\n<!-- lineage render x -->\nold\n<!-- /lineage -->\nd\ne\nf\ng\n"
	new := "a\nb\nc\n<!-- lineage render x -->\nnew 1\nnew 2\n<!-- /lineage -->\nd\ne\nf\ng\n"
	want := "--- f.md\n+++ f.md (regenerated)\n@@ -2,7 +2,8 @@\n b\n c\n <!-- lineage render x -->\n-old\n+new 1\n+new 2\n <!-- /lineage -->\n d\n e\n"
	if got := unifiedDiff("f.md", []byte(old), []byte(new)); got != want {
		t.Errorf("unifiedDiff:\n%s\nwant:\n%s", got, want)
	}
}

package browsertest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var bin string // directory with the built lineage and lineage-render

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lineage-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var buildOnce sync.Once
var buildErr error

// build compiles lineage and lineage-render into bin, once.
func build(t *testing.T) {
	t.Helper()
	buildOnce.Do(func() {
		trackSources()
		cmd := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "../../cmd/lineage", "../../cmd/lineage-render")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
}

// trackSources opens every Go source and go.mod of the module, so that go test's
// cache knows this package's results depend on the programs it builds.
func trackSources() {
	filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum" || strings.HasSuffix(path, ".csv") || strings.HasSuffix(path, ".mjs") {
			if f, err := os.Open(path); err == nil {
				f.Close()
			}
		}
		return nil
	})
}

// lineage runs the built lineage and returns its standard output.
func lineage(t *testing.T, args ...string) []byte {
	t.Helper()
	build(t)
	// --no-cache: the datasets it loads leave no index in the user's cache.
	cmd := exec.Command(filepath.Join(bin, "lineage"), append([]string{"--no-cache"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("lineage %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// optIn is the environment variable that turns the browser tests on; .ci/run
// sets it. Without it they skip, so 'go test ./...' needs no browser, Node.js or
// network; with it, anything missing is a failure, never a skip.
const optIn = "LINEAGE_BROWSER_TESTS"

// browser skips the test unless optIn is set, and then requires Chromium,
// Node.js and the npm packages of package-lock.json (installed by
// 'npm ci --prefix internal/browsertest'; the tests never install them).
func browser(t *testing.T) {
	t.Helper()
	if os.Getenv(optIn) == "" {
		t.Skipf("browser test: set %s=1 to run it (needs chromium, node and 'npm ci --prefix internal/browsertest'; .ci/run does all that)", optIn)
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("%s is set but there is no Chromium (apt-get install -y chromium, or set CHROMIUM): %v", optIn, err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("%s is set but there is no Node.js (apt-get install -y nodejs npm): %v", optIn, err)
	}
	for _, p := range []string{"node_modules/mermaid/dist/mermaid.min.js", "node_modules/playwright-core/package.json"} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is set but the npm packages are missing (run 'npm ci --prefix internal/browsertest'): %v", optIn, err)
		}
	}
}

// check runs check.mjs in mode on files and decodes its JSON lines into results.
func check[T any](t *testing.T, mode string, files ...string) []T {
	t.Helper()
	cmd := exec.Command("node", append([]string{"check.mjs", mode}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node check.mjs %s: %v\n%s", mode, err, stderr.String())
	}
	var results []T
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("check.mjs printed %q: %v", sc.Text(), err)
		}
		results = append(results, r)
	}
	if len(results) != len(files) {
		t.Fatalf("check.mjs gave %d results for %d files:\n%s", len(results), len(files), out)
	}
	return results
}

type mermaidResult struct {
	File   string   `json:"file"`
	OK     bool     `json:"ok"`
	Error  string   `json:"error"`
	Nodes  int      `json:"nodes"`
	Edges  int      `json:"edges"`
	Labels []string `json:"labels"`
}

// TestMermaidRendersCharts renders lineage's Mermaid output with Mermaid itself
// in Chromium: the whole dataset, a focused query, and a dataset of non-Latin
// names; a parse error fails the test. A broken chart checks the checker.
func TestMermaidRendersCharts(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	charts := []struct {
		name     string
		args     []string
		minNodes int
		wantText []string
		github   bool // must fit GitHub's Mermaid limits
	}{
		{"all", []string{"render", "-f", "mermaid"}, 50, []string{"ChatGPT", "LLaMA"}, false},
		{"llama-descendants", []string{"render", "llama", "--descendants", "-f", "mermaid"}, 5, []string{"LLaMA", "Alpaca"}, true},
		{"wide-names", []string{"--data", "testdata/wide", "render", "-f", "mermaid"}, 8, []string{"中文标签测试中文标签测试", "한국어 대형 언어 모델", "«Большая»"}, true},
	}
	var files []string
	for _, c := range charts {
		f := filepath.Join(dir, c.name+".mmd")
		chart := lineage(t, c.args...)
		if err := os.WriteFile(f, chart, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		chars := utf8.RuneCount(chart)
		t.Logf("%s: %d characters", c.name, chars)
		if c.github && chars > 50000 {
			t.Errorf("%s: %d characters, over GitHub's Mermaid limit of 50,000", c.name, chars)
		}
	}
	broken := filepath.Join(dir, "broken.mmd")
	os.WriteFile(broken, []byte("flowchart TB\n  a[\"unclosed] --> b\n"), 0o644)
	results := check[mermaidResult](t, "mermaid", append(files, broken)...)
	for i, c := range charts {
		r := results[i]
		if !r.OK || r.Error != "" {
			t.Errorf("%s: Mermaid cannot render lineage %s: %s", c.name, strings.Join(c.args, " "), r.Error)
			continue
		}
		if c.github && r.Edges > 500 {
			t.Errorf("%s: %d edges, over GitHub's Mermaid limit of 500", c.name, r.Edges)
		}
		if r.Nodes < c.minNodes || r.Edges == 0 {
			t.Errorf("%s: Mermaid drew %d nodes and %d edges, want at least %d nodes and some edges", c.name, r.Nodes, r.Edges, c.minNodes)
		}
		all := strings.Join(r.Labels, "\n")
		for _, w := range c.wantText {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no node shows %q", c.name, w)
			}
		}
	}
	if r := results[len(charts)]; r.OK || !strings.Contains(r.Error, "Parse error") {
		t.Errorf("the checker accepted a broken chart: %+v", r)
	}
}

type fitResult struct {
	File      string `json:"file"`
	Nodes     int    `json:"nodes"`
	Texts     int    `json:"texts"`
	Overflows []struct {
		Node   string     `json:"node"`
		Text   string     `json:"text"`
		TextX  [2]float64 `json:"text_x"`
		ShapeX [2]float64 `json:"shape_x"`
	} `json:"overflows"`
}

// TestSVGLabelsFitInChromium draws charts with Chinese, Japanese, Korean,
// fullwidth, Cyrillic and very wide Latin names and checks in Chromium that every
// line of every node's label lies inside the node's shape as the browser lays
// the text out (getBBox).
func TestSVGLabelsFitInChromium(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	charts := []struct {
		name     string
		args     []string
		minNodes int
	}{
		{"wide", []string{"--data", "testdata/wide", "render", "zh12", "--ancestors", "--descendants", "-f", "svg"}, 3},
		{"wide-all", []string{"--data", "testdata/wide", "render", "-f", "svg"}, 8},
		{"all", []string{"render", "-f", "svg"}, 50},
	}
	var files []string
	for _, c := range charts {
		f := filepath.Join(dir, c.name+".svg")
		if err := os.WriteFile(f, lineage(t, c.args...), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for i, r := range check[fitResult](t, "svgfit", files...) {
		if r.Nodes < charts[i].minNodes || r.Texts < charts[i].minNodes {
			t.Errorf("%s: %d nodes with %d text lines, want at least %d", charts[i].name, r.Nodes, r.Texts, charts[i].minNodes)
		}
		for _, o := range r.Overflows {
			t.Errorf("%s: node %s: %q spans x %.1f to %.1f in Chromium, its shape %.1f to %.1f",
				charts[i].name, o.Node, o.Text, o.TextX[0], o.TextX[1], o.ShapeX[0], o.ShapeX[1])
		}
	}
}

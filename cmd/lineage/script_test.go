package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The CLI scenarios live in testdata/cli/*.txtar, one scenario a file, in the
// spirit of golang.org/x/tools/cmd/deadcode's tests. A file is
//
//	# what the scenario checks (any number of '#' lines)
//	lineage ancestors chatgpt -f tree
//	-- stdout --
//	...
//	-- stderr --
//	...
//	-- exit --
//	0
//	-- data/nodes.csv --
//	...
//
// The command line is split on spaces; '...' quotes an argument with spaces.
// Sections other than stdout, stderr and exit are files, written into a temporary
// directory that $WORK names in the command line. In the actual output that
// directory is written back as $WORK, and the Go version as $GOVERSION, so the
// expected output does not depend on the machine.
//
// go test ./cmd/lineage -run TestScripts -update rewrites the stdout, stderr and
// exit sections from the actual output.

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/cli/*.txtar from the actual output")

const scriptDir = "../../testdata/cli"

func TestScripts(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	files, err := filepath.Glob(filepath.Join(scriptDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scenarios in %s", scriptDir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) { runScript(t, file) })
	}
}

func runScript(t *testing.T, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ar := parseArchive(raw)
	cmdline, err := scriptCommand(ar.comment)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}

	work := t.TempDir()
	want := map[string]string{}
	for _, f := range ar.files {
		switch f.name {
		case "stdout", "stderr", "exit":
			if _, dup := want[f.name]; dup {
				t.Fatalf("%s: section %q appears twice", file, f.name)
			}
			want[f.name] = string(f.data)
			continue
		}
		if !filepath.IsLocal(f.name) {
			t.Fatalf("%s: file %q must be a relative path inside $WORK", file, f.name)
		}
		p := filepath.Join(work, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.data, 0o666); err != nil {
			t.Fatal(err)
		}
	}

	args, err := splitCommandLine(strings.ReplaceAll(cmdline, "$WORK", work))
	if err != nil {
		t.Fatalf("%s: command line: %v", file, err)
	}
	if len(args) == 0 || args[0] != "lineage" {
		t.Fatalf("%s: command line %q does not start with lineage", file, cmdline)
	}
	var stdout, stderr bytes.Buffer
	code := run(args[1:], &stdout, &stderr)
	got := map[string]string{
		"stdout": normalize(stdout.String(), work),
		"stderr": normalize(stderr.String(), work),
		"exit":   strconv.Itoa(code) + "\n",
	}

	if *update {
		for _, s := range []string{"stdout", "stderr"} {
			if out := got[s]; out != "" && !strings.HasSuffix(out, "\n") {
				t.Errorf("%s: %s does not end in a newline; a txtar section cannot hold that exactly", file, s)
				got[s] += "\n"
			}
		}
		if err := os.WriteFile(file, formatArchive(ar, got), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, s := range []string{"stdout", "stderr", "exit"} {
		w, ok := want[s]
		if !ok {
			t.Errorf("%s: no -- %s -- section (run with -update to write it)", file, s)
			continue
		}
		if got[s] != w {
			t.Errorf("%s: %s differs (-want +got):\n%s", file, s, lineDiff(w, got[s]))
		}
	}
	if t.Failed() {
		t.Logf("command: %s", cmdline)
	}
}

// normalize replaces the temporary directory and the Go version by placeholders.
func normalize(s, work string) string {
	s = strings.ReplaceAll(s, work, "$WORK")
	return strings.ReplaceAll(s, runtime.Version(), "$GOVERSION")
}

// scriptCommand returns the command line of a scenario's preamble: the one line that
// is neither blank nor a '#' comment.
func scriptCommand(preamble []byte) (string, error) {
	var cmd []string
	for _, line := range strings.Split(string(preamble), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cmd = append(cmd, line)
	}
	if len(cmd) != 1 {
		return "", fmt.Errorf("want exactly one command line before the first section, found %d", len(cmd))
	}
	return cmd[0], nil
}

// archive is a txtar archive: a preamble and named sections.
type archive struct {
	comment []byte
	files   []archiveFile
}

type archiveFile struct {
	name string
	data []byte
}

// parseArchive reads the txtar format: a line "-- NAME --" starts a section, which
// holds every following line up to the next such line.
func parseArchive(data []byte) archive {
	var ar archive
	cur := &ar.comment
	for len(data) > 0 {
		line := data
		rest := []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i+1], data[i+1:]
		}
		data = rest
		if name, ok := marker(line); ok {
			ar.files = append(ar.files, archiveFile{name: name})
			cur = &ar.files[len(ar.files)-1].data
			continue
		}
		*cur = append(*cur, line...)
	}
	// A section's last line always ends in a newline, as txtar files do.
	for i := range ar.files {
		if d := ar.files[i].data; len(d) > 0 && d[len(d)-1] != '\n' {
			ar.files[i].data = append(d, '\n')
		}
	}
	return ar
}

func marker(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

// formatArchive writes the scenario back with the stdout, stderr and exit sections
// taken from got, placed first, and the other files after them unchanged.
func formatArchive(ar archive, got map[string]string) []byte {
	var b bytes.Buffer
	b.Write(ar.comment)
	if len(ar.comment) > 0 && ar.comment[len(ar.comment)-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, s := range []string{"stdout", "stderr", "exit"} {
		fmt.Fprintf(&b, "-- %s --\n%s", s, got[s])
	}
	for _, f := range ar.files {
		if slices.Contains([]string{"stdout", "stderr", "exit"}, f.name) {
			continue
		}
		fmt.Fprintf(&b, "-- %s --\n", f.name)
		b.Write(f.data)
	}
	return b.Bytes()
}

// lineDiff shows the difference between two texts line by line, from a longest
// common subsequence: "-" lines only in want, "+" lines only in got.
func lineDiff(want, got string) string {
	a := strings.SplitAfter(want, "\n")
	b := strings.SplitAfter(got, "\n")
	// lcs[i][j] is the length of a longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	line := func(prefix, s string) {
		if s == "" {
			return
		}
		if !strings.HasSuffix(s, "\n") {
			s += "\n\\ no newline at end\n"
		}
		out.WriteString(prefix + s)
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			line("  ", a[i])
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			line("- ", a[i])
			i++
		default:
			line("+ ", b[j])
			j++
		}
	}
	return out.String()
}

func TestSplitArgs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"lineage ancestors chatgpt -f tree", []string{"lineage", "ancestors", "chatgpt", "-f", "tree"}},
		{"lineage  show  'Atlas Instruct'", []string{"lineage", "show", "Atlas Instruct"}},
		{"lineage show '' x", []string{"lineage", "show", "", "x"}},
		{"lineage show a'b c'd", []string{"lineage", "show", "ab cd"}},
	} {
		got, err := splitCommandLine(tc.in)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("splitCommandLine(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := splitCommandLine("lineage show 'open"); err == nil {
		t.Errorf("splitArgs with an unterminated quote: no error")
	}
}

func TestParseArchive(t *testing.T) {
	ar := parseArchive([]byte("# c\nlineage x\n-- stdout --\na\n-- exit --\n0\n-- d/n.csv --\nid\n-- stderr --\n"))
	if string(ar.comment) != "# c\nlineage x\n" {
		t.Errorf("comment = %q", ar.comment)
	}
	var names []string
	for _, f := range ar.files {
		names = append(names, f.name+"="+string(f.data))
	}
	want := []string{"stdout=a\n", "exit=0\n", "d/n.csv=id\n", "stderr="}
	if !slices.Equal(names, want) {
		t.Errorf("sections = %q, want %q", names, want)
	}
	out := formatArchive(ar, map[string]string{"stdout": "b\n", "stderr": "", "exit": "1\n"})
	if want := "# c\nlineage x\n-- stdout --\nb\n-- stderr --\n-- exit --\n1\n-- d/n.csv --\nid\n"; string(out) != want {
		t.Errorf("formatArchive = %q, want %q", out, want)
	}
}

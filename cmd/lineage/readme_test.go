package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/data"
)

// TestREADMEExamples runs every example the README shows as a "$ lineage ..." line
// at the top of a text block and checks that the block holds exactly what the
// command prints, so the tour never drifts from the tool or its data. With
// -update it rewrites the blocks instead (review the diff). The examples run from
// the repository root, as a reader runs them, in the order shown, and what they
// write under /tmp/ goes to a temporary directory of the test's own.
func TestREADMEExamples(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	tmp := t.TempDir()
	t.Chdir("../..")
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	fresh := string(readme)
	blocks := strings.Split(string(readme), "```text\n")
	n := 0
	for _, b := range blocks[1:] {
		body, _, ok := strings.Cut(b, "```")
		if !ok || !strings.HasPrefix(body, "$ lineage ") {
			continue
		}
		cmd, want, _ := strings.Cut(body, "\n")
		args, err := splitCommandLine(strings.ReplaceAll(strings.TrimPrefix(cmd, "$ lineage "), "/tmp/", tmp+"/"))
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Errorf("%s: exit %d: %s", cmd, code, stderr.String())
			continue
		}
		if got := stdout.String(); got != want {
			if *update {
				fresh = strings.Replace(fresh, cmd+"\n"+want+"```", cmd+"\n"+got+"```", 1)
			} else {
				t.Errorf("README shows for %q:\n%s\nbut the command prints:\n%s", cmd, want, got)
			}
		}
		n++
	}
	if *update && fresh != string(readme) {
		if err := os.WriteFile("README.md", []byte(fresh), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n < 8 {
		t.Errorf("found %d README examples, want the whole tour (8 or more)", n)
	}
}

// TestREADMEInstall: the README installs from the clone; the module is not
// published, so a module path with @latest cannot work.
func TestREADMEInstall(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "`go install ./cmd/...`") {
		t.Error("the README does not say how to install from the clone (go install ./cmd/...)")
	}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.Contains(line, "go install") && strings.Contains(line, "@latest") && !strings.Contains(line, "does not work") {
			t.Errorf("the README installs from an unpublished module path: %s", line)
		}
	}
}

// TestREADMEDatasetSize: the README's opening sentence states the size of the
// embedded dataset; it must be the size the binary embeds.
func TestREADMEDatasetSize(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	l, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("dataset of %d models and %d relations", len(l.Models()), len(l.Edges()))
	if !strings.Contains(strings.Join(strings.Fields(string(readme)), " "), want) {
		t.Errorf("README.md does not say %q", want)
	}
}

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDocsRefusesHostileRegions: a region may write only a .svg or .png inside
// the Markdown file's folder tree and may not read files of its own; each refusal
// names the region's line, and nothing is written.
func TestDocsRefusesHostileRegions(t *testing.T) {
	fakeImages(t)
	for _, tc := range []struct{ name, args, want string }{
		{"dotdot", "chatgpt -f svg -o ../../x.svg", "outside"},
		{"dotdot long", "chatgpt -f svg --output=../x.svg", "outside"},
		{"dotdot glued", "chatgpt -f svg -o../x.svg", "outside"},
		{"dotdot space", "chatgpt -f svg --output ../x.svg", "outside"},
		{"absolute", "chatgpt -f svg -o /tmp/lineage-docs-abs.svg", "outside"},
		{"symlinked dir", "chatgpt -f svg -o link/x.svg", "outside"},
		{"symlinked file", "chatgpt -f svg -o file-link.svg", "outside"},
		{"extension", "chatgpt -f svg -o notes.txt", ".svg or .png"},
		{"extension mismatch", "chatgpt -f svg -o x.png", ".svg or .png"},
		{"markdown itself", "chatgpt -f svg -o doc.md", ".svg or .png"},
		{"nodes", "chatgpt --nodes /etc/passwd --edges /etc/passwd", "--nodes"},
		{"nodes glued", "chatgpt --nodes=/etc/passwd --edges=/etc/passwd", "--nodes"},
		{"data", "chatgpt --data /etc", "--data"},
		{"edges only", "chatgpt --edges=/etc/passwd", "--edges"},
		{"output in a shorthand group", "chatgpt -ho x", "-h"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			outsideDir := t.TempDir()
			dir := filepath.Join(root, "a", "b")
			md := filepath.Join(dir, "doc.md")
			doc := "intro\n\n<!-- lineage render " + tc.args + " -->\n<!-- /lineage -->\n"
			writeFile(t, md, doc)
			if err := os.Symlink(outsideDir, filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			victim := filepath.Join(outsideDir, "victim.svg")
			writeFile(t, victim, "keep")
			if err := os.Symlink(victim, filepath.Join(dir, "file-link.svg")); err != nil {
				t.Fatal(err)
			}
			before := tree(t, root, outsideDir)
			for _, check := range []bool{false, true} {
				args := []string{"docs", md}
				if check {
					args = []string{"docs", "--check", md}
				}
				code, stdout, stderr := runCLI(args...)
				if code == 0 || !strings.Contains(stderr, md+":3:") || !strings.Contains(stderr, tc.want) {
					t.Errorf("%q: exit %d, stderr %q; want a failure at %s:3 naming %q (stdout %q)", args, code, stderr, md, tc.want, stdout)
				}
				if after := tree(t, root, outsideDir); after != before {
					t.Errorf("%q wrote files:\nbefore %s\nafter  %s", args, before, after)
				}
			}
			if _, err := os.Stat("/tmp/lineage-docs-abs.svg"); err == nil {
				t.Error("wrote /tmp/lineage-docs-abs.svg")
			}
		})
	}
}

// tree lists the files under dirs with their contents.
func tree(t *testing.T, dirs ...string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range dirs {
		filepath.Walk(d, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			b.WriteString(p)
			if info.Mode().IsRegular() {
				data, _ := os.ReadFile(p)
				b.WriteString("=" + string(data))
			}
			b.WriteString(";")
			return nil
		})
	}
	return b.String()
}

// TestDocsCheckReadsOnlyRegularFiles: an image path that is a FIFO or a device
// is an error at the region's line, not a hang or an unbounded read.
func TestDocsCheckReadsOnlyRegularFiles(t *testing.T) {
	fakeImages(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "doc.md")
	writeFile(t, md, "<!-- lineage render chatgpt -f svg -o fifo.svg -->\n![x](fifo.svg)\n<!-- /lineage -->\n<!-- lineage render chatgpt -f svg -o zero.svg -->\n<!-- /lineage -->\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.svg"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.svg")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"docs", "--check", md}, {"docs", md}} {
		done := make(chan struct{})
		var code int
		var stderr string
		go func() {
			code, _, stderr = runCLI(args...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%q hangs on a FIFO", args)
		}
		if code != 1 || !strings.Contains(stderr, md+":1:") || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	// A Markdown file that is not a regular file is refused too.
	if code, _, stderr := runCLI("docs", "--check", filepath.Join(dir, "fifo.svg")); code != 1 || !strings.Contains(stderr, "not a regular file") {
		t.Errorf("docs on a FIFO: exit %d, stderr %q", code, stderr)
	}
}

// TestDocsRendersFromItsDataset: a region draws from the dataset docs was given.
func TestDocsRendersFromItsDataset(t *testing.T) {
	md := filepath.Join(t.TempDir(), "doc.md")
	writeFile(t, md, "<!-- lineage render atlas --descendants --depth 1 -->\n<!-- /lineage -->\n")
	if code, _, stderr := runCLI("--data", "../../testdata/cli/mini", "docs", md); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := readFile(t, md); !strings.Contains(got, "Atlas Instruct") {
		t.Errorf("the region was not drawn from --data:\n%s", got)
	}
}

// TestWriteAtomicInStaysInRoot: the write docs makes after checking an image
// path is resolved inside the Markdown file's folder, so a directory on the way
// that became a symbolic link to elsewhere (swapped in after the check) makes
// the write fail, with nothing written outside and no temporary file left.
func TestWriteAtomicInStaysInRoot(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "img")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	write := func(w io.Writer) error { _, err := io.WriteString(w, "<svg/>"); return err }
	err = writeAtomicIn(context.Background(), root, filepath.Join("img", "x.svg"), filepath.Join(dir, "img", "x.svg"), write)
	if err == nil {
		t.Fatal("writing through a symbolic link out of the folder succeeded")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the folder: %v", entries)
	}
	// A file inside is written, and only it.
	if err := writeAtomicIn(context.Background(), root, "x.svg", filepath.Join(dir, "x.svg"), write); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "img x.svg" {
		t.Errorf("folder holds %v, want img and x.svg", names)
	}
}

//go:build unix

package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/internal/proctest"
)

// hangingEngine is a lineage-render that never finishes: it starts a child
// (as 'go run' did), writes both pids to $FAKE_PIDS and waits forever. It is
// built as the module's cmd/lineage-render, so lineage accepts it.
const hangingEngine = `package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

func main() {
	child := exec.Command("sleep", "300")
	if err := child.Start(); err != nil {
		panic(err)
	}
	os.WriteFile(os.Getenv("FAKE_PIDS")+".new", []byte(fmt.Sprint(os.Getpid(), " ", child.Process.Pid)), 0o644)
	os.Rename(os.Getenv("FAKE_PIDS")+".new", os.Getenv("FAKE_PIDS"))
	io.ReadAll(os.Stdin)
	time.Sleep(time.Hour)
}
`

// signalPrograms builds lineage and the hanging engine into a temporary
// directory of the test, without version-control stamps, so that both have the
// identity "(devel)".
func signalPrograms(t *testing.T) (lineage, engine string) {
	t.Helper()
	dir := t.TempDir()
	build := func(in string, args ...string) {
		t.Helper()
		cmd := exec.Command("go", append([]string{"build", "-buildvcs=false"}, args...)...)
		cmd.Dir = in
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %v: %v\n%s", args, err, out)
		}
	}
	build(".", "-o", filepath.Join(dir, "lineage"), ".")
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(filepath.Join(src, "cmd", "lineage-render"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module github.com/lineage-dev/lineage\n\ngo 1.22\n"), 0o644)
	os.WriteFile(filepath.Join(src, "cmd", "lineage-render", "main.go"), []byte(hangingEngine), 0o644)
	build(src, "-o", filepath.Join(dir, "lineage-render"), "./cmd/lineage-render")
	return filepath.Join(dir, "lineage"), filepath.Join(dir, "lineage-render")
}

// startHanging starts lineage with args and the hanging engine, and returns the
// command and the pids of the engine and its child once the engine runs.
func startHanging(t *testing.T, dir string, args ...string) (*exec.Cmd, *syncBuffer, []int) {
	t.Helper()
	lineage, engine := signalPrograms(t)
	pids := filepath.Join(t.TempDir(), "pids")
	cmd := exec.Command(lineage, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LINEAGE_RENDER="+engine, "FAKE_PIDS="+pids)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	for range 600 {
		if b, err := os.ReadFile(pids); err == nil {
			var p [2]int
			fmt.Sscan(string(b), &p[0], &p[1])
			t.Cleanup(func() { syscall.Kill(p[0], syscall.SIGKILL); syscall.Kill(p[1], syscall.SIGKILL) })
			return cmd, stderr, p[:]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the engine did not start: %s", stderr.String())
	return nil, nil, nil
}

// waitExit waits for cmd, failing the test if it has not exited within a minute.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(time.Minute):
		t.Fatal("lineage did not exit after the signal")
		return -1
	}
}

// TestSignalStopsRender: 'kill -TERM' on 'lineage render -o FILE' mid-render
// kills the engine and what it started, leaves no file and no temporary file,
// and exits as death by SIGTERM does (143).
func TestSignalStopsRender(t *testing.T) {
	dir := t.TempDir()
	cmd, stderr, pids := startHanging(t, dir, "render", "-o", "chart.svg")
	cmd.Process.Signal(syscall.SIGTERM)
	if code := waitExit(t, cmd); code != 143 {
		t.Errorf("exit status %d, want 143; stderr: %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr %q, want it to say it was interrupted", stderr)
	}
	for _, pid := range pids {
		if !proctest.Gone(pid) {
			t.Errorf("process %d of the engine outlived lineage", pid)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left %s behind", entries[0].Name())
	}
}

// TestSignalStopsServe: SIGINT while serve's engine is drawing the page, and a
// request waits for it, stops serve with status 0 and kills the engine's
// process group.
func TestSignalStopsServe(t *testing.T) {
	data, err := filepath.Abs(webMini)
	if err != nil {
		t.Fatal(err)
	}
	cmd, stderr, pids := startHanging(t, t.TempDir(), "--data", data, "serve", "--addr", "127.0.0.1:0")
	var url string
	for range 200 {
		if url = regexp.MustCompile(`http://\S+/`).FindString(stderr.String()); url != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("serve printed no address: %s", stderr)
	}
	requested := make(chan struct{})
	go func() {
		close(requested)
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
		}
	}()
	<-requested
	time.Sleep(200 * time.Millisecond) // let the request reach the server; the outcome does not depend on it
	cmd.Process.Signal(os.Interrupt)
	if code := waitExit(t, cmd); code != 0 {
		t.Errorf("exit status %d, want 0; stderr: %s", code, stderr)
	}
	for _, pid := range pids {
		if !proctest.Gone(pid) {
			t.Errorf("process %d of the engine outlived serve", pid)
		}
	}
}

// TestSignalStopsAnyCommand: a command that never looks at its context (here
// one blocked opening a FIFO nobody writes) still stops on Ctrl-C, after the
// grace period, with the status of death by SIGINT.
func TestSignalStopsAnyCommand(t *testing.T) {
	lineage, _ := signalPrograms(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "nodes.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "edges.csv"), []byte("from,to,relation,note,source\n"), 0o644)
	cmd := exec.Command(lineage, "--nodes", fifo, "--edges", filepath.Join(dir, "edges.csv"), "list")
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		t.Skipf("lineage did not wait on the FIFO (status %d: %s); nothing to interrupt", cmd.ProcessState.ExitCode(), stderr)
	case <-time.After(500 * time.Millisecond):
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("lineage ignored Ctrl-C")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit status %d, want 130; stderr: %s", code, stderr)
	}
}

//go:build unix

package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/internal/proctest"
)

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

// TestCancelKillsProcessGroup: cancelling a render kills what the engine
// started too (as 'go run' did), and Render returns.
func TestCancelKillsProcessGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	e := fakeEngine(t, "sleep 300 &\necho $! > "+pidFile+".new && mv "+pidFile+".new "+pidFile+"\nwait")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.Render(ctx, []byte(dot), "svg")
		done <- err
	}()
	var pid int
	for range 200 {
		if b, err := os.ReadFile(pidFile); err == nil {
			fmt.Sscan(string(b), &pid)
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if pid == 0 {
		t.Fatal("the fake engine did not start its child")
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(60 * time.Second):
		syscall.Kill(pid, syscall.SIGKILL)
		t.Fatal("Render did not return after its context was cancelled")
	}
	if !proctest.Gone(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the engine's child %d outlived the cancelled render", pid)
	}
}

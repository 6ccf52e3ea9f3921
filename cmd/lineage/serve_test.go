package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const webMini = "../../testdata/web/mini"

// fakeSVG replaces the chart engine with one that draws an empty SVG.
func fakeSVG(t *testing.T) {
	t.Helper()
	saved := renderImage
	renderImage = func(_ context.Context, dot []byte, format string) ([]byte, error) {
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g class="node"><title>root</title></g></svg>`), nil
	}
	t.Cleanup(func() { renderImage = saved })
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe runs 'lineage serve' in process on a free loopback port, queries it,
// and stops it the way SIGINT does.
func TestServe(t *testing.T) {
	fakeSVG(t)
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan string, 1)
	serveListening = func(a string) { addrs <- a }
	t.Cleanup(func() { serveListening = nil })

	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- runContext(ctx, []string{"--data", webMini, "serve", "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()
	var addr string
	select {
	case addr = <-addrs:
	case c := <-code:
		t.Fatalf("serve exited %d: %s", c, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	base := "http://" + addr
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(base + "/api/models/Chatty")
	if err != nil {
		t.Fatal(err)
	}
	var card struct {
		Model struct{ ID string }
	}
	json.NewDecoder(resp.Body).Decode(&card)
	resp.Body.Close()
	if resp.StatusCode != 200 || card.Model.ID != "root-chat" {
		t.Errorf("GET /api/models/Chatty: %d %+v", resp.StatusCode, card)
	}
	resp, err = client.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`data-id="root"`)) || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /: %d, %d bytes", resp.StatusCode, len(page))
	}
	resp, err = client.Post(base+"/api/models", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}

	cancel() // what SIGINT does
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("serve exited %d after the signal: %s", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if s := stderr.String(); !strings.Contains(s, "serving 7 models at http://127.0.0.1:") || !strings.Contains(s, "stopped") {
		t.Errorf("stderr: %s", s)
	}
	if _, err := client.Get(base + "/"); err == nil {
		t.Error("the server still answers after stopping")
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--addr", "8080"},
		{"serve", "--whole-chart-max", "-1"},
		{"serve", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"--data", webMini}, args...), &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2; %s", args, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "--help"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "--addr") {
		t.Errorf("serve --help: exit %d\n%s", code, stdout.String())
	}
	// A port in use is a failure, not a usage error.
	fakeSVG(t)
	var stderr2 bytes.Buffer
	if code := run([]string{"--data", webMini, "serve", "--addr", "256.0.0.1:1"}, &stdout, &stderr2); code != 1 {
		t.Errorf("unusable address: exit %d, want 1; %s", code, stderr2.String())
	}
}

// TestRenderHTML writes the explorer page with 'render -f html' and '-o x.html'.
func TestRenderHTML(t *testing.T) {
	fakeSVG(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "tree.html")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", webMini, "render", "root", "--descendants", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<title>lineage: Root LM</title>", `id="lineage-data"`, `"api":false`, `data-id="root"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("tree.html lacks %q", want)
		}
	}
	if bytes.Contains(page, []byte(`"id":"student"`)) {
		t.Error("the page of root's lineage holds student, which only an influence edge reaches")
	}
	stdout.Reset()
	if code := run([]string{"--data", webMini, "render", "-f", "html"}, &stdout, &stderr); code != 0 || !strings.HasPrefix(stdout.String(), "<!DOCTYPE html>") {
		t.Errorf("-f html to stdout: exit %d", code)
	}
}

// TestServeURL: the printed address is one a browser can open, for a server on
// every interface too (it printed http://[::]:8080/).
func TestServeURL(t *testing.T) {
	for _, tc := range []struct{ host, listened, want string }{
		{"0.0.0.0", "[::]:8080", "http://localhost:8080/"},
		{"::", "[::]:8080", "http://localhost:8080/"},
		{"", "[::]:8080", "http://localhost:8080/"},
		{"127.0.0.1", "127.0.0.1:41234", "http://127.0.0.1:41234/"},
		{"::1", "[::1]:9000", "http://[::1]:9000/"},
		{"localhost", "127.0.0.1:9000", "http://localhost:9000/"},
		{"192.168.1.4", "192.168.1.4:80", "http://192.168.1.4:80/"},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.listened)
		if err != nil {
			t.Fatal(err)
		}
		if got := serveURL(tc.host, addr); got != tc.want {
			t.Errorf("serveURL(%q, %s) = %s, want %s", tc.host, tc.listened, got, tc.want)
		}
	}
}

package hub

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const apiDir = "../testdata/hub/api"

// recordedHub serves the recorded responses of testdata/hub/api like the Hub API:
// /api/models/ORG/NAME and /api/models?filter=base_model:ORG/NAME (paged with a
// Link header). fail, when set, can answer a request instead.
type recordedHub struct {
	t     *testing.T
	token string // the bearer token every request must carry, if set
	fail  func(w http.ResponseWriter, r *http.Request) bool
	mu    sync.Mutex
	paths []string
}

func (h *recordedHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.paths = append(h.paths, r.URL.RequestURI())
	h.mu.Unlock()
	if h.token != "" && r.Header.Get("Authorization") != "Bearer "+h.token {
		http.Error(w, `{"error":"Invalid credentials"}`, http.StatusUnauthorized)
		return
	}
	if h.fail != nil && h.fail(w, r) {
		return
	}
	q := r.URL.Query()
	if !slices.Contains(q["expand[]"], "baseModels") || !slices.Contains(q["expand[]"], "cardData") {
		http.Error(w, "no expand", http.StatusBadRequest)
		return
	}
	var file string
	switch {
	case r.URL.Path == "/api/models" && strings.HasPrefix(q.Get("filter"), "base_model:"):
		id := strings.TrimPrefix(q.Get("filter"), "base_model:")
		file = filepath.Join(apiDir, "children", strings.ReplaceAll(id, "/", "--"))
		if q.Get("cursor") == "2" {
			file += ".2"
		} else if _, err := os.Stat(file + ".2.json"); err == nil {
			next := *r.URL
			nq := next.Query()
			nq.Set("cursor", "2")
			next.RawQuery = nq.Encode()
			w.Header().Set("Link", `<`+next.String()+`>; rel="next"`)
		}
	case strings.HasPrefix(r.URL.Path, "/api/models/"):
		file = filepath.Join(apiDir, "model", strings.ReplaceAll(strings.TrimPrefix(r.URL.Path, "/api/models/"), "/", "--"))
	default:
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(file + ".json")
	if err != nil {
		http.Error(w, `{"error":"Repository not found"}`, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

func testClient(url string) *Client {
	c := NewClient(url, "")
	c.Backoff = time.Millisecond
	c.HTTP.Timeout = 5 * time.Second
	return c
}

func TestWalk(t *testing.T) {
	h := &recordedHub{t: t, token: "hf_test"}
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := testClient(srv.URL + "/")
	c.Token = "hf_test"
	var progress bytes.Buffer
	c.Progress = &progress
	b := NewBuilder()
	if err := c.Walk(context.Background(), b, []string{"https://huggingface.co/acme-ai/Acme-7B-Instruct"}, 2); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	load(t, d)
	want := []string{
		"acme-ai/Acme-7B -> acme-ai/Acme-7B-Instruct finetune",               // up to the root
		"acme-ai/Acme-7B-Instruct -> awqfolk/Acme-7B-Instruct-AWQ quantized", // children, page 1
		"acme-ai/Acme-7B-Instruct -> chatfolk/Acme-7B-Chat finetune",         // children, page 2
		"chatfolk/Acme-7B-Chat -> loralab/acme-7b-chat-sql-lora adapter",     // depth 2
		"acme-ai/Acme-7B-Instruct -> mergers/Acme-Hermes-7B-slerp merge",
		"nousfolk/Hermes-7B -> mergers/Acme-Hermes-7B-slerp merge", // placeholder
		"acme-ai/Acme-7B-Instruct -> quantfolk/Acme-7B-Instruct-GGUF quantized",
	}
	if got := edgeList(d); !slices.Equal(got, want) {
		t.Errorf("edges:\n got %q\nwant %q", got, want)
	}
	if m := model(t, d, "nousfolk/Hermes-7B"); !m.Placeholder {
		t.Errorf("Hermes-7B is not a placeholder: %+v", m)
	}
	if m := model(t, d, "acme-ai/Acme-7B"); m.Date != "2024-03-01" || m.License != "apache-2.0" {
		t.Errorf("root = %+v", m)
	}
	if len(d.Problems) > 0 {
		t.Errorf("problems: %v", d.Problems)
	}
	if !strings.Contains(progress.String(), "models fetched from "+srv.URL) {
		t.Errorf("progress: %q", progress.String())
	}
	// The walk stops at depth 2: the adapter's children are not asked for.
	for _, p := range h.paths {
		if strings.Contains(p, "acme-7b-chat-sql-lora") {
			t.Errorf("asked beyond depth 2: %s", p)
		}
	}
}

func TestWalkDepthZero(t *testing.T) {
	srv := httptest.NewServer(&recordedHub{t: t})
	defer srv.Close()
	b := NewBuilder()
	if err := testClient(srv.URL).Walk(context.Background(), b, []string{"mergers/Acme-Hermes-7B-slerp"}, 0); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	load(t, d)
	// Bases up to the roots; the base that is not on the Hub is reported and kept as a placeholder.
	if got := modelIDs(d); !slices.Equal(got, []string{"acme-ai/Acme-7B", "acme-ai/Acme-7B-Instruct", "mergers/Acme-Hermes-7B-slerp", "nousfolk/Hermes-7B"}) {
		t.Errorf("models %v", got)
	}
	problem(t, d, "nousfolk/Hermes-7B", "not found on the Hub")
}

func TestWalkRetries(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	h := &recordedHub{t: t, fail: func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		calls[r.URL.Path]++
		switch n := calls[r.URL.Path]; {
		case r.URL.Path == "/api/models/acme-ai/Acme-7B-Instruct" && n <= 2:
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return true
		case r.URL.Path == "/api/models/acme-ai/Acme-7B" && n == 1:
			http.Error(w, "oops", http.StatusBadGateway)
			return true
		}
		return false
	}}
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := testClient(srv.URL)
	var progress bytes.Buffer
	c.Progress = &progress
	b := NewBuilder()
	if err := c.Walk(context.Background(), b, []string{"acme-ai/Acme-7B-Instruct"}, 0); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	if got := edgeList(d); !slices.Equal(got, []string{"acme-ai/Acme-7B -> acme-ai/Acme-7B-Instruct finetune"}) {
		t.Errorf("edges %v", got)
	}
	if calls["/api/models/acme-ai/Acme-7B-Instruct"] != 3 || calls["/api/models/acme-ai/Acme-7B"] != 2 {
		t.Errorf("calls %v", calls)
	}
	if n := strings.Count(progress.String(), "retrying"); n != 3 {
		t.Errorf("%d retry lines in %q", n, progress.String())
	}
}

func TestWalkGivesUp(t *testing.T) {
	calls := 0
	var mu sync.Mutex
	srv := httptest.NewServer(&recordedHub{t: t, fail: func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		calls++
		mu.Unlock()
		http.Error(w, "down", http.StatusServiceUnavailable)
		return true
	}})
	defer srv.Close()
	c := testClient(srv.URL)
	c.Retries = 2
	b := NewBuilder()
	err := c.Walk(context.Background(), b, []string{"acme-ai/Acme-7B"}, 0)
	if err == nil || !strings.Contains(err.Error(), "no model could be fetched") {
		t.Errorf("err = %v", err)
	}
	if calls != 3 {
		t.Errorf("%d calls, want 1 + 2 retries", calls)
	}
	problem(t, b.Dataset(), "HTTP 503")
}

func TestWalkNoRetryOnDenied(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(&recordedHub{t: t, token: "right", fail: func(http.ResponseWriter, *http.Request) bool { calls++; return false }})
	defer srv.Close()
	c := testClient(srv.URL)
	c.Token = "wrong"
	b := NewBuilder()
	if err := c.Walk(context.Background(), b, []string{"acme-ai/Acme-7B"}, 0); err == nil {
		t.Error("no error")
	}
	problem(t, b.Dataset(), "access denied (401)", "HF_TOKEN")
}

func TestWalkBounds(t *testing.T) {
	big := strings.Repeat(" ", 2048)
	srv := httptest.NewServer(&recordedHub{t: t, fail: func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/api/models/big/model":
			w.Write([]byte(`{"id":"big/model","x":"` + big + `"}`))
			return true
		case "/api/models/slow/model":
			time.Sleep(300 * time.Millisecond)
		case "/api/models/notjson/model":
			w.Write([]byte("<html>"))
			return true
		}
		return false
	}})
	defer srv.Close()
	c := testClient(srv.URL)
	c.MaxResponse = 1024
	c.Retries = 1
	c.HTTP.Timeout = 50 * time.Millisecond
	b := NewBuilder()
	c.Walk(context.Background(), b, []string{"big/model", "slow/model", "notjson/model"}, 0)
	d := b.Dataset()
	problem(t, d, "big/model", "response too large")
	problem(t, d, "slow/model", "Timeout")
	problem(t, d, "notjson/model", "not JSON")
}

func TestNextLink(t *testing.T) {
	from := "https://huggingface.co/api/models?filter=x"
	cases := map[string]string{
		`<https://huggingface.co/api/models?cursor=abc>; rel="next"`: "https://huggingface.co/api/models?cursor=abc",
		`</api/models?cursor=abc>; rel="next"`:                       "https://huggingface.co/api/models?cursor=abc",
		`<https://evil.example/api/models?cursor=abc>; rel="next"`:   "",
		`<https://huggingface.co/x>; rel="prev"`:                     "",
		``:                                                           "",
	}
	for h, want := range cases {
		if got := nextLink(h, from); got != want {
			t.Errorf("nextLink(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestWalkCancelled(t *testing.T) {
	srv := httptest.NewServer(&recordedHub{t: t})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := testClient(srv.URL).Walk(ctx, NewBuilder(), []string{"acme-ai/Acme-7B"}, 1); err == nil {
		t.Error("no error from a cancelled walk")
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runOK runs lineage with args and fails the test unless it exits 0.
func runOK(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	if code := run(args, &o, &e); code != 0 {
		t.Fatalf("lineage %s: exit %d\n%s", strings.Join(args, " "), code, e.String())
	}
	return o.String(), e.String()
}

// The imported dataset passes validate and answers ancestry: a GGUF quant
// reaches its base through the fine-tune, with the right relations.
func TestImportThenQuery(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	out := filepath.Join(t.TempDir(), "hf")
	runOK(t, "import", "hf", "../../testdata/hub/cards", "../../testdata/hub/api.jsonl", "--out", out)
	if o, _ := runOK(t, "--data", out, "validate"); !strings.HasPrefix(o, "ok: 14 models, 11 edges") {
		t.Errorf("validate: %q", o)
	}
	o, _ := runOK(t, "--data", out, "ancestors", "quantfolk/Acme-7B-Instruct-GGUF", "-f", "csv")
	for _, want := range []string{"acme-ai/Acme-7B-Instruct", "quantized", "acme-ai/Acme-7B", "finetune"} {
		if !strings.Contains(o, want) {
			t.Errorf("ancestors lack %q:\n%s", want, o)
		}
	}
	o, _ = runOK(t, "--data", out, "show", "acme-ai/Acme-7B-Coder")
	if !strings.Contains(o, "acme-community-license") {
		t.Errorf("show lacks the licence name:\n%s", o)
	}
	// No temporary file is left beside the dataset.
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 {
		t.Errorf("--out holds %v", entries)
	}
}

func TestImportForce(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "nodes.csv"), []byte("old"), 0o644)
	var o, e bytes.Buffer
	if code := run([]string{"import", "hf", "../../testdata/hub/api.jsonl", "--out", out}, &o, &e); code != 1 {
		t.Fatalf("exit %d without --force into a non-empty directory", code)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "nodes.csv")); string(data) != "old" {
		t.Fatal("nodes.csv replaced without --force")
	}
	runOK(t, "import", "hf", "../../testdata/hub/api.jsonl", "--out", out, "--force")
	if data, _ := os.ReadFile(filepath.Join(out, "nodes.csv")); !strings.HasPrefix(string(data), "id,name,org,date,url,source,license,license_url") {
		t.Errorf("nodes.csv = %.80q", data)
	}
	runOK(t, "--data", out, "validate")
}

// --hub walks the Hub API at HF_ENDPOINT with HF_TOKEN; here a server answering
// with recorded responses.
func TestImportHub(t *testing.T) {
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		dir := "../../testdata/hub/api"
		var file string
		if r.URL.Path == "/api/models" {
			id := strings.TrimPrefix(r.URL.Query().Get("filter"), "base_model:")
			file = filepath.Join(dir, "children", strings.ReplaceAll(id, "/", "--")+".json")
		} else {
			file = filepath.Join(dir, "model", strings.ReplaceAll(strings.TrimPrefix(r.URL.Path, "/api/models/"), "/", "--")+".json")
		}
		data, err := os.ReadFile(file)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	defer srv.Close()
	t.Setenv("HF_ENDPOINT", srv.URL)
	t.Setenv("HF_TOKEN", "hf_secret")
	out := filepath.Join(t.TempDir(), "hub")
	_, e := runOK(t, "import", "hf", "--hub", "acme-ai/Acme-7B-Instruct", "--depth", "1", "--out", out)
	if !strings.Contains(e, "models fetched from "+srv.URL) {
		t.Errorf("stderr:\n%s", e)
	}
	for _, a := range auth {
		if a != "Bearer hf_secret" {
			t.Fatalf("Authorization %q", a)
		}
	}
	o, _ := runOK(t, "--data", out, "descendants", "acme-ai/Acme-7B-Instruct", "-f", "csv")
	for _, want := range []string{"quantfolk/Acme-7B-Instruct-GGUF", "awqfolk/Acme-7B-Instruct-AWQ", "mergers/Acme-Hermes-7B-slerp"} {
		if !strings.Contains(o, want) {
			t.Errorf("descendants lack %s:\n%s", want, o)
		}
	}
	runOK(t, "--data", out, "validate")
}

func TestImportHubBadID(t *testing.T) {
	var o, e bytes.Buffer
	if code := run([]string{"import", "hf", "--hub", "/etc/passwd", "--out", t.TempDir()}, &o, &e); code != 2 {
		t.Errorf("exit %d: %s", code, e.String())
	}
}

// An interrupted write leaves the old file in place and no temporary file.
func TestWriteStreamAtomicInterrupted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nodes.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	err := writeStreamAtomic(ctx, path, func(w io.Writer) error {
		if _, err := w.Write([]byte("new part")); err != nil {
			return err
		}
		cancel() // the signal arrives mid-write
		_, err := w.Write([]byte("rest"))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("err = %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("nodes.csv = %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

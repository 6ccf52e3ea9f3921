package web

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/graph"
)

// fanOut is a base model with n children.
func fanOut(t *testing.T, n int) *graph.Lineage {
	t.Helper()
	dir := t.TempDir()
	var nodes, edges strings.Builder
	nodes.WriteString("id,name,aliases,org,date,params,arch,stage,access,description,url,source\n")
	nodes.WriteString("base,Base,,Acme AI,2021-03,7B,decoder-only,base,open,,,https://example.org/s\n")
	edges.WriteString("from,to,relation,note,source\n")
	for i := range n {
		fmt.Fprintf(&nodes, "c%03d,Child %03d,,Acme AI,2022-01,7B,decoder-only,instruction-tuned,open,,,https://example.org/s\n", i, i)
		fmt.Fprintf(&edges, "base,c%03d,instruction-tune,,https://example.org/s\n", i)
	}
	np, ep := filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	os.WriteFile(np, []byte(nodes.String()), 0o644)
	os.WriteFile(ep, []byte(edges.String()), 0o644)
	l, err := graph.LoadFilesWith(np, ep, graph.FileOptions{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

type pagedBody struct {
	Total, Limit, Offset int
	Models               []Hop
}

// TestListsArePaged: every list answer has limit (bounded), offset and total,
// and a card's child list is capped.
func TestListsArePaged(t *testing.T) {
	s := New(fanOut(t, 250), Options{Render: fakeRender})
	b := decode[pagedBody](t, get(t, s, "GET", "/api/models/base/descendants"), 200)
	if b.Total != 250 || b.Limit != defaultLimit || b.Offset != 0 || len(b.Models) != 250 {
		t.Errorf("descendants: total %d limit %d offset %d, %d models", b.Total, b.Limit, b.Offset, len(b.Models))
	}
	all := ids(b.Models, hopID)
	b = decode[pagedBody](t, get(t, s, "GET", "/api/models/base/descendants?limit=10&offset=245"), 200)
	if b.Total != 250 || !slices.Equal(ids(b.Models, hopID), all[245:]) {
		t.Errorf("descendants page 245+10: total %d, %v, want %v", b.Total, ids(b.Models, hopID), all[245:])
	}
	b = decode[pagedBody](t, get(t, s, "GET", "/api/models/c001/ancestors?offset=5"), 200)
	if b.Total != 1 || b.Models == nil || len(b.Models) != 0 {
		t.Errorf("ancestors past the end: %+v, want total 1 and []", b)
	}
	m := decode[pagedBody](t, get(t, s, "GET", "/api/models?limit=3&offset=1"), 200)
	if m.Total != 251 || len(m.Models) != 3 || m.Models[0].ID != "c000" {
		t.Errorf("models page: %+v", m)
	}
	for _, q := range []string{"?limit=0", fmt.Sprintf("?limit=%d", maxLimit+1), "?offset=-1", "?offset=x"} {
		decode[errBody](t, get(t, s, "GET", "/api/models/base/descendants"+q), 400)
		decode[errBody](t, get(t, s, "GET", "/api/models"+q), 400)
	}
	c := decode[struct {
		Children      []Edge `json:"children"`
		ChildrenTotal int    `json:"children_total"`
		ParentsTotal  int    `json:"parents_total"`
	}](t, get(t, s, "GET", "/api/models/base"), 200)
	if len(c.Children) != maxCardEdges || c.ChildrenTotal != 250 || c.ParentsTotal != 0 {
		t.Errorf("card: %d children, children_total %d; want %d and 250", len(c.Children), c.ChildrenTotal, maxCardEdges)
	}
}

// TestUnknownParameters: every endpoint refuses parameters it does not take,
// and parameters given twice.
func TestUnknownParameters(t *testing.T) {
	s := New(mini(t), Options{Render: fakeRender})
	for _, target := range []string{
		"/api/models?colour=red",
		"/api/models/root?depth=1",
		"/api/models/Chatty?x=1",
		"/api/models/root/ancestors?colour=red",
		"/api/models/root/descendants?limit=1&limit=2",
		"/api/path?from=root&to=root-chat&depth=2",
		"/api/render?models=root&format=svg",
		"/api/render?models=root&f=svg&f=png",
	} {
		if e := decode[errBody](t, get(t, s, "GET", target), 400); !strings.Contains(e.Error, "parameter") {
			t.Errorf("%s: error %q does not name the parameter", target, e.Error)
		}
	}
}

// TestPathReversed: as the CLI does, a path asked for upside down is given the
// right way up, with a note.
func TestPathReversed(t *testing.T) {
	s := New(mini(t), Options{Render: fakeRender})
	b := decode[struct {
		From, To Model
		Path     []Edge
		Reversed bool
		Note     string
	}](t, get(t, s, "GET", "/api/path?from=root-chat&to=root"), 200)
	if !b.Reversed || b.From.ID != "root" || b.To.ID != "root-chat" || len(b.Path) != 2 || !strings.Contains(b.Note, "not the other way round") {
		t.Errorf("reversed path: %+v", b)
	}
}

// TestNotFoundSuggests: an unknown name says where to look, in every endpoint.
func TestNotFoundSuggests(t *testing.T) {
	s := New(mini(t), Options{Render: fakeRender})
	for _, target := range []string{"/api/render?models=nope", "/api/models/nope", "/api/path?from=nope&to=root"} {
		if e := decode[errBody](t, get(t, s, "GET", target), 404); !strings.Contains(e.Error, "/api/models?q=nope") {
			t.Errorf("%s: error %q suggests nothing", target, e.Error)
		}
	}
	if e := decode[errBody](t, get(t, s, "GET", "/api/render?models=roots"), 404); !strings.Contains(e.Error, "did you mean root") {
		t.Errorf("a near miss: error %q, want the close names", e.Error)
	}
}

// TestLoopbackOnlyChecksHost: a loopback server refuses a Host that is not a
// loopback name or address (DNS rebinding); others are not checked.
func TestLoopbackOnlyChecksHost(t *testing.T) {
	s := New(mini(t), Options{Render: fakeRender, LoopbackOnly: true})
	open := New(mini(t), Options{Render: fakeRender})
	for host, ok := range map[string]bool{
		"localhost:8080": true, "127.0.0.1:8080": true, "127.0.0.2": true, "[::1]:8080": true,
		"LOCALHOST.:8080": true, "app.localhost:8080": true,
		"evil.example:8080": false, "evil.example": false, "10.0.0.5:8080": false, "localhost.evil.example": false, "": false,
	} {
		req := httptest.NewRequest("GET", "/api/models/root", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if got := rec.Code == 200; got != ok || !ok && rec.Code != 403 {
			t.Errorf("Host %q: status %d, want ok=%v (403 when refused)", host, rec.Code, ok)
		}
		rec = httptest.NewRecorder()
		open.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("Host %q without LoopbackOnly: status %d", host, rec.Code)
		}
	}
}

// TestPageBuildOnceWithDeadlines: while one page build is stuck, requests give
// up at their own deadlines instead of queueing behind it; a failed build is
// given to every request for PageRetry, not retried by each.
func TestPageBuildOnceWithDeadlines(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	stuck := func(ctx context.Context, dot []byte, format string) ([]byte, error) {
		calls.Add(1)
		<-release
		return nil, errors.New("the engine broke")
	}
	s := New(mini(t), Options{Render: stuck, RenderTimeout: time.Hour})
	var wg sync.WaitGroup
	codes := make(chan int, 3)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
			codes <- rec.Code
		}()
	}
	wg.Wait() // returns while the build is still stuck: nobody waited for it
	close(codes)
	for code := range codes {
		if code != 503 {
			t.Errorf("a request waiting on the stuck build: %d, want 503", code)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d builds ran at once, want 1", n)
	}
	close(release)
	if err := s.Warm(context.Background()); err == nil || !strings.Contains(err.Error(), "the engine broke") {
		t.Fatalf("Warm after the failed build: %v", err)
	}
	for range 3 {
		decode[errBody](t, get(t, s, "GET", "/"), 500)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the failed build ran %d times, want once (remembered)", n)
	}

	// Once PageRetry has passed, the next request builds again.
	s = New(mini(t), Options{Render: func(ctx context.Context, dot []byte, format string) ([]byte, error) {
		calls.Add(1)
		return nil, errors.New("the engine broke")
	}, PageRetry: time.Nanosecond})
	calls.Store(0)
	for range 2 {
		decode[errBody](t, get(t, s, "GET", "/"), 500)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("with PageRetry passed: %d builds, want 2", n)
	}
}

// TestWaitWaitsForRenders: Wait returns only once the renders under way have
// ended, so that serve does not exit before its engines are killed.
func TestWaitWaitsForRenders(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	started, ended := make(chan struct{}), make(chan struct{})
	var endedFlag atomic.Bool
	slow := func(rctx context.Context, dot []byte, format string) ([]byte, error) {
		close(started)
		<-rctx.Done()
		endedFlag.Store(true)
		close(ended)
		return nil, rctx.Err()
	}
	s := New(mini(t), Options{Render: slow, Context: ctx, RenderTimeout: time.Hour})
	go s.Warm(context.Background())
	<-started
	cancel()
	s.Wait()
	if !endedFlag.Load() {
		t.Error("Wait returned while a render was still running")
	}
	<-ended
}

// Package web serves the lineage explorer and a read-only JSON API over a loaded
// dataset, for 'lineage serve'.
//
// The page at / is the explorer that 'lineage render -f html' writes (see
// render.HTML): for a dataset of at most Options.WholeChartMax models it holds the
// whole chart; for a larger one it draws the neighbourhood of the selected model
// through /api/render, so a dataset of 100,000 models stays usable.
//
// The API answers GET and HEAD only (405 otherwise); every answer is JSON except
// the charts of /api/render, and every error is {"error": "..."} with its status:
//
//	GET /api/models                    models, filtered: org, stage, access, arch,
//	                                   since, until (YYYY[-MM[-DD]]), q (a name or
//	                                   alias, or part of one); paged
//	GET /api/models/{id}               one model's card: the model, its parents
//	                                   and its children with their relations (at
//	                                   most 200 of each; parents_total and
//	                                   children_total count them all)
//	GET /api/models/{id}/ancestors     the models it derives from, nearest first:
//	GET /api/models/{id}/descendants   depth (0: no limit), relations (lineage,
//	                                   influence, all or names; default lineage);
//	                                   paged
//	GET /api/models/{id}/license       what reaches the model through its lineage:
//	                                   its licences, those met along the way and
//	                                   their terms (Options.License; 404 without)
//	GET /api/path?from=A&to=B          a shortest chain of relations from A down to
//	                                   B (relations as above); "path": [] if none.
//	                                   When only B leads down to A, the path from
//	                                   B to A, with "reversed": true and a note
//	GET /api/render?models=A,B&f=svg   a chart of the models and the relations
//	                                   between them: f is svg (the default), png,
//	                                   dot, mermaid or json; at most
//	                                   Options.MaxRenderModels models
//
// A paged answer takes limit (default 500, at most 5000) and offset (default 0)
// and says total, limit and offset beside its "models".
//
// A model is named by its id or, failing that, by its name or an alias as the
// CLI accepts them; an unknown one gives 404 (with the closest names), an
// ambiguous one 409. Bad parameters, unknown or repeated ones, give 400. With
// Options.LoopbackOnly, a request whose Host is not a loopback name or address
// gets 403, so that a web page cannot reach the server through a DNS name
// rebound to 127.0.0.1. Package web imports only graph and render: the caller
// supplies the chart engine (Options.Render).
package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/render"
)

// RenderFunc draws a DOT chart as an image, format "svg" or "png". It must stop
// when ctx is done.
type RenderFunc func(ctx context.Context, dot []byte, format string) ([]byte, error)

// Options configure a Server. Zero values take the defaults given.
type Options struct {
	// Render draws charts; without it the page and /api/render answer 503 for
	// images (dot, mermaid and json still work).
	Render RenderFunc
	// Title heads the page (default "lineage explorer").
	Title string
	// WholeChartMax is the largest dataset the page draws whole (default 600);
	// beyond it the page draws the neighbourhood of the selected model.
	WholeChartMax int
	// MaxRenderModels caps the models of one /api/render chart (default 300).
	MaxRenderModels int
	// RenderTimeout bounds one render (default 30s).
	RenderTimeout time.Duration
	// Renders is how many renders may run at once (default 2); more wait for a
	// free slot until their timeout.
	Renders int
	// Context bounds the page build, which no single request owns: cancelling
	// it (the server stopping) stops the build (default: never cancelled).
	Context context.Context
	// PageRetry is how long a failed page build is remembered and given to
	// every request before one tries again (default 10s).
	PageRetry time.Duration
	// LoopbackOnly refuses requests whose Host header is not a loopback name
	// or address (localhost, 127.0.0.1, [::1]): set it when the server listens
	// on a loopback address only.
	LoopbackOnly bool
	// License answers /api/models/{id}/license with a JSON-encodable report of
	// what reaches model m through its lineage in l; the caller supplies it
	// (package license). Without it that endpoint answers 404.
	License func(l *graph.Lineage, m *graph.Model) any
}

// Server is the explorer's http.Handler. It is safe for concurrent use.
type Server struct {
	l     *graph.Lineage
	opt   Options
	mux   *http.ServeMux
	slots chan struct{}
	// renders counts the renders under way, for Wait; once stopped (by Wait)
	// no new render starts.
	renders  sync.WaitGroup
	renderMu sync.Mutex
	stopped  bool

	pageMu    sync.Mutex
	page      []byte        // the explorer page, once built
	pageErr   error         // the last build's failure
	pageErrAt time.Time     // when it failed
	pageDone  chan struct{} // closed when the build under way ends; nil if none
}

// Limits of the API's answers.
const (
	defaultLimit = 500
	maxLimit     = 5000
	maxCardEdges = 200     // parents, and children, in a model's card
	maxQuery     = 8 << 10 // bytes of query string
	maxDepth     = 1000
)

// New returns a Server for the lineage l.
func New(l *graph.Lineage, opt Options) *Server {
	if opt.Title == "" {
		opt.Title = "lineage explorer"
	}
	opt.WholeChartMax = cmp.Or(opt.WholeChartMax, 600)
	opt.MaxRenderModels = cmp.Or(opt.MaxRenderModels, 300)
	opt.RenderTimeout = cmp.Or(opt.RenderTimeout, 30*time.Second)
	opt.Renders = cmp.Or(opt.Renders, 2)
	opt.PageRetry = cmp.Or(opt.PageRetry, 10*time.Second)
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	s := &Server{l: l, opt: opt, mux: http.NewServeMux(), slots: make(chan struct{}, opt.Renders)}
	s.mux.HandleFunc("/{$}", s.handlePage)
	s.mux.HandleFunc("/index.html", s.handlePage)
	s.mux.HandleFunc("/api/models", s.handleModels)
	s.mux.HandleFunc("/api/models/", s.handleModel)
	s.mux.HandleFunc("/api/path", s.handlePath)
	s.mux.HandleFunc("/api/render", s.handleRender)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API endpoint %q: see /api/models, /api/path, /api/render", r.URL.Path)
	})
	return s
}

// Wait waits for the renders under way to end. After cancelling
// Options.Context and shutting the HTTP server down, it makes sure no chart
// engine outlives the server.
// Renders asked for afterwards fail.
func (s *Server) Wait() {
	s.renderMu.Lock()
	s.stopped = true
	s.renderMu.Unlock()
	s.renders.Wait()
}

// errStopped means the server is stopping.
var errStopped = errors.New("the server is stopping")

// Large reports whether the page draws neighbourhoods instead of the whole chart.
func (s *Server) Large() bool { return s.l.Len() > s.opt.WholeChartMax }

// ServeHTTP answers GET and HEAD requests; other methods get 405.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-cache")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method %s not allowed: the explorer is read-only (GET, HEAD)", r.Method)
		return
	}
	if s.opt.LoopbackOnly && !loopbackHost(r.Host) {
		writeError(w, http.StatusForbidden, "host %q refused: this server answers only to localhost, 127.0.0.1 or [::1]", r.Host)
		return
	}
	if len(r.URL.RawQuery) > maxQuery {
		writeError(w, http.StatusRequestURITooLong, "query longer than %d bytes", maxQuery)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether the Host header hostport names this machine's
// loopback interface: localhost (or a name under .localhost, which resolvers
// keep on the loopback) or a loopback IP address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Warm builds the page ahead of the first request, so it opens at once.
func (s *Server) Warm(ctx context.Context) error {
	_, err := s.buildPage(ctx)
	return err
}

// errPageBusy means the page build outlasted the request's own deadline.
var errPageBusy = errors.New("the explorer page is still being built; try again shortly")

// buildPage returns the explorer page. One build runs at a time, in the
// server's context with the render timeout as its deadline, whoever asked for
// it; each caller waits for it only until its own ctx is done. A failure is
// given to every caller for Options.PageRetry before a new build is tried.
func (s *Server) buildPage(ctx context.Context) ([]byte, error) {
	s.pageMu.Lock()
	switch {
	case s.page != nil:
		s.pageMu.Unlock()
		return s.page, nil
	case s.pageErr != nil && time.Since(s.pageErrAt) < s.opt.PageRetry:
		err := s.pageErr
		s.pageMu.Unlock()
		return nil, err
	case s.pageDone == nil:
		s.pageDone = make(chan struct{})
		go s.runPageBuild(s.pageDone)
	}
	done := s.pageDone
	s.pageMu.Unlock()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, errPageBusy
	}
	s.pageMu.Lock()
	defer s.pageMu.Unlock()
	if s.page != nil {
		return s.page, nil
	}
	return nil, s.pageErr
}

// runPageBuild builds the page and records the outcome, then closes done.
func (s *Server) runPageBuild(done chan struct{}) {
	ctx, cancel := context.WithTimeout(s.opt.Context, s.opt.RenderTimeout)
	defer cancel()
	page, err := s.makePage(ctx)
	s.pageMu.Lock()
	defer s.pageMu.Unlock()
	s.page, s.pageErr, s.pageErrAt = page, err, time.Now()
	s.pageDone = nil
	close(done)
}

// makePage draws the chart, if the page holds it, and writes the page around it.
func (s *Server) makePage(ctx context.Context) ([]byte, error) {
	hopt := render.HTMLOptions{Title: s.opt.Title, API: true, Large: s.Large(), MaxModels: s.opt.MaxRenderModels}
	var svg []byte
	if !hopt.Large {
		var err error
		if svg, err = s.image(ctx, s.l, "svg", render.Options{}); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := render.HTML(&b, s.l, svg, hopt); err != nil {
		return nil, fmt.Errorf("building the explorer page: %w", err)
	}
	return b.Bytes(), nil
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.RenderTimeout)
	defer cancel()
	page, err := s.buildPage(ctx)
	if err != nil {
		writeError(w, statusOf(err), "%v", err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", render.ExplorerCSP)
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(page))
}

// errNoEngine means no chart engine was configured.
var errNoEngine = errors.New("no chart engine: SVG and PNG cannot be drawn (install lineage-render next to lineage)")

// errBusy means every render slot stayed taken until the request's deadline.
var errBusy = errors.New("the chart engine is busy; try again shortly")

// image draws l as an svg or png, one of at most Options.Renders at a time, within Options.RenderTimeout.
func (s *Server) image(ctx context.Context, l *graph.Lineage, format string, opt render.Options) ([]byte, error) {
	if s.opt.Render == nil {
		return nil, errNoEngine
	}
	var dot bytes.Buffer
	if err := render.DOT(&dot, l, opt); err != nil {
		return nil, fmt.Errorf("drawing the chart: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.opt.RenderTimeout)
	defer cancel()
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		return nil, errBusy
	}
	s.renderMu.Lock()
	if s.stopped {
		s.renderMu.Unlock()
		return nil, errStopped
	}
	s.renders.Add(1)
	s.renderMu.Unlock()
	img, err := s.opt.Render(ctx, dot.Bytes(), format)
	s.renders.Done()
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("drawing the chart took longer than %v: %w", s.opt.RenderTimeout, context.DeadlineExceeded)
		}
		return nil, fmt.Errorf("drawing the chart: %w", err)
	}
	if len(img) == 0 {
		return nil, errors.New("drawing the chart: the engine returned nothing")
	}
	return img, nil
}

// statusOf maps an error from image or buildPage to an HTTP status.
func statusOf(err error) int {
	switch {
	case errors.Is(err, errNoEngine), errors.Is(err, errBusy), errors.Is(err, errPageBusy), errors.Is(err, context.Canceled),
		errors.Is(err, errStopped):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

// ---- JSON ----

// Model is a model as the API gives it: the same record as every JSON output.
type Model = render.ModelRecord

// Edge is a relation as the API gives it.
type Edge = render.EdgeRecord

// Hop is a model found by an ancestry query, with its distance and the relations
// that link it one step nearer the queried model.
type Hop struct {
	Model
	Depth int    `json:"depth"`
	Via   []Edge `json:"via"`
}

func toModel(m *graph.Model) Model { return render.NewModelRecord(m) }

func toEdges(es []graph.Edge) []Edge { return render.NewEdgeRecords(es) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the answer: %v", err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	b, _ := json.Marshal(map[string]string{"error": fmt.Sprintf(format, args...)})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	w.Header().Del("Content-Length")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// ---- handlers ----

// resolve finds the model a request names: an exact id, else a name or alias.
// It writes the 404 or 409 itself and returns nil then.
func (s *Server) resolve(w http.ResponseWriter, name string) *graph.Model {
	if m, ok := s.l.Model(name); ok {
		return m
	}
	if strings.TrimSpace(name) == "" {
		writeError(w, http.StatusBadRequest, "empty model name")
		return nil
	}
	m, err := s.l.Resolve(name)
	var amb *graph.AmbiguousError
	switch {
	case err == nil:
		return m
	case errors.As(err, &amb):
		writeError(w, http.StatusConflict, "%v", err)
	default:
		var nf *graph.NotFoundError
		if errors.As(err, &nf) && len(nf.Suggestions) == 0 {
			writeError(w, http.StatusNotFound, "%v; /api/models lists every model, /api/models?q=%s searches the names", err, url.QueryEscape(name))
			return nil
		}
		writeError(w, http.StatusNotFound, "%v", err)
	}
	return nil
}

// params checks the request's query parameters: only the allowed ones, each
// at most once. It writes the 400 and returns false otherwise.
func params(w http.ResponseWriter, r *http.Request, allowed ...string) (url.Values, bool) {
	v := r.URL.Query()
	for _, key := range slices.Sorted(maps.Keys(v)) {
		switch {
		case !slices.Contains(allowed, key):
			want := "no parameters"
			if len(allowed) > 0 {
				want = "parameters " + strings.Join(allowed, ", ")
			}
			writeError(w, http.StatusBadRequest, "unknown parameter %q: %s takes %s", key, r.URL.Path, want)
			return nil, false
		case len(v[key]) > 1:
			writeError(w, http.StatusBadRequest, "parameter %q given %d times; give it once", key, len(v[key]))
			return nil, false
		}
	}
	return v, true
}

// page is the paging of a list answer: limit and offset, checked.
type page struct{ limit, offset int }

// paging reads limit and offset; it writes the 400.
func paging(w http.ResponseWriter, v url.Values) (page, bool) {
	limit, err := intParam(v.Get("limit"), defaultLimit, 1, maxLimit)
	if err != nil {
		writeError(w, http.StatusBadRequest, "limit: %v", err)
		return page{}, false
	}
	offset, err := intParam(v.Get("offset"), 0, 0, math.MaxInt32)
	if err != nil {
		writeError(w, http.StatusBadRequest, "offset: %v", err)
		return page{}, false
	}
	return page{limit, offset}, true
}

// bounds are the indexes of the page within a list of n.
func (p page) bounds(n int) (lo, hi int) {
	lo = min(p.offset, n)
	return lo, min(n, lo+p.limit)
}

// Page is how a paged answer says which part of the list it holds.
type Page struct {
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func (s *Server) handleModels(w http.ResponseWriter, r *http.Request) {
	v, ok := params(w, r, "org", "stage", "access", "arch", "since", "until", "q", "limit", "offset")
	if !ok {
		return
	}
	pg, ok := paging(w, v)
	if !ok {
		return
	}
	var since, until graph.Date
	for _, p := range []struct {
		name string
		dst  *graph.Date
	}{{"since", &since}, {"until", &until}} {
		var err error
		if *p.dst, err = graph.ParseDate(v.Get(p.name)); err != nil {
			writeError(w, http.StatusBadRequest, "%s: %v", p.name, err)
			return
		}
	}
	filter := graph.Filter{Org: v.Get("org"), Stage: v.Get("stage"), Access: v.Get("access"), Arch: v.Get("arch"),
		Since: since, Until: until}
	if err := s.l.CheckFilter(filter); err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	query := graph.NormalizeName(v.Get("q"))
	type match struct {
		m    *graph.Model
		rank int // for q: see graph.Model.NameRank
	}
	var ms []match
	for _, m := range s.l.List(filter) {
		rank := 0
		if v.Has("q") {
			if rank = m.NameRank(query); rank < 0 {
				continue
			}
		}
		ms = append(ms, match{m, rank})
	}
	// List gives date order; a search puts better name matches first.
	slices.SortStableFunc(ms, func(a, b match) int { return cmp.Compare(a.rank, b.rank) })
	out := struct {
		Page
		Models []Model `json:"models"`
	}{Page: Page{Total: len(ms), Limit: pg.limit, Offset: pg.offset}, Models: []Model{}}
	lo, hi := pg.bounds(len(ms))
	for _, x := range ms[lo:hi] {
		out.Models = append(out.Models, toModel(x.m))
	}
	writeJSON(w, http.StatusOK, out)
}

func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not a whole number from %d to %d", s, lo, hi)
	}
	return n, nil
}

// handleModel serves /api/models/{id}, /api/models/{id}/ancestors and
// /api/models/{id}/descendants. Ids may hold slashes (Hugging Face repo ids), so
// the path is split by hand: the whole rest is tried as an id first.
func (s *Server) handleModel(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/api/models/")
	if _, ok := s.l.Model(rest); ok {
		s.card(w, r, rest)
		return
	}
	for _, kind := range []string{"ancestors", "descendants"} {
		if id, ok := strings.CutSuffix(rest, "/"+kind); ok {
			s.ancestry(w, r, id, kind == "descendants")
			return
		}
	}
	if id, ok := strings.CutSuffix(rest, "/license"); ok {
		if _, ok := params(w, r); !ok {
			return
		}
		if s.opt.License == nil {
			writeError(w, http.StatusNotFound, "this server has no licence information")
			return
		}
		if m := s.resolve(w, id); m != nil {
			writeJSON(w, http.StatusOK, s.opt.License(s.l, m))
		}
		return
	}
	if m := s.resolve(w, rest); m != nil {
		s.card(w, r, m.ID)
	}
}

// card answers a model's card; its parent and child lists stop at
// maxCardEdges ("descendants?depth=1" pages through every child).
func (s *Server) card(w http.ResponseWriter, r *http.Request, id string) {
	if _, ok := params(w, r); !ok {
		return
	}
	m, _ := s.l.Model(id)
	parents, children := s.l.Parents(id), s.l.Children(id)
	writeJSON(w, http.StatusOK, struct {
		Model         Model  `json:"model"`
		Parents       []Edge `json:"parents"`
		ParentsTotal  int    `json:"parents_total"`
		Children      []Edge `json:"children"`
		ChildrenTotal int    `json:"children_total"`
	}{toModel(m), toEdges(parents[:min(len(parents), maxCardEdges)]), len(parents),
		toEdges(children[:min(len(children), maxCardEdges)]), len(children)})
}

// relations reads the relations parameter (default lineage); it writes the 400.
func (s *Server) relations(w http.ResponseWriter, r *http.Request) (graph.RelationFilter, bool) {
	rel := r.URL.Query().Get("relations")
	if rel == "" {
		return graph.RelationFilter{}, true
	}
	f, err := s.l.ParseRelations(rel)
	if err != nil {
		writeError(w, http.StatusBadRequest, "relations: %v", err)
		return f, false
	}
	return f, true
}

func (s *Server) ancestry(w http.ResponseWriter, r *http.Request, name string, down bool) {
	v, ok := params(w, r, "depth", "relations", "limit", "offset")
	if !ok {
		return
	}
	pg, ok := paging(w, v)
	if !ok {
		return
	}
	depth, err := intParam(v.Get("depth"), 0, 0, maxDepth)
	if err != nil {
		writeError(w, http.StatusBadRequest, "depth: %v", err)
		return
	}
	f, ok := s.relations(w, r)
	if !ok {
		return
	}
	m := s.resolve(w, name)
	if m == nil {
		return
	}
	// Reach decodes no model until asked: only the requested page is read,
	// however large the answer.
	reached := s.l.Reach(m.ID, graph.QueryOptions{Depth: depth, Relations: f}, down)
	out := struct {
		Model     Model  `json:"model"`
		Relations string `json:"relations"`
		Depth     int    `json:"depth"`
		Page
		Models []Hop `json:"models"`
	}{Model: toModel(m), Relations: f.String(), Depth: depth,
		Page: Page{Total: reached.Len(), Limit: pg.limit, Offset: pg.offset}, Models: []Hop{}}
	lo, hi := pg.bounds(reached.Len())
	for k := lo; k < hi; k++ {
		h := reached.Hop(k)
		out.Models = append(out.Models, Hop{Model: toModel(h.Model), Depth: h.Depth, Via: toEdges(h.Edges)})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePath(w http.ResponseWriter, r *http.Request) {
	v, ok := params(w, r, "from", "to", "relations")
	if !ok {
		return
	}
	if v.Get("from") == "" || v.Get("to") == "" {
		writeError(w, http.StatusBadRequest, "want both from and to: /api/path?from=A&to=B")
		return
	}
	f, ok := s.relations(w, r)
	if !ok {
		return
	}
	from := s.resolve(w, v.Get("from"))
	if from == nil {
		return
	}
	to := s.resolve(w, v.Get("to"))
	if to == nil {
		return
	}
	// As the CLI does: when only to leads down to from, give that path, saying so.
	path, reversed, note := s.l.Path(from.ID, to.ID, f), false, ""
	if len(path) == 0 {
		if back := s.l.Path(to.ID, from.ID, f); len(back) > 0 {
			note = fmt.Sprintf("%s descends from %s, not the other way round; the path leads from %s to %s",
				from.Name, to.Name, to.Name, from.Name)
			path, reversed, from, to = back, true, to, from
		}
	}
	writeJSON(w, http.StatusOK, struct {
		From      Model  `json:"from"`
		To        Model  `json:"to"`
		Relations string `json:"relations"`
		Path      []Edge `json:"path"`
		Reversed  bool   `json:"reversed"`
		Note      string `json:"note,omitempty"`
	}{toModel(from), toModel(to), f.String(), toEdges(path), reversed, note})
}

// renderTypes are the formats of /api/render with their content types.
var renderTypes = map[string]string{
	"svg":     "image/svg+xml",
	"png":     "image/png",
	"dot":     "text/vnd.graphviz; charset=utf-8",
	"mermaid": "text/plain; charset=utf-8",
	"json":    "application/json; charset=utf-8",
}

func (s *Server) handleRender(w http.ResponseWriter, r *http.Request) {
	v, ok := params(w, r, "models", "f")
	if !ok {
		return
	}
	format := cmp.Or(v.Get("f"), "svg")
	ctype, ok := renderTypes[format]
	if !ok {
		writeError(w, http.StatusBadRequest, "f: unknown format %q: want svg, png, dot, mermaid or json", format)
		return
	}
	var ids []string
	for _, name := range strings.Split(v.Get("models"), ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if len(ids) >= s.opt.MaxRenderModels {
			writeError(w, http.StatusBadRequest, "models: more than %d models; draw a smaller neighbourhood", s.opt.MaxRenderModels)
			return
		}
		m := s.resolve(w, name)
		if m == nil {
			return
		}
		ids = append(ids, m.ID)
	}
	if len(ids) == 0 {
		writeError(w, http.StatusBadRequest, "models: want a comma-separated list of model ids, e.g. models=gpt-3,chatgpt")
		return
	}
	sub := s.l.Subgraph(ids)
	var out []byte
	switch format {
	case "svg", "png":
		img, err := s.image(r.Context(), sub, format, render.Options{Orgs: render.NewOrgColours(s.l)})
		if err == nil && format == "svg" {
			// The page inlines it: only the drawing, annotated (see render.CleanSVG).
			img, err = render.CleanSVG(img, sub)
		}
		if err != nil {
			writeError(w, statusOf(err), "%v", err)
			return
		}
		out = img
	default:
		wr, _ := render.Lookup(format)
		var b bytes.Buffer
		if err := wr.Write(&b, sub, render.Options{Orgs: render.NewOrgColours(s.l)}); err != nil {
			writeError(w, http.StatusInternalServerError, "%v", err)
			return
		}
		out = b.Bytes()
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(out))
}

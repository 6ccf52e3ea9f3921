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
//	                                   alias, or part of one), limit (default 500)
//	GET /api/models/{id}               one model's card: the model, its parents
//	                                   and its children with their relations
//	GET /api/models/{id}/ancestors     the models it derives from, nearest first:
//	GET /api/models/{id}/descendants   depth (0: no limit), relations (lineage,
//	                                   influence, all or names; default lineage)
//	GET /api/models/{id}/license       what reaches the model through its lineage:
//	                                   its licences, those met along the way and
//	                                   their terms (Options.License; 404 without)
//	GET /api/path?from=A&to=B          a shortest chain of relations from A down to
//	                                   B (relations as above); "path": [] if none
//	GET /api/render?models=A,B&f=svg   a chart of the models and the relations
//	                                   between them: f is svg (the default), png,
//	                                   dot, mermaid or json; at most
//	                                   Options.MaxRenderModels models
//
// A model is named by its id or, failing that, by its name or an alias as the
// CLI accepts them; an unknown one gives 404, an ambiguous one 409. Bad
// parameters give 400. Package web imports only graph and render: the caller
// supplies the chart engine (Options.Render).
package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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
	// WholeChartMax is the largest dataset the page draws whole (default 400);
	// beyond it the page draws the neighbourhood of the selected model.
	WholeChartMax int
	// MaxRenderModels caps the models of one /api/render chart (default 300).
	MaxRenderModels int
	// RenderTimeout bounds one render (default 30s).
	RenderTimeout time.Duration
	// Renders is how many renders may run at once (default 2); more wait for a
	// free slot until their timeout.
	Renders int
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

	pageMu sync.Mutex
	page   []byte // the explorer page, once built
}

// Limits of the API's answers.
const (
	defaultLimit = 500
	maxLimit     = 10000
	maxQuery     = 8 << 10 // bytes of query string
	maxDepth     = 1000
)

// New returns a Server for the lineage l.
func New(l *graph.Lineage, opt Options) *Server {
	if opt.Title == "" {
		opt.Title = "lineage explorer"
	}
	opt.WholeChartMax = cmp.Or(opt.WholeChartMax, 400)
	opt.MaxRenderModels = cmp.Or(opt.MaxRenderModels, 300)
	opt.RenderTimeout = cmp.Or(opt.RenderTimeout, 30*time.Second)
	opt.Renders = cmp.Or(opt.Renders, 2)
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
	if len(r.URL.RawQuery) > maxQuery {
		writeError(w, http.StatusRequestURITooLong, "query longer than %d bytes", maxQuery)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Warm builds the page ahead of the first request, so it opens at once.
func (s *Server) Warm(ctx context.Context) error {
	_, err := s.buildPage(ctx)
	return err
}

func (s *Server) buildPage(ctx context.Context) ([]byte, error) {
	s.pageMu.Lock()
	defer s.pageMu.Unlock()
	if s.page != nil {
		return s.page, nil
	}
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
	s.page = b.Bytes()
	return s.page, nil
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	page, err := s.buildPage(r.Context())
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
	img, err := s.opt.Render(ctx, dot.Bytes(), format)
	if err != nil {
		if ctx.Err() != nil {
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
	case errors.Is(err, errNoEngine), errors.Is(err, errBusy):
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
		writeError(w, http.StatusNotFound, "%v", err)
	}
	return nil
}

func (s *Server) handleModels(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	limit, err := intParam(v.Get("limit"), defaultLimit, 1, maxLimit)
	if err != nil {
		writeError(w, http.StatusBadRequest, "limit: %v", err)
		return
	}
	var since, until graph.Date
	for _, p := range []struct {
		name string
		dst  *graph.Date
	}{{"since", &since}, {"until", &until}} {
		if *p.dst, err = graph.ParseDate(v.Get(p.name)); err != nil {
			writeError(w, http.StatusBadRequest, "%s: %v", p.name, err)
			return
		}
	}
	for key := range v {
		switch key {
		case "org", "stage", "access", "arch", "since", "until", "q", "limit":
		default:
			writeError(w, http.StatusBadRequest, "unknown parameter %q: want org, stage, access, arch, since, until, q or limit", key)
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
		rank int // for q: 0 exact, 1 prefix, 2 substring
	}
	var ms []match
	for _, m := range s.l.List(filter) {
		rank := 0
		if v.Has("q") {
			if rank = nameRank(m, query); rank < 0 {
				continue
			}
		}
		ms = append(ms, match{m, rank})
	}
	// List gives date order; a search puts better name matches first.
	slices.SortStableFunc(ms, func(a, b match) int { return cmp.Compare(a.rank, b.rank) })
	out := struct {
		Total  int     `json:"total"`
		Models []Model `json:"models"`
	}{Total: len(ms), Models: []Model{}}
	for _, x := range ms[:min(limit, len(ms))] {
		out.Models = append(out.Models, toModel(x.m))
	}
	writeJSON(w, http.StatusOK, out)
}

// nameRank says how well the normalised query q names m: 0 an exact id, name or
// alias, 1 the start of one, 2 a part of one, -1 not at all.
func nameRank(m *graph.Model, q string) int {
	if q == "" {
		return 0
	}
	best := -1
	for _, n := range append([]string{m.ID, m.Name}, m.Aliases...) {
		n = graph.NormalizeName(n)
		r := -1
		switch {
		case n == q:
			r = 0
		case strings.HasPrefix(n, q):
			r = 1
		case strings.Contains(n, q):
			r = 2
		}
		if r >= 0 && (best < 0 || r < best) {
			best = r
		}
	}
	return best
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
		s.card(w, rest)
		return
	}
	for _, kind := range []string{"ancestors", "descendants"} {
		if id, ok := strings.CutSuffix(rest, "/"+kind); ok {
			s.ancestry(w, r, id, kind == "descendants")
			return
		}
	}
	if id, ok := strings.CutSuffix(rest, "/license"); ok {
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
		s.card(w, m.ID)
	}
}

func (s *Server) card(w http.ResponseWriter, id string) {
	m, _ := s.l.Model(id)
	writeJSON(w, http.StatusOK, struct {
		Model    Model  `json:"model"`
		Parents  []Edge `json:"parents"`
		Children []Edge `json:"children"`
	}{toModel(m), toEdges(s.l.Parents(id)), toEdges(s.l.Children(id))})
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
	depth, err := intParam(r.URL.Query().Get("depth"), 0, 0, maxDepth)
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
	opt := graph.QueryOptions{Depth: depth, Relations: f}
	hops := s.l.Ancestors(m.ID, opt)
	if down {
		hops = s.l.Descendants(m.ID, opt)
	}
	out := struct {
		Model     Model  `json:"model"`
		Relations string `json:"relations"`
		Depth     int    `json:"depth"`
		Models    []Hop  `json:"models"`
	}{Model: toModel(m), Relations: f.String(), Depth: depth, Models: []Hop{}}
	for _, h := range hops {
		out.Models = append(out.Models, Hop{Model: toModel(h.Model), Depth: h.Depth, Via: toEdges(h.Edges)})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePath(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
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
	writeJSON(w, http.StatusOK, struct {
		From      Model  `json:"from"`
		To        Model  `json:"to"`
		Relations string `json:"relations"`
		Path      []Edge `json:"path"`
	}{toModel(from), toModel(to), f.String(), toEdges(s.l.Path(from.ID, to.ID, f))})
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
	v := r.URL.Query()
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

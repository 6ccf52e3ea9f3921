package web

import (
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/graph"
)

// TestLicense: /api/models/{id}/license answers what Options.License reports for
// the resolved model, ids with slashes included; 404 for an unknown model and
// when the server has no licence information.
func TestLicense(t *testing.T) {
	l := mini(t)
	type body struct {
		Model string `json:"model"`
		Len   int    `json:"len"`
	}
	s := New(l, Options{Render: fakeRender, License: func(l *graph.Lineage, m *graph.Model) any {
		return body{Model: m.ID, Len: l.Len()}
	}})
	for path, want := range map[string]string{
		"/api/models/root-chat/license":    "root-chat",
		"/api/models/Chatty/license":       "root-chat",
		"/api/models/acme/root-q4/license": "acme/root-q4",
	} {
		b := decode[body](t, get(t, s, "GET", path), 200)
		if b.Model != want || b.Len != l.Len() {
			t.Errorf("%s: %+v, want model %s", path, b, want)
		}
	}
	if e := decode[errBody](t, get(t, s, "GET", "/api/models/gpt-5/license"), 404); !strings.Contains(e.Error, "gpt-5") {
		t.Errorf("unknown model: error %q does not name it", e.Error)
	}
	if rec := get(t, s, "POST", "/api/models/root-chat/license"); rec.Code != 405 {
		t.Errorf("POST: status %d, want 405", rec.Code)
	}
	bare := New(l, Options{Render: fakeRender})
	if e := decode[errBody](t, get(t, bare, "GET", "/api/models/root-chat/license"), 404); !strings.Contains(e.Error, "licence") {
		t.Errorf("no License: error %q", e.Error)
	}
}

package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lineage-dev/lineage/data"
	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/internal/engine"
	"github.com/lineage-dev/lineage/web"
)

// pageState is what explorer.mjs reports about the page at one moment.
type pageState struct {
	Selected    []string `json:"selected"`
	Ancestors   []string `json:"ancestors"`
	Descendants []string `json:"descendants"`
	LitEdges    int      `json:"litEdges"`
	Card        string   `json:"card"`
	Panel       string   `json:"panel"`
	Hash        string   `json:"hash"`
	Models      int      `json:"models"`
}

type exploreResult struct {
	Fatal        string    `json:"fatal"`
	Errors       []string  `json:"errors"`
	Initial      pageState `json:"initial"`
	Yangtuo      pageState `json:"yangtuo"`
	Cleared      pageState `json:"cleared"`
	ChatGPT      pageState `json:"chatgpt"`
	Followed     string    `json:"followed"`
	FollowedHref string    `json:"followedHref"`
	AfterLink    pageState `json:"afterLink"`
	Fragment     pageState `json:"fragment"`
	HashChange   pageState `json:"hashchange"`
	View         struct {
		Home, Zoomed, Panned, Reset string
	} `json:"view"`
	Phone       pageState `json:"phone"`
	PhoneLayout struct {
		ChartBottom float64 `json:"chartBottom"`
		PanelTop    float64 `json:"panelTop"`
		PanelWidth  float64 `json:"panelWidth"`
		ScrollWidth float64 `json:"scrollWidth"`
		ChartWidth  float64 `json:"chartWidth"`
	} `json:"phoneLayout"`
	IFrame *struct {
		Card string `json:"card"`
	} `json:"iframe"`
}

// runExplorer runs explorer.mjs and decodes its report.
func runExplorer[T any](t *testing.T, args ...string) T {
	t.Helper()
	cmd := exec.Command("node", append([]string{"explorer.mjs"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node explorer.mjs %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var r T
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("explorer.mjs printed %q: %v", out, err)
	}
	return r
}

// embedded loads the embedded dataset.
func embedded(t *testing.T) *graph.Lineage {
	t.Helper()
	l, err := graph.Load(data.Inputs())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hopIDs(hops []graph.Hop) []string {
	ids := []string{}
	for _, h := range hops {
		ids = append(ids, h.Model.ID)
	}
	slices.Sort(ids)
	return ids
}

// checkExplore asserts what a reader must see in the explorer of the embedded data.
func checkExplore(t *testing.T, r exploreResult, shots string, whole bool) {
	t.Helper()
	if r.Fatal != "" {
		t.Fatalf("explorer.mjs failed: %s", r.Fatal)
	}
	for _, e := range r.Errors {
		t.Errorf("browser: %s", e)
	}
	l := embedded(t)
	if whole && r.Initial.Models != l.Len() {
		t.Errorf("the page draws %d models, the dataset has %d", r.Initial.Models, l.Len())
	}
	if r.Yangtuo.Card != "Alpaca" || !slices.Equal(r.Yangtuo.Selected, []string{"alpaca"}) || r.Yangtuo.Hash != "#alpaca" {
		t.Errorf("search for 羊驼: card %q, selected %v, hash %q; want Alpaca", r.Yangtuo.Card, r.Yangtuo.Selected, r.Yangtuo.Hash)
	}
	if len(r.Cleared.Selected) != 0 || r.Cleared.LitEdges != 0 {
		t.Errorf("Escape left %v selected, %d edges lit", r.Cleared.Selected, r.Cleared.LitEdges)
	}
	want := hopIDs(l.Ancestors("chatgpt", graph.QueryOptions{}))
	wantDown := hopIDs(l.Descendants("chatgpt", graph.QueryOptions{}))
	if len(want) == 0 {
		t.Fatal("ChatGPT has no ancestors in the embedded data")
	}
	c := r.ChatGPT
	if !slices.Equal(c.Selected, []string{"chatgpt"}) || c.Card != "ChatGPT" || c.Hash != "#chatgpt" {
		t.Errorf("click on ChatGPT: selected %v, card %q, hash %q", c.Selected, c.Card, c.Hash)
	}
	if !slices.Equal(c.Ancestors, want) {
		t.Errorf("click on ChatGPT lights up ancestors %v, want exactly graph.Ancestors: %v", c.Ancestors, want)
	}
	if !slices.Equal(c.Descendants, wantDown) {
		t.Errorf("click on ChatGPT lights up descendants %v, want exactly graph.Descendants: %v", c.Descendants, wantDown)
	}
	if c.LitEdges < len(want) {
		t.Errorf("%d edges lit for %d ancestors", c.LitEdges, len(want))
	}
	for _, text := range []string{"OpenAI", "2022-11-30", "https://", "Comes from", "GPT-3.5"} {
		if !strings.Contains(c.Panel, text) {
			t.Errorf("ChatGPT's card lacks %q: %s", text, c.Panel)
		}
	}
	if r.Followed == "" || r.FollowedHref != "#"+r.Followed || !slices.Equal(r.AfterLink.Selected, []string{r.Followed}) || r.AfterLink.Hash != r.FollowedHref {
		t.Errorf("following the card's link %q (%s): selected %v, hash %q", r.Followed, r.FollowedHref, r.AfterLink.Selected, r.AfterLink.Hash)
	}
	if !slices.Equal(r.Fragment.Selected, []string{"gpt-3"}) || r.Fragment.Card != "GPT-3" {
		t.Errorf("opening #gpt-3: selected %v, card %q", r.Fragment.Selected, r.Fragment.Card)
	}
	if !slices.Equal(r.HashChange.Selected, []string{"llama"}) {
		t.Errorf("changing the fragment to #llama: selected %v", r.HashChange.Selected)
	}
	v := r.View
	if v.Home == "" || v.Zoomed == v.Home || v.Panned == v.Zoomed || v.Reset != v.Home {
		t.Errorf("pan and zoom: view boxes home %q, zoomed %q, panned %q, reset %q", v.Home, v.Zoomed, v.Panned, v.Reset)
	}
	if !slices.Equal(r.Phone.Selected, []string{"chatgpt"}) {
		t.Errorf("phone: selected %v", r.Phone.Selected)
	}
	p := r.PhoneLayout
	if p.PanelTop < p.ChartBottom-1 || p.PanelWidth < 350 || p.ScrollWidth > 391 {
		t.Errorf("phone layout: the card should sit below the chart at full width without sideways scrolling: %+v", p)
	}
	for _, shot := range []string{"desktop.png", "phone.png"} {
		checkNotBlank(t, filepath.Join(shots, shot))
	}
}

// checkNotBlank fails unless the PNG has a good share of non-white pixels and
// some strongly coloured ones (the chart, the lit lineage).
func checkNotBlank(t *testing.T, file string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	nonWhite, coloured, total := 0, 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				nonWhite++
			}
			if max(r, g, bl)-min(r, g, bl) > 0x6000 {
				coloured++
			}
		}
	}
	if nonWhite*100 < total*3 || coloured < 200 {
		t.Errorf("%s looks blank: %d of %d pixels not white, %d coloured", file, nonWhite, total, coloured)
	}
	_ = image.Point{}
}

// TestExplorerFile opens the page 'lineage render -f html' writes from disk,
// and inside an iframe, and uses it like a reader.
func TestExplorerFile(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "tree.html")
	lineage(t, "render", "-o", page)
	wrapper := filepath.Join(dir, "docs.html")
	os.WriteFile(wrapper, []byte(`<!doctype html><meta charset="utf-8"><title>docs</title><h1>Docs</h1>`+
		`<iframe src="tree.html#chatgpt" width="900" height="560" style="border:1px solid #ccc"></iframe>`), 0o644)
	r := runExplorer[exploreResult](t, "explore", "file://"+page, dir, "file://"+wrapper)
	checkExplore(t, r, dir, true)
	if r.IFrame == nil || r.IFrame.Card != "Alpaca" {
		t.Errorf("in an iframe: %+v, want the search for 羊驼 to show Alpaca", r.IFrame)
	}
	keepShots(t, dir, "file")
}

// served starts the explorer of l on 127.0.0.1 with the real chart engine.
func served(t *testing.T, l *graph.Lineage, opt web.Options) string {
	t.Helper()
	build(t)
	eng := &engine.Engine{Args: []string{filepath.Join(bin, "lineage-render")}}
	opt.Render = eng.Render
	srv := httptest.NewServer(web.New(l, opt))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// TestExplorerServed uses the page 'lineage serve' serves, drawn whole.
func TestExplorerServed(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	l := embedded(t)
	url := served(t, l, web.Options{WholeChartMax: l.Len()})
	checkExplore(t, runExplorer[exploreResult](t, "explore", url, dir), dir, true)
	keepShots(t, dir, "served")
}

// TestExplorerServedNeighbourhood uses the page for a dataset too large to draw
// whole: each selection draws the model's neighbourhood through /api/render.
func TestExplorerServedNeighbourhood(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	url := served(t, embedded(t), web.Options{WholeChartMax: 50})
	r := runExplorer[exploreResult](t, "explore", url, dir)
	if r.Fatal != "" {
		t.Fatal(r.Fatal)
	}
	for _, e := range r.Errors {
		t.Errorf("browser: %s", e)
	}
	if r.Initial.Models != 0 {
		t.Errorf("the large page starts with %d models drawn, want none", r.Initial.Models)
	}
	l := embedded(t)
	c := r.ChatGPT
	if !slices.Equal(c.Selected, []string{"chatgpt"}) || c.Models < 5 || c.Models > l.Len() {
		t.Errorf("ChatGPT's neighbourhood: selected %v, %d models drawn", c.Selected, c.Models)
	}
	// The page draws every relation 2 steps around ChatGPT and lights its
	// lineage inside that: at least the ancestors 2 steps up, none that is not one.
	near := hopIDs(l.Ancestors("chatgpt", graph.QueryOptions{Depth: 2}))
	all := hopIDs(l.Ancestors("chatgpt", graph.QueryOptions{}))
	for _, id := range near {
		if !slices.Contains(c.Ancestors, id) {
			t.Errorf("ancestor %s, 2 steps up, is not lit (lit: %v)", id, c.Ancestors)
		}
	}
	for _, id := range c.Ancestors {
		if !slices.Contains(all, id) {
			t.Errorf("%s is lit as an ancestor but is none", id)
		}
	}
	if r.Yangtuo.Card != "Alpaca" || !slices.Equal(r.Fragment.Selected, []string{"gpt-3"}) {
		t.Errorf("search 羊驼: %q; #gpt-3: %v", r.Yangtuo.Card, r.Fragment.Selected)
	}
	checkNotBlank(t, filepath.Join(dir, "desktop.png"))
	keepShots(t, dir, "neighbourhood")
}

type hostileResult struct {
	Fatal    string   `json:"fatal"`
	Errors   []string `json:"errors"`
	IDs      []string `json:"ids"`
	Cards    []string `json:"cards"`
	Names    []string `json:"names"`
	Pwned    *string  `json:"pwned"`
	Scripts  int      `json:"scripts"`
	Handlers []string `json:"handlers"`
	Links    []struct {
		Tag, Attr, Value string
	} `json:"links"`
}

// TestExplorerHostile loads the explorer of testdata/web/hostile, whose names,
// notes and urls try to inject script, from disk and served, clicks and
// searches everything, and checks that nothing ran and no link leads anywhere
// but http(s).
func TestExplorerHostile(t *testing.T) {
	browser(t)
	dir := t.TempDir()
	hostileDir := filepath.Join("..", "..", "testdata", "web", "hostile")
	page := filepath.Join(dir, "hostile.html")
	lineage(t, "--data", hostileDir, "render", "-o", page)
	l, err := graph.LoadFilesWith(filepath.Join(hostileDir, "nodes.csv"), filepath.Join(hostileDir, "edges.csv"), graph.FileOptions{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"file://" + page, served(t, l, web.Options{})} {
		r := runExplorer[hostileResult](t, "hostile", u)
		if r.Fatal != "" {
			t.Fatalf("%s: %s", u, r.Fatal)
		}
		for _, e := range r.Errors {
			t.Errorf("%s: browser: %s", u, e)
		}
		if r.Pwned != nil {
			t.Errorf("%s: injected script ran: window.__pwned = %s", u, *r.Pwned)
		}
		if len(r.IDs) != l.Len() || len(r.Cards) != l.Len() {
			t.Errorf("%s: %d models drawn, %d cards shown, want %d", u, len(r.IDs), len(r.Cards), l.Len())
		}
		for i, id := range r.IDs {
			if m, ok := l.Model(id); !ok || r.Cards[i] != m.Name {
				t.Errorf("%s: model %q shows card %q", u, id, r.Cards[i])
			}
		}
		if r.Scripts != 2 || len(r.Handlers) != 0 {
			t.Errorf("%s: %d scripts, event handler attributes %v; want 2 and none", u, r.Scripts, r.Handlers)
		}
		for _, a := range r.Links {
			if !strings.HasPrefix(a.Value, "#") && !strings.HasPrefix(a.Value, "https://") && !strings.HasPrefix(a.Value, "http://") {
				t.Errorf("%s: <%s %s=%q> is a link that is neither #fragment nor http(s)", u, a.Tag, a.Attr, a.Value)
			}
		}
	}
}

// keepShots copies the screenshots to $LINEAGE_SHOTS/NAME-*.png when set, so a
// person can look at them.
func keepShots(t *testing.T, dir, name string) {
	to := os.Getenv("LINEAGE_SHOTS")
	if to == "" {
		return
	}
	for _, f := range []string{"desktop.png", "phone.png", "iframe.png"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err == nil {
			os.WriteFile(filepath.Join(to, fmt.Sprintf("%s-%s", name, f)), b, 0o644)
		}
	}
}

package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/render from the actual output")

const testdataDir = "../testdata/render"

// load reads a fixture dataset from testdata/render/NAME.
func load(t *testing.T, name string) *graph.Lineage {
	t.Helper()
	open := func(file string) graph.Input {
		path := filepath.Join(testdataDir, name, file)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return graph.Input{Name: path, Reader: bytes.NewReader(b)}
	}
	l, err := graph.LoadAt(open("nodes.csv"), open("edges.csv"), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return l
}

// focused returns the subgraph a query for id draws: the model, its ancestors and
// its descendants through lineage relations.
func focused(l *graph.Lineage, id string) *graph.Lineage {
	ids := []string{id}
	for _, h := range l.Ancestors(id, graph.QueryOptions{}) {
		ids = append(ids, h.Model.ID)
	}
	for _, h := range l.Descendants(id, graph.QueryOptions{}) {
		ids = append(ids, h.Model.ID)
	}
	return l.Subgraph(ids)
}

// golden compares got with testdata/render/NAME, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(testdataDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (go test ./render -update rewrites it):\nwant: %s\ngot:  %s", path, i+1, w, g)
			}
		}
	}
}

func write(t *testing.T, w Writer, l *graph.Lineage, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := w.Write(&b, l, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	fixture := load(t, "fixture")
	hostile := load(t, "hostile")
	cases := []struct {
		name string
		l    *graph.Lineage
		opt  Options
	}{
		{"fixture", fixture, Options{}},
		{"fixture-access-cluster-labels", fixture, Options{ColorBy: "access", Cluster: "org", EdgeLabels: true}},
		{"focus-orion-chat", focused(fixture, "orion-chat"), Options{Focus: []string{"orion-chat"}}},
		{"hostile", hostile, Options{EdgeLabels: true, Cluster: "org"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name+".dot", write(t, WriterFunc(DOT), c.l, c.opt))
			golden(t, c.name+".mmd", write(t, WriterFunc(Mermaid), c.l, c.opt))
		})
	}
	golden(t, "fixture.json", write(t, WriterFunc(JSON), fixture, Options{Focus: []string{"orion"}}))
}

// TestDOTStructure parses the DOT of every fixture and checks that each model is
// one node whose name, label, tooltip and link decode to the data.
func TestDOTStructure(t *testing.T) {
	for _, name := range []string{"fixture", "hostile"} {
		l := load(t, name)
		for _, opt := range []Options{{}, {ColorBy: "access", Cluster: "org", EdgeLabels: true, Focus: []string{"orion"}}} {
			out := string(write(t, WriterFunc(DOT), l, opt))
			g, err := parseDOT(out)
			if err != nil {
				t.Fatalf("%s %+v: DOT does not parse: %v\n%s", name, opt, err, out)
			}
			for _, m := range l.Models() {
				attrs, ok := g.nodes[EscapeDOTForTest(m.ID)]
				if !ok {
					t.Errorf("%s: no node for model %q", name, m.ID)
					continue
				}
				if got := decodeDOT(EscapeDOTForTest(m.ID)); got != m.ID {
					t.Errorf("%s: node name decodes to %q, want %q", name, got, m.ID)
				}
				lab := attrs["label"]
				if lab.kind != 'h' {
					t.Errorf("%s: model %q label is not an HTML-like label: %+v", name, m.ID, lab)
				}
				var text struct {
					Inner string `xml:",innerxml"`
				}
				if err := xml.Unmarshal([]byte("<x>"+lab.text+"</x>"), &text); err != nil {
					t.Errorf("%s: label of %q is not well-formed XML: %v: %s", name, m.ID, err, lab.text)
				}
				if !strings.Contains(xmlText(t, lab.text), oneLine(m.Name)) {
					t.Errorf("%s: label of %q does not show the name %q: %s", name, m.ID, m.Name, lab.text)
				}
				if !strings.Contains(decodeDOT(attrs["tooltip"].text), oneLine(m.Name)) {
					t.Errorf("%s: tooltip of %q lacks the name: %q", name, m.ID, attrs["tooltip"].text)
				}
				u, linked := attrs["URL"]
				if linked != graph.IsWebURL(m.URL) {
					t.Errorf("%s: model %q linked=%v, url %q", name, m.ID, linked, m.URL)
				}
				if linked && decodeDOT(u.text) != m.URL {
					t.Errorf("%s: URL of %q decodes to %q, want %q", name, m.ID, decodeDOT(u.text), m.URL)
				}
			}
			models := map[string]bool{}
			for _, m := range l.Models() {
				models[EscapeDOTForTest(m.ID)] = true
			}
			between := 0
			for _, e := range g.edges {
				switch {
				case models[e[0]] && models[e[1]]:
					between++
				case models[e[0]] || models[e[1]]:
					t.Errorf("%s: edge %v joins a model to an axis or legend node", name, e)
				}
			}
			if between != len(l.Edges()) {
				t.Errorf("%s: %d edges between models, want %d", name, between, len(l.Edges()))
			}
		}
	}
}

// EscapeDOTForTest is the node name the lexer returns for a model id.
func EscapeDOTForTest(id string) string {
	toks, err := lexDOT(quoteDOT(id))
	if err != nil || len(toks) != 1 {
		return "<bad>"
	}
	return toks[0].text
}

// xmlText returns the character data of an XML fragment, decoded.
func xmlText(t *testing.T, frag string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<x>" + frag + "</x>"))
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String()
}

// TestHostile renders the hostile fixture in every format and checks that nothing
// in the data escapes its string: no raw markup, no non-web link, one statement a line.
func TestHostile(t *testing.T) {
	l := load(t, "hostile")
	for _, opt := range []Options{{}, {EdgeLabels: true, Cluster: "org", ColorBy: "access", Focus: []string{"end"}}} {
		for _, f := range Formats() {
			w, _ := Lookup(f)
			out := string(write(t, w, l, opt))
			for _, bad := range []string{"<script", "<img", "javascript:", "JAVASCRIPT:", "]]>"} {
				// JSON and the graph exports carry the data as loaded (urls included,
				// never as links); the XML exports must still escape all markup.
				isData := f == "json" || f == "cyjs" || (f == "graphml" || f == "gexf") && strings.HasSuffix(bad, ":")
				if !isData && strings.Contains(out, bad) {
					t.Errorf("%s: output contains %q:\n%s", f, bad, out)
				}
			}
			if f == "cyjs" && strings.Contains(out, "<") {
				t.Errorf("cyjs contains a raw <: %s", out)
			}
			if f == "json" {
				var doc struct {
					Nodes []map[string]any `json:"nodes"`
					Edges []map[string]any `json:"edges"`
				}
				if err := json.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("json does not parse: %v", err)
				}
				if len(doc.Nodes) != l.Len() || len(doc.Edges) != len(l.Edges()) {
					t.Errorf("json has %d nodes, %d edges; want %d, %d", len(doc.Nodes), len(doc.Edges), l.Len(), len(l.Edges()))
				}
				if strings.Contains(out, "<") {
					t.Errorf("json contains a raw <: %s", out)
				}
			}
			if f == "mermaid" {
				checkMermaid(t, out, l)
				// Mermaid reads %% anywhere as a comment or a %%{init}%% directive.
				if strings.Contains(out, "%%") {
					t.Errorf("mermaid output holds %%%% from the data:\n%s", out)
				}
			}
		}
	}
}

var (
	mermaidNode  = regexp.MustCompile(`^\s+n\d+(\[|\(|\(\[|\[\[|\{\{)"([^"]*)"(\]|\)|\]\)|\]\]|\}\})$`)
	mermaidEdge  = regexp.MustCompile(`^\s+n\d+ (-->|-\.->)(\|"[^"|]*"\|)? n\d+$`)
	mermaidClick = regexp.MustCompile(`^\s+click n\d+ href "https?://[^"\s]*" "[^"]*"$`)
	mermaidClass = regexp.MustCompile(`^\s+(classDef [a-z_0-9]+ [a-z:#0-9,. -]+|class n\d+(,n\d+)* [a-z_0-9]+)$`)
	mermaidSub   = regexp.MustCompile(`^\s+(subgraph g\d+\["[^"]*"\]|end)$`)
)

// checkMermaid checks every line of a flowchart against the statement forms the
// writer produces, so a data string that broke out of its label fails the test.
func checkMermaid(t *testing.T, out string, l *graph.Lineage) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "flowchart TD" {
		t.Errorf("first line %q", lines[0])
	}
	nodes := 0
	for _, line := range lines[1:] {
		switch {
		case mermaidNode.MatchString(line):
			nodes++
			label := mermaidNode.FindStringSubmatch(line)[2]
			if strings.ContainsAny(strings.NewReplacer("<br/>", "", "<b>", "", "</b>", "").Replace(label), "<>`[](){}|\"") {
				t.Errorf("label with a raw delimiter: %q", line)
			}
		case mermaidEdge.MatchString(line), mermaidClick.MatchString(line), mermaidClass.MatchString(line), mermaidSub.MatchString(line):
		default:
			t.Errorf("unexpected Mermaid line %q", line)
		}
	}
	if nodes != l.Len() {
		t.Errorf("%d node lines, want %d", nodes, l.Len())
	}
}

func TestOptionsCheck(t *testing.T) {
	l := load(t, "fixture")
	for _, opt := range []Options{{ColorBy: "stage"}, {Cluster: "year"}} {
		for _, f := range Formats() {
			w, _ := Lookup(f)
			if f == "json" {
				continue // JSON has no styling to choose
			}
			if err := w.Write(&bytes.Buffer{}, l, opt); err == nil {
				t.Errorf("%s with %+v: no error", f, opt)
			}
		}
	}
}

// TestDOTDesign checks the chart design on the fixture: year ranks, stage shapes,
// stable colours, dashed influence edges, links only for web urls, and the legend.
func TestDOTDesign(t *testing.T) {
	l := load(t, "fixture")
	out := string(write(t, WriterFunc(DOT), l, Options{}))
	for _, want := range []string{
		`{rank=same; "_y2021-03"; "orion";}`,
		`{rank=same; "_y2022"; "beichen";}`, // dated to the year only: the year's header rank
		`{rank=same; "_undated"; "beichen-vl";}`,
		`"_y2021-10" [label="Oct", tooltip="released in October 2021", width=`,
		`"_legend" -> "_legend2" -> "_y2021" -> "_y2021-03" -> "_y2021-10" -> "_y2022" -> "_y2022-01" -> "_y2022-04" -> "_y2023"`,
		`"orion-think" [label=<Orion Think<BR/><FONT POINT-SIZE="9" COLOR="#333333">2024-09 · 70B</FONT>>, shape=hexagon`,
		`"orion-code" [label=<Orion Code<BR/><FONT POINT-SIZE="9" COLOR="#333333">2022-01 · 13B</FONT>>, shape=note`,
		`"beichen" [label=<北辰<BR/>`,
		`7B–70B`, // a long size list shows its range
		`"orion" -> "orion-2" [style=dashed`,
		`URL="https://example.org/orion-chat?v=1&amp;lang=en", target="_top"`,
		`"_legend_stage_reasoning" [label="reasoning", shape=hexagon`,
		`influence: no weights`,
		`subgraph "cluster_legend"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	if strings.Contains(out, "ftp://") {
		t.Error("DOT links a non-web url")
	}
	// A chart of part of the dataset, given the dataset's colouring, draws an
	// organisation in the colour the whole dataset's chart gives it.
	c := NewOrgColours(l).Of("Beichen AI")
	if !strings.Contains(out, `fillcolor="`+c.Fill+`", color="`+c.Border+`"`) {
		t.Errorf("beichen not drawn in its colour %v", c)
	}
	part := l.Subgraph([]string{"beichen"})
	if own := NewOrgColours(part).Of("Beichen AI"); own == c {
		t.Fatalf("fixture too small: Beichen AI is %v alone and in the dataset", c)
	}
	sub := string(write(t, WriterFunc(DOT), part, Options{Orgs: NewOrgColours(l)}))
	if !strings.Contains(sub, `fillcolor="`+c.Fill+`", color="`+c.Border+`"`) {
		t.Errorf("beichen alone not drawn in the dataset's colour %v:\n%s", c, sub)
	}
}

func TestAuxPrefixAvoidsModelIDs(t *testing.T) {
	l, err := graph.New([]graph.Model{{ID: "_y2020", Name: "a", Date: graph.Date{Year: 2020}}, {ID: "__legend", Name: "b"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := string(write(t, WriterFunc(DOT), l, Options{}))
	if !strings.Contains(out, `"___y2020" [label="2020"`) {
		t.Errorf("axis nodes not renamed past the model ids:\n%s", out)
	}
	g, err := parseDOT(out)
	if err != nil {
		t.Fatal(err)
	}
	if attrs := g.nodes["_y2020"]; attrs["label"].kind != 'h' {
		t.Errorf("model _y2020 lost its label: %v", attrs)
	}
}

func TestEmptyLineage(t *testing.T) {
	l, err := graph.New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats() {
		w, _ := Lookup(f)
		out := write(t, w, l, Options{})
		if f == "dot" {
			if _, err := parseDOT(string(out)); err != nil {
				t.Errorf("empty DOT does not parse: %v\n%s", err, out)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	if got := Formats(); !slices.Equal(got, []string{"cyjs", "dot", "gexf", "graphml", "json", "mermaid"}) {
		t.Errorf("Formats() = %v", got)
	}
	if _, ok := Lookup("svg"); ok {
		t.Error("svg is not a text format of this package")
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	l := load(t, "fixture")
	for _, f := range Formats() {
		w, _ := Lookup(f)
		if err := w.Write(failWriter{}, l, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v, want the write error", f, err)
		}
	}
}

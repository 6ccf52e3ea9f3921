package render

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/graph"
)

// exportFixtures are the datasets every export test runs on: hostile-export holds
// ids that are not XML names, a model id of the form of an edge id (e0), free
// columns (one named like the derived year column, one with markup in its name),
// markup, ]]>, quotes and control characters XML 1.0 cannot hold.
var exportFixtures = []string{"fixture", "hostile", "hostile-export"}

func TestExportGolden(t *testing.T) {
	fixture := load(t, "fixture")
	hostile := load(t, "hostile-export")
	for _, c := range []struct {
		name string
		l    *graph.Lineage
		opt  Options
	}{
		{"fixture", fixture, Options{Focus: []string{"orion"}}},
		{"hostile-export", hostile, Options{}},
	} {
		golden(t, c.name+".graphml", write(t, WriterFunc(GraphML), c.l, c.opt))
		golden(t, c.name+".gexf", write(t, WriterFunc(GEXF), c.l, c.opt))
		golden(t, c.name+".cyjs", write(t, WriterFunc(Cytoscape), c.l, c.opt))
	}
}

func TestExportFormatsRegistered(t *testing.T) {
	for _, f := range []string{"graphml", "gexf", "cyjs"} {
		if _, ok := Lookup(f); !ok || !slices.Contains(Formats(), f) {
			t.Errorf("format %q is not registered", f)
		}
	}
}

// xmlClean is what an XML export can hold of s: control characters other than
// tab, line feed and carriage return become spaces, U+FFFE and U+FFFF become U+FFFD.
func xmlClean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20 || r == 0x7f:
			return ' '
		case r == 0xfffe || r == 0xffff:
			return 0xfffd
		}
		return r
	}, s)
}

// wantColumns returns the columns the XML exports must carry for m, straight from
// the dataset: every known field with a value, year, every free column with a
// value (a free year replacing the derived one), and focus when focus is not nil.
func wantColumns(m *graph.Model, focus map[string]bool) map[string]string {
	w := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			w[k] = xmlClean(v)
		}
	}
	set("name", m.Name)
	set("aliases", strings.Join(m.Aliases, ";"))
	set("org", strings.Join(m.Orgs, ";"))
	set("date", m.Date.String())
	set("params", strings.Join(m.Params, ";"))
	set("arch", m.Arch)
	set("stage", m.Stage)
	set("access", m.Access)
	set("description", m.Description)
	set("url", m.URL)
	set("source", m.Source)
	if m.Date.Year != 0 {
		w["year"] = strconv.Itoa(m.Date.Year)
	}
	if focus != nil {
		w["focus"] = strconv.FormatBool(focus[m.ID])
	}
	for _, a := range m.Attrs {
		if a.Key == "year" {
			delete(w, "year")
		}
		set(a.Key, a.Value)
	}
	return w
}

// graphmlNames renames columns as GraphML must: attr.name is an NMTOKEN.
func graphmlNames(cols map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range cols {
		out[graphmlID(k)] = v
	}
	return out
}

// wantEdge is an edge's columns straight from the dataset.
func wantEdge(e graph.Edge, clean func(string) string) map[string]string {
	w := map[string]string{"relation": clean(string(e.Relation)), "class": e.Relation.Class().String()}
	if e.Note != "" {
		w["note"] = clean(e.Note)
	}
	if e.Source != "" {
		w["source"] = clean(e.Source)
	}
	return w
}

func edgeKey(from, to string) string { return from + "\x00" + to }

// nmtoken matches the XML NMTOKENs the GraphML writer makes (an ASCII subset).
var nmtoken = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graphs []struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

// TestGraphMLParsesBack reads every export back with encoding/xml and compares it
// with the dataset: schema-level rules (NMTOKEN ids, unique key ids, attr.type
// values, references), then every node's and edge's columns.
func TestGraphMLParsesBack(t *testing.T) {
	for _, name := range exportFixtures {
		l := load(t, name)
		for _, opt := range []Options{{}, {Focus: []string{"orion", "end"}}} {
			out := write(t, WriterFunc(GraphML), l, opt)
			var doc gmlDoc
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("%s: GraphML does not parse: %v\n%s", name, err, out)
			}
			if len(doc.Graphs) != 1 || doc.Graphs[0].EdgeDefault != "directed" || !nmtoken.MatchString(doc.Graphs[0].ID) {
				t.Fatalf("%s: want one directed graph with an NMTOKEN id, got %+v", name, doc.Graphs)
			}
			g := doc.Graphs[0]
			keys := map[string]string{} // key id → "node name" or "edge name"
			types := map[string]string{}
			for _, k := range doc.Keys {
				if !nmtoken.MatchString(k.ID) || keys[k.ID] != "" {
					t.Errorf("%s: key id %q is not an NMTOKEN or not unique", name, k.ID)
				}
				if !nmtoken.MatchString(k.Name) {
					t.Errorf("%s: key %s attr.name %q is not an NMTOKEN", name, k.ID, k.Name)
				}
				if k.For != "node" && k.For != "edge" {
					t.Errorf("%s: key %s is for %q", name, k.ID, k.For)
				}
				if !slices.Contains([]string{"boolean", "int", "long", "float", "double", "string"}, k.Type) {
					t.Errorf("%s: key %s has attr.type %q", name, k.ID, k.Type)
				}
				if slices.Contains(slices.Collect(maps.Values(keys)), k.For+" "+k.Name) {
					t.Errorf("%s: two %s keys named %q", name, k.For, k.Name)
				}
				keys[k.ID], types[k.ID] = k.For+" "+k.Name, k.Type
			}
			columns := func(kind string, data []gmlData) map[string]string {
				c := map[string]string{}
				for _, d := range data {
					full, ok := keys[d.Key]
					n, isKind := strings.CutPrefix(full, kind+" ")
					if !ok || !isKind {
						t.Errorf("%s: %s data refers to key %q, which is not a %s key", name, kind, d.Key, kind)
						continue
					}
					switch types[d.Key] {
					case "int":
						if _, err := strconv.Atoi(d.Value); err != nil {
							t.Errorf("%s: int column %s holds %q", name, n, d.Value)
						}
					case "boolean":
						if d.Value != "true" && d.Value != "false" {
							t.Errorf("%s: boolean column %s holds %q", name, n, d.Value)
						}
					}
					c[n] = d.Value
				}
				return c
			}
			var focus map[string]bool
			if len(opt.Focus) > 0 {
				focus = opt.focused()
			}
			byNode := map[string]string{} // node id → model id
			for _, n := range g.Nodes {
				if !nmtoken.MatchString(n.ID) || byNode[n.ID] != "" {
					t.Errorf("%s: node id %q is not an NMTOKEN or not unique", name, n.ID)
				}
				c := columns("node", n.Data)
				id := c["model_id"]
				byNode[n.ID] = id
				m, ok := l.Model(id)
				if !ok {
					t.Errorf("%s: node %s has model_id %q, no model of the data", name, n.ID, id)
					continue
				}
				want := graphmlNames(wantColumns(m, focus))
				want["model_id"], want["label"] = m.ID, xmlClean(oneLine(m.Name))
				if !maps.Equal(c, want) {
					t.Errorf("%s: node %s carries\n%v\nwant\n%v", name, n.ID, c, want)
				}
			}
			if len(g.Nodes) != l.Len() {
				t.Errorf("%s: %d nodes, want %d", name, len(g.Nodes), l.Len())
			}
			edges := map[string]map[string]string{}
			edgeIDs := map[string]bool{}
			for _, e := range g.Edges {
				if !nmtoken.MatchString(e.ID) || edgeIDs[e.ID] {
					t.Errorf("%s: edge id %q is not an NMTOKEN or not unique", name, e.ID)
				}
				edgeIDs[e.ID] = true
				from, okf := byNode[e.Source]
				to, okt := byNode[e.Target]
				if !okf || !okt {
					t.Errorf("%s: edge %s refers to a missing node", name, e.ID)
				}
				edges[edgeKey(from, to)] = columns("edge", e.Data)
			}
			checkEdges(t, name+" graphml", l, edges, xmlClean)
		}
	}
}

// checkEdges compares the edges an export carries, by (parent, child), with the dataset's.
func checkEdges(t *testing.T, what string, l *graph.Lineage, got map[string]map[string]string, clean func(string) string) {
	t.Helper()
	if len(got) != len(l.Edges()) {
		t.Errorf("%s: %d edges, want %d", what, len(got), len(l.Edges()))
	}
	for _, e := range l.Edges() {
		if c, want := got[edgeKey(e.From, e.To)], wantEdge(e, clean); !maps.Equal(c, want) {
			t.Errorf("%s: edge %s -> %s carries %v, want %v", what, e.From, e.To, c, want)
		}
	}
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Mode        string `xml:"mode,attr"`
		TimeFormat  string `xml:"timeformat,attr"`
		EdgeDefault string `xml:"defaultedgetype,attr"`
		Attributes  []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string      `xml:"id,attr"`
			Label  string      `xml:"label,attr"`
			Start  *string     `xml:"start,attr"`
			Values []gexfValue `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string      `xml:"id,attr"`
			Source string      `xml:"source,attr"`
			Target string      `xml:"target,attr"`
			Start  *string     `xml:"start,attr"`
			Values []gexfValue `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

// gexfStartOf is the start a model's date must give: the period's first day.
func gexfStartOf(d graph.Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d-01-01", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d-01", d.Year, d.Month)
	}
	return d.String()
}

func TestGEXFParsesBack(t *testing.T) {
	for _, name := range exportFixtures {
		l := load(t, name)
		for _, opt := range []Options{{}, {Focus: []string{"orion", "end"}}} {
			out := write(t, WriterFunc(GEXF), l, opt)
			var doc gexfDoc
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("%s: GEXF does not parse: %v\n%s", name, err, out)
			}
			g := doc.Graph
			if doc.Version != "1.3" || g.Mode != "dynamic" || g.TimeFormat != "date" || g.EdgeDefault != "directed" {
				t.Errorf("%s: gexf version %q, mode %q, timeformat %q, defaultedgetype %q", name, doc.Version, g.Mode, g.TimeFormat, g.EdgeDefault)
			}
			titles := map[string]map[string]string{"node": {}, "edge": {}}
			types := map[string]string{}
			for _, as := range g.Attributes {
				for _, a := range as.Attrs {
					if _, dup := titles[as.Class][a.ID]; dup {
						t.Errorf("%s: %s attribute id %q twice", name, as.Class, a.ID)
					}
					if !slices.Contains([]string{"string", "integer", "boolean"}, a.Type) {
						t.Errorf("%s: attribute %s has type %q", name, a.Title, a.Type)
					}
					titles[as.Class][a.ID] = a.Title
					types[as.Class+a.ID] = a.Type
				}
			}
			columns := func(class string, vs []gexfValue) map[string]string {
				c := map[string]string{}
				for _, v := range vs {
					title, ok := titles[class][v.For]
					if !ok {
						t.Errorf("%s: %s attvalue for undeclared %q", name, class, v.For)
					}
					if types[class+v.For] == "integer" {
						if _, err := strconv.Atoi(v.Value); err != nil {
							t.Errorf("%s: integer %s holds %q", name, title, v.Value)
						}
					}
					c[title] = v.Value
				}
				return c
			}
			var focus map[string]bool
			if len(opt.Focus) > 0 {
				focus = opt.focused()
			}
			seen := map[string]bool{}
			for _, n := range g.Nodes {
				m, ok := l.Model(n.ID)
				if !ok || seen[n.ID] {
					t.Errorf("%s: node %q is no model of the data, or repeated", name, n.ID)
					continue
				}
				seen[n.ID] = true
				if n.Label != xmlClean(oneLine(m.Name)) {
					t.Errorf("%s: node %q label %q, want %q", name, n.ID, n.Label, m.Name)
				}
				if got, want := deref(n.Start), gexfStartOf(m.Date); got != want || (n.Start != nil) != (want != "") {
					t.Errorf("%s: node %q (date %q) starts %q, want %q", name, n.ID, m.Date, got, want)
				}
				if c, want := columns("node", n.Values), wantColumns(m, focus); !maps.Equal(c, want) {
					t.Errorf("%s: node %q carries\n%v\nwant\n%v", name, n.ID, c, want)
				}
			}
			if len(g.Nodes) != l.Len() {
				t.Errorf("%s: %d nodes, want %d", name, len(g.Nodes), l.Len())
			}
			edges := map[string]map[string]string{}
			for _, e := range g.Edges {
				from, _ := l.Model(e.Source)
				to, _ := l.Model(e.Target)
				if from == nil || to == nil {
					t.Errorf("%s: edge %s refers to a missing node", name, e.ID)
					continue
				}
				if _, clash := l.Model(e.ID); clash {
					t.Errorf("%s: edge id %q is a node id", name, e.ID)
				}
				later := max(gexfStartOf(from.Date), gexfStartOf(to.Date)) // ISO dates order as strings
				if deref(e.Start) != later {
					t.Errorf("%s: edge %s -> %s starts %q, want %q", name, e.Source, e.Target, deref(e.Start), later)
				}
				edges[edgeKey(e.Source, e.Target)] = columns("edge", e.Values)
			}
			checkEdges(t, name+" gexf", l, edges, xmlClean)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestGEXFStartRule pins the documented date rule on the hostile fixture's dates.
func TestGEXFStartRule(t *testing.T) {
	out := string(write(t, WriterFunc(GEXF), load(t, "hostile-export"), Options{}))
	for _, want := range []string{
		`<node id="meta-llama/Llama-2-7b" label="Llama &lt;script&gt;alert(1)&lt;/script&gt;" start="2023-01-01">`, // 2023
		`<node id="my_xmodel" label="x_y_x" start="2023-05-01">`,                                                   // 2023-05
		`<node id="e0" label="E zero" start="2021-07-09">`,                                                         // a day
		`<node id="名前 &#39;q&#39;" label="中文 &quot;名&quot;">`,                                                      // undated: no start
		`<edge id="e_1" source="meta-llama/Llama-2-7b" target="my_xmodel" start="2023-05-01">`,                     // the later model
	} {
		if !strings.Contains(out, want) {
			t.Errorf("GEXF lacks %s", want)
		}
	}
}

type cyDoc struct {
	Data     map[string]any `json:"data"`
	Directed bool           `json:"directed"`
	Elements struct {
		Nodes []struct {
			Data map[string]any `json:"data"`
		} `json:"nodes"`
		Edges []struct {
			Data map[string]any `json:"data"`
		} `json:"edges"`
	} `json:"elements"`
}

// asJSON is v as encoding/json gives it back untyped.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantCyNode is a model's Cytoscape data straight from the dataset.
func wantCyNode(t *testing.T, m *graph.Model, focus bool) any {
	w := map[string]any{"id": m.ID, "value": m.ID, "name": m.Name}
	set := func(k, v string) {
		if v != "" {
			w[k] = v
		}
	}
	list := func(k string, vs []string) {
		if len(vs) > 0 {
			w[k] = vs
		}
	}
	list("aliases", m.Aliases)
	list("org", m.Orgs)
	set("date", m.Date.String())
	list("params", m.Params)
	set("arch", m.Arch)
	set("stage", m.Stage)
	set("access", m.Access)
	set("description", m.Description)
	set("url", m.URL)
	set("source", m.Source)
	if m.Date.Year != 0 {
		w["year"] = m.Date.Year
	}
	if focus {
		w["focus"] = true
	}
	attrs := map[string]string{}
	for _, a := range m.Attrs {
		if a.Value != "" {
			attrs[a.Key] = a.Value
		}
	}
	if len(attrs) > 0 {
		w["attrs"] = attrs
	}
	return asJSON(t, w)
}

// wantCyEdge is an edge's Cytoscape data straight from the dataset, without its id.
func wantCyEdge(t *testing.T, e graph.Edge) any {
	w := map[string]any{"source": e.From, "target": e.To, "from": e.From, "to": e.To,
		"relation": string(e.Relation), "class": e.Relation.Class().String()}
	if e.Note != "" {
		w["note"] = e.Note
	}
	if e.Source != "" {
		w["citation"] = e.Source
	}
	return asJSON(t, w)
}

func TestCytoscapeParsesBack(t *testing.T) {
	for _, name := range exportFixtures {
		l := load(t, name)
		opt := Options{Focus: []string{"orion", "end"}}
		out := write(t, WriterFunc(Cytoscape), l, opt)
		var doc cyDoc
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%s: Cytoscape JSON does not parse: %v", name, err)
		}
		if doc.Data == nil || !doc.Directed {
			t.Errorf("%s: want \"data\": {} and \"directed\": true for networkx", name)
		}
		ids := map[string]bool{}
		for _, n := range doc.Elements.Nodes {
			id, _ := n.Data["id"].(string)
			m, ok := l.Model(id)
			if !ok || ids[id] {
				t.Errorf("%s: node %q is no model of the data, or repeated", name, id)
				continue
			}
			ids[id] = true
			if want := wantCyNode(t, m, opt.focused()[id]); !reflect.DeepEqual(asJSON(t, n.Data), want) {
				t.Errorf("%s: node %q is\n%v\nwant\n%v", name, id, n.Data, want)
			}
		}
		if len(doc.Elements.Nodes) != l.Len() {
			t.Errorf("%s: %d nodes, want %d", name, len(doc.Elements.Nodes), l.Len())
		}
		got := map[string]any{}
		for _, e := range doc.Elements.Edges {
			id, _ := e.Data["id"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s: edge id %q is empty or not unique among elements", name, id)
			}
			ids[id] = true
			delete(e.Data, "id")
			from, _ := e.Data["source"].(string)
			to, _ := e.Data["target"].(string)
			got[edgeKey(from, to)] = asJSON(t, e.Data)
		}
		if len(got) != len(l.Edges()) {
			t.Errorf("%s: %d edges, want %d", name, len(got), len(l.Edges()))
		}
		for _, e := range l.Edges() {
			if want := wantCyEdge(t, e); !reflect.DeepEqual(got[edgeKey(e.From, e.To)], want) {
				t.Errorf("%s: edge %s -> %s is %v, want %v", name, e.From, e.To, got[edgeKey(e.From, e.To)], want)
			}
		}
	}
}

func TestGraphMLID(t *testing.T) {
	for id, want := range map[string]string{
		"gpt-3.5":               "gpt-3.5",
		"meta-llama/Llama-2-7b": "meta-llama_x002F_Llama-2-7b",
		"a_b":                   "a_b",
		"a_x":                   "a_x005F_x",
		"_x002F_":               "_x005F_x002F_",
		"a b":                   "a_x0020_b",
		"羊驼":                    "_x7F8A__x9A7C_",
		"😀":                     "_x1F600_",
	} {
		if got := graphmlID(id); got != want {
			t.Errorf("graphmlID(%q) = %q, want %q", id, got, want)
		}
	}
	// One to one: ids that differ only in what is escaped stay apart.
	ids := []string{"a/b", "a_x002F_b", "a_x005F_x002F_b", "a_b", "a__b", "a_x", "a_xx", "a x", "a_x0020_x", "_", "__x", "x_", "a:b", "a_x003A_b"}
	seen := map[string]string{}
	for _, id := range ids {
		g := graphmlID(id)
		if !nmtoken.MatchString(g) {
			t.Errorf("graphmlID(%q) = %q, not an NMTOKEN", id, g)
		}
		if other, dup := seen[g]; dup {
			t.Errorf("graphmlID(%q) = graphmlID(%q) = %q", id, other, g)
		}
		seen[g] = id
	}
}

func TestEdgeIDPrefix(t *testing.T) {
	if p := edgeIDPrefix(load(t, "fixture")); p != "e" {
		t.Errorf("fixture: edge id prefix %q, want e", p)
	}
	if p := edgeIDPrefix(load(t, "hostile-export")); p != "e_" {
		t.Errorf("hostile-export has a model e0: edge id prefix %q, want e_", p)
	}
}

// networkxScript reads the three exports named on its command line with networkx
// and prints, per format, the node and edge counts and every node's and edge's
// attributes as JSON.
const networkxScript = `
import json, sys
import networkx as nx
from networkx.readwrite import gexf as gx
gml, gexf, cyjs = sys.argv[1:4]
out = {"networkx": nx.__version__, "gexf13_added": False, "graphs": {}}
if "1.3" not in gx.GEXF.versions:
    # networkx before 3.6 knows GEXF up to 1.2draft; 3.6 reads 1.3 by this one entry.
    v = dict(gx.GEXF.versions["1.2draft"])
    v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
    gx.GEXF.versions["1.3"] = v
    out["gexf13_added"] = True
for name, g in [("graphml", nx.read_graphml(gml)), ("gexf", nx.read_gexf(gexf)),
                ("cyjs", nx.cytoscape_graph(json.load(open(cyjs, encoding="utf-8"))))]:
    out["graphs"][name] = {
        "directed": g.is_directed(),
        "nodes": {str(n): d for n, d in g.nodes(data=True)},
        "edges": [[str(u), str(v), d] for u, v, d in g.edges(data=True)],
        "counts": [g.number_of_nodes(), g.number_of_edges()],
    }
print(json.dumps(out))
`

// text is a networkx attribute value as the XML carried it: numbers and booleans
// back to their XML spelling.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// TestExportsNetworkx reads all three exports back with networkx, the reader most
// users have, and compares counts and attributes with the dataset. It needs
// python3 with networkx; outside CI it skips without them, in CI (CI=true) it fails.
func TestExportsNetworkx(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import networkx").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but python3 with networkx is not available (apt-get install python3-networkx): %v", err)
		}
		t.Skipf("python3 with networkx not available: %v", err)
	}
	for _, name := range exportFixtures {
		l := load(t, name)
		opt := Options{Focus: []string{"orion", "end"}}
		dir := t.TempDir()
		var paths []string
		for _, f := range []struct {
			ext string
			w   WriterFunc
		}{{"graphml", GraphML}, {"gexf", GEXF}, {"cyjs", Cytoscape}} {
			p := filepath.Join(dir, name+"."+f.ext)
			if err := os.WriteFile(p, write(t, f.w, l, opt), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, py, append([]string{"-c", networkxScript}, paths...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		cancel()
		if err != nil {
			t.Fatalf("%s: networkx could not read the exports: %v\n%s", name, err, stderr.String())
		}
		var got struct {
			Networkx    string
			GEXF13Added bool `json:"gexf13_added"`
			Graphs      map[string]struct {
				Directed bool
				Nodes    map[string]map[string]any
				Edges    [][3]any
				Counts   [2]int
			}
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}

		if got.GEXF13Added {
			t.Logf("networkx %s predates GEXF 1.3 support (3.6); the script registered the 1.3 namespace", got.Networkx)
		}
		focus := opt.focused()
		for _, format := range []string{"graphml", "gexf", "cyjs"} {
			g, ok := got.Graphs[format]
			if !ok {
				t.Fatalf("%s: networkx gave no %s graph", name, format)
			}
			what := name + " " + format + " via networkx"
			if !g.Directed || g.Counts != [2]int{l.Len(), len(l.Edges())} {
				t.Errorf("%s: directed %v, %v nodes and edges, want %d and %d", what, g.Directed, g.Counts, l.Len(), len(l.Edges()))
			}
			modelOf := map[string]string{} // networkx node → model id
			for n, attrs := range g.Nodes {
				id := n
				switch format {
				case "graphml":
					id = text(attrs["model_id"])
					if n != graphmlID(id) {
						t.Errorf("%s: node %q holds model_id %q", what, n, id)
					}
				}
				modelOf[n] = id
				m, ok := l.Model(id)
				if !ok {
					t.Errorf("%s: node %q is no model of the data", what, n)
					continue
				}
				if format == "cyjs" {
					if want := wantCyNode(t, m, focus[id]); !reflect.DeepEqual(asJSON(t, attrs), want) {
						t.Errorf("%s: node %q is\n%v\nwant\n%v", what, n, attrs, want)
					}
					continue
				}
				c := map[string]string{}
				for k, v := range attrs {
					c[k] = text(v)
				}
				want := wantColumns(m, focus)
				if format == "graphml" {
					want = graphmlNames(want)
					want["model_id"] = m.ID
				}
				want["label"] = xmlClean(oneLine(m.Name))
				if s := gexfStartOf(m.Date); format == "gexf" && s != "" {
					want["start"] = s
				}
				if !maps.Equal(c, want) {
					t.Errorf("%s: node %q carries\n%v\nwant\n%v", what, n, c, want)
				}
			}
			edges := map[string]map[string]string{}
			for _, e := range g.Edges {
				from, to := modelOf[text(e[0])], modelOf[text(e[1])]
				attrs, _ := e[2].(map[string]any)
				if format == "cyjs" {
					delete(attrs, "id")
					if want := wantCyEdge(t, graphEdge(l, from, to)); !reflect.DeepEqual(asJSON(t, attrs), want) {
						t.Errorf("%s: edge %s -> %s is %v, want %v", what, from, to, attrs, want)
					}
					edges[edgeKey(from, to)] = nil
					continue
				}
				c := map[string]string{}
				for k, v := range attrs {
					if k != "id" && k != "start" {
						c[k] = text(v)
					}
				}
				edges[edgeKey(from, to)] = c
			}
			if format == "cyjs" {
				if len(edges) != len(l.Edges()) {
					t.Errorf("%s: %d distinct edges, want %d", what, len(edges), len(l.Edges()))
				}
				continue
			}
			checkEdges(t, what, l, edges, xmlClean)
		}
	}
}

// graphEdge returns the dataset's edge from → to (the zero Edge when there is none).
func graphEdge(l *graph.Lineage, from, to string) graph.Edge {
	for _, e := range l.Edges() {
		if e.From == from && e.To == to {
			return e
		}
	}
	return graph.Edge{}
}

// TestExportsHostile proves that the hostile export fixture still holds what it is
// for, then that each export of it is well-formed (encoding/xml refuses characters
// XML 1.0 forbids) and carries no live markup.
func TestExportsHostile(t *testing.T) {
	l := load(t, "hostile-export")
	var all strings.Builder
	for _, m := range l.Models() {
		r := NewModelRecord(m)
		b, _ := json.Marshal(r)
		all.WriteString(m.ID + m.Name + m.Description + strings.Join(m.Orgs, "") + string(b))
	}
	for _, e := range l.Edges() {
		all.WriteString(e.Note)
	}
	for _, want := range []string{"\x01", "\x0b", "\x1f", "\x7f", "\ufffe", "<script>", "]]>", `"`, "'", "/", " "} {
		if !strings.Contains(all.String(), want) {
			t.Fatalf("the hostile-export fixture no longer holds %q", want)
		}
	}
	for _, f := range []string{"graphml", "gexf", "cyjs"} {
		w, _ := Lookup(f)
		out := write(t, w, l, Options{Focus: []string{"e0"}})
		if f == "cyjs" {
			if !json.Valid(out) || bytes.ContainsAny(out, "<>") {
				t.Errorf("cyjs is not valid JSON or holds a raw < or >")
			}
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(out))
		for {
			tok, err := d.Token()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					t.Errorf("%s does not parse: %v", f, err)
				}
				break
			}
			if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "script" || se.Name.Local == "b") {
				t.Errorf("%s: data became a <%s> element", f, se.Name.Local)
			}
		}
		for _, bad := range []string{"<script", "]]>", "\x01", "\x0b"} {
			if bytes.Contains(out, []byte(bad)) {
				t.Errorf("%s holds %q unescaped", f, bad)
			}
		}
	}
}

// TestExportsLicenseFamily checks that the exports carry Options.LicenseFamily's
// answer as license_family, as the JSON chart does, and only when it is set.
func TestExportsLicenseFamily(t *testing.T) {
	l := load(t, "fixture")
	fam := func(m *graph.Model) string {
		if m.ID == "orion" {
			return "permissive"
		}
		return "" // reported as unknown
	}
	want := func(id string) string {
		if id == "orion" {
			return "permissive"
		}
		return "unknown"
	}
	for _, set := range []bool{false, true} {
		opt := Options{}
		if set {
			opt.LicenseFamily = fam
		}
		var gml gmlDoc
		if err := xml.Unmarshal(write(t, WriterFunc(GraphML), l, opt), &gml); err != nil {
			t.Fatal(err)
		}
		key := ""
		for _, k := range gml.Keys {
			if k.Name == "license_family" && k.For == "node" {
				key = k.ID
			}
		}
		if (key != "") != set {
			t.Fatalf("graphml: license_family key present = %v, want %v", key != "", set)
		}
		for _, n := range gml.Graphs[0].Nodes {
			got := ""
			for _, d := range n.Data {
				if d.Key == key {
					got = d.Value
				}
			}
			if set && got != want(n.ID) {
				t.Errorf("graphml: %s license_family %q, want %q", n.ID, got, want(n.ID))
			}
		}
		var gexf gexfDoc
		if err := xml.Unmarshal(write(t, WriterFunc(GEXF), l, opt), &gexf); err != nil {
			t.Fatal(err)
		}
		id := ""
		for _, as := range gexf.Graph.Attributes {
			for _, a := range as.Attrs {
				if as.Class == "node" && a.Title == "license_family" {
					id = a.ID
				}
			}
		}
		if (id != "") != set {
			t.Fatalf("gexf: license_family attribute present = %v, want %v", id != "", set)
		}
		for _, n := range gexf.Graph.Nodes {
			got := ""
			for _, v := range n.Values {
				if v.For == id {
					got = v.Value
				}
			}
			if set && got != want(n.ID) {
				t.Errorf("gexf: %s license_family %q, want %q", n.ID, got, want(n.ID))
			}
		}
		var cy cyDoc
		if err := json.Unmarshal(write(t, WriterFunc(Cytoscape), l, opt), &cy); err != nil {
			t.Fatal(err)
		}
		for _, n := range cy.Elements.Nodes {
			id, _ := n.Data["id"].(string)
			got, has := n.Data["license_family"]
			if has != set || set && got != want(id) {
				t.Errorf("cyjs: %s license_family %v (present %v), want %q when set (%v)", id, got, has, want(id), set)
			}
		}
	}
}

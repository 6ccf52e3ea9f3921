package render

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lineage-dev/lineage/graph"
)

// The explorer's script and style, written by this project in plain JavaScript and
// CSS: no framework and no npm library, so the page has nothing to fetch, nothing
// to update for security fixes, and is small enough to read in one sitting.
var (
	//go:embed explorer/explorer.js
	explorerJS string
	//go:embed explorer/explorer.css
	explorerCSS string
)

// ExplorerCSP is the Content-Security-Policy of the explorer page: its own script
// and style, identified by their SHA-256 hashes, and nothing else. No inline event
// handler, injected <script> or external resource can run or load, even if a
// data string escaped every other defence. connect-src 'self' lets a page served
// by 'lineage serve' call its API; a file:// page makes no requests.
var ExplorerCSP = "default-src 'none'; script-src " + cspHash(explorerJS) +
	"; style-src " + cspHash(explorerCSS) + "; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'"

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// HTMLOptions configure the explorer page.
type HTMLOptions struct {
	// Title heads the page; "" gives "lineage explorer".
	Title string
	// API says the page is served by 'lineage serve' and may call its /api
	// endpoints (relative to the page's URL).
	API bool
	// Large makes a page without the whole chart, for large datasets: it embeds no
	// models and draws the neighbourhood of the selected model through the API
	// (/api/render). It needs API.
	Large bool
	// Depth is how many steps around the selected model a Large page draws (0: 2).
	Depth int
	// MaxModels caps the models of one neighbourhood chart on a Large page (0: 150).
	MaxModels int
}

// pageData is the JSON document the page's script reads from its
// <script type="application/json" id="lineage-data"> element.
type pageData struct {
	Title     string     `json:"title"`
	API       bool       `json:"api"`
	Large     bool       `json:"large"`
	Depth     int        `json:"depth"`
	MaxModels int        `json:"maxModels"`
	Total     int        `json:"total"`
	Nodes     []jsonNode `json:"nodes"`
	Edges     []jsonEdge `json:"edges"`
}

// explorerData returns the model data of the explorer page for l: every model
// with its attributes (urls only when http(s)) and every edge with its class.
func explorerData(l *graph.Lineage) (nodes []jsonNode, edges []jsonEdge) {
	nodes = []jsonNode{}
	for _, m := range sortedModels(l) {
		n := jsonNode{ModelRecord: NewModelRecord(m), Year: m.Date.Year}
		if !graph.IsWebURL(m.URL) {
			n.URL = ""
		}
		nodes = append(nodes, n)
	}
	return nodes, NewEdgeRecords(sortedEdges(l))
}

// ScriptJSON encodes v as JSON that can stand inside an HTML <script> element:
// <, > and & are written as \u003c, \u003e and \u0026 (so neither </script> nor
// <!-- can appear), and U+2028 and U+2029 as \u2028 and \u2029.
func ScriptJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v) // Marshal escapes <, >, &, U+2028 and U+2029
	if err != nil {
		return nil, fmt.Errorf("encoding page data: %w", err)
	}
	if bytes.Contains(b, []byte("</")) || bytes.Contains(b, []byte("<!--")) {
		return nil, errors.New("encoding page data: markup survived JSON escaping") // cannot happen
	}
	return b, nil
}

// HTML writes the interactive explorer: one self-contained HTML page holding the
// chart svg (as the engine drew it from DOT(l)), made safe and annotated by
// CleanSVG, the models and relations of l as JSON, and the explorer's own script
// and style. It loads nothing from the network and works from file://, inside an
// iframe and served by 'lineage serve'. A Large page takes no svg (nil).
func HTML(w io.Writer, l *graph.Lineage, svg []byte, opt HTMLOptions) error {
	if opt.Large && !opt.API {
		return errors.New("html: a page without the whole chart needs the API of 'lineage serve'")
	}
	title := opt.Title
	if title == "" {
		title = "lineage explorer"
	}
	d := pageData{Title: title, API: opt.API, Large: opt.Large, Depth: opt.Depth, MaxModels: opt.MaxModels,
		Total: l.Len(), Nodes: []jsonNode{}, Edges: []jsonEdge{}}
	if d.Depth <= 0 {
		d.Depth = 2
	}
	if d.MaxModels <= 0 {
		d.MaxModels = 150
	}
	var chart []byte
	if !opt.Large {
		var err error
		if chart, err = CleanSVG(svg, l); err != nil {
			return fmt.Errorf("html: %w", err)
		}
		d.Nodes, d.Edges = explorerData(l)
	}
	data, err := ScriptJSON(d)
	if err != nil {
		return fmt.Errorf("html: %w", err)
	}
	ew := &errWriter{w: w}
	p := ew.printf
	p("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	p("<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", EscapeXML(ExplorerCSP))
	p("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	p("<meta name=\"referrer\" content=\"no-referrer\">\n")
	p("<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", EscapeXML(title), explorerCSS)
	p(`<header class="bar">
<h1>%s</h1>
<form id="search" role="search" autocomplete="off">
<input id="q" type="search" placeholder="Find a model: name or alias" aria-label="Find a model by name or alias" list="names" enterkeyhint="search">
<button type="submit">Find</button>
<datalist id="names"></datalist>
</form>
<label class="toggle" title="Follow influence relations too (teacher-data, successor, inspired-by)"><input id="allrel" type="checkbox"> all relations</label>
<div class="zoom" role="group" aria-label="zoom">
<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#8722;</button>
<button type="button" id="reset" title="Show the whole chart (0)">Reset</button>
</div>
</header>
<main>
<div id="chart" tabindex="0" role="application" aria-label="Lineage chart: click a model; drag or arrow keys pan, wheel or + and - zoom, 0 resets">`, EscapeXML(title))
	ew.write(chart)
	p(`</div>
<aside id="panel" aria-live="polite"><p class="hint">Click a model, or find one by name, to light up where it comes from and what came from it.</p></aside>
</main>
<script type="application/json" id="lineage-data">`)
	ew.write(data)
	p("</script>\n<script>%s</script>\n</body>\n</html>\n", explorerJS)
	if ew.err != nil {
		return fmt.Errorf("html: %w", ew.err)
	}
	return nil
}

// write writes b unless an earlier write failed.
func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// svgElements are the SVG elements CleanSVG keeps; "a" becomes "g". Any other
// element is dropped with its content.
var svgElements = map[string]bool{
	"svg": true, "g": true, "a": true, "title": true, "path": true, "polygon": true, "polyline": true,
	"ellipse": true, "circle": true, "rect": true, "line": true, "text": true, "tspan": true,
}

// svgAttrs are the presentation and geometry attributes CleanSVG keeps. Links,
// event handlers, styles and every namespaced attribute are dropped.
var svgAttrs = map[string]bool{
	"id": true, "class": true, "transform": true, "viewBox": true, "x": true, "y": true,
	"x1": true, "y1": true, "x2": true, "y2": true, "cx": true, "cy": true, "r": true, "rx": true, "ry": true,
	"width": true, "height": true, "points": true, "d": true, "fill": true, "stroke": true,
	"stroke-width": true, "stroke-dasharray": true, "stroke-opacity": true, "fill-opacity": true,
	"opacity": true, "font-family": true, "font-size": true, "font-weight": true, "font-style": true,
	"text-anchor": true, "text-decoration": true, "dominant-baseline": true, "baseline-shift": true,
}

// svgNode is an element of a parsed SVG document, or a text node (name "").
type svgNode struct {
	name     string
	attrs    []xml.Attr
	text     string // a text node's text
	tip      string // an "a" element's tooltip (xlink:title)
	children []*svgNode
}

func (n *svgNode) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *svgNode) setAttr(name, value string) {
	for i, a := range n.attrs {
		if a.Name.Local == name {
			n.attrs[i].Value = value
			return
		}
	}
	n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
}

// textContent is the concatenated text below n.
func (n *svgNode) textContent() string {
	if n.name == "" {
		return n.text
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(c.textContent())
	}
	return b.String()
}

// child returns the first child element called name.
func (n *svgNode) child(name string) *svgNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// CleanSVG rewrites a chart Graphviz drew from DOT(l) into the SVG the explorer
// embeds. It keeps only the drawing (an allow-list of SVG elements and
// attributes: no script, style, event handler, foreign object or link survives,
// whatever the input), drops the XML prolog, doctype and comments, turns links
// into plain groups (the page's card shows the model's link), and annotates:
//
//   - a model's node group gets data-id (the model id) and class "node model",
//     and its <title> becomes the model's tooltip;
//   - a relation's edge group gets data-from, data-to, data-rel and data-class
//     (lineage or influence).
//
// Every text and attribute value is written escaped by EscapeXML, so the output
// can be inlined into HTML or served as an SVG document.
func CleanSVG(svg []byte, l *graph.Lineage) ([]byte, error) {
	root, err := parseSVG(svg)
	if err != nil {
		return nil, err
	}
	edges := map[string]graph.Edge{}
	for _, e := range l.Edges() {
		edges[e.From+"->"+e.To] = e
	}
	annotate(root, l, edges)
	var b bytes.Buffer
	// Fit the chart to its container: the page's script sets the viewBox.
	root.attrs = filterAttrs(root.attrs, func(name string) bool { return name != "width" && name != "height" })
	writeSVG(&b, root, true)
	return b.Bytes(), nil
}

// parseSVG reads an SVG document into a tree of allowed elements and attributes.
func parseSVG(svg []byte) (*svgNode, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var stack []*svgNode
	var root *svgNode
	skip := 0 // depth inside a dropped element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the chart's SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || t.Name.Space != "" && t.Name.Space != "http://www.w3.org/2000/svg" || !svgElements[t.Name.Local] {
				skip++
				continue
			}
			n := &svgNode{name: t.Name.Local}
			n.attrs = filterAttrs(t.Attr, nil)
			if t.Name.Local == "a" {
				// Keep the link's tooltip for annotate; the link itself goes.
				for _, a := range t.Attr {
					if a.Name.Local == "title" && a.Name.Space != "" {
						n.tip = a.Value
					}
				}
			}
			if len(stack) == 0 {
				if root != nil || n.name != "svg" {
					return nil, errors.New("reading the chart's SVG: the document is not one <svg> element")
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip > 0 || len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, &svgNode{text: string(t)})
		}
	}
	if root == nil {
		return nil, errors.New("reading the chart's SVG: no <svg> element")
	}
	return root, nil
}

// filterAttrs keeps the allowed, un-namespaced attributes that keep also accepts.
func filterAttrs(attrs []xml.Attr, keep func(string) bool) []xml.Attr {
	var out []xml.Attr
	for _, a := range attrs {
		if a.Name.Space != "" || !svgAttrs[a.Name.Local] || keep != nil && !keep(a.Name.Local) {
			continue
		}
		if strings.Contains(strings.ToLower(a.Value), "javascript:") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// annotate marks model nodes and relation edges (see CleanSVG) below n.
func annotate(n *svgNode, l *graph.Lineage, edges map[string]graph.Edge) {
	for _, c := range n.children {
		if c.name != "g" {
			if c.name != "" {
				annotate(c, l, edges)
			}
			continue
		}
		title := c.child("title")
		if title == nil {
			annotate(c, l, edges)
			continue
		}
		// Other nodes (years, legend) show their link's tooltip, not their name.
		tip := ""
		if a := c.child("g"); a != nil {
			if a = a.child("a"); a != nil {
				tip = a.tip
			}
		}
		switch c.attr("class") {
		case "node":
			if m, ok := l.Model(title.textContent()); ok {
				c.setAttr("class", "node model")
				c.setAttr("data-id", m.ID)
				tip = tooltip(m)
			}
		case "edge":
			if e, ok := edges[title.textContent()]; ok {
				c.setAttr("data-from", e.From)
				c.setAttr("data-to", e.To)
				c.setAttr("data-rel", string(e.Relation))
				c.setAttr("data-class", e.Relation.Class().String())
				tip = edgeTooltip(l, e)
			}
		}
		if tip != "" {
			title.children = []*svgNode{{text: tip}}
		}
		annotate(c, l, edges)
	}
}

// writeSVG writes n and its children; "a" elements become "g".
func writeSVG(b *bytes.Buffer, n *svgNode, root bool) {
	if n.name == "" {
		b.WriteString(EscapeXML(n.text))
		return
	}
	name := n.name
	if name == "a" {
		name = "g"
	}
	b.WriteString("<" + name)
	if root {
		b.WriteString(` xmlns="http://www.w3.org/2000/svg"`)
	}
	for _, a := range n.attrs {
		b.WriteString(" " + a.Name.Local + `="` + EscapeXML(a.Value) + `"`)
	}
	if len(n.children) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteString(">")
	for _, c := range n.children {
		writeSVG(b, c, false)
	}
	b.WriteString("</" + name + ">")
}

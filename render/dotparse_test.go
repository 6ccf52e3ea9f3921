package render

import (
	"fmt"
	"html"
	"strings"
	"unicode"
)

// This file holds a small DOT reader for tests: enough of the DOT grammar to read
// what DOT writes back (statements, attribute lists, subgraphs, HTML-like strings),
// with the lexing rules of Graphviz's scanner for quoted strings. It lets the tests
// check that escaped data round-trips and never breaks the document's structure.

type dotToken struct {
	kind byte // 'i' id, 'q' quoted, 'h' html, or the punctuation character; '>' for ->
	text string
}

// lexDOT splits DOT text into tokens. Quoted strings follow Graphviz's scan.l: \" is
// a quote, backslash-newline continues the line, and any other backslash is kept.
func lexDOT(s string) ([]dotToken, error) {
	var toks []dotToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "//"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "->"):
			toks = append(toks, dotToken{'>', "->"})
			i += 2
		case strings.ContainsRune("{}[];,=", rune(c)):
			toks = append(toks, dotToken{c, string(c)})
			i++
		case c == '"':
			var b strings.Builder
			i++
			for {
				if i >= len(s) {
					return nil, fmt.Errorf("unterminated quoted string")
				}
				if s[i] == '"' {
					i++
					break
				}
				if s[i] == '\\' && i+1 < len(s) && s[i+1] == '"' {
					b.WriteByte('"')
					i += 2
					continue
				}
				if s[i] == '\\' && i+1 < len(s) && s[i+1] == '\n' {
					i += 2
					continue
				}
				b.WriteByte(s[i])
				i++
			}
			toks = append(toks, dotToken{'q', b.String()})
		case c == '<':
			depth, j := 0, i
			for ; j < len(s); j++ {
				if s[j] == '<' {
					depth++
				} else if s[j] == '>' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated HTML string")
			}
			toks = append(toks, dotToken{'h', s[i+1 : j]})
			i = j + 1
		case c == '_' || c == '.' || c == '-' || c >= 0x80 || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || s[j] >= 0x80 || unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j])) ||
				s[j] == '-' && !strings.HasPrefix(s[j:], "->")) {
				j++
			}
			toks = append(toks, dotToken{'i', s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("unexpected character %q at byte %d", c, i)
		}
	}
	return toks, nil
}

// dotGraph is what parseDOT reads: node attributes by node name and the edges.
type dotGraph struct {
	nodes map[string]map[string]dotToken
	edges [][2]string
	order []string // node names in first-mention order
	// assigns are all attribute assignments, of graphs, defaults, nodes and
	// edges, in order.
	assigns []dotAssign
}

// dotAssign is one attribute assignment k=v.
type dotAssign struct {
	key string
	val dotToken
}

type dotParser struct {
	toks []dotToken
	pos  int
	g    *dotGraph
}

// parseDOT reads a digraph. It fails on any token out of place, so a data string
// that escaped its quotes makes it fail.
func parseDOT(s string) (*dotGraph, error) {
	toks, err := lexDOT(s)
	if err != nil {
		return nil, err
	}
	p := &dotParser{toks: toks, g: &dotGraph{nodes: map[string]map[string]dotToken{}}}
	if !p.accept('i', "digraph") {
		return nil, fmt.Errorf("want digraph")
	}
	p.accept('i', "")
	p.accept('q', "")
	if err := p.block(); err != nil {
		return nil, err
	}
	if p.pos != len(p.toks) {
		return nil, fmt.Errorf("tokens after the graph: %v", p.toks[p.pos:])
	}
	return p.g, nil
}

func (p *dotParser) peek() (dotToken, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return dotToken{}, false
}

// accept consumes a token of this kind (and text, unless text is "").
func (p *dotParser) accept(kind byte, text string) bool {
	t, ok := p.peek()
	if ok && t.kind == kind && (text == "" || t.text == text) {
		p.pos++
		return true
	}
	return false
}

func (p *dotParser) block() error {
	if !p.accept('{', "") {
		return fmt.Errorf("want { at token %d", p.pos)
	}
	for {
		if p.accept('}', "") {
			return nil
		}
		if err := p.stmt(); err != nil {
			return err
		}
		p.accept(';', "")
	}
}

func (p *dotParser) id() (string, bool) {
	t, ok := p.peek()
	if ok && (t.kind == 'i' || t.kind == 'q' || t.kind == 'h') {
		p.pos++
		return t.text, true
	}
	return "", false
}

func (p *dotParser) stmt() error {
	t, ok := p.peek()
	if !ok {
		return fmt.Errorf("unexpected end")
	}
	if t.kind == 'i' && t.text == "subgraph" {
		p.pos++
		p.id()
		return p.block()
	}
	if t.kind == '{' {
		return p.block()
	}
	if t.kind == 'i' && (t.text == "graph" || t.text == "node" || t.text == "edge") {
		p.pos++
		_, err := p.attrs()
		return err
	}
	name, ok := p.id()
	if !ok {
		return fmt.Errorf("want a statement at token %d (%q)", p.pos, t.text)
	}
	if p.accept('=', "") { // graph attribute a=b
		v, _ := p.peek()
		if _, ok := p.id(); !ok {
			return fmt.Errorf("want a value after %s=", name)
		}
		p.g.assigns = append(p.g.assigns, dotAssign{name, v})
		return nil
	}
	p.node(name)
	chain := []string{name}
	for p.accept('>', "") {
		next, ok := p.id()
		if !ok {
			return fmt.Errorf("want a node after -> at token %d", p.pos)
		}
		p.node(next)
		chain = append(chain, next)
	}
	attrs, err := p.attrs()
	if err != nil {
		return err
	}
	if len(chain) == 1 {
		for k, v := range attrs {
			p.g.nodes[name][k] = v
		}
		return nil
	}
	for i := 1; i < len(chain); i++ {
		p.g.edges = append(p.g.edges, [2]string{chain[i-1], chain[i]})
	}
	return nil
}

func (p *dotParser) node(name string) {
	if _, ok := p.g.nodes[name]; !ok {
		p.g.nodes[name] = map[string]dotToken{}
		p.g.order = append(p.g.order, name)
	}
}

// attrs reads an optional [k=v, ...] list.
func (p *dotParser) attrs() (map[string]dotToken, error) {
	out := map[string]dotToken{}
	if !p.accept('[', "") {
		return out, nil
	}
	for !p.accept(']', "") {
		k, ok := p.id()
		if !ok || !p.accept('=', "") {
			return nil, fmt.Errorf("want key=value at token %d", p.pos)
		}
		v, ok := p.peek()
		if _, isID := p.id(); !ok || !isID {
			return nil, fmt.Errorf("want a value for %s", k)
		}
		out[k] = v
		p.g.assigns = append(p.g.assigns, dotAssign{k, v})
		if !p.accept(',', "") {
			p.accept(';', "")
		}
	}
	return out, nil
}

// decodeDOT undoes EscapeDOT after lexing: \n is a line break (escString) and
// character references are decoded, as Graphviz does for labels and SVG does for
// titles and links.
func decodeDOT(s string) string {
	return html.UnescapeString(strings.ReplaceAll(s, `\n`, "\n"))
}

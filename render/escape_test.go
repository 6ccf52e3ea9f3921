package render

import (
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileStrings seed the fuzz targets and the table tests.
var hostileStrings = []string{
	"", "plain", `a"b`, `back\slash`, `ends in backslash\`, `\"`, `\\"`, `\N \G \L \n`,
	"<script>alert(1)</script>", "]]>", "line\nbreak", "cr\r\nlf", "tab\there", "\x00\x01\x1f\x7f",
	"&amp; &lt; &#92; &", "#quot; #35; #lt;", "a | b", "`tick`", "%% comment", "%%{init: {'theme':'dark'}}%%", "[x] (y) {z}",
	"style:#1;", "classDef x fill:#f00;", "中文 日本語 한국어 羊驼", "\u2028\u2029\u0085", "\ufffe\uffff",
	"bad\xffutf8", "javascript:alert(1)", "'single'",
}

// normXML is what an XML parser gives back from EscapeXML(s).
func normXML(s string) string {
	var b strings.Builder
	for _, r := range s { // each invalid byte gives U+FFFD, as in the escapers
		switch r = xmlSafe(r); r {
		case -1:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestEscapeTable(t *testing.T) {
	cases := []struct {
		f        func(string) string
		in, want string
	}{
		{EscapeDOT, `say "hi"`, `say \"hi\"`},
		{EscapeDOT, `C:\path\`, `C:&#92;path&#92;`},
		{EscapeDOT, "a\nb\r\nc", `a\nb\nc`},
		{EscapeDOT, "<b>&", "&lt;b&gt;&amp;"},
		{EscapeDOT, "羊驼", "羊驼"},
		{EscapeDOTHTML, "a<b>\n\"c\" \\", "a&lt;b&gt; &quot;c&quot; &#92;"},
		{EscapeXML, "<a href='x'>&\n", "&lt;a href=&#39;x&#39;&gt;&amp;&#10;"},
		{EscapeXML, "\x00ok\ufffe", " ok\ufffd"},
		{EscapeMermaid, `GPT-3.5 "turbo" [x] #1 <b>`, "GPT-3.5 #34;turbo#34; #91;x#93; #35;1 #60;b#62;"},
		{EscapeMermaid, "a|b`c;d\ne", "a#124;b#96;c#59;d e"},
		{EscapeMermaid, "小鹿 Fawn 7B", "小鹿 Fawn 7B"},
		{mermaidTooltip, "a \"b\" <c> & d; e\n", "a 'b' ‹c› ＆ d, e "},
	}
	for _, c := range cases {
		if got := c.f(c.in); got != c.want {
			t.Errorf("escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMermaidURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=1&c=2": "https://example.org/a?b=1&c=2",
		"https://example.org/#frag;x":   "https://example.org/#frag%3Bx",
		"https://example.org/`x":        "",
		"https://example.org/\\x":       "",
		"https://example.org/\u2028":    "",
	} {
		if got := mermaidURL(in); got != want {
			t.Errorf("mermaidURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func seed(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
}

// FuzzEscapeDOT: the escaped string stays one DOT quoted string whatever the input,
// holds no markup and no backslash but \" and \n, and lexes and decodes back to the
// input (line breaks normalised, controls as spaces).
func FuzzEscapeDOT(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		q := quoteDOT(s)
		toks, err := lexDOT(q + " ; " + q)
		if err != nil || len(toks) != 3 || toks[0].kind != 'q' || toks[1].kind != ';' {
			t.Fatalf("%q: escaped %q does not lex as one string: %v %v", s, q, toks, err)
		}
		if strings.ContainsAny(EscapeDOT(s), "<>") {
			t.Fatalf("%q: markup in %q", s, q)
		}
		if bare := strings.NewReplacer(`\"`, "", `\n`, "").Replace(EscapeDOT(s)); strings.Contains(bare, `\`) {
			t.Fatalf("%q: stray backslash in %q", s, q)
		}
		want := strings.ReplaceAll(normXML(s), "\r\n", "\n")
		want = strings.NewReplacer("\r", "\n", "\t", " ").Replace(want)
		if got := decodeDOT(toks[0].text); got != want {
			t.Fatalf("%q: round trip gives %q, want %q", s, got, want)
		}
	})
}

// FuzzEscapeDOTHTML: the escaped text is well-formed XML content that decodes to the
// input on one line, with no backslash left for Graphviz to interpret.
func FuzzEscapeDOTHTML(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeDOTHTML(s)
		if strings.ContainsAny(e, "<>\\\n\r\t") {
			t.Fatalf("%q: unescaped delimiter in %q", s, e)
		}
		var v struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<x>"+e+"</x>"), &v); err != nil {
			t.Fatalf("%q: %q is not XML text: %v", s, e, err)
		}
		if want := strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(normXML(s)); v.Text != want {
			t.Fatalf("%q: decodes to %q, want %q", s, v.Text, want)
		}
	})
}

// FuzzEscapeXML: the escaped string is valid as element text and as an attribute
// value in either quote style, and an XML parser gives back the input exactly
// (controls XML forbids become spaces).
func FuzzEscapeXML(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeXML(s)
		if strings.ContainsAny(e, "<>\"'") {
			t.Fatalf("%q: unescaped delimiter in %q", s, e)
		}
		var v struct {
			A    string `xml:"a,attr"`
			B    string `xml:"b,attr"`
			Text string `xml:",chardata"`
		}
		doc := "<x a=\"" + e + "\" b='" + e + "'>" + e + "</x>"
		if err := xml.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("%q: %q does not parse: %v", s, doc, err)
		}
		want := normXML(s)
		if v.A != want || v.B != want || v.Text != want {
			t.Fatalf("%q: round trip gives %q %q %q, want %q", s, v.A, v.B, v.Text, want)
		}
	})
}

var mermaidCode = regexp.MustCompile(`#(\d+);`)

// FuzzEscapeMermaid: the escaped label holds no ASCII character that means
// something to Mermaid except in its own #N; codes, is one line, and decoding the
// codes gives back the input (controls as spaces).
func FuzzEscapeMermaid(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeMermaid(s)
		rest := mermaidCode.ReplaceAllString(e, "")
		for _, r := range rest {
			if r < 0x80 && !mermaidPlain(r) || r == 0x2028 || r == 0x2029 || r == 0x85 {
				t.Fatalf("%q: raw %q left in %q", s, r, e)
			}
		}
		got := mermaidCode.ReplaceAllStringFunc(e, func(c string) string {
			n, _ := strconv.Atoi(c[1 : len(c)-1])
			return string(rune(n))
		})
		// string([]rune(s)) turns each invalid byte into U+FFFD, as ranging does.
		want := strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == 0x85 {
				return ' '
			}
			return r
		}, string([]rune(s)))
		if got != want {
			t.Fatalf("%q: decodes to %q, want %q", s, got, want)
		}
	})
}

// FuzzMermaidTooltip: a tooltip cannot end its string, open a tag or an entity code,
// or break the line.
func FuzzMermaidTooltip(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		e := mermaidTooltip(s)
		if strings.ContainsAny(e, "\"`<>&;%\n\r\u2028\u2029\u0085") || !utf8.ValidString(e) {
			t.Fatalf("%q: unsafe tooltip %q", s, e)
		}
	})
}

// FuzzMermaidURL: a click href is empty or a one-line string without a quote, a
// #word; code or a %% (which Mermaid reads as a comment or a %%{directive}%%
// anywhere in the source), and every % starts a percent-escape.
func FuzzMermaidURL(f *testing.F) {
	seed(f)
	f.Add("https://example.org/%%{init: {'theme':'dark'}}%%")
	f.Add("https://example.org/100%")
	f.Add("https://example.org/a%2Fb%zz")
	f.Fuzz(func(t *testing.T, s string) {
		u := mermaidURL(s)
		if u == "" {
			return
		}
		if strings.ContainsAny(u, "\"`;\n\r\u2028\u2029\u0085") || strings.Contains(u, "%%") || !utf8.ValidString(u) {
			t.Fatalf("%q: unsafe href %q", s, u)
		}
		for i := strings.IndexByte(u, '%'); i >= 0; i = strings.IndexByte(u, '%') {
			if i+2 >= len(u) || !isHex(u[i+1]) || !isHex(u[i+2]) {
				t.Fatalf("%q: %% not followed by two hex digits in %q", s, u)
			}
			u = u[i+3:]
		}
	})
}

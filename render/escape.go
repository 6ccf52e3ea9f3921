package render

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Every string that comes from a dataset (names, descriptions, urls, organisations,
// relation names) reaches an output only through one of the escapers in this file.
// Each one is total: any valid or invalid UTF-8 input gives output that cannot end
// the surrounding quoted string, tag or statement. Non-Latin text (中文, 日本語, 한국어)
// passes through as UTF-8.

// xmlSafe maps a rune to one XML 1.0 allows, or to -1 when it should become a space:
// C0 controls other than tab, newline and carriage return, DEL, and the
// non-characters U+FFFE and U+FFFF cannot appear in an XML document even as
// character references, so they are replaced.
func xmlSafe(r rune) rune {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return r
	case r < 0x20 || r == 0x7f:
		return -1
	case r == 0xfffe || r == 0xffff:
		return utf8.RuneError
	}
	return r
}

// EscapeXML escapes s for XML or HTML text and for attribute values in either
// quote style: &, <, >, " and ' become references, tab, newline and carriage return
// become numeric references (so attribute values keep them), other control
// characters become spaces, and invalid UTF-8 becomes U+FFFD. A decoding XML
// parser gives back s with those replacements.
func EscapeXML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // ranging over invalid UTF-8 yields U+FFFD
		switch r = xmlSafe(r); r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\t':
			b.WriteString("&#9;")
		case '\n':
			b.WriteString("&#10;")
		case '\r':
			b.WriteString("&#13;")
		case -1:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// EscapeDOTHTML escapes s for the text of a Graphviz HTML-like label (label=<...>).
// Graphviz parses those labels as XML, so this is EscapeXML except that every line
// break and tab becomes a space (a label line is one line of text; breaks are the
// writer's <BR/> elements, never the data's) and a backslash becomes &#92;, so no
// Graphviz version can read it as an escape.
func EscapeDOTHTML(s string) string {
	return strings.ReplaceAll(EscapeXML(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)), `\`, "&#92;")
}

// EscapeDOT escapes s for the inside of a DOT double-quoted string (an id, label,
// tooltip or URL; the caller adds the quotes).
//
// DOT's lexer knows only \" inside quotes, and Graphviz then reads most string
// attributes as escString, where \N, \G, \l and friends expand. So the output never
// holds a backslash other than in \" and \n: a backslash from the data becomes the
// character reference &#92;, which Graphviz decodes in labels and passes through to
// SVG, where browsers decode it. &, < and > become references too, so no markup
// survives into SVG titles and links. A line break becomes \n (a centred line in a
// label); other control characters become spaces.
func EscapeDOT(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch r = xmlSafe(r); r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString("&#92;")
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\n', '\r':
			b.WriteString(`\n`)
		case '\t', -1:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quoteDOT returns s escaped and in double quotes: a DOT id or attribute value.
func quoteDOT(s string) string { return `"` + EscapeDOT(s) + `"` }

// mermaidPlain reports whether an ASCII rune may stand as itself in a Mermaid
// label. Everything else ASCII is written as an entity code, so no data character
// can close a string ("), a shape ([ ] ( ) { } > |), start a comment or entity
// (%, #, ;, &), open a tag (<), or begin a Markdown string (`).
func mermaidPlain(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		strings.ContainsRune(" .,-_/+'!?@", r)
}

// EscapeMermaid escapes s for the inside of a double-quoted Mermaid flowchart label
// (n0["..."], -->|"..."|, subgraph g0["..."]). Letters, digits, space and .,-_/+'!?@
// stay; every other ASCII character becomes Mermaid's entity code #N; (decimal
// code point), which Mermaid renders as the character; line breaks, tabs and other
// control characters become spaces; Unicode line and paragraph separators become
// codes too, so a label is always one source line. Non-ASCII text is kept as is.
func EscapeMermaid(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || r == 0x85:
			b.WriteByte(' ')
		case r < 0x80 && !mermaidPlain(r), r == 0x2028 || r == 0x2029:
			b.WriteByte('#')
			b.WriteString(strconv.Itoa(int(r)))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mermaidTooltip makes s safe as the tooltip string of a Mermaid click statement.
// Mermaid shows tooltips without decoding its #N; codes, so instead of codes the
// few dangerous characters are replaced by look-alikes: " by ', < and > by ‹ and ›,
// & by ＆, ; by , (so no #word; sequence is read as a code), % by ％ (Mermaid
// reads %% anywhere in its source as a comment or a %%{init: ...}%% directive,
// which could restyle the chart and make the browser fetch other addresses), and
// control characters and line breaks by spaces. Tooltips are plain hints, so the loss is
// acceptable; labels use EscapeMermaid, which loses nothing.
func mermaidTooltip(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '"', '`':
			return '\''
		case '<':
			return '‹'
		case '>':
			return '›'
		case '&':
			return '＆'
		case ';':
			return ','
		case '%':
			return '％'
		case 0x85, 0x2028, 0x2029:
			return ' '
		}
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// mermaidURL returns u ready for a Mermaid click statement, or "" when u is not a
// plain http(s) address (see graph.IsWebURL, which the caller checks) or holds a
// character that could end the quoted string. A ';' is percent-encoded so that no
// #word; fragment is taken for an entity code, and so is a '%' that does not start
// a percent-escape, so the href never holds the %% of a Mermaid comment or
// directive.
func mermaidURL(u string) string {
	if strings.ContainsAny(u, "\"`\\\x7f") || !utf8.ValidString(u) {
		return ""
	}
	for _, r := range u {
		if r < 0x20 || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return ""
		}
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == ';':
			b.WriteString("%3B")
		case c == '%' && !(i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2])):
			b.WriteString("%25")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

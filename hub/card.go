package hub

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Size bounds for model cards. A card's prose can be long; its front matter is a
// few kilobytes in practice (model-index results make it longer). Bounding the
// YAML input bounds the parser's time and memory, whatever the text holds.
const (
	MaxCardBytes        = 4 << 20   // README.md files larger than this are skipped
	MaxFrontMatterBytes = 256 << 10 // front matter larger than this is skipped
)

// CardError is a model card whose front matter cannot be read, at a line of the file.
type CardError struct {
	Line int
	Msg  string
}

// Error formats the problem as "line N: what".
func (e *CardError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// yamlLine finds the line number in a YAML parser message.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// ParseCard reads the metadata of a model card: the YAML front matter between a
// first line "---" and the next line "---". A card without front matter has no
// metadata and gives an empty CardData. Broken front matter gives a *CardError
// whose line is a line of the card. The returned messages describe fields of an
// unexpected shape that were skipped.
func ParseCard(card []byte) (CardData, []string, error) {
	front, ok, err := frontMatter(card)
	if err != nil || !ok {
		return CardData{}, nil, err
	}
	if len(front) > MaxFrontMatterBytes {
		return CardData{}, nil, &CardError{Line: 1, Msg: fmt.Sprintf("front matter is larger than %d KiB; skipped", MaxFrontMatterBytes>>10)}
	}
	var v any
	if err := yaml.Unmarshal(front, &v); err != nil {
		line, msg := 2, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = 1 + n // the front matter starts on the card's line 2
			msg = msg[len(m[0]):]
		}
		return CardData{}, nil, &CardError{Line: line, Msg: "front matter is not valid YAML: " + msg}
	}
	if v == nil {
		return CardData{}, nil, nil
	}
	m, ok := stringKeys(v)
	if !ok {
		return CardData{}, nil, &CardError{Line: 2, Msg: fmt.Sprintf("front matter is %s, want a mapping of fields", kind(v))}
	}
	c, msgs := cardFromMap(m)
	return c, msgs, nil
}

// frontMatter returns the text between the opening and closing "---" lines.
func frontMatter(card []byte) ([]byte, bool, error) {
	card = bytes.TrimPrefix(card, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(card, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, false, nil
	}
	off := 0
	for off <= len(rest) {
		line, _, more := bytes.Cut(rest[off:], []byte("\n"))
		if t := string(bytes.TrimRight(line, " \t\r")); t == "---" || t == "..." {
			return rest[:off], true, nil
		}
		if !more {
			break
		}
		off += len(line) + 1
		if off > MaxFrontMatterBytes {
			return nil, false, &CardError{Line: 1, Msg: fmt.Sprintf("front matter is larger than %d KiB; skipped", MaxFrontMatterBytes>>10)}
		}
	}
	return nil, false, &CardError{Line: 1, Msg: `front matter starts with "---" but has no closing "---" line`}
}

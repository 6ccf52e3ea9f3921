package hub

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseCard(t *testing.T) {
	c, msgs, err := ParseCard([]byte("---\nbase_model: org/base\nbase_model_relation: adapter\nlicense: mit\nlibrary_name: peft\ntags:\n- lora\nquantized_by: someone\n---\n# text\n"))
	if err != nil || len(msgs) > 0 {
		t.Fatal(err, msgs)
	}
	if !slices.Equal(c.BaseModel, []string{"org/base"}) || c.Relation != "adapter" || !slices.Equal(c.License, []string{"mit"}) ||
		c.LibraryName != "peft" || !slices.Equal(c.Tags, []string{"lora"}) || c.QuantizedBy != "someone" {
		t.Errorf("card = %+v", c)
	}

	c, _, err = ParseCard([]byte("\ufeff---\r\nbase_model:\r\n  - a/one\r\n  - b/two\r\nlicense: [apache-2.0, mit]\r\n---\r\n"))
	if err != nil || !slices.Equal(c.BaseModel, []string{"a/one", "b/two"}) || !slices.Equal(c.License, []string{"apache-2.0", "mit"}) {
		t.Errorf("list base_model with CRLF and BOM: %+v, %v", c, err)
	}

	for _, card := range []string{"# no front matter\n", "", "---\n---\n"} {
		if c, _, err := ParseCard([]byte(card)); err != nil || len(c.BaseModel) > 0 {
			t.Errorf("ParseCard(%q) = %+v, %v; want no metadata", card, c, err)
		}
	}
}

func TestParseCardShapes(t *testing.T) {
	c, msgs, err := ParseCard([]byte("---\nbase_model: {id: org/x}\nlicense: 3\ntags: [a, 7, b]\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.BaseModel) != 0 || len(c.License) != 0 || !slices.Equal(c.Tags, []string{"a", "b"}) {
		t.Errorf("card = %+v", c)
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"base_model is a mapping", "license is a number", "tags: an entry is a number"} {
		if !strings.Contains(joined, want) {
			t.Errorf("messages %q lack %q", msgs, want)
		}
	}
}

func TestParseCardBroken(t *testing.T) {
	cases := []struct {
		card string
		line int
		msg  string
	}{
		// The parser's line 3 of the front matter is the card's line 4.
		{"---\nlicense: mit\ntags:\n  - a\n - b\n---\n", 4, "not valid YAML"},
		{"---\nbase_model: \"unterminated\n---\n", 3, "not valid YAML"},
		{"---\nlicense: mit\nno closing line\n", 1, `no closing "---"`},
		{"---\n- just\n- a list\n---\n", 2, "want a mapping"},
		{"---\n" + strings.Repeat("k: v\n", MaxFrontMatterBytes/4) + "---\n", 1, "larger than"},
	}
	for _, tc := range cases {
		_, _, err := ParseCard([]byte(tc.card))
		var ce *CardError
		if !errors.As(err, &ce) || ce.Line != tc.line || !strings.Contains(ce.Msg, tc.msg) {
			t.Errorf("ParseCard(%.40q) = %v; want line %d: ...%s...", tc.card, err, tc.line, tc.msg)
		}
	}
}

// An alias bomb must not blow up: the front matter is bounded and the parser
// refuses excessive aliasing.
func TestParseCardAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := 0; i < 20; i++ {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	b.WriteString("base_model: org/x\n---\n")
	_, _, err := ParseCard([]byte(b.String()))
	if err == nil {
		t.Fatal("an alias bomb parsed without error")
	}
}

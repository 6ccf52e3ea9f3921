package graph

import (
	"fmt"
	"slices"
	"strings"
)

// The vocabularies of the stage, arch and access columns. A dataset may use
// other stage and arch values (the loader keeps them; only access is checked
// there); a filter accepts the vocabulary and whatever the dataset uses.

// Stages returns the training-stage vocabulary, in the order a model goes
// through them.
func Stages() []string {
	return []string{"base", "instruction-tuned", "chat", "code", "reasoning"}
}

// Architectures returns the architecture vocabulary.
func Architectures() []string {
	return []string{"decoder-only", "encoder-decoder", "prefix-lm", "glm", "moe"}
}

// AccessLevels returns the access vocabulary, most open first.
func AccessLevels() []string {
	return []string{"open", "limited", "api", "closed"}
}

// VocabularyError is a filter value that neither the vocabulary of its column nor
// any model of the dataset uses.
type VocabularyError struct {
	Field string   // "stage", "access" or "arch"
	Value string   // as given
	Valid []string // the values that would be accepted
}

func (e *VocabularyError) Error() string {
	return fmt.Sprintf("unknown %s %q: want one of %s", e.Field, e.Value, strings.Join(e.Valid, ", "))
}

// CheckFilter returns a *VocabularyError for the first of f's Stage, Access and
// Arch that is neither in its vocabulary nor used by a model of l (case is
// ignored, as Filter.Match ignores it), so a typo is an error rather than an
// empty list. Filter.Match itself does not check.
func (l *Lineage) CheckFilter(f Filter) error {
	for _, c := range []struct {
		field, value string
		vocab        []string
		of           func(*Model) string
	}{
		{"stage", f.Stage, Stages(), func(m *Model) string { return m.Stage }},
		{"access", f.Access, AccessLevels(), func(m *Model) string { return m.Access }},
		{"arch", f.Arch, Architectures(), func(m *Model) string { return m.Arch }},
	} {
		if c.value == "" {
			continue
		}
		valid := c.vocab
		for _, m := range l.s.models {
			if v := strings.ToLower(c.of(m)); v != "" && !slices.Contains(valid, v) {
				valid = append(valid, v)
			}
		}
		if !slices.Contains(valid, strings.ToLower(c.value)) {
			slices.Sort(valid[len(c.vocab):])
			return &VocabularyError{Field: c.field, Value: c.value, Valid: valid}
		}
	}
	return nil
}

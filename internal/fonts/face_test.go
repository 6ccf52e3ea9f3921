package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// TestInstalledFontsOnlyWhenNeeded checks that the font directories are
// searched only when a character the built-in font lacks is drawn.
func TestInstalledFontsOnlyWhenNeeded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "DejaVuSans.ttf"), goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	f := s.Face(22, true)
	if r, ok := f.MissingRune("Crème brûlée — “Hermes’s” · Ελλάδα · Россия"); ok || s.searched {
		t.Errorf("text the built-in font covers: missing %q, font dirs searched: %v", r, s.searched)
	}
	if r, ok := f.MissingRune("A ∪ B"); ok || !s.searched {
		t.Errorf("a character only the installed font has: missing %q, font dirs searched: %v", r, s.searched)
	}
	if r, ok := f.MissingRune("中"); !ok || r != '中' {
		t.Errorf("a character no font has: missing %q, %v", r, ok)
	}
}

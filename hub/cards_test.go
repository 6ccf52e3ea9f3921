package hub

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const cardsDir = "../testdata/hub/cards"

func TestReadCardsFixture(t *testing.T) {
	b := NewBuilder()
	if err := ReadCards(b, cardsDir); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	l := load(t, d)

	wantModels := []string{
		"acme-ai/Acme-7B", // placeholder: every card names it, none is its own
		"acme-ai/Acme-7B-Instruct", "chatfolk/Acme-7B-Chat", "cycle/model-a", "cycle/model-b",
		"distillers/Acme-1B-distilled", "loops/self-loop", "loralab/acme-7b-sql-lora",
		"mergers/Acme-Hermes-7B-slerp", "nousfolk/Hermes-7B", "quantfolk/Acme-7B-Instruct-GGUF",
	}
	if got := modelIDs(d); !slices.Equal(got, wantModels) {
		t.Errorf("models:\n got %q\nwant %q", got, wantModels)
	}
	wantEdges := []string{
		"acme-ai/Acme-7B -> acme-ai/Acme-7B-Instruct finetune",       // HF cache snapshot, inferred
		"acme-ai/Acme-7B-Instruct -> chatfolk/Acme-7B-Chat finetune", // URL base_model, stated
		"cycle/model-b -> cycle/model-a finetune",                    // the cycle's other edge is dropped
		"acme-ai/Acme-7B-Instruct -> distillers/Acme-1B-distilled finetune",
		"acme-ai/Acme-7B -> loralab/acme-7b-sql-lora adapter",            // PEFT
		"acme-ai/Acme-7B-Instruct -> mergers/Acme-Hermes-7B-slerp merge", // mergekit, two bases
		"nousfolk/Hermes-7B -> mergers/Acme-Hermes-7B-slerp merge",
		"acme-ai/Acme-7B-Instruct -> quantfolk/Acme-7B-Instruct-GGUF quantized", // GGUF
	}
	if got := edgeList(d); !slices.Equal(got, wantEdges) {
		t.Errorf("edges:\n got %q\nwant %q", got, wantEdges)
	}
	if d.Imported != 9 || d.Placeholders != 2 || d.Skipped != 1 {
		t.Errorf("imported %d, placeholders %d, skipped %d; want 9, 2, 1", d.Imported, d.Placeholders, d.Skipped)
	}

	// The HF cache card is read through its snapshot's symbolic link into blobs/.
	inst := model(t, d, "acme-ai/Acme-7B-Instruct")
	if inst.License != "apache-2.0" || inst.Library != "transformers" || inst.Pipeline != "text-generation" || inst.Org != "acme-ai" || inst.Name != "Acme-7B-Instruct" {
		t.Errorf("Acme-7B-Instruct = %+v", inst)
	}
	if inst.URL != "https://huggingface.co/acme-ai/Acme-7B-Instruct" || inst.Source != inst.URL {
		t.Errorf("url %q, source %q", inst.URL, inst.Source)
	}
	ph := model(t, d, "nousfolk/Hermes-7B")
	if !ph.Placeholder || !strings.Contains(ph.Note, "mergers/Acme-Hermes-7B-slerp") || ph.License != "" || ph.Date != "" {
		t.Errorf("placeholder = %+v", ph)
	}
	// Ancestry reaches the placeholder.
	if hops := l.Ancestors("mergers/Acme-Hermes-7B-slerp", graphAll()); len(hops) != 3 {
		t.Errorf("ancestors of the merge: %v", hops)
	}

	problem(t, d, "broken/bad-yaml/README.md:5:", "not valid YAML", "skipped")
	problem(t, d, "loops/self-loop/README.md", "self-loop: loops/self-loop")
	problem(t, d, "cycle/model-b/README.md", "edge cycle/model-a -> cycle/model-b dropped", "cycle/model-b -> cycle/model-a -> cycle/model-b")
	problem(t, d, "distillers/Acme-1B-distilled/README.md", `unknown relation "distillation"`)
	problem(t, d, "snapshots/0000000000000000000000000000000000000000/README.md", "not the revision refs/main names")
	if e := edge(t, d, "acme-ai/Acme-7B", "loralab/acme-7b-sql-lora"); !strings.Contains(e.Note, "inferred") || e.Source != "https://huggingface.co/loralab/acme-7b-sql-lora" {
		t.Errorf("adapter edge = %+v", e)
	}
}

func TestReadCardsIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	card := "---\nbase_model: org/base\n---\n"
	// A clone: the remote names the model, not the directory.
	write("work/my-checkout/README.md", card)
	write("work/my-checkout/.git/config", "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/x/y\n[remote \"origin\"]\n\turl = https://user:hf_secret@huggingface.co/acme/Cloned-7B\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n")
	write("ssh/clone/README.md", card)
	write("ssh/clone/.git/config", "[remote \"origin\"]\n\turl = git@hf.co:acme/Ssh-7B\n")
	// A clone whose remote is elsewhere falls back to the directories.
	write("ghorg/ghrepo/README.md", card)
	write("ghorg/ghrepo/.git/config", "[remote \"origin\"]\n\turl = https://github.com/ghorg/ghrepo\n")
	// The last two directories.
	write("deep/a/b/acme/Dirs-7B/README.md", card)
	// One directory: a legacy id.
	write("gpt2/README.md", "no front matter\n")
	// Lowercase readme.md counts too.
	write("acme/lower/readme.md", card)
	// At the top: no id.
	write("README.md", card)
	// Directories that are not ids.
	write("bad dir/x y/README.md", card)
	// Too large.
	write("big/card/README.md", "---\nbase_model: org/base\n---\n"+strings.Repeat("x", MaxCardBytes))

	b := NewBuilder()
	if err := ReadCards(b, dir); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	load(t, d)
	for _, id := range []string{"acme/Cloned-7B", "acme/Ssh-7B", "ghorg/ghrepo", "acme/Dirs-7B", "gpt2", "acme/lower"} {
		if m := model(t, d, id); m.Placeholder {
			t.Errorf("%s is a placeholder", id)
		}
	}
	for _, id := range modelIDs(d) {
		if strings.Contains(id, "secret") || strings.Contains(id, "my-checkout") {
			t.Errorf("id %q from the wrong place", id)
		}
	}
	problem(t, d, filepath.Join(dir, "README.md"), "no ORG/NAME directories")
	problem(t, d, "x y", "not a repository name")
	problem(t, d, filepath.Join(dir, "big/card/README.md"), "larger than 4 MiB")
	for _, p := range d.Problems {
		if strings.Contains(p.String(), "hf_secret") {
			t.Errorf("a problem shows the token in the remote: %s", p)
		}
	}
}

func TestReadCardsSymlinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "README.md")
	if err := os.WriteFile(secret, []byte("---\nbase_model: outside/secret\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "org", "linked"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A card that links out of the root, and a directory that does.
	if err := os.Symlink(secret, filepath.Join(dir, "org", "linked", "README.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(outside, "org2", "m"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "org2", "m", "README.md"), []byte("---\nbase_model: outside/dir\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "org2"), filepath.Join(dir, "org2")); err != nil {
		t.Fatal(err)
	}
	// A relative link that climbs out.
	if err := os.MkdirAll(filepath.Join(dir, "org3", "climb"), 0o755); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(filepath.Join(dir, "org3", "climb"), secret)
	if err := os.Symlink(rel, filepath.Join(dir, "org3", "climb", "README.md")); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	if err := ReadCards(b, dir); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	if len(d.Models()) != 0 {
		t.Errorf("models read through links out of the root: %v", modelIDs(d))
	}
	problem(t, d, filepath.Join("org", "linked", "README.md"), "cannot open", "skipped")
	problem(t, d, filepath.Join("org3", "climb", "README.md"), "cannot open", "skipped")
}

func TestReadCardsMissingDir(t *testing.T) {
	if err := ReadCards(NewBuilder(), filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("no error for a missing directory")
	}
}

package hub

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxGitConfigBytes bounds the .git/config read to find a clone's remote.
const maxGitConfigBytes = 64 << 10

// ReadCards walks dir for model cards (README.md files) and adds one record per
// card to b. The model's id comes from an HF cache directory "models--ORG--NAME"
// on the card's path, else from the Hugging Face remote in the .git/config of the
// card's directory, else from the card's last two directories ORG/NAME under dir.
// Everything is read through an os.Root of dir: a symbolic link that leads out
// of dir is reported and not followed. The error is for a dir that cannot be read
// at all; problems with single cards are reported to b.
func ReadCards(b *Builder, dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("read cards: %w", err)
	}
	defer root.Close()
	return fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		where := filepath.Join(dir, filepath.FromSlash(p))
		if err != nil {
			if p == "." {
				return fmt.Errorf("read cards: %w", err)
			}
			b.Report(where, "cannot read: %v", unwrapPath(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && (d.Name() == ".git" || d.Name() == "blobs" || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(d.Name(), "README.md") {
			return nil
		}
		readCard(b, root, dir, p, where)
		return nil
	})
}

func readCard(b *Builder, root *os.Root, dir, p, where string) {
	cardDir := path.Dir(p)
	if skip, why := staleSnapshot(root, p); skip {
		b.Report(where, "%s; not read", why)
		return
	}
	f, err := root.Open(p)
	if err != nil {
		b.Skip(where, "cannot open: %v", unwrapPath(err))
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		b.Skip(where, "not a regular file")
		return
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxCardBytes+1))
	if err != nil {
		b.Skip(where, "cannot read: %v", unwrapPath(err))
		return
	}
	if len(data) > MaxCardBytes {
		b.Skip(where, "card is larger than %d MiB", MaxCardBytes>>20)
		return
	}
	id, err := cardID(root, dir, cardDir)
	if err != nil {
		b.Skip(where, "%v", err)
		return
	}
	c, msgs, err := ParseCard(data)
	if err != nil {
		var ce *CardError
		if errors.As(err, &ce) {
			b.Skip(fmt.Sprintf("%s:%d", where, ce.Line), "%s", ce.Msg)
		} else {
			b.Skip(where, "%v", err)
		}
		return
	}
	for _, m := range msgs {
		b.Report(where, "%s", m)
	}
	_, adapterErr := root.Stat(path.Join(cardDir, "adapter_config.json"))
	b.Add(Record{ID: id, Card: c, Tags: nil, AdapterConfig: adapterErr == nil, Where: where + ":1"})
}

// unwrapPath drops the *fs.PathError wrapper, whose path the message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// cacheDir finds the HF cache component "models--ORG--NAME" of a slash path and
// its index.
func cacheDir(p string) (id string, at int, ok bool) {
	parts := strings.Split(p, "/")
	for i, c := range parts {
		if rest, found := strings.CutPrefix(c, "models--"); found && rest != "" {
			org, name, two := strings.Cut(rest, "--")
			if !two {
				return rest, i, true
			}
			return org + "/" + name, i, true
		}
	}
	return "", 0, false
}

// staleSnapshot reports a card of an HF cache snapshot that is not the revision
// refs/main points to, so that an old revision does not stand in for the current.
func staleSnapshot(root *os.Root, p string) (bool, string) {
	parts := strings.Split(p, "/")
	_, at, ok := cacheDir(p)
	if !ok || at+3 >= len(parts) || parts[at+1] != "snapshots" {
		return false, ""
	}
	f, err := root.Open(path.Join(path.Join(parts[:at+1]...), "refs", "main"))
	if err != nil {
		return false, ""
	}
	defer f.Close()
	ref, _ := io.ReadAll(io.LimitReader(f, 256))
	main := strings.TrimSpace(string(ref))
	if main == "" || main == parts[at+2] {
		return false, ""
	}
	return true, fmt.Sprintf("snapshot %s is not the revision refs/main names (%s)", clip(parts[at+2], 12), clip(main, 12))
}

// cardID finds the id of the model whose card is in cardDir (a slash path under root).
func cardID(root *os.Root, dir, cardDir string) (string, error) {
	if id, _, ok := cacheDir(cardDir); ok {
		return NormalizeID(id)
	}
	if remote := gitRemote(root, cardDir); remote != "" {
		if id, err := NormalizeID(remote); err == nil {
			return id, nil
		}
	}
	var parts []string
	if cardDir != "." {
		parts = strings.Split(cardDir, "/")
	}
	switch len(parts) {
	case 0:
		return "", fmt.Errorf("a card at the top of %s has no ORG/NAME directories to name its model", dir)
	case 1:
		return NormalizeID(parts[0])
	}
	return NormalizeID(parts[len(parts)-2] + "/" + parts[len(parts)-1])
}

// gitRemote returns the Hugging Face address of the origin remote (else the
// first remote) in cardDir/.git/config, or "".
func gitRemote(root *os.Root, cardDir string) string {
	f, err := root.Open(path.Join(cardDir, ".git", "config"))
	if err != nil {
		return ""
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, maxGitConfigBytes))
	var first, origin string
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.ToLower(strings.Join(strings.Fields(line), " "))
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(strings.ToLower(k)) != "url" || !strings.HasPrefix(section, "[remote ") {
			continue
		}
		u := hubRemote(strings.TrimSpace(v))
		if u == "" {
			continue
		}
		if first == "" {
			first = u
		}
		if section == `[remote "origin"]` && origin == "" {
			origin = u
		}
	}
	if origin != "" {
		return origin
	}
	return first
}

// hubRemote turns a git remote URL on the Hub into a Hub address without
// credentials: "https://user:tok@huggingface.co/ORG/NAME" and
// "git@hf.co:ORG/NAME" both give "huggingface.co/ORG/NAME". Others give "".
func hubRemote(u string) string {
	if rest, ok := strings.CutPrefix(u, "git@"); ok {
		host, p, ok := strings.Cut(rest, ":")
		if !ok {
			return ""
		}
		return strings.ToLower(host) + "/" + strings.TrimPrefix(p, "/")
	}
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok || (scheme != "https" && scheme != "http" && scheme != "ssh") {
		return ""
	}
	if at := strings.LastIndexByte(strings.SplitN(rest, "/", 2)[0], '@'); at >= 0 {
		rest = rest[at+1:]
	}
	host, p, _ := strings.Cut(rest, "/")
	host = strings.ToLower(host)
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	if host != "huggingface.co" && host != "hf.co" && host != "www.huggingface.co" {
		return ""
	}
	return host + "/" + p
}

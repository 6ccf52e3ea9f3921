package hub

import (
	"fmt"
	"net/url"
	"strings"
)

// maxIDPart is the longest namespace or repository name accepted; the Hub allows 96.
const maxIDPart = 96

// NormalizeID returns the repository id that s names: an id ("ORG/NAME" or a
// legacy "NAME"), or a Hub address such as "https://huggingface.co/ORG/NAME",
// "hf.co/ORG/NAME/tree/main" or "hf://ORG/NAME". It rejects anything that is not
// a model repository id, such as a local path or a dataset address.
func NormalizeID(s string) (string, error) {
	id := strings.TrimSpace(s)
	if id == "" {
		return "", fmt.Errorf("empty model id")
	}
	if len(id) > 4*maxIDPart {
		return "", fmt.Errorf("model id of %d bytes is too long", len(id))
	}
	switch {
	case hasPrefixFold(id, "hf://"):
		id = id[len("hf://"):]
	case hasPrefixFold(id, "https://"), hasPrefixFold(id, "http://"), hasHubHost(id):
		u, err := url.Parse(id)
		if err != nil || u.Host == "" {
			u, err = url.Parse("https://" + id)
		}
		if err != nil {
			return "", fmt.Errorf("model id %q: not a Hugging Face address", s)
		}
		host := strings.ToLower(u.Hostname())
		if host != "huggingface.co" && host != "www.huggingface.co" && host != "hf.co" {
			return "", fmt.Errorf("model id %q: address is not on huggingface.co", s)
		}
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		if len(parts) > 0 && (parts[0] == "datasets" || parts[0] == "spaces") {
			return "", fmt.Errorf("model id %q: address is a %s repository, not a model", s, strings.TrimSuffix(parts[0], "s"))
		}
		if len(parts) > 0 && parts[0] == "models" {
			parts = parts[1:]
		}
		// ORG/NAME/tree/main, ORG/NAME/blob/main/README.md, NAME/tree/main
		for i, p := range parts {
			if i >= 1 && (p == "tree" || p == "blob" || p == "resolve" || p == "commit") {
				parts = parts[:i]
				break
			}
		}
		if len(parts) > 2 {
			parts = parts[:2]
		}
		id = strings.Join(parts, "/")
	}
	id = strings.TrimSuffix(id, ".git")
	if err := checkID(id); err != nil {
		return "", fmt.Errorf("model id %q: %v", clip(s, 80), err)
	}
	return id, nil
}

func hasHubHost(s string) bool {
	for _, h := range []string{"huggingface.co/", "www.huggingface.co/", "hf.co/"} {
		if hasPrefixFold(s, h) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// checkID accepts "NAME" or "ORG/NAME" where each part is 1 to 96 characters of
// letters, digits, '-', '_' and '.', not starting or ending with '.' or '-' and
// without "..".
func checkID(id string) error {
	org, name, two := strings.Cut(id, "/")
	if !two {
		return checkIDPart(id)
	}
	if strings.Contains(name, "/") {
		return fmt.Errorf("want ORG/NAME")
	}
	if err := checkIDPart(org); err != nil {
		return err
	}
	return checkIDPart(name)
}

func checkIDPart(p string) error {
	if p == "" {
		return fmt.Errorf("want ORG/NAME")
	}
	if len(p) > maxIDPart {
		return fmt.Errorf("a part is longer than %d characters", maxIDPart)
	}
	if strings.Contains(p, "..") || strings.ContainsAny(p[:1], ".-") || strings.ContainsAny(p[len(p)-1:], ".-") {
		return fmt.Errorf("%q is not a repository name", p)
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("%q is not a repository name (letters, digits, '-', '_' and '.' only)", p)
		}
	}
	return nil
}

// SplitID returns the namespace and the repository name of id; the namespace is
// empty for a legacy id without one ("gpt2").
func SplitID(id string) (org, name string) {
	if i := strings.IndexByte(id, '/'); i >= 0 {
		return id[:i], id[i+1:]
	}
	return "", id
}

// ModelURL is the model's page on the Hub.
func ModelURL(id string) string { return "https://huggingface.co/" + id }

// clip shortens untrusted text for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

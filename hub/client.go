package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultEndpoint is the Hub's address when HF_ENDPOINT is not set.
const DefaultEndpoint = "https://huggingface.co"

// expandFields are the model properties asked of the API (huggingface_hub's
// ExpandModelProperty_T names them).
var expandFields = []string{"author", "baseModels", "cardData", "createdAt", "library_name", "pipeline_tag", "siblings", "tags"}

// Client fetches model records from the Hub API. Its zero value is not ready; use
// NewClient and adjust the fields before the first call.
type Client struct {
	Endpoint    string        // e.g. https://huggingface.co (HF_ENDPOINT)
	Token       string        // sent as a bearer token when set (HF_TOKEN)
	HTTP        *http.Client  // its Timeout bounds each request
	Retries     int           // further attempts after a 429, a 5xx or a network error
	Backoff     time.Duration // wait before the first retry; doubled for each next one
	MaxResponse int64         // bytes; a longer response is an error
	MaxModels   int           // a walk stops fetching after this many models
	MaxPages    int           // pages of children read per model
	Progress    io.Writer     // progress lines for long walks; nil for none
}

// NewClient returns a Client for endpoint ("" for DefaultEndpoint) with a
// 30-second request timeout, 4 retries from 1 s, 32 MiB responses and walks of up
// to 10,000 models.
func NewClient(endpoint, token string) *Client {
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	return &Client{
		Endpoint: strings.TrimRight(endpoint, "/"), Token: token,
		HTTP:    &http.Client{Timeout: 30 * time.Second},
		Retries: 4, Backoff: time.Second, MaxResponse: 32 << 20, MaxModels: 10000, MaxPages: 20,
	}
}

// StatusError is a response the Hub gave with a status other than 200.
type StatusError struct {
	Status int
}

// Error says what the status means for the import.
func (e *StatusError) Error() string {
	switch e.Status {
	case http.StatusNotFound:
		return "not found on the Hub"
	case http.StatusUnauthorized, http.StatusForbidden:
		return fmt.Sprintf("access denied (%d); a gated or private model needs HF_TOKEN", e.Status)
	}
	return fmt.Sprintf("HTTP %d", e.Status)
}

// get fetches u and decodes its JSON body into v, retrying with backoff on 429,
// 5xx and network errors. It returns the next page's URL from a Link header.
func (c *Client) get(ctx context.Context, u string, v any) (next string, err error) {
	wait := c.Backoff
	for attempt := 0; ; attempt++ {
		next, retryAfter, err := c.try(ctx, u, v)
		if err == nil {
			return next, nil
		}
		var se *StatusError
		retryable := errors.As(err, &se) && (se.Status == http.StatusTooManyRequests || se.Status >= 500) ||
			!errors.As(err, &se) && ctx.Err() == nil && !errors.Is(err, errTooLarge) && !errors.Is(err, errBadJSON)
		if !retryable || attempt >= c.Retries {
			return "", err
		}
		d := wait
		if retryAfter > d {
			d = retryAfter
		}
		if c.Progress != nil {
			fmt.Fprintf(c.Progress, "lineage: %s: %v; retrying in %v\n", strings.SplitN(u, "?", 2)[0], err, d)
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(d):
		}
		wait *= 2
	}
}

var (
	errTooLarge = errors.New("response too large")
	errBadJSON  = errors.New("response is not JSON")
)

func (c *Client) try(ctx context.Context, u string, v any) (next string, retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "lineage (github.com/lineage-dev/lineage)")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the caller names the address
		}
		return "", 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			retryAfter = min(time.Duration(s)*time.Second, time.Minute)
		}
		return "", retryAfter, &StatusError{Status: resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxResponse+1))
	if err != nil {
		return "", 0, err
	}
	if int64(len(body)) > c.MaxResponse {
		return "", 0, fmt.Errorf("%w (more than %d KiB)", errTooLarge, c.MaxResponse>>10)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return "", 0, fmt.Errorf("%w: %v", errBadJSON, jsonMsg(err))
	}
	return nextLink(resp.Header.Get("Link"), u), 0, nil
}

// nextLink finds the rel="next" address of a Link header; it must be on the
// same host as the request, so a response cannot send the walk elsewhere.
func nextLink(h, from string) string {
	for _, part := range strings.Split(h, ",") {
		target, params, ok := strings.Cut(part, ";")
		if !ok || !strings.Contains(strings.ReplaceAll(params, " ", ""), `rel="next"`) {
			continue
		}
		target = strings.Trim(strings.TrimSpace(target), "<>")
		base, err1 := url.Parse(from)
		next, err2 := url.Parse(target)
		if err1 != nil || err2 != nil {
			return ""
		}
		next = base.ResolveReference(next)
		if next.Scheme != base.Scheme || next.Host != base.Host {
			return ""
		}
		return next.String()
	}
	return ""
}

func (c *Client) query() url.Values {
	q := url.Values{}
	for _, f := range expandFields {
		q.Add("expand[]", f)
	}
	return q
}

// modelURL is the API address of one model's record.
func (c *Client) modelURL(id string) string {
	return c.Endpoint + "/api/models/" + id + "?" + c.query().Encode()
}

// childrenURL is the API address of the models whose base is id.
func (c *Client) childrenURL(id string) string {
	q := c.query()
	q.Set("filter", "base_model:"+id)
	q.Set("limit", "100")
	return c.Endpoint + "/api/models?" + q.Encode()
}

// Walk fetches the models named by ids, their bases up to the roots, and the
// models derived from them down depth levels, adding every record to b. A model
// that cannot be fetched is reported to b and the walk goes on; the error is for
// a cancelled walk or one where no model at all could be fetched.
func (c *Client) Walk(ctx context.Context, b *Builder, ids []string, depth int) error {
	fetched := map[string]bool{} // ids asked for by /api/models/{id}
	listed := map[string]bool{}  // ids whose records came in a children list
	var up []string
	for _, s := range ids {
		id, err := NormalizeID(s)
		if err != nil {
			return err
		}
		up = append(up, id)
	}
	seeds := append([]string(nil), up...)
	got, failed := 0, 0
	progress := func(force bool) {
		if c.Progress != nil && (force || got%25 == 0) {
			fmt.Fprintf(c.Progress, "lineage: %d models fetched from %s\n", got, c.Endpoint)
		}
	}
	add := func(m map[string]any, where string) []string {
		r, msgs := recordFromJSON(m, where)
		for _, s := range msgs {
			b.Report(where, "%s", s)
		}
		id, err := NormalizeID(r.ID)
		if err != nil {
			b.Skip(where, "%v", err)
			return nil
		}
		b.Add(r)
		got++
		progress(false)
		var parents []string
		for _, raw := range parentsOf(r) {
			if pid, err := NormalizeID(raw); err == nil && pid != id {
				parents = append(parents, pid)
			}
		}
		return parents
	}
	// Up: each model and its bases, breadth first, to the roots.
	for len(up) > 0 {
		id := up[0]
		up = up[1:]
		if fetched[id] {
			continue
		}
		if len(fetched) >= c.MaxModels {
			b.Report(c.Endpoint, "stopped after %d models (the walk's limit); the rest are placeholders", c.MaxModels)
			break
		}
		fetched[id] = true
		var m map[string]any
		if _, err := c.get(ctx, c.modelURL(id), &m); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			b.Report(c.Endpoint+"/api/models/"+id, "%v", err)
			continue
		}
		up = append(up, add(m, c.Endpoint+"/api/models/"+id)...)
	}
	// Down: the models derived from the seeds, depth levels.
	level := seeds
	for d := 0; d < depth && len(level) > 0; d++ {
		var next []string
		for _, id := range level {
			u := c.childrenURL(id)
			for page := 0; u != "" && page < c.MaxPages; page++ {
				if got >= c.MaxModels {
					break
				}
				var list []map[string]any
				nu, err := c.get(ctx, u, &list)
				if err != nil {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					failed++
					b.Report(c.Endpoint+"/api/models?filter=base_model:"+id, "%v", err)
					u = ""
					break
				}
				for _, m := range list {
					cid, _ := m["id"].(string)
					if cid == "" || listed[cid] || fetched[cid] {
						continue
					}
					listed[cid] = true
					add(m, c.Endpoint+"/api/models/"+cid)
					next = append(next, cid)
				}
				u = nu
			}
			if u != "" {
				b.Report(c.Endpoint+"/api/models?filter=base_model:"+id, "more children than %d pages; the rest are not imported", c.MaxPages)
			}
		}
		level = next
	}
	progress(true)
	if got == 0 && failed > 0 {
		return fmt.Errorf("no model could be fetched from %s", c.Endpoint)
	}
	return nil
}

// parentsOf lists the base ids a record names, as Builder.bases reads them.
func parentsOf(r Record) []string {
	raw, _, _ := baseSource(r)
	return raw
}

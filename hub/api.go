package hub

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Size bounds for files of Hub API records.
const (
	MaxRecordBytes   = 8 << 20   // one JSON Lines record (cardData can be long)
	MaxJSONFileBytes = 512 << 20 // a .json file, read whole
)

// recordFromJSON reads a Hub API model record (GET /api/models/{id} or one
// element of GET /api/models, with expand[]=cardData,baseModels,... ). Fields of an
// unexpected shape are skipped and described in the messages.
func recordFromJSON(m map[string]any, where string) (Record, []string) {
	var msgs []string
	str := func(key string) string {
		v, ok := m[key]
		if !ok || v == nil {
			return ""
		}
		s, ok := v.(string)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("%s is %s, want a string; ignored", key, kind(v)))
		}
		return s
	}
	r := Record{Where: where}
	r.ID = str("id")
	if r.ID == "" {
		r.ID = str("modelId")
	}
	r.Author = str("author")
	r.CreatedAt = str("createdAt")
	if v, ok := m["tags"]; ok && v != nil {
		if tags, ok := v.([]any); ok {
			for _, t := range tags {
				if s, ok := t.(string); ok {
					r.Tags = append(r.Tags, s)
				}
			}
		} else {
			msgs = append(msgs, fmt.Sprintf("tags is %s, want a list; ignored", kind(v)))
		}
	}
	if v, ok := m["cardData"]; ok && v != nil {
		if cm, ok := v.(map[string]any); ok {
			c, more := cardFromMap(cm)
			r.Card = c
			for _, s := range more {
				msgs = append(msgs, "cardData."+s)
			}
		} else {
			msgs = append(msgs, fmt.Sprintf("cardData is %s, want an object; ignored", kind(v)))
		}
	}
	if lib := str("library_name"); r.Card.LibraryName == "" {
		r.Card.LibraryName = lib
	}
	if pt := str("pipeline_tag"); r.Card.PipelineTag == "" {
		r.Card.PipelineTag = pt
	}
	if v, ok := m["baseModels"]; ok && v != nil {
		bm, ok := v.(map[string]any)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("baseModels is %s, want an object; ignored", kind(v)))
		} else {
			if rel, ok := bm["relation"].(string); ok {
				r.BaseRelation = rel
			}
			models, _ := bm["models"].([]any)
			for _, e := range models {
				if em, ok := e.(map[string]any); ok {
					if id, ok := em["id"].(string); ok && id != "" {
						r.BaseModels = append(r.BaseModels, id)
					}
				}
			}
		}
	}
	if sib, ok := m["siblings"].([]any); ok {
		for _, s := range sib {
			if sm, ok := s.(map[string]any); ok && sm["rfilename"] == "adapter_config.json" {
				r.AdapterConfig = true
			}
		}
	}
	return r, msgs
}

// addJSON adds one decoded API record, or reports why it cannot be one.
func addJSON(b *Builder, v any, where string) {
	m, ok := v.(map[string]any)
	if !ok {
		b.Skip(where, "a model record is a JSON object, this is %s", kind(v))
		return
	}
	r, msgs := recordFromJSON(m, where)
	for _, s := range msgs {
		b.Report(where, "%s", s)
	}
	if r.ID == "" {
		b.Skip(where, "record has no id")
		return
	}
	b.Add(r)
}

// ReadJSONLines adds the Hub API model records of a JSON Lines stream, one object
// a line; name is the file name for messages. A line that is not a JSON object
// is reported as name:line and skipped.
func ReadJSONLines(b *Builder, r io.Reader, name string) error {
	br := bufio.NewReaderSize(r, 1<<16)
	line := 0
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(buf) > MaxRecordBytes {
				// Too long: drop the rest of the line.
				line++
				b.Skip(fmt.Sprintf("%s:%d", name, line), "line is longer than %d MiB", MaxRecordBytes>>20)
				for errors.Is(err, bufio.ErrBufferFull) {
					_, err = br.ReadSlice('\n')
				}
				buf = buf[:0]
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return fmt.Errorf("read %s: %w", name, err)
				}
			}
			continue
		}
		if len(buf) > 0 || err == nil {
			line++
			if len(buf) > MaxRecordBytes {
				b.Skip(fmt.Sprintf("%s:%d", name, line), "line is longer than %d MiB", MaxRecordBytes>>20)
			} else if text := bytes.TrimSpace(buf); len(text) > 0 {
				where := fmt.Sprintf("%s:%d", name, line)
				var v any
				if jerr := json.Unmarshal(text, &v); jerr != nil {
					var se *json.SyntaxError
					if errors.As(jerr, &se) {
						lead := len(buf) - len(bytes.TrimLeft(buf, " \t"))
						where = fmt.Sprintf("%s:%d", where, int64(lead)+se.Offset)
					}
					b.Skip(where, "not a JSON record: %v", jsonMsg(jerr))
				} else {
					addJSON(b, v, where)
				}
			}
		}
		buf = buf[:0]
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
}

// ReadJSON adds the Hub API model records of a JSON file: an array of records,
// as GET /api/models returns, or one record, as GET /api/models/{id} returns.
func ReadJSON(b *Builder, r io.Reader, name string) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxJSONFileBytes+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxJSONFileBytes {
		return fmt.Errorf("read %s: larger than %d MiB; use JSON Lines for big dumps", name, MaxJSONFileBytes>>20)
	}
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(data))
	skipSpace := func(off int64) int64 {
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		return off
	}
	tok, err := dec.Token()
	if err != nil {
		b.Skip(fmt.Sprintf("%s:%d", name, lineAt(dec.InputOffset())), "not JSON: %v", jsonMsg(err))
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		// One record: decode the whole file again as a value.
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Skip(name, "not a JSON record: %v", jsonMsg(err))
			return nil
		}
		addJSON(b, v, fmt.Sprintf("%s:%d", name, lineAt(skipSpace(0))))
		return nil
	}
	for dec.More() {
		at := lineAt(skipSpace(dec.InputOffset()))
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Skip(fmt.Sprintf("%s:%d", name, at), "not JSON: %v; rest of file not read", jsonMsg(err))
			return nil
		}
		addJSON(b, v, fmt.Sprintf("%s:%d", name, at))
	}
	return nil
}

// jsonMsg words a JSON error without Go type names.
func jsonMsg(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of input"
	}
	return err.Error()
}

// ReadFile adds the records of one file, choosing the reader by extension:
// .jsonl (or .ndjson), .json or .parquet.
func ReadFile(b *Builder, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	switch ext := strings.ToLower(fileExt(path)); ext {
	case ".jsonl", ".ndjson":
		return ReadJSONLines(b, f, path)
	case ".json":
		return ReadJSON(b, f, path)
	case ".parquet":
		st, err := f.Stat()
		if err != nil {
			return err
		}
		return ReadParquet(b, f, st.Size(), path)
	default:
		return fmt.Errorf("%s: unknown kind of source %q (want a directory of model cards, .jsonl, .json or .parquet)", path, ext)
	}
}

func fileExt(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.ContainsAny(p[i:], `/\`) {
		return p[i:]
	}
	return ""
}

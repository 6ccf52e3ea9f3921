package hub

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

var (
	update   = flag.Bool("update", false, "rewrite testdata/hub/dump.parquet")
	dumpPath = flag.String("dump", "", "TestWriteDump writes a generated Parquet dump of -rows models to this file")
	dumpRows = flag.Int("rows", 1_000_000, "rows of the dump -dump writes")
)

// dumpRow is a row of the Hub's models dump as the tests generate it: the
// columns of the hub-stats models.parquet that the import reads, with the Hub
// API's names, and two it does not read.
type dumpRow struct {
	ID          string    `parquet:"id"`
	Author      string    `parquet:"author"`
	CreatedAt   time.Time `parquet:"createdAt,timestamp(millisecond)"`
	Tags        []string  `parquet:"tags,list"`
	LibraryName *string   `parquet:"library_name,optional"`
	PipelineTag *string   `parquet:"pipeline_tag,optional"`
	Downloads   int64     `parquet:"downloads"`
	Likes       int64     `parquet:"likes"`
	CardData    *string   `parquet:"cardData,optional"`
}

func ptr(s string) *string { return &s }

func writeRows[T any](w io.Writer, rows []T) error {
	pw := parquet.NewGenericWriter[T](w, parquet.Compression(&parquet.Zstd))
	if _, err := pw.Write(rows); err != nil {
		return err
	}
	return pw.Close()
}

// fixtureRows are the rows of testdata/hub/dump.parquet.
func fixtureRows() []dumpRow {
	day := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	return []dumpRow{
		{ID: "acme-ai/Acme-7B", Author: "acme-ai", CreatedAt: day("2024-03-01T09:12:44Z"), LibraryName: ptr("transformers"), PipelineTag: ptr("text-generation"),
			Tags: []string{"transformers", "safetensors", "text-generation", "license:apache-2.0", "region:us"}},
		{ID: "acme-ai/Acme-7B-Instruct", Author: "acme-ai", CreatedAt: day("2024-03-15T17:40:02Z"),
			Tags: []string{"transformers", "base_model:acme-ai/Acme-7B", "base_model:finetune:acme-ai/Acme-7B", "license:apache-2.0"}},
		{ID: "quantfolk/Acme-7B-Instruct-GGUF", Author: "quantfolk", CreatedAt: day("2024-03-16T08:05:10Z"),
			Tags: []string{"gguf", "base_model:acme-ai/Acme-7B-Instruct", "base_model:quantized:acme-ai/Acme-7B-Instruct"}},
		{ID: "loralab/acme-7b-sql-lora", Author: "loralab", CreatedAt: day("2024-04-01T00:00:00Z"), LibraryName: ptr("peft"),
			Tags: []string{"peft", "base_model:acme-ai/Acme-7B"}},
		{ID: "mergers/Acme-Hermes-7B-slerp", Author: "mergers", CreatedAt: day("2024-04-02T00:00:00Z"),
			Tags:     []string{"mergekit", "merge", "base_model:acme-ai/Acme-7B-Instruct", "base_model:nousfolk/Hermes-7B"},
			CardData: ptr(`{"base_model":["acme-ai/Acme-7B-Instruct","nousfolk/Hermes-7B"],"base_model_relation":"merge","license":"apache-2.0"}`)},
		{ID: "", Author: "nobody", CreatedAt: day("2024-04-03T00:00:00Z")},
		{ID: "loops/self-loop", Author: "loops", CreatedAt: day("2024-04-04T00:00:00Z"), Tags: []string{"base_model:loops/self-loop"}},
	}
}

const dumpFixture = "../testdata/hub/dump.parquet"

func TestParquetFixture(t *testing.T) {
	if *update {
		var buf bytes.Buffer
		if err := writeRows(&buf, fixtureRows()); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dumpFixture, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBuilder()
	if err := ReadFile(b, dumpFixture); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	load(t, d)
	wantEdges := []string{
		"acme-ai/Acme-7B -> acme-ai/Acme-7B-Instruct finetune",
		"acme-ai/Acme-7B -> loralab/acme-7b-sql-lora adapter",
		"acme-ai/Acme-7B-Instruct -> mergers/Acme-Hermes-7B-slerp merge",
		"nousfolk/Hermes-7B -> mergers/Acme-Hermes-7B-slerp merge",
		"acme-ai/Acme-7B-Instruct -> quantfolk/Acme-7B-Instruct-GGUF quantized",
	}
	if got := edgeList(d); !slices.Equal(got, wantEdges) {
		t.Errorf("edges:\n got %q\nwant %q", got, wantEdges)
	}
	if m := model(t, d, "acme-ai/Acme-7B"); m.Date != "2024-03-01" || m.License != "apache-2.0" || m.Library != "transformers" || m.Pipeline != "text-generation" {
		t.Errorf("root = %+v", m)
	}
	if m := model(t, d, "mergers/Acme-Hermes-7B-slerp"); m.License != "apache-2.0" {
		t.Errorf("merge = %+v", m)
	}
	if e := edge(t, d, "acme-ai/Acme-7B-Instruct", "mergers/Acme-Hermes-7B-slerp"); e.Note != "" {
		t.Errorf("merge edge note %q: cardData states the relation", e.Note)
	}
	problem(t, d, dumpFixture+": row 6", "empty id", "skipped")
	problem(t, d, dumpFixture+": row 7", "self-loop: loops/self-loop")
	if d.Imported != 6 || d.Placeholders != 1 || d.Skipped != 1 {
		t.Errorf("imported %d, placeholders %d, skipped %d", d.Imported, d.Placeholders, d.Skipped)
	}
}

// Other dumps spell the columns differently and store dates as strings.
func TestParquetOtherSchema(t *testing.T) {
	type row struct {
		ModelID   string   `parquet:"modelId"`
		CreatedAt string   `parquet:"created_at"`
		Tags      []string `parquet:"tags"` // repeated, not a LIST
		Extra     string   `parquet:"extra"`
	}
	var buf bytes.Buffer
	if err := writeRows(&buf, []row{
		{ModelID: "o/a", CreatedAt: "2023-05-06T07:08:09Z"},
		{ModelID: "o/b", CreatedAt: "2023-06-07", Tags: []string{"awq", "base_model:o/a"}},
	}); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	if err := ReadParquet(b, bytes.NewReader(buf.Bytes()), int64(buf.Len()), "other.parquet"); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	if got := edgeList(d); !slices.Equal(got, []string{"o/a -> o/b quantized"}) {
		t.Errorf("edges %v", got)
	}
	if m := model(t, d, "o/a"); m.Date != "2023-05-06" {
		t.Errorf("o/a = %+v", m)
	}
}

func TestParquetNoID(t *testing.T) {
	type row struct {
		Name string `parquet:"name"`
	}
	var buf bytes.Buffer
	if err := writeRows(&buf, []row{{"x"}}); err != nil {
		t.Fatal(err)
	}
	err := ReadParquet(NewBuilder(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), "x.parquet")
	if err == nil {
		t.Fatal("no error for a dump without an id column")
	}
	if err := ReadParquet(NewBuilder(), bytes.NewReader([]byte("not parquet at all")), 18, "y.parquet"); err == nil {
		t.Fatal("no error for a file that is not Parquet")
	}
}

// genDump writes a dump of n generated models shaped like the Hub's: a fifth are
// roots; the others derive from an earlier model by fine-tuning, quantization
// (GGUF, with the name to match), an adapter, a merge of two, or a bare
// base_model tag. Names are deterministic.
func genDump(w io.Writer, n int) error {
	pw := parquet.NewGenericWriter[dumpRow](w, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(100_000))
	seed := uint64(0x9e3779b97f4a7c15)
	rnd := func(k int) int {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(k))
	}
	libs := []string{"transformers", "peft", "gguf", "diffusers", "sentence-transformers"}
	batch := make([]dumpRow, 0, 10_000)
	gguf := make([]bool, n)
	id := func(i int) string {
		if gguf[i] {
			return fmt.Sprintf("org%d/model-%d-GGUF", i%5000, i)
		}
		return fmt.Sprintf("org%d/model-%d", i%5000, i)
	}
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		r := dumpRow{Author: fmt.Sprintf("org%d", i%5000), CreatedAt: start.Add(time.Duration(i) * time.Minute),
			Downloads: int64(rnd(100000)), Likes: int64(rnd(100)),
			Tags: []string{"transformers", "safetensors", "text-generation", "en", "region:us", "endpoints_compatible", "license:apache-2.0"}}
		r.LibraryName = ptr(libs[rnd(len(libs))])
		r.PipelineTag = ptr("text-generation")
		if i > 10 && rnd(5) != 0 {
			parent := id(rnd(i))
			switch k := rnd(20); {
			case k < 8:
				r.Tags = append(r.Tags, "base_model:"+parent, "base_model:finetune:"+parent)
			case k < 13:
				gguf[i] = true
				r.Tags = append(r.Tags, "gguf", "base_model:"+parent, "base_model:quantized:"+parent)
			case k < 17:
				r.Tags = append(r.Tags, "peft", "base_model:"+parent, "base_model:adapter:"+parent)
			case k < 18:
				other := id(rnd(i))
				r.Tags = append(r.Tags, "merge", "base_model:"+parent, "base_model:"+other, "base_model:merge:"+parent, "base_model:merge:"+other)
				card, _ := json.Marshal(map[string]any{"base_model": []string{parent, other}, "license": "apache-2.0", "tags": []string{"merge", "mergekit"}})
				r.CardData = ptr(string(card))
			default:
				r.Tags = append(r.Tags, "base_model:"+parent)
			}
		}
		r.ID = id(i)
		batch = append(batch, r)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := pw.Write(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return pw.Close()
}

func TestParquetGenerated(t *testing.T) {
	var buf bytes.Buffer
	if err := genDump(&buf, 5000); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	if err := ReadParquet(b, bytes.NewReader(buf.Bytes()), int64(buf.Len()), "gen.parquet"); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	load(t, d)
	if d.Imported != 5000 || d.Placeholders != 0 || d.Skipped != 0 || len(d.Edges()) < 3500 {
		t.Errorf("imported %d, placeholders %d, skipped %d, edges %d", d.Imported, d.Placeholders, d.Skipped, len(d.Edges()))
	}
}

// TestWriteDump writes a generated dump for whole-process measurements:
//
//	go test ./hub -run TestWriteDump -dump /tmp/models-1m.parquet -rows 1000000
func TestWriteDump(t *testing.T) {
	if *dumpPath == "" {
		t.Skip("no -dump FILE")
	}
	f, err := os.Create(*dumpPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := genDump(f, *dumpRows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkImportParquet1M reads a generated dump of one million models, builds
// the dataset and writes it as CSV: the whole import but the file writes.
func BenchmarkImportParquet1M(b *testing.B) {
	var buf bytes.Buffer
	if err := genDump(&buf, 1_000_000); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bl := NewBuilder()
		if err := ReadParquet(bl, bytes.NewReader(data), int64(len(data)), "gen.parquet"); err != nil {
			b.Fatal(err)
		}
		d := bl.Dataset()
		if d.Imported != 1_000_000 {
			b.Fatalf("imported %d", d.Imported)
		}
		if err := d.WriteNodes(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := d.WriteEdges(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// A damaged dump gives an error or fewer rows, never a panic or a dataset that
// does not load.
func TestParquetDamaged(t *testing.T) {
	good, err := os.ReadFile(dumpFixture)
	if err != nil {
		t.Fatal(err)
	}
	seed := uint32(1)
	for i := 0; i < 300; i++ {
		bad := bytes.Clone(good)
		switch i % 3 {
		case 0:
			bad = bad[:int(seed)%len(bad)]
		default:
			for k := 0; k < 1+i%7; k++ {
				seed = seed*1664525 + 1013904223
				bad[int(seed>>8)%len(bad)] ^= byte(seed)
			}
		}
		seed = seed*1664525 + 1013904223
		b := NewBuilder()
		if err := ReadParquet(b, bytes.NewReader(bad), int64(len(bad)), "bad.parquet"); err != nil {
			continue
		}
		load(t, b.Dataset())
	}
}

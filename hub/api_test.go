package hub

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestReadJSONLinesFixture(t *testing.T) {
	b := NewBuilder()
	if err := ReadFile(b, "../testdata/hub/api.jsonl"); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	load(t, d)
	const f = "../testdata/hub/api.jsonl"
	problem(t, d, f+":6:", "not a JSON record", "skipped")
	problem(t, d, f+":7:", "no id", "skipped")
	problem(t, d, f+":8:", "is a list", "skipped")
	problem(t, d, f+":9:", `createdAt "2024-13-45T00:00:00.000Z" is not a date`)
	if d.Skipped != 3 || d.Imported != 6 {
		t.Errorf("skipped %d, imported %d; want 3, 6", d.Skipped, d.Imported)
	}
	wantEdges := []string{
		"acme-ai/Acme-7B -> acme-ai/Acme-7B-Coder finetune",
		"acme-ai/Acme-7B -> acme-ai/Acme-7B-Instruct finetune",
		"acme-ai/Acme-7B-Instruct -> awqfolk/Acme-7B-Instruct-AWQ quantized",
		"acme-ai/Acme-7B-Instruct -> quantfolk/Acme-7B-Instruct-GGUF quantized",
		"acme-ai/Acme-7B-Instruct -> tagonly/Acme-7B-Instruct-exl2 quantized",
	}
	if got := edgeList(d); !slices.Equal(got, wantEdges) {
		t.Errorf("edges:\n got %q\nwant %q", got, wantEdges)
	}
	root := model(t, d, "acme-ai/Acme-7B")
	if root.Date != "2024-03-01" || root.License != "apache-2.0" || root.Library != "transformers" || root.Pipeline != "text-generation" {
		t.Errorf("root = %+v", root)
	}
	coder := model(t, d, "acme-ai/Acme-7B-Coder")
	if coder.License != "other" || coder.LicenseName != "acme-community-license" || coder.LicenseURL != "https://huggingface.co/acme-ai/Acme-7B-Coder/blob/main/LICENSE" {
		t.Errorf("coder = %+v", coder)
	}
	// The exl2 record states no relation: inferred from its tag.
	if e := edge(t, d, "acme-ai/Acme-7B-Instruct", "tagonly/Acme-7B-Instruct-exl2"); !strings.Contains(e.Note, "tag exl2") {
		t.Errorf("exl2 edge note %q", e.Note)
	}
}

func TestReadJSONLinesLongLine(t *testing.T) {
	b := NewBuilder()
	in := `{"id":"o/a"}` + "\n" + `{"id":"o/b","x":"` + strings.Repeat("x", MaxRecordBytes+10) + `"}` + "\n" + `{"id":"o/c"}`
	if err := ReadJSONLines(b, strings.NewReader(in), "big.jsonl"); err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	problem(t, d, "big.jsonl:2:", "longer than")
	if got := modelIDs(d); !slices.Equal(got, []string{"o/a", "o/c"}) {
		t.Errorf("models %v", got)
	}
}

func TestReadJSON(t *testing.T) {
	dir := t.TempDir()
	arr := dir + "/list.json"
	os.WriteFile(arr, []byte("[\n  {\"id\": \"o/a\"},\n  {\"id\": \"o/b\", \"tags\": [\"base_model:quantized:o/a\"]},\n  7,\n  {\"modelId\": \"o/c\", \"tags\": \"gguf\"}\n]\n"), 0o644)
	one := dir + "/one.json"
	os.WriteFile(one, []byte("\n{\"id\": \"o/one\", \"cardData\": {\"base_model\": [\"o/a\", \"o/b\"]}}\n"), 0o644)
	broken := dir + "/broken.json"
	os.WriteFile(broken, []byte("[\n{\"id\": \"o/x\"},\n{\"id\": \n"), 0o644)
	b := NewBuilder()
	for _, f := range []string{arr, one, broken} {
		if err := ReadFile(b, f); err != nil {
			t.Fatal(err)
		}
	}
	d := b.Dataset()
	load(t, d)
	problem(t, d, arr+":4:", "is a number", "skipped")
	problem(t, d, arr+":5:", "tags is a string")
	problem(t, d, broken+":3:", "rest of file not read")
	if got := modelIDs(d); !slices.Equal(got, []string{"o/a", "o/b", "o/c", "o/one", "o/x"}) {
		t.Errorf("models %v", got)
	}
	if e := edge(t, d, "o/a", "o/b"); e.Relation != "quantized" {
		t.Errorf("edge %+v", e)
	}
	if e := edge(t, d, "o/b", "o/one"); e.Relation != "merge" {
		t.Errorf("edge %+v", e)
	}
}

func TestReadFileUnknownKind(t *testing.T) {
	p := t.TempDir() + "/models.csv"
	os.WriteFile(p, []byte("id\n"), 0o644)
	if err := ReadFile(NewBuilder(), p); err == nil || !strings.Contains(err.Error(), "unknown kind of source") {
		t.Errorf("err = %v", err)
	}
}

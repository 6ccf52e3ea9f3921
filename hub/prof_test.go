package hub

import (
	"bytes"
	"io"
	"testing"
)

func BenchmarkImportParquet200k(b *testing.B) {
	var buf bytes.Buffer
	if err := genDump(&buf, 200_000); err != nil {
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
		d.WriteNodes(io.Discard)
		d.WriteEdges(io.Discard)
	}
}

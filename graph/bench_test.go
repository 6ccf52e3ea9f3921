package graph_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/internal/synth"
)

// loadSynth loads a generated Hugging-Face-shaped dataset of n models.
func loadSynth(b *testing.B, n int) (*graph.Lineage, []byte, []byte) {
	b.Helper()
	nodes, edges := synth.HF(n, 1)
	l, err := graph.Load(graph.Input{Name: "nodes.csv", Reader: bytes.NewReader(nodes)},
		graph.Input{Name: "edges.csv", Reader: bytes.NewReader(edges)})
	if err != nil {
		b.Fatal(err)
	}
	return l, nodes, edges
}

// BenchmarkLoad measures parsing, validating and indexing both CSV files.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			_, nodes, edges := loadSynth(b, n)
			b.SetBytes(int64(len(nodes) + len(edges)))
			b.ResetTimer()
			for b.Loop() {
				_, err := graph.Load(graph.Input{Name: "nodes.csv", Reader: bytes.NewReader(nodes)},
					graph.Input{Name: "edges.csv", Reader: bytes.NewReader(edges)})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkQueries measures the queries on a loaded 100k-model graph, from the
// last model (a deep leaf) and from the first (the most popular base).
func BenchmarkQueries(b *testing.B) {
	l, _, _ := loadSynth(b, 100_000)
	ms := l.Models()
	leaf, base := ms[len(ms)-1].ID, ms[0].ID
	b.Run("ancestors", func(b *testing.B) {
		for b.Loop() {
			l.Ancestors(leaf, graph.QueryOptions{Relations: graph.AllRelations})
		}
	})
	b.Run("descendants-of-popular-base", func(b *testing.B) {
		for b.Loop() {
			l.Descendants(base, graph.QueryOptions{})
		}
	})
	b.Run("resolve-by-name", func(b *testing.B) {
		l.Resolve("warm up the name index")
		for b.Loop() {
			if _, err := l.Resolve("model 99999"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("common", func(b *testing.B) {
		for b.Loop() {
			l.CommonAncestors(leaf, ms[len(ms)-2].ID, graph.RelationFilter{})
		}
	})
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			l.Stats(10)
		}
	})
}

package graph_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// large adds the 1M-model sizes to the benchmarks: go test -bench . -large ./graph.
var large = flag.Bool("large", false, "also run the load benchmarks at 1M models")

// sizes are the dataset sizes the load benchmarks run at.
func sizes() []int {
	if *large {
		return []int{10_000, 100_000, 1_000_000}
	}
	return []int{10_000, 100_000}
}

// synthFiles writes a generated dataset of n models to a temporary directory.
func synthFiles(b *testing.B, n int) (nodes, edges string, size int64) {
	b.Helper()
	nb, eb := synth.HF(n, 1)
	dir := b.TempDir()
	nodes, edges = filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	if err := os.WriteFile(nodes, nb, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(edges, eb, 0o644); err != nil {
		b.Fatal(err)
	}
	return nodes, edges, int64(len(nb) + len(eb))
}

// BenchmarkLoadFiles measures a cold load from disk: parsing, validating and
// building the store, without the index.
func BenchmarkLoadFiles(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			nodes, edges, size := synthFiles(b, n)
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				if _, err := graph.LoadFilesWith(nodes, edges, graph.FileOptions{NoCache: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenIndex measures a load of unchanged files from their index:
// checking the key and mapping the arrays, with the stamp of an earlier
// whole-file check (stamped) and with the whole-file checksum (checked, the
// stamp removed before each open).
func BenchmarkOpenIndex(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			nodes, edges, _ := synthFiles(b, n)
			cache := b.TempDir()
			opt := graph.FileOptions{CacheDir: cache}
			if _, err := graph.LoadFilesWith(nodes, edges, opt); err != nil {
				b.Fatal(err)
			}
			time.Sleep(2100 * time.Millisecond) // a stamp is written for an index two seconds old
			for _, mode := range []string{"stamped", "checked"} {
				b.Run(mode, func(b *testing.B) {
					for b.Loop() {
						if mode == "checked" {
							b.StopTimer()
							stamps, _ := filepath.Glob(filepath.Join(cache, "*.ok"))
							for _, st := range stamps {
								os.Remove(st)
							}
							b.StartTimer()
						}
						if _, err := graph.LoadFilesWith(nodes, edges, opt); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkLoad measures parsing, validating and indexing both CSV files from
// memory (Load).
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes() {
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

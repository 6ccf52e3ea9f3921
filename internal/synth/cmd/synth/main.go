// Command synth writes a synthetic Hugging-Face-shaped dataset (nodes.csv and
// edges.csv) for timing lineage on large graphs:
//
//	go run ./internal/synth/cmd/synth -n 100000 -o /tmp/hf100k
//	time lineage --data /tmp/hf100k ancestors org1/model-99999
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/lineage-dev/lineage/internal/synth"
)

func main() {
	n := flag.Int("n", 100000, "number of models")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output directory (created)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synth: -o DIR is required")
		os.Exit(2)
	}
	nodes, edges := synth.HF(*n, *seed)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	for name, b := range map[string][]byte{"nodes.csv": nodes, "edges.csv": edges} {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
	}
}

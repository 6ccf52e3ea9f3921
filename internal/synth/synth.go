// Package synth generates synthetic lineage datasets shaped like the Hugging Face
// model tree, for benchmarks and load tests: a few percent of base models, and
// derived models (fine-tunes, quantisations, LoRA adapters, merges) whose parents
// are picked with preferential attachment, so popular bases collect thousands of
// descendants and chains grow several steps deep.
package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// relations and their cumulative weights, roughly as Hugging Face base_model tags mix them.
var relations = []struct {
	name string
	cum  int
}{
	{"finetune", 45}, {"quantized", 70}, {"lora", 85}, {"instruction-tune", 92}, {"merge", 97}, {"distill", 100},
}

var epoch = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)

// HF returns nodes.csv and edges.csv for n models, the same for the same n and seed.
func HF(n int, seed uint64) (nodes, edges []byte) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var nb, eb bytes.Buffer
	nw, ew := csv.NewWriter(&nb), csv.NewWriter(&eb)
	nw.Write([]string{"id", "name", "aliases", "org", "date", "params", "arch", "stage", "access", "description", "url", "source"})
	ew.Write([]string{"from", "to", "relation", "note", "source"})
	ids := make([]string, 0, n)
	// picks holds one entry per model plus one per child it already has: drawing
	// from it uniformly is preferential attachment.
	picks := make([]int32, 0, 2*n)
	for i := range n {
		org := fmt.Sprintf("org%d", rng.IntN(max(1, n/20)))
		id := fmt.Sprintf("%s/model-%d", org, i)
		// Dates grow with i over seven years, so no model is dated before the
		// models it derives from (they come earlier).
		date := epoch.AddDate(0, 0, i*7*365/max(1, n)).Format("2006-01-02")
		stage := "base"
		base := i < 50 || rng.IntN(100) < 3
		if !base {
			stage = "instruction-tuned"
		}
		nw.Write([]string{id, "Model " + strconv.Itoa(i), "", org, date, strconv.Itoa(1+rng.IntN(70)) + "B",
			"decoder-only", stage, "open", "synthetic model " + strconv.Itoa(i), "https://huggingface.co/" + id, "synthetic"})
		ids = append(ids, id)
		if !base {
			parent := picks[rng.IntN(len(picks))]
			r := rng.IntN(100)
			rel := relations[0].name
			for _, c := range relations {
				if r < c.cum {
					rel = c.name
					break
				}
			}
			ew.Write([]string{ids[parent], id, rel, "", "synthetic"})
			picks = append(picks, parent)
			if rel == "merge" {
				if other := picks[rng.IntN(len(picks))]; other != parent {
					ew.Write([]string{ids[other], id, "merge", "", "synthetic"})
				}
			}
		}
		picks = append(picks, int32(i))
	}
	nw.Flush()
	ew.Flush()
	return nb.Bytes(), eb.Bytes()
}

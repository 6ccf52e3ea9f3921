// Package data embeds the curated LLM lineage dataset that lineage uses when no
// other data is given: nodes.csv (one model a row) and edges.csv (one relation a
// row). See README.md in this folder for sources and the rules for adding a model.
package data

import (
	"bytes"
	_ "embed"

	"github.com/lineage-dev/lineage/graph"
)

//go:embed nodes.csv
var nodes []byte

//go:embed edges.csv
var edges []byte

// NodesFile and EdgesFile are the names under which problems in the embedded files
// are reported.
const (
	NodesFile = "data/nodes.csv"
	EdgesFile = "data/edges.csv"
)

// Inputs returns the embedded nodes.csv and edges.csv ready for graph.Load.
func Inputs() (nodesIn, edgesIn graph.Input) {
	return graph.Input{Name: NodesFile, Reader: bytes.NewReader(nodes)},
		graph.Input{Name: EdgesFile, Reader: bytes.NewReader(edges)}
}

// Load loads the embedded dataset.
func Load() (*graph.Lineage, error) {
	n, e := Inputs()
	return graph.Load(n, e)
}

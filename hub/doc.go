// Package hub turns Hugging Face Hub metadata into a lineage dataset.
//
// It reads three kinds of source: a directory of model cards (README.md files
// with YAML front matter, as in a clone of a model repository or the Hugging Face
// cache), files of Hub API model records (JSON Lines or a JSON array, the shape
// /api/models returns), and the Hub's Parquet dump of model metadata. A Client
// fetches the same records live from the Hub API. Build merges the records into
// the models and edges of a lineage dataset: it normalises ids, infers the
// relation of each model to its bases as the Hub does when the card does not say,
// adds placeholder rows for bases that were referenced but not imported, and drops
// self-loops and edges that would close a lineage cycle, reporting each.
//
// Every input is untrusted: sizes are bounded, card trees are read through an
// os.Root so that no symbolic link leads outside the given directory, and no path
// taken from the data is ever opened.
package hub

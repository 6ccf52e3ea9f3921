// Package graph loads, validates and queries a lineage dataset: models (rows of
// nodes.csv) and the relations between them (rows of edges.csv).
//
// Load and LoadFiles read both files, report every problem with its file, line
// and column (bad CSV, duplicate ids, unknown ids, duplicate edges, lineage
// cycles, dates, missing sources) and return a read-only *Lineage that answers
// queries (Ancestors, Descendants, Path, CommonAncestors, Resolve, List, Stats)
// and is safe for concurrent use. New builds one from models made in code.
//
// A Lineage is laid out for registries of a million models: a model's row is
// decoded only when a query returns it, ids are spans of the file's bytes, and
// the edges per model are CSR arrays. LoadFiles keeps an index of these arrays
// in the user's cache directory so that later loads of unchanged files skip
// the CSV (see index.go for the key and the format).
package graph

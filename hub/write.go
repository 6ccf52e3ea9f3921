package hub

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
)

// NodeColumns is the header of the nodes.csv an import writes: lineage's columns,
// then license and license_url (the licence check reads them), then the Hub's
// fields the graph package keeps as free attributes.
var NodeColumns = []string{"id", "name", "org", "date", "url", "source", "license", "license_url", "license_name", "library_name", "pipeline_tag", "note"}

// EdgeColumns is the header of the edges.csv an import writes.
var EdgeColumns = []string{"from", "to", "relation", "note", "source"}

// WriteNodes writes the dataset's models as nodes.csv.
func (d *Dataset) WriteNodes(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(NodeColumns); err != nil {
		return fmt.Errorf("write nodes: %w", err)
	}
	rec := make([]string, len(NodeColumns))
	for _, i := range d.order {
		m := d.entries[i].model()
		rec[0], rec[1], rec[2], rec[3], rec[4], rec[5] = m.ID, m.Name, m.Org, m.Date, m.URL, m.Source
		rec[6], rec[7], rec[8], rec[9], rec[10], rec[11] = m.License, m.LicenseURL, m.LicenseName, m.Library, m.Pipeline, m.Note
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write nodes: %w", err)
		}
	}
	return flush(cw, bw, "nodes")
}

// WriteEdges writes the dataset's relations as edges.csv.
func (d *Dataset) WriteEdges(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(EdgeColumns); err != nil {
		return fmt.Errorf("write edges: %w", err)
	}
	var err error
	rec := make([]string, len(EdgeColumns))
	d.eachEdge(func(e Edge) {
		if err == nil {
			rec[0], rec[1], rec[2], rec[3], rec[4] = e.From, e.To, string(e.Relation), e.Note, e.Source
			err = cw.Write(rec)
		}
	})
	if err != nil {
		return fmt.Errorf("write edges: %w", err)
	}
	return flush(cw, bw, "edges")
}

func flush(cw *csv.Writer, bw *bufio.Writer, what string) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

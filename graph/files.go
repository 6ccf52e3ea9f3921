package graph

import (
	"fmt"
	"os"
	"time"
)

// LoadFiles loads the dataset in the files at nodesPath and edgesPath, naming
// them by their paths in problems. An error opening either file wraps the
// os error (errors.Is(err, fs.ErrNotExist) tells a missing file).
func LoadFiles(nodesPath, edgesPath string) (*Lineage, error) {
	nf, err := os.Open(nodesPath)
	if err != nil {
		return nil, err
	}
	defer nf.Close()
	ef, err := os.Open(edgesPath)
	if err != nil {
		return nil, err
	}
	defer ef.Close()
	ld := newLoader(nodesPath, edgesPath, time.Now())
	nb, err := readWhole(nf)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", nodesPath, err)
	}
	ld.readNodes(nb)
	if st, err := ef.Stat(); err == nil && st.Mode().IsRegular() {
		ld.edgeHint = int(min(st.Size()/24+16, 1<<28)) // arrays beyond what is used are never touched
	}
	ld.readEdges(ef)
	return ld.finish()
}

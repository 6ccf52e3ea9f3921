package main

import (
	"context"
	"os"
	"sync"

	"github.com/lineage-dev/lineage/internal/engine"
)

// The SVG and PNG engine is the separate program lineage-render, so that lineage
// itself does not link Graphviz (see internal/engine for why). renderImage, which
// render.go calls, runs it.
func init() {
	var (
		once sync.Once
		eng  *engine.Engine
		err  error
	)
	renderImage = func(ctx context.Context, dot []byte, format string) ([]byte, error) {
		once.Do(func() {
			eng, err = engine.Find(os.Stderr)
			if eng != nil {
				eng.Warnings = os.Stderr
			}
		})
		if err != nil {
			return nil, err
		}
		return eng.Render(ctx, dot, format)
	}
}

module github.com/lineage-dev/lineage

go 1.26.8

require (
	github.com/dominikbraun/graph v0.23.0
	github.com/spf13/pflag v1.0.10
)

package main

import "os"

func main() {
	ctx, stop := withSignals()
	code := runContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

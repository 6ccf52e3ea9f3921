//go:build !unix

package engine

import "os/exec"

// ownGroup leaves cmd as it is: outside Unix, cancelling kills the process.
func ownGroup(cmd *exec.Cmd) {}

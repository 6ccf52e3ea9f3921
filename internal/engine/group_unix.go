//go:build unix

package engine

import (
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in a new process group and makes cancelling it kill the
// whole group, so that nothing the engine started outlives it.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

//go:build unix

// Package proctest holds what the tests of cancellation and signals share:
// telling whether a process they expect killed is gone.
package proctest

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// Gone reports whether process pid has exited (it may linger as a zombie until
// its parent reaps it), waiting up to 10 s for a kill to land.
func Gone(pid int) bool {
	for range 200 {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return syscall.Kill(pid, 0) != nil
		}
		// The state follows the command name, which is in parentheses and may
		// itself hold spaces or parentheses.
		if i := strings.LastIndexByte(string(b), ')'); i >= 0 {
			if f := strings.Fields(string(b[i+1:])); len(f) > 0 && f[0] == "Z" {
				return true
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

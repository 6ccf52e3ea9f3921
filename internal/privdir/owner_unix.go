//go:build unix

package privdir

import (
	"fmt"
	"os"
	"syscall"
)

// ownedBySelf reports an error unless st belongs to the effective user.
func ownedBySelf(st os.FileInfo) error {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("cannot tell its owner")
	}
	if uid := os.Geteuid(); int(sys.Uid) != uid {
		return fmt.Errorf("owned by user %d, not by you (user %d)", sys.Uid, uid)
	}
	return nil
}

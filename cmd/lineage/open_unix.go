//go:build unix

package main

import "syscall"

// openNonblock opens a FIFO without waiting for a writer; readRegular then
// refuses it as not a regular file.
const openNonblock = syscall.O_NONBLOCK

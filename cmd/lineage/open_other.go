//go:build !unix

package main

// openNonblock is 0 where the system has no O_NONBLOCK.
const openNonblock = 0

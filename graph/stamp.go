package graph

// This file keeps the stamps that spare an unchanged index its whole-file check
// (see the package documentation).

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"
)

const (
	stampMagic = "lnstamp\x00"
	stampExt   = ".ok"
	stampLen   = len(stampMagic) + 4 + 5*8 + 4*crcChunks + 4
	// stampMinAge is how old an index's status-change time must be before its
	// stamp is written: far more than the tick of the clock that file systems
	// stamp writes with, so that any write after the check moves the time on.
	stampMinAge = 2 * time.Second
)

// stampOf returns the stamp of the index file fi whose bytes are b: the format
// version, the file's size, modification time, inode, device and status-change
// time, and its trailer. It returns nil when the platform tells no
// status-change time or b has no trailer.
func stampOf(fi os.FileInfo, b []byte) []byte {
	ino, dev, ctime := fileIdentity(fi)
	if ctime == 0 || len(b) < 4*crcChunks || int64(len(b)) != fi.Size() {
		return nil
	}
	st := append([]byte(nil), stampMagic...)
	st = binary.LittleEndian.AppendUint32(st, indexVersion)
	for _, v := range []uint64{uint64(fi.Size()), uint64(fi.ModTime().UnixNano()), ino, dev, uint64(ctime)} {
		st = binary.LittleEndian.AppendUint64(st, v)
	}
	st = append(st, b[len(b)-4*crcChunks:]...)
	return binary.LittleEndian.AppendUint32(st, crc32.Checksum(st, castagnoli))
}

// readStamp returns the stamp at path, or nil when there is none to trust.
func readStamp(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || !ownedPrivate(fi) || fi.Size() != int64(stampLen) {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(stampLen)+1))
	if err != nil || len(b) != stampLen {
		return nil
	}
	return b
}

// writeStamp writes the stamp st to path, a temporary file renamed into place;
// a stamp that cannot be written only means the next open checks the whole
// index again.
func writeStamp(path string, st []byte, track func(string) func()) {
	f, err := os.CreateTemp(filepath.Dir(path), ".idx-*.tmp")
	if err != nil {
		return
	}
	tmp := f.Name()
	defer trackTemp(track, tmp)()
	_, err = io.Copy(f, bytes.NewReader(st))
	if cerr := f.Close(); err != nil || cerr != nil || os.Rename(tmp, path) != nil {
		os.Remove(tmp)
	}
}

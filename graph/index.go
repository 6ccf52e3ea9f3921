package graph

// This file keeps and opens the index described in the package documentation.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

const (
	indexMagic   = "lineage\x00"
	indexVersion = 4
	crcChunks    = 4 // the checksum is of 4 parts, checked side by side
	sampleSize   = 64 << 10
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Section kinds.
const (
	secMeta = iota + 1
	secCols
	secIDOff
	secIDLen
	secIDExtra
	secRowOff
	secLine
	secTab
	secEnds
	secRel
	secRels
	secELine
	secEAux
	secAux
	secOutOff
	secOutE
	secInOff
	secInE
	secProblems
	secDates
	secCount = secDates
)

// FileOptions tune LoadFilesWith.
type FileOptions struct {
	// NoCache neither reads nor writes an index.
	NoCache bool
	// CacheDir is the directory of the index; "" means os.UserCacheDir()/lineage.
	CacheDir string
	// Warn, when set, receives at most one line per load about an index that was
	// damaged or could not be written; the load itself goes on from the CSV.
	Warn func(msg string)
	// Now is the day future dates are judged against; the zero Time means now.
	Now time.Time
	// TrackTemp, when set, is told the name of each temporary file the load
	// writes (an index or its stamp, before it is renamed into place) and the
	// returned function is called once the file is gone or renamed, so that a
	// program killed by a signal in between can remove it.
	TrackTemp func(name string) (untrack func())

	// stampAge is how old an index's status-change time must be before a
	// whole-file check of it is recorded in its stamp; 0 means stampMinAge.
	stampAge time.Duration
}

// LoadFiles loads the dataset in the files at nodesPath and edgesPath, naming
// them by their paths in problems, with the index in the user's cache directory
// (see LoadFilesWith). An error opening either file wraps the os error
// (errors.Is(err, fs.ErrNotExist) tells a missing file).
func LoadFiles(nodesPath, edgesPath string) (*Lineage, error) {
	return LoadFilesWith(nodesPath, edgesPath, FileOptions{})
}

// LoadFilesWith is LoadFiles with options. Unless opt.NoCache, it first looks for
// an index of these files (the package documentation says where, its key and its format):
// when the files are unchanged since the index was written, the Lineage is
// opened from it without parsing the CSV, with the same problems and answers.
// Otherwise it loads the CSV and, when the dataset has no errors, writes the
// index for next time. A cache directory that cannot be used means no index,
// never a failed load.
func LoadFilesWith(nodesPath, edgesPath string, opt FileOptions) (*Lineage, error) {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	nf, err := os.Open(nodesPath)
	if err != nil {
		return nil, err
	}
	defer nf.Close()
	ef, err := os.Open(edgesPath)
	if err != nil {
		return nil, err
	}
	defer ef.Close()
	warned := false
	warn := func(format string, args ...any) {
		if opt.Warn != nil && !warned {
			warned = true
			opt.Warn(fmt.Sprintf(format, args...))
		}
	}
	var key []byte
	var path string
	if !opt.NoCache && littleEndian() {
		if dir, ok := cacheDir(opt.CacheDir); ok {
			if key, err = fileKey(nf, ef, nodesPath, edgesPath); err == nil {
				path = filepath.Join(dir, indexName(nodesPath, edgesPath))
				l, err := openIndex(path, key, nf, now, opt.stampAge, opt.TrackTemp)
				switch {
				case err == nil:
					return l, nil
				case errors.Is(err, errOtherVersion):
					warn("lineage: the index %s was %v; rebuilding it", path, err)
				case !errors.Is(err, errStale):
					warn("lineage: ignoring the damaged index %s (%v); rebuilding it", path, err)
				}
			}
		}
	}
	ld := newLoader(nodesPath, edgesPath, now)
	nb, err := readWhole(nf)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", nodesPath, err)
	}
	ld.readNodes(nb)
	if st, err := ef.Stat(); err == nil && st.Mode().IsRegular() {
		ld.edgeHint = int(min(st.Size()/24+16, 1<<28)) // arrays beyond what is used are never touched
	}
	ld.readEdges(ef)
	minFuture := ld.minFuture
	l, err := ld.finish()
	if err != nil || path == "" {
		return l, err
	}
	// The key again: a file that changed while it was read must not be vouched for.
	if again, err := fileKey(nf, ef, nodesPath, edgesPath); err == nil && bytes.Equal(again, key) {
		if err := writeIndex(path, key, l, now, minFuture, opt.TrackTemp); err != nil && !errors.Is(err, errNoIndex) {
			warn("lineage: cannot write the index %s: %v", path, err)
		}
	}
	return l, nil
}

var (
	errStale   = errors.New("index is for other files")
	errNoIndex = errors.New("no index for this dataset")
)

func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// cacheDir returns the index directory, creating it; ok is false when there is
// none to use.
func cacheDir(dir string) (string, bool) {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return "", false
		}
		dir = filepath.Join(base, "lineage")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false
	}
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() || !ownedPrivate(fi) {
		return "", false
	}
	return dir, true
}

// indexName names the index of a pair of files by their absolute paths.
func indexName(nodesPath, edgesPath string) string {
	a, _ := filepath.Abs(nodesPath)
	b, _ := filepath.Abs(edgesPath)
	sum := sha256.Sum256([]byte(a + "\x00" + b))
	return hex.EncodeToString(sum[:12]) + ".idx"
}

// fileKey is the key of the two open files (see the package documentation).
func fileKey(nf, ef *os.File, nodesPath, edgesPath string) ([]byte, error) {
	var key []byte
	key = append(key, indexMagic...)
	key = binary.LittleEndian.AppendUint32(key, indexVersion)
	for _, f := range []struct {
		f    *os.File
		path string
	}{{nf, nodesPath}, {ef, edgesPath}} {
		abs, err := filepath.Abs(f.path)
		if err != nil {
			return nil, err
		}
		fi, err := f.f.Stat()
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, errNoIndex
		}
		key = appendString(key, abs)
		key = binary.LittleEndian.AppendUint64(key, uint64(fi.Size()))
		key = binary.LittleEndian.AppendUint64(key, uint64(fi.ModTime().UnixNano()))
		ino, dev, ctime := fileIdentity(fi)
		key = binary.LittleEndian.AppendUint64(key, ino)
		key = binary.LittleEndian.AppendUint64(key, dev)
		key = binary.LittleEndian.AppendUint64(key, uint64(ctime))
		buf := make([]byte, sampleSize)
		for _, off := range []int64{0, max(0, fi.Size()-sampleSize)} {
			n, err := f.f.ReadAt(buf, off)
			if err != nil && err != io.EOF {
				return nil, err
			}
			key = binary.LittleEndian.AppendUint32(key, crc32.Checksum(buf[:n], castagnoli))
		}
	}
	return key, nil
}

func appendString(b []byte, s string) []byte {
	b = appendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// asBytes views a slice of fixed-size numbers as its bytes (little-endian hosts).
func asBytes[T uint16 | uint32 | uint64 | [2]int32](a []T) []byte {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), len(a)*int(unsafe.Sizeof(a[0])))
}

// asSlice views bytes, 8-byte aligned, as a slice of fixed-size numbers.
func asSlice[T uint16 | uint32 | uint64 | [2]int32](b []byte) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b) == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size)
}

// writeIndex writes l's index to path: a temporary file renamed into place.
func writeIndex(path string, key []byte, l *Lineage, now time.Time, minFuture uint32, track func(string) func()) error {
	s := l.s
	if s.pre || s.nodes == nil {
		return errNoIndex
	}
	var meta []byte
	for _, v := range []uint64{uint64(s.n), uint64(s.edgeCount()), uint64(packDate(dateOf(now))), uint64(minFuture)} {
		meta = binary.LittleEndian.AppendUint64(meta, v)
	}
	var cols []byte
	cols = appendUvarint(cols, uint64(len(s.cols.header)))
	for _, h := range s.cols.header {
		cols = appendString(cols, h)
	}
	for _, k := range s.cols.known {
		cols = appendUvarint(cols, uint64(k+1))
	}
	cols = appendUvarint(cols, uint64(len(s.cols.extra)))
	for _, e := range s.cols.extra {
		cols = appendUvarint(cols, uint64(e))
	}
	var rels []byte
	rels = appendUvarint(rels, uint64(len(s.rels)))
	for _, r := range s.rels {
		rels = appendString(rels, string(r))
	}
	var probs []byte
	probs = appendUvarint(probs, uint64(len(l.problems)))
	for _, p := range l.problems {
		probs = appendString(probs, p.File)
		probs = appendUvarint(probs, uint64(p.Line))
		probs = appendUvarint(probs, uint64(p.Column))
		probs = appendUvarint(probs, uint64(p.Severity))
		probs = appendString(probs, p.Msg)
	}
	sections := [secCount][]byte{
		secMeta - 1: meta, secCols - 1: cols,
		secIDOff - 1: asBytes(s.idOff), secIDLen - 1: asBytes(s.idLen), secIDExtra - 1: s.idExtra,
		secRowOff - 1: asBytes(s.rowOff), secLine - 1: asBytes(s.line), secTab - 1: asBytes(s.tab),
		secEnds - 1: asBytes(s.ends), secRel - 1: asBytes(s.rel), secRels - 1: rels,
		secELine - 1: asBytes(s.eline), secEAux - 1: asBytes(s.eaux), secAux - 1: s.aux,
		secOutOff - 1: asBytes(s.outOff), secOutE - 1: asBytes(s.outE),
		secInOff - 1: asBytes(s.inOff), secInE - 1: asBytes(s.inE), secProblems - 1: probs,
		secDates - 1: asBytes(s.dates),
	}
	var head []byte
	head = append(head, indexMagic...)
	head = binary.LittleEndian.AppendUint32(head, indexVersion)
	head = binary.LittleEndian.AppendUint32(head, secCount)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(key)))
	head = append(head, key...)
	off := uint64(len(head) + secCount*24)
	off = (off + 7) &^ 7
	for i, sec := range sections {
		head = binary.LittleEndian.AppendUint32(head, uint32(i+1))
		head = binary.LittleEndian.AppendUint32(head, 0)
		head = binary.LittleEndian.AppendUint64(head, off)
		head = binary.LittleEndian.AppendUint64(head, uint64(len(sec)))
		off = (off + uint64(len(sec)) + 7) &^ 7
	}
	dir := filepath.Dir(path)
	removeStaleTemps(dir)
	f, err := os.CreateTemp(dir, ".idx-*.tmp")
	if err != nil {
		return errNoIndex // a cache dir we cannot write to: no index, quietly
	}
	tmp := f.Name()
	defer trackTemp(track, tmp)()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	crc := &chunkCRC{total: off}
	w := io.MultiWriter(f, crc)
	written := uint64(0)
	put := func(b []byte) error {
		n, err := w.Write(b)
		written += uint64(n)
		return err
	}
	pad := func() error {
		var zeros [8]byte
		if r := written & 7; r != 0 {
			return put(zeros[:8-r])
		}
		return nil
	}
	if err := put(head); err != nil {
		return err
	}
	for _, sec := range sections {
		if err := pad(); err != nil {
			return err
		}
		if err := put(sec); err != nil {
			return err
		}
	}
	if err := pad(); err != nil {
		return err
	}
	if written != crc.total {
		return fmt.Errorf("wrote %d bytes, planned %d", written, crc.total)
	}
	var trailer []byte
	for _, c := range crc.sums {
		trailer = binary.LittleEndian.AppendUint32(trailer, c)
	}
	if _, err := f.Write(trailer); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	ok = true
	pruneIndexes(dir, path)
	return nil
}

// maxIndexes is how many index files the cache directory keeps: datasets come and
// go (a test's temporary directory is a new dataset each run).
const maxIndexes = 32

// pruneIndexes removes the least recently written index files beyond maxIndexes,
// never keep.
func pruneIndexes(dir, keep string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.idx"))
	if len(files) <= maxIndexes {
		return
	}
	type aged struct {
		path string
		mod  time.Time
	}
	var all []aged
	for _, f := range files {
		if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && f != keep {
			all = append(all, aged{f, fi.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b aged) int { return a.mod.Compare(b.mod) })
	for _, a := range all[:max(0, len(all)-(maxIndexes-1))] {
		os.Remove(a.path)
		os.Remove(a.path + stampExt)
	}
}

// chunkCRC computes the CRC-32C of each of crcChunks parts of a stream of
// total bytes (part i is bytes [i*total/crcChunks, (i+1)*total/crcChunks)).
type chunkCRC struct {
	total, pos uint64
	sums       [crcChunks]uint32
}

func (c *chunkCRC) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := min(c.pos*crcChunks/max(c.total, 1), crcChunks-1)
		for i < crcChunks-1 && c.pos >= (i+1)*c.total/crcChunks {
			i++
		}
		end := (i + 1) * c.total / crcChunks
		k := uint64(len(p))
		if i < crcChunks-1 && c.pos+k > end {
			k = end - c.pos
		}
		c.sums[i] = crc32.Update(c.sums[i], castagnoli, p[:k])
		c.pos += k
		p = p[k:]
	}
	return n, nil
}

// checkCRC checks the trailer of an index: the CRC-32C of each part of the bytes
// before it, computed side by side.
func checkCRC(b []byte) bool {
	total := uint64(len(b) - 4*crcChunks)
	var ok [crcChunks]bool
	var wg sync.WaitGroup
	for i := range uint64(crcChunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := b[i*total/crcChunks : (i+1)*total/crcChunks]
			ok[i] = crc32.Checksum(part, castagnoli) == binary.LittleEndian.Uint32(b[total+4*i:])
		}()
	}
	wg.Wait()
	return ok == [crcChunks]bool{true, true, true, true}
}

// trackTemp calls track, when set, with the temporary file name and returns
// the function that ends the tracking.
func trackTemp(track func(string) func(), name string) (untrack func()) {
	if track == nil {
		return func() {}
	}
	return track(name)
}

// removeStaleTemps removes temporary index files an interrupted writer left
// behind more than ten minutes ago.
func removeStaleTemps(dir string) {
	tmps, _ := filepath.Glob(filepath.Join(dir, ".idx-*.tmp"))
	for _, t := range tmps {
		if fi, err := os.Lstat(t); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > 10*time.Minute {
			os.Remove(t)
		}
	}
}

func dateOf(t time.Time) Date {
	t = t.UTC()
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// indexReader reads the sections of an index, checking every bound.
type indexReader struct {
	b   []byte
	sec [secCount][]byte
}

var errCorrupt = errors.New("corrupt index")

// errOtherVersion is an index in another format version, written by an older
// or newer lineage: not damage, but replaced all the same.
var errOtherVersion = errors.New("written by another version of lineage")

// openIndex opens the index at path when its key is key: errStale when there is
// none or it is for other files, another error when it is damaged. The whole
// file's checksum is checked unless its stamp says that this file, unchanged
// since, was checked whole before; after a whole check the stamp is written
// when the file is at least stampAge old (see stamp).
func openIndex(path string, key []byte, nf *os.File, now time.Time, stampAge time.Duration, track func(string) func()) (*Lineage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errStale
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || !ownedPrivate(fi) {
		return nil, errStale
	}
	b, err := readWhole(f)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	st := stampOf(fi, b)
	checked := st != nil && bytes.Equal(readStamp(path+stampExt), st)
	r := &indexReader{b: b}
	if err := r.parse(key, checked); err != nil {
		return nil, err
	}
	l, err := r.lineage(nf, now)
	if err != nil {
		return nil, err
	}
	if !checked && st != nil {
		if stampAge <= 0 {
			stampAge = stampMinAge
		}
		_, _, ctime := fileIdentity(fi)
		if time.Since(time.Unix(0, ctime)) >= stampAge {
			writeStamp(path+stampExt, st, track)
		}
	}
	return l, nil
}

func (r *indexReader) parse(key []byte, checked bool) error {
	b := r.b
	if len(b) < len(indexMagic)+16 || string(b[:len(indexMagic)]) != indexMagic {
		return fmt.Errorf("%w: not a lineage index", errCorrupt)
	}
	le := binary.LittleEndian
	if v := le.Uint32(b[8:]); v != indexVersion {
		return fmt.Errorf("%w (format version %d, this one reads %d)", errOtherVersion, v, indexVersion)
	}
	if len(b) < len(indexMagic)+16+4*crcChunks || !checked && !checkCRC(b) {
		return fmt.Errorf("%w: checksum mismatch (truncated or damaged)", errCorrupt)
	}
	b = b[:len(b)-4*crcChunks+4] // the bounds checks below keep clear of the trailer
	nsec := le.Uint32(b[12:])
	klen := uint64(le.Uint32(b[16:]))
	p := uint64(20)
	if nsec != secCount || klen > uint64(len(b)) || p+klen+uint64(nsec)*24 > uint64(len(b)-4) {
		return fmt.Errorf("%w: bad header", errCorrupt)
	}
	if !bytes.Equal(b[p:p+klen], key) {
		return errStale
	}
	p += klen
	for i := range secCount {
		kind, off, n := le.Uint32(b[p:]), le.Uint64(b[p+8:]), le.Uint64(b[p+16:])
		p += 24
		if kind != uint32(i+1) || off%8 != 0 || off > uint64(len(b)-4) || n > uint64(len(b)-4)-off {
			return fmt.Errorf("%w: bad section %d", errCorrupt, i+1)
		}
		r.sec[i] = b[off : off+n : off+n]
	}
	return nil
}

// lineage assembles the Lineage from the sections and nodes.csv, checking that
// every array has the length the counts say and every number is in range.
func (r *indexReader) lineage(nf *os.File, now time.Time) (*Lineage, error) {
	bad := func(what string) error { return fmt.Errorf("%w: %s", errCorrupt, what) }
	meta := r.sec[secMeta-1]
	if len(meta) != 32 {
		return nil, bad("meta")
	}
	le := binary.LittleEndian
	n, ne := le.Uint64(meta), le.Uint64(meta[8:])
	built, minFuture := uint32(le.Uint64(meta[16:])), uint32(le.Uint64(meta[24:]))
	today := packDate(dateOf(now))
	if today < built || minFuture != 0 && !unpackDate(minFuture).After(now) {
		return nil, errStale // the "in the future" warnings would differ today
	}
	if n >= idBit || ne >= 1<<31 {
		return nil, bad("counts")
	}
	s := &store{n: int(n)}
	u32 := func(k int, want uint64) ([]uint32, error) {
		b := r.sec[k-1]
		if uint64(len(b)) != want*4 {
			return nil, bad(fmt.Sprintf("section %d has %d bytes, want %d", k, len(b), want*4))
		}
		return asSlice[uint32](b), nil
	}
	var err error
	for _, a := range []struct {
		k    int
		dst  *[]uint32
		want uint64
	}{
		{secIDOff, &s.idOff, n}, {secIDLen, &s.idLen, n}, {secRowOff, &s.rowOff, n}, {secLine, &s.line, n},
		{secELine, &s.eline, ne}, {secOutOff, &s.outOff, n + 1}, {secOutE, &s.outE, ne},
		{secInOff, &s.inOff, n + 1}, {secInE, &s.inE, ne}, {secDates, &s.dates, n},
	} {
		if *a.dst, err = u32(a.k, a.want); err != nil {
			return nil, err
		}
	}
	if aux := r.sec[secEAux-1]; len(aux) > 0 {
		if s.eaux, err = u32(secEAux, ne); err != nil {
			return nil, err
		}
	}
	s.idExtra, s.aux = r.sec[secIDExtra-1], r.sec[secAux-1]
	tab := r.sec[secTab-1]
	if len(tab)%8 != 0 || len(tab) < 8*16 || len(tab)&(len(tab)-1) != 0 || uint64(len(tab)/8) < 2*n {
		return nil, bad("hash table")
	}
	s.tab = asSlice[uint64](tab)
	if uint64(len(r.sec[secEnds-1])) != ne*8 || uint64(len(r.sec[secRel-1])) != ne*2 {
		return nil, bad("edges")
	}
	s.ends, s.rel = asSlice[[2]int32](r.sec[secEnds-1]), asSlice[uint16](r.sec[secRel-1])
	// Small sections: decoded.
	d := &decoder{b: r.sec[secCols-1]}
	cols := &nodeCols{header: make([]string, d.count(math.MaxInt16))}
	for i := range cols.header {
		cols.header[i] = d.str()
	}
	for k := range cols.known {
		cols.known[k] = int16(d.count(len(cols.header))) - 1
	}
	cols.extra = make([]int, d.count(len(cols.header)))
	for i := range cols.extra {
		cols.extra[i] = int(d.count(len(cols.header) - 1))
	}
	s.cols = cols
	d2 := &decoder{b: r.sec[secRels-1]}
	s.rels = make([]Relation, d2.count(1<<16))
	for i := range s.rels {
		s.rels[i] = Relation(d2.str())
	}
	d3 := &decoder{b: r.sec[secProblems-1]}
	ps := make(Problems, d3.count(len(d3.b)))
	for i := range ps {
		ps[i] = Problem{File: d3.str(), Line: d3.count(1 << 40), Column: d3.count(1 << 40), Severity: Severity(d3.count(1)), Msg: d3.str()}
	}
	if d.err || d2.err || d3.err || len(d.b) != 0 || len(d2.b) != 0 || len(d3.b) != 0 {
		return nil, bad("columns, relations or problems")
	}
	// The checksum vouches for every number in the arrays: they were written from
	// a store that had loaded, and the directory is the user's own. The rows are
	// decoded from nodes.csv, which the key vouches for (its size bounds every
	// offset).
	nodes, err := readWhole(nf)
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	s.nodes = nodes
	s.relLineage = make([]bool, len(s.rels))
	for i, rel := range s.rels {
		s.relLineage[i] = rel.Class() == LineageClass
	}
	s.cache = make([]atomic.Pointer[Model], s.n)
	if len(ps) == 0 {
		ps = nil
	}
	return &Lineage{s: s, problems: ps, names: &nameIndex{}, indexed: true}, nil
}

// decoder reads the uvarint-framed small sections; err is set by any overrun.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) fail() { d.err, d.b = true, nil }

func (d *decoder) count(max int) int {
	n, k := uvarint(d.b)
	if k == 0 || k > len(d.b) || n > uint64(max) || (k > 0 && d.b[k-1] >= 0x80) {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *decoder) str() string {
	n := d.count(len(d.b))
	if d.err || n > len(d.b) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

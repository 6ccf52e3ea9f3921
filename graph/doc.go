// Package graph loads, validates and queries a lineage dataset: models (rows of
// nodes.csv) and the relations between them (rows of edges.csv).
//
// Load and LoadFiles read both files, report every problem with its file, line
// and column (bad CSV, duplicate ids, unknown ids, duplicate edges, lineage
// cycles, dates, missing sources) and return a read-only *Lineage that answers
// queries (Ancestors, Descendants, Path, CommonAncestors, Resolve, List, Stats)
// and is safe for concurrent use. New builds one from models made in code.
// Reach gives an ancestry answer as model numbers, to be walked one decoded
// model at a time (Reached.HopInto decodes each into one reused Model), for
// answers too large to hold.
//
// A Lineage is laid out for registries of a million models: a model's row is
// decoded only when a query returns it, ids are spans of the file's bytes, and
// the edges per model are CSR arrays. LoadFiles keeps an index of these arrays
// in the user's cache directory so that later loads of unchanged files skip
// the CSV.
//
// # The index
//
// The index is a file in the user's cache directory that holds a loaded Lineage's
// arrays, so that a later LoadFiles of the same, unchanged files maps them
// instead of parsing the CSV.
//
// Where: os.UserCacheDir()/lineage (on Linux $XDG_CACHE_HOME/lineage, else
// ~/.cache/lineage), created with mode 0700; a directory that is not the user's
// own or that others may write is not used. One file per pair of files:
// "<first 24 hex digits of SHA-256(abs nodes path NUL abs edges path)>.idx".
//
// Key: the index is used only when the key it holds equals the files' key now:
// the magic and format version, then for nodes.csv and for edges.csv the
// absolute path (uvarint length and bytes), the size, the modification time
// and the inode, device and status-change time (ctime, in nanoseconds; no tool
// sets it back, so any write to a file changes it) as uint64s, and the CRC-32C
// of the first and of the last 64 KiB. The meta section also holds the day the
// warnings were computed and the earliest future release date: an index built
// on a later day than today, or whose earliest future-dated model is no longer
// in the future, is rebuilt, since its "date is in the future" warnings would
// differ. A file that changes while it is being loaded gets no index.
//
// Format (version 4, all integers little-endian):
//
//	magic    8 bytes "lineage\x00"
//	version  uint32
//	nsec     uint32            number of sections
//	keylen   uint32, key       the key above
//	table    nsec × {kind uint32, 0 uint32, offset uint64, length uint64}
//	sections each at an offset that is a multiple of 8
//	crc      4 × uint32        CRC-32C of each quarter of the bytes before it
//	                           (quarter i: [i*n/4, (i+1)*n/4)), checked side by side
//
// The sections, in this order, are the in-memory store's arrays as they are:
// counts and days (meta), the header's columns, id offsets and lengths into
// nodes.csv plus the ids that are not spans of it, row offsets and lines, the
// id hash table, edge ends, relation numbers and names, edge lines, notes and
// sources, the CSR offsets and edge lists in both directions, the warnings
// the load reported, and each model's date packed in a uint32 (year<<9 |
// month<<5 | day, 0 for none), which ancestry answers sort by. Rows are decoded from nodes.csv itself, which the key
// vouches for.
//
// # The stamp
//
// Checking the whole checksum would cost an open more than the query it serves
// (a million models make a 60 MB index). So an open that checked the whole file
// records that in a stamp beside it, "<name>.idx.ok" (mode 0600, written to a
// temporary file and renamed into place):
//
//	magic    8 bytes "lnstamp\x00"
//	version  uint32            the index format version
//	file     5 × uint64        the index file's size, modification time, inode,
//	                           device and status-change time (nanoseconds)
//	trailer  4 × uint32        the index's checksums
//	crc      uint32            CRC-32C of the bytes before it
//
// A later open whose index file has exactly these figures skips the whole-file
// checksum and checks the rest: magic, version, key, section table and bounds,
// every array's length against the counts, and the small sections as they are
// decoded. Any write to the index file, in place or by rename, moves its
// status-change time or inode, so the stamp no longer holds and the whole file
// is checked again: this is the rule by which the key vouches for nodes.csv. A
// stamp is written only for a file whose status-change time is at least two
// seconds old, far more than the tick of the clock file systems stamp writes
// with, so that a write just after the check cannot keep the time the stamp
// holds. Where the platform tells no status-change time there is no stamp and
// every open checks the whole file. The stamp does not guard against the
// storage changing bytes behind the file system's back, nor does the key for
// nodes.csv.
//
// An index that is truncated, has a bad checksum, a foreign magic or version,
// or sections out of bounds is ignored (with one warning) and replaced by the
// load that follows. Writers write a temporary file in the same directory and
// rename it into place, so readers see either the old index or the new one.
// The directory keeps the 32 most recently written indexes (and their stamps).
// FileOptions.TrackTemp tells a program each temporary file while it exists, so
// that the program can remove it when a signal stops it; a writer that dies
// without that chance (SIGKILL, a crash) leaves a temporary file that a later
// writer removes after ten minutes.
package graph

package graph

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lineage-dev/lineage/internal/synth"
)

var indexNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// testDataset writes a dataset with quoting, notes, free columns, aliases and
// warnings to a temporary directory and returns its two paths.
func testDataset(t *testing.T) (nodes, edges string) {
	t.Helper()
	dir := t.TempDir()
	nodes, edges = filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	n, e := synth.HF(300, 7)
	n = append(n, "x/quoted,\"Quoted, \"\"name\"\"\",a1;a2,org,2024-02,7B,moe,chat,API,\"multi\nline\",https://x,s\n"...)
	n = append(n, "x/future,Future,,org,2031,,,,open,,,\n"...)
	e = append(e, "x/quoted,x/future,teacher-data,\"a note, quoted\",\n"...)
	n = bytes.Replace(n, []byte("source\n"), []byte("source,license\n"), 1)
	n = bytes.ReplaceAll(n, []byte(",synthetic\n"), []byte(",synthetic,mit\n"))
	n = bytes.ReplaceAll(n, []byte(",s\n"), []byte(",s,\n"))
	n = bytes.ReplaceAll(n, []byte(",,,,open,,,\n"), []byte(",,,,open,,,,\n"))
	write(t, nodes, n)
	write(t, edges, e)
	return nodes, edges
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

type loadResult struct {
	l     *Lineage
	warns []string
}

func load(t *testing.T, nodes, edges, cache string, now time.Time) loadResult {
	t.Helper()
	var r loadResult
	l, err := LoadFilesWith(nodes, edges, FileOptions{CacheDir: cache, Now: now, Warn: func(m string) { r.warns = append(r.warns, m) }})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	r.l = l
	return r
}

// sameLineage compares everything a user of the API can see.
func sameLineage(t *testing.T, got, want *Lineage) {
	t.Helper()
	if !reflect.DeepEqual(got.Models(), want.Models()) {
		t.Fatalf("models differ")
	}
	if !reflect.DeepEqual(got.Edges(), want.Edges()) {
		t.Fatalf("edges differ")
	}
	if fmt.Sprint(got.Problems()) != fmt.Sprint(want.Problems()) {
		t.Fatalf("problems differ:\n%v\nwant\n%v", got.Problems(), want.Problems())
	}
	for _, m := range want.Models()[:20] {
		for _, opt := range []QueryOptions{{}, {Relations: AllRelations}} {
			a, b := got.Descendants(m.ID, opt), want.Descendants(m.ID, opt)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("descendants of %s differ", m.ID)
			}
		}
		if r, err := got.Resolve(strings.ToUpper(m.Name)); err == nil && r.ID != m.ID {
			if w, _ := want.Resolve(strings.ToUpper(m.Name)); w.ID != r.ID {
				t.Fatalf("resolve %q: %s, want %s", m.Name, r.ID, w.ID)
			}
		}
	}
	if !reflect.DeepEqual(got.Stats(5), want.Stats(5)) {
		t.Fatalf("stats differ")
	}
}

// TestIndexSameLineage: a Lineage opened from the index is the one the CSV
// gives, and the second load opens the index.
func TestIndexSameLineage(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	ref := load(t, nodes, edges, "", indexNow)
	ref2, err := LoadFilesWith(nodes, edges, FileOptions{NoCache: true, Now: indexNow})
	if err != nil || ref2.indexed {
		t.Fatal(err)
	}
	cold := load(t, nodes, edges, cache, indexNow)
	warm := load(t, nodes, edges, cache, indexNow)
	if cold.l.indexed || !warm.l.indexed {
		t.Fatalf("indexed: cold %v, warm %v", cold.l.indexed, warm.l.indexed)
	}
	if len(cold.warns)+len(warm.warns) != 0 {
		t.Errorf("warnings: %v %v", cold.warns, warm.warns)
	}
	if len(ref.l.Problems()) == 0 {
		t.Fatal("the dataset should have warnings")
	}
	sameLineage(t, warm.l, ref2)
	sameLineage(t, ref.l, ref2)
	// Answers sort by the packed dates: the loader's and the index's are each
	// model's own.
	for _, l := range []*Lineage{ref2, warm.l} {
		if len(l.s.dates) != l.s.n {
			t.Fatalf("%d packed dates for %d models", len(l.s.dates), l.s.n)
		}
		for i := range int32(l.s.n) {
			if got, want := l.s.dates[i], packDate(l.s.decode(i).Date); got != want {
				t.Errorf("model %s: packed date %d, want %d", l.s.id(i), got, want)
			}
		}
	}
	m, _ := warm.l.Model("x/quoted")
	if m.Name != `Quoted, "name"` || m.Description != "multi\nline" || len(m.Attrs) != 1 || m.Attrs[0] != (Attr{"license", ""}) {
		t.Errorf("decoded from the index: %+v", m)
	}
}

// TestIndexDamaged: a truncated, bit-flipped or foreign-version index is
// ignored with one warning, the answer is the CSV's, and it is replaced.
func TestIndexDamaged(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	ref := load(t, nodes, edges, "", indexNow).l
	load(t, nodes, edges, cache, indexNow)
	path := filepath.Join(cache, indexName(nodes, edges))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var damaged [][]byte
	for _, n := range []int{0, 1, 7, 8, 12, 20, len(good) / 2, len(good) - 5, len(good) - 4, len(good) - 1} {
		damaged = append(damaged, good[:n])
	}
	for k := 0; k < 40; k++ {
		damaged = append(damaged, good[:len(good)*k/40])
	}
	for k := 0; k < 80; k++ {
		b := bytes.Clone(good)
		i := (len(b) - 1) * k / 79
		b[i] ^= 1 << (k % 8)
		damaged = append(damaged, b)
	}
	foreign := bytes.Clone(good)
	foreign[8] = 99 // format version
	damaged = append(damaged, foreign, append(bytes.Clone(good), 0))
	for i, b := range damaged {
		write(t, path, b)
		os.Chmod(path, 0o600)
		r := load(t, nodes, edges, cache, indexNow)
		want := "damaged index"
		if i == len(damaged)-2 {
			want = "was written by another version of lineage (format version 99"
		}
		if r.l.indexed || len(r.warns) != 1 || !strings.Contains(r.warns[0], want) {
			t.Fatalf("damage %d (%d bytes): indexed %v, warnings %q", i, len(b), r.l.indexed, r.warns)
		}
		if i%10 == 0 {
			sameLineage(t, r.l, ref)
		} else if r.l.Len() != ref.Len() || len(r.l.Edges()) != len(ref.Edges()) {
			t.Fatalf("damage %d: wrong lineage", i)
		}
		again := load(t, nodes, edges, cache, indexNow)
		if !again.l.indexed || len(again.warns) != 0 {
			t.Fatalf("damage %d: index not replaced (%v)", i, again.warns)
		}
	}
}

// TestIndexStale: a change to either file — content, size or times — is never
// answered from the old index.
func TestIndexStale(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	load(t, nodes, edges, cache, indexNow)
	orig, _ := os.ReadFile(nodes)
	fi, _ := os.Stat(nodes)
	// Same size, same modification time, one character changed in the middle.
	edited := bytes.Replace(orig, []byte("Model 150,"), []byte("Model 15X,"), 1)
	if len(edited) != len(orig) || bytes.Equal(edited, orig) {
		t.Fatal("bad edit")
	}
	write(t, nodes, edited)
	os.Chtimes(nodes, fi.ModTime(), fi.ModTime())
	r := load(t, nodes, edges, cache, indexNow)
	if r.l.indexed || len(r.warns) != 0 {
		t.Fatalf("edited nodes.csv answered from the index (%v)", r.warns)
	}
	seen := false
	for _, m := range r.l.Models() {
		seen = seen || m.Name == "Model 15X"
	}
	if !seen {
		t.Fatal("edit not seen")
	}
	if !load(t, nodes, edges, cache, indexNow).l.indexed {
		t.Fatal("rebuilt index not used")
	}
	// An edge removed from edges.csv.
	e, _ := os.ReadFile(edges)
	i := bytes.LastIndexByte(e[:len(e)-1], '\n')
	write(t, edges, e[:i+1])
	r = load(t, nodes, edges, cache, indexNow)
	if r.l.indexed {
		t.Fatal("shortened edges.csv answered from the index")
	}
	for _, ed := range r.l.Edges() {
		if ed.Note == "a note, quoted" {
			t.Fatal("removed edge still there")
		}
	}
}

// TestIndexFutureDates: the "date is in the future" warnings follow the day:
// once a future date has come, the index is rebuilt and the warning gone.
func TestIndexFutureDates(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	future := func(l *Lineage) bool {
		for _, p := range l.Problems() {
			if strings.Contains(p.Msg, "in the future") {
				return true
			}
		}
		return false
	}
	if r := load(t, nodes, edges, cache, indexNow); !future(r.l) {
		t.Fatal("no future warning")
	}
	later := time.Date(2031, 6, 1, 0, 0, 0, 0, time.UTC)
	r := load(t, nodes, edges, cache, later)
	if r.l.indexed || future(r.l) {
		t.Fatalf("indexed %v, future warning %v after the date came", r.l.indexed, future(r.l))
	}
	if !load(t, nodes, edges, cache, later).l.indexed {
		t.Fatal("index not rebuilt")
	}
}

// TestIndexUnusableCacheDir: a cache dir that cannot be made or written means
// no index, and no failure.
func TestIndexUnusableCacheDir(t *testing.T) {
	nodes, edges := testDataset(t)
	file := filepath.Join(t.TempDir(), "file")
	write(t, file, nil)
	for _, dir := range []string{filepath.Join(file, "sub"), file} {
		r := load(t, nodes, edges, dir, indexNow)
		if r.l.indexed || r.l.Len() == 0 || len(r.warns) != 0 {
			t.Errorf("%s: indexed %v, %d models, warnings %v", dir, r.l.indexed, r.l.Len(), r.warns)
		}
	}
	open := t.TempDir()
	os.Chmod(open, 0o777)
	if r := load(t, nodes, edges, open, indexNow); len(r.warns) != 0 || load(t, nodes, edges, open, indexNow).l.indexed {
		t.Errorf("a directory others may write was used")
	}
}

// TestIndexConcurrentBuilds: processes building the same index at once all
// answer right, and leave one good index and no temporary file.
func TestIndexConcurrentBuilds(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	ref := load(t, nodes, edges, "", indexNow).l
	var wg sync.WaitGroup
	results := make([]loadResult, 6)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = load(t, nodes, edges, cache, indexNow)
		}()
	}
	wg.Wait()
	for _, r := range results {
		if len(r.warns) != 0 {
			t.Errorf("warnings: %v", r.warns)
		}
		sameLineage(t, r.l, ref)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*"))
	tmps, _ := filepath.Glob(filepath.Join(cache, ".*"))
	if len(files) != 1 || len(tmps) != 0 {
		t.Errorf("cache holds %v %v", files, tmps)
	}
	if !load(t, nodes, edges, cache, indexNow).l.indexed {
		t.Error("index not used")
	}
}

// TestWideHeader: a nodes.csv of 200 columns loads, from the CSV and from the
// index, with its free columns as attributes.
func TestWideHeader(t *testing.T) {
	dir := t.TempDir()
	var h, r strings.Builder
	h.WriteString("id")
	r.WriteString("m")
	for i := 0; i < 198; i++ {
		fmt.Fprintf(&h, ",c%d", i)
		fmt.Fprintf(&r, ",v%d", i)
	}
	h.WriteString(",name\n")
	r.WriteString(",M\n")
	nodes, edges := filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	write(t, nodes, []byte(h.String()+r.String()))
	write(t, edges, []byte("from,to,relation\n"))
	cache := t.TempDir()
	for _, want := range []bool{false, true} {
		l := load(t, nodes, edges, cache, indexNow).l
		m, _ := l.Model("m")
		if l.indexed != want || m == nil || m.Name != "M" || len(m.Attrs) != 198 || m.Attrs[197] != (Attr{"c197", "v197"}) {
			t.Fatalf("indexed %v: %+v", l.indexed, m)
		}
	}
}

// TestIndexPrune: the cache directory keeps at most maxIndexes index files, the
// newest, and always the one just written.
func TestIndexPrune(t *testing.T) {
	cache := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for i := 0; i < maxIndexes+5; i++ {
		f := filepath.Join(cache, fmt.Sprintf("old%02d.idx", i))
		write(t, f, []byte("x"))
		os.Chtimes(f, old.Add(time.Duration(i)*time.Second), old.Add(time.Duration(i)*time.Second))
	}
	nodes, edges := testDataset(t)
	load(t, nodes, edges, cache, indexNow)
	files, _ := filepath.Glob(filepath.Join(cache, "*.idx"))
	if len(files) != maxIndexes {
		t.Fatalf("%d index files, want %d", len(files), maxIndexes)
	}
	if _, err := os.Stat(filepath.Join(cache, "old00.idx")); err == nil {
		t.Error("the oldest index was kept")
	}
	if !load(t, nodes, edges, cache, indexNow).l.indexed {
		t.Error("the new index was pruned")
	}
}

// TestIndexStamp: an index checked whole is stamped and later opened without the
// whole check while it is unchanged; a byte changed in any section in place moves
// the file's status-change time, so the stamp no longer holds and the damage is
// found.
func TestIndexStamp(t *testing.T) {
	nodes, edges := testDataset(t)
	if fi, err := os.Stat(nodes); err != nil {
		t.Fatal(err)
	} else if _, _, ctime := fileIdentity(fi); ctime == 0 {
		t.Skip("no status-change time on this platform: every open checks the whole index")
	}
	cache := t.TempDir()
	ref := load(t, nodes, edges, "", indexNow).l
	path := filepath.Join(cache, indexName(nodes, edges))
	open := func() loadResult {
		t.Helper()
		var r loadResult
		l, err := LoadFilesWith(nodes, edges, FileOptions{CacheDir: cache, Now: indexNow, stampAge: time.Nanosecond,
			Warn: func(m string) { r.warns = append(r.warns, m) }})
		if err != nil {
			t.Fatal(err)
		}
		r.l = l
		return r
	}
	stamped := func() bool {
		t.Helper()
		b, err := os.ReadFile(path)
		fi, err2 := os.Stat(path)
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		st := stampOf(fi, b)
		return st != nil && bytes.Equal(readStamp(path+stampExt), st)
	}
	if open().l.indexed || stamped() {
		t.Fatal("the first load should build the index and not stamp it")
	}
	if r := open(); !r.l.indexed || len(r.warns) != 0 || !stamped() {
		t.Fatalf("indexed %v, warnings %v, stamped %v", r.l.indexed, r.warns, stamped())
	}
	if r := open(); !r.l.indexed || !stamped() {
		t.Fatal("stamped index not opened")
	}
	sameLineage(t, open().l, ref)

	good, _ := os.ReadFile(path)
	le := binary.LittleEndian
	klen := int(le.Uint32(good[16:]))
	for k := range secCount {
		p := 20 + klen + 24*k
		off, n := int(le.Uint64(good[p+8:])), int(le.Uint64(good[p+16:]))
		if n == 0 {
			continue
		}
		if r := open(); !r.l.indexed || !stamped() {
			t.Fatalf("section %d: the index before the damage is not stamped", k+1)
		}
		fi, _ := os.Stat(path)
		_, _, was := fileIdentity(fi)
		cur, _ := os.ReadFile(path)
		b := bytes.Clone(cur)
		b[off+n/2] ^= 0x10
		// Written in place until the status-change time moves on (a write within
		// the file system clock's tick keeps it; the stamp's age rule covers that).
		for moved := false; !moved; {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt(b, 0)
			f.Close()
			fi, _ := os.Stat(path)
			_, _, now := fileIdentity(fi)
			moved = now != was
			if !moved {
				time.Sleep(time.Millisecond)
			}
		}
		r := open()
		if r.l.indexed || len(r.warns) != 1 || !strings.Contains(r.warns[0], "damaged index") {
			t.Fatalf("section %d damaged: indexed %v, warnings %q", k+1, r.l.indexed, r.warns)
		}
		sameLineage(t, r.l, ref)
	}
}

// TestReachedAll: walking a Reached yields the hops Descendants and Ancestors
// return, with models equal to the Lineage's, and keeps none of them; HopInto
// yields the same hops into one Model, sharing no array with the Lineage's
// models; Name is Model's name.
func TestReachedAll(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	for _, indexed := range []bool{false, true} {
		l := load(t, nodes, edges, cache, indexNow).l
		if l.indexed != indexed {
			t.Fatalf("indexed %v, want %v", l.indexed, indexed)
		}
		fresh := load(t, nodes, edges, cache, indexNow).l // nothing decoded yet
		var into Model
		var edgeBuf []Edge
		for _, m := range l.Models() {
			if name, ok := fresh.Name(m.ID); !ok || name != m.Name {
				t.Fatalf("Name(%s) = %q, %v; want %q", m.ID, name, ok, m.Name)
			}
			for _, down := range []bool{false, true} {
				for _, opt := range []QueryOptions{{}, {Relations: AllRelations}, {Depth: 1}} {
					want := l.Ancestors(m.ID, opt)
					if down {
						want = l.Descendants(m.ID, opt)
					}
					r := fresh.Reach(m.ID, opt, down)
					got := slices.Collect(r.All())
					for k := range got {
						if h := r.Hop(k); !reflect.DeepEqual(h, got[k]) {
							t.Fatalf("%s: Hop(%d) differs from All's", m.ID, k)
						}
					}
					if r.Len() != len(want) || len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
						t.Fatalf("%s down=%v %+v: walked %d hops, want %d", m.ID, down, opt, len(got), len(want))
					}
					// HopInto gives Hop's hop, into one Model and one edge
					// array, from rows (fresh) and from decoded models (l).
					for _, rr := range []*Reached{r, l.Reach(m.ID, opt, down)} {
						for k := range rr.Len() {
							h, w := rr.HopInto(k, &into, &edgeBuf), rr.Hop(k)
							if h.Model != &into || h.Depth != w.Depth || !slices.Equal(h.Edges, w.Edges) || !reflect.DeepEqual(nilLists(*h.Model), nilLists(*w.Model)) {
								t.Fatalf("%s: HopInto(%d) = %+v, want %+v", m.ID, k, h, w)
							}
						}
					}
				}
			}
		}
		for i := range fresh.s.n {
			if fresh.s.cache[i].Load() != nil {
				t.Fatalf("walking kept model %d", i)
			}
		}
		// Decoding into one Model changed none of l's own.
		other := load(t, nodes, edges, cache, indexNow).l
		for _, m := range l.Models() {
			if o, _ := other.Model(m.ID); !reflect.DeepEqual(m, o) {
				t.Fatalf("model %s changed: %+v, want %+v", m.ID, m, o)
			}
		}
	}
}

// nilLists is m with its empty lists nil.
func nilLists(m Model) Model {
	for _, l := range []*[]string{&m.Aliases, &m.Orgs, &m.Params} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	if len(m.Attrs) == 0 {
		m.Attrs = nil
	}
	return m
}

// TestIDPrefix: ids whose prefixes differ are ordered as the prefixes are.
func TestIDPrefix(t *testing.T) {
	ids := []string{"", "a", "ab", "ab\x00", "ab\x00c", "abcdefgh", "abcdefghi", "abcdefgz", "b", "\xff", "Z", "z/long-id-1", "z/long-id-2"}
	for _, a := range ids {
		for _, b := range ids {
			pa, pb := idPrefix(a), idPrefix(b)
			if pa != pb && (pa < pb) != (a < b) {
				t.Errorf("%q < %q is %v, prefixes %x %x", a, b, a < b, pa, pb)
			}
		}
	}
}

// TestReachLargeSorted: an answer large enough to have its sort keys read side
// by side comes out nearest first, then oldest, then by id.
func TestReachLargeSorted(t *testing.T) {
	var nb, eb strings.Builder
	nb.WriteString("id,name,date,source\nroot,Root,2020,s\n")
	eb.WriteString("from,to,relation\n")
	for i := range 40000 {
		parent := "root"
		if i >= 1000 {
			parent = fmt.Sprintf("m%d", i%1000)
		}
		fmt.Fprintf(&nb, "m%d,M %d,2024-%02d,s\n", i, i, 1+i%7) // many ties of depth and date
		fmt.Fprintf(&eb, "%s,m%d,finetune\n", parent, i)
	}
	l, err := Load(Input{Name: "nodes.csv", Reader: strings.NewReader(nb.String())}, Input{Name: "edges.csv", Reader: strings.NewReader(eb.String())})
	if err != nil {
		t.Fatal(err)
	}
	r := l.Reach("root", QueryOptions{}, true)
	if r.Len() < 2*16384 {
		t.Fatalf("only %d descendants: too few to read the keys side by side", r.Len())
	}
	var prev Hop
	for k := range r.Len() {
		h := r.Hop(k)
		if k > 0 {
			c := cmp.Or(cmp.Compare(prev.Depth, h.Depth), prev.Model.Date.Compare(h.Model.Date), strings.Compare(prev.Model.ID, h.Model.ID))
			if c >= 0 {
				t.Fatalf("hop %d (%s) sorts before hop %d (%s)", k, h.Model.ID, k-1, prev.Model.ID)
			}
		}
		prev = h
	}
}

// TestReachSteps: the edges the walk records for each hop are the ones a hop
// looks up (every edge from a model one hop nearer that the filter allows, in
// the order the model lists them), for merges, filtered edges and a depth
// limit, in both directions.
func TestReachSteps(t *testing.T) {
	var nb, eb strings.Builder
	nb.WriteString("id,name,date,source\n")
	eb.WriteString("from,to,relation\n")
	for i := range 3000 {
		fmt.Fprintf(&nb, "m%d,M %d,2024-%02d,s\n", i, i, 1+i%5)
		if i == 0 {
			continue
		}
		fmt.Fprintf(&eb, "m%d,m%d,finetune\n", (i-1)/3, i)
		if i%7 == 0 { // a second parent at the same depth, or nearer, or farther
			fmt.Fprintf(&eb, "m%d,m%d,merge\n", (i-1)/3+1+i%3, i)
		}
		if i%11 == 0 {
			fmt.Fprintf(&eb, "m%d,m%d,teacher-data\n", (i-1)/3+5, i) // filtered unless all
		}
	}
	l, err := Load(Input{Name: "nodes.csv", Reader: strings.NewReader(nb.String())}, Input{Name: "edges.csv", Reader: strings.NewReader(eb.String())})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := l.ParseRelations("all")
	multi := 0
	for _, id := range []string{"m0", "m1", "m5", "m2999", "m1500"} {
		for _, opt := range []QueryOptions{{}, {Relations: all}, {Depth: 3}, {Depth: 2, Relations: all}} {
			for _, down := range []bool{true, false} {
				r := l.Reach(id, opt, down)
				if r.step == nil {
					t.Fatal("the walk recorded no steps")
				}
				look := *r
				look.step, look.more = nil, nil
				for k := range r.Len() {
					got, want := r.Hop(k), look.Hop(k)
					if len(got.Edges) == 0 || !slices.Equal(got.Edges, want.Edges) {
						t.Fatalf("%s down=%v %+v hop %d: edges %v, want %v", id, down, opt, k, got.Edges, want.Edges)
					}
					if len(got.Edges) > 1 {
						multi++
					}
				}
			}
		}
	}
	if multi == 0 {
		t.Fatal("no hop with more than one edge")
	}
}

// TestIndexTrackTemp: every temporary file a load writes (the index, then its
// stamp) is reported while it exists, inside the cache directory, and its
// tracking ends before the load returns, with no temporary file left.
func TestIndexTrackTemp(t *testing.T) {
	nodes, edges := testDataset(t)
	cache := t.TempDir()
	tracked := map[string]bool{}
	var seen []string
	opt := FileOptions{CacheDir: cache, Now: indexNow, stampAge: time.Nanosecond,
		TrackTemp: func(name string) func() {
			if _, err := os.Lstat(name); err != nil {
				t.Errorf("tracked %s, which does not exist: %v", name, err)
			}
			if filepath.Dir(name) != cache {
				t.Errorf("temporary file %s outside the cache dir %s", name, cache)
			}
			tracked[name] = true
			seen = append(seen, name)
			return func() { delete(tracked, name) }
		}}
	for range 2 { // the first load writes the index, the second its stamp
		if _, err := LoadFilesWith(nodes, edges, opt); err != nil {
			t.Fatal(err)
		}
		if len(tracked) != 0 {
			t.Fatalf("still tracked after the load returned: %v", tracked)
		}
	}
	if len(seen) != 2 {
		t.Fatalf("tracked %v, want the index's and the stamp's temporary files", seen)
	}
	left, _ := filepath.Glob(filepath.Join(cache, ".idx-*.tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

package fonts

import (
	"testing"

	"golang.org/x/image/font/sfnt"
)

// TestSans checks that the embedded files are the fonts the package says, with
// their licence in the name table.
func TestSans(t *testing.T) {
	for _, tc := range []struct {
		bold bool
		full string
	}{{false, "Liberation Sans"}, {true, "Liberation Sans Bold"}} {
		f, err := sfnt.Parse(Sans(tc.bold))
		if err != nil {
			t.Fatalf("bold=%v: %v", tc.bold, err)
		}
		var b sfnt.Buffer
		for id, want := range map[sfnt.NameID]string{
			sfnt.NameIDFamily:  Name,
			sfnt.NameIDFull:    tc.full,
			sfnt.NameIDVersion: "Version 2.1.5",
			sfnt.NameIDLicense: "Licensed under the SIL Open Font License, Version 1.1",
		} {
			if got, err := f.Name(&b, id); err != nil || got != want {
				t.Errorf("bold=%v: name %d is %q (%v), want %q", tc.bold, id, got, err, want)
			}
		}
	}
	a := Sans(false)
	a[0] ^= 0xff
	if Sans(false)[0] == a[0] {
		t.Error("Sans returns shared data: a change to one copy shows in the next")
	}
}

// Package fonts provides the fonts lineage's charts are drawn with: it embeds
// the typeface they are laid out and drawn in, Liberation Sans 2.1.5, regular
// and bold, the TrueType files of Debian's fonts-liberation2 package (2.1.5-1),
// unmodified, and makes the faces the chart engine draws PNG text with (Set,
// Face), which fall back, character by character, to installed fonts for the
// scripts Liberation Sans lacks.
//
// Why: a chart must come out the same on every machine. The label widths the
// layout is made with (package textwidth, generated from these files) and the
// glyphs the PNG is drawn with (cmd/lineage-render) come from the same font, so
// text fits its box whatever fonts a machine has, or lacks. Liberation Sans is
// metric-compatible with Arial and Helvetica, the fonts the SVG names, so a
// browser showing the SVG with one of those lays text out to the same widths. It
// covers Latin (Latin-1 and Latin Extended), Greek and Cyrillic; other scripts
// come from the fonts installed on the machine.
//
// Licence: the SIL Open Font License 1.1, whose text, with the copyright
// notices, is in OFL.txt beside the fonts (Copyright (c) 2012 Red Hat, Inc.,
// with Reserved Font Name Liberation; digitized data copyright (c) 2010 Google
// Corporation). The licence allows bundling and embedding with software; a
// modified font (a subset, say) may not keep the name Liberation, so the files
// are kept whole.
//
// Only the chart engine links this package (about 0.8 MB of font data); the
// lineage command itself carries only the width table made from it.
package fonts

import _ "embed" // for the font files

var (
	//go:embed LiberationSans-Regular.ttf
	regular string
	//go:embed LiberationSans-Bold.ttf
	bold string
)

// Name is the family name of the embedded fonts.
const Name = "Liberation Sans"

// Sans returns the TrueType data of Liberation Sans, bold or regular. Each call
// returns a copy of its own, which the caller may keep or change.
func Sans(isBold bool) []byte {
	if isBold {
		return []byte(bold)
	}
	return []byte(regular)
}

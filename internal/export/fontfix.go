package export

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// flattenComposites works around a subsetting bug of gopdf v0.33.0 that erases Vietnamese
// tone marks.
//
// DejaVu builds most Vietnamese letters as composite glyphs whose parts are themselves
// composite: "ệ" is "e" + "dot below" + "circumflex", where "dot below" is a composite
// around the real outline, and "ố" uses an unencoded circumflex-acute composite. gopdf
// copies into the PDF's font subset the glyphs of the characters used and their direct
// parts, but not the parts of those parts (PdfDictionaryObj.completeGlyphClosure only walks
// the first level), so "Tuyệt đối" printed as "Tuyêt đoi" while copying the text still gave
// the right letters.
//
// flattenComposites rewrites the font in memory so that every composite glyph refers only to
// simple glyphs, with the offsets of the intermediate levels added up. Outlines and metrics
// are unchanged; the files in fonts/ stay as DejaVu ships them. A composite that cannot be
// flattened exactly (a transformed part that is itself composite, or parts positioned by
// point matching) is left as it is.
func flattenComposites(font []byte) ([]byte, error) {
	f, err := parseSFNT(font)
	if err != nil {
		return nil, err
	}
	head, maxp, loca, glyf := f.tables["head"], f.tables["maxp"], f.tables["loca"], f.tables["glyf"]
	if head == nil || maxp == nil || loca == nil || glyf == nil || len(head) < 54 || len(maxp) < 6 {
		return nil, errors.New("font: not a TrueType font with glyf outlines")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	offsets := make([]int, numGlyphs+1)
	for i := range offsets {
		switch {
		case long && 4*i+4 <= len(loca):
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		case !long && 2*i+2 <= len(loca):
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return nil, errors.New("font: loca table too short")
		}
		if offsets[i] > len(glyf) || (i > 0 && offsets[i] < offsets[i-1]) {
			return nil, errors.New("font: bad loca table")
		}
	}
	g := &glyphs{glyf: glyf, offsets: offsets, flat: make(map[int][]component)}

	// New glyf and loca (long format), glyph by glyph.
	var newGlyf []byte
	newLoca := make([]byte, 4*(numGlyphs+1))
	maxElems := 0
	for i := range numGlyphs {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		data := g.data(i)
		if comps, ok := g.flatten(i, 0); ok && g.hasCompositePart(i) {
			maxElems = max(maxElems, len(comps))
			data = encodeComposite(data[2:10], comps)
		}
		newGlyf = append(newGlyf, data...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*numGlyphs:], uint32(len(newGlyf)))

	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint16(newHead[50:], 1) // indexToLocFormat: long
	binary.BigEndian.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below
	newMaxp := append([]byte(nil), maxp...)
	if binary.BigEndian.Uint32(maxp) == 0x00010000 && len(maxp) >= 32 {
		if maxElems > int(binary.BigEndian.Uint16(maxp[28:])) {
			binary.BigEndian.PutUint16(newMaxp[28:], uint16(maxElems)) // maxComponentElements
		}
	}
	f.tables["glyf"], f.tables["loca"], f.tables["head"], f.tables["maxp"] = newGlyf, newLoca, newHead, newMaxp
	out := f.bytes()
	binary.BigEndian.PutUint32(out[f.offsetOf("head")+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// Composite glyph flags (TrueType 'glyf' table).
const (
	argsAreWords   = 0x0001
	argsAreXY      = 0x0002
	roundXYToGrid  = 0x0004
	haveScale      = 0x0008
	moreComps      = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
	haveInstrs     = 0x0100
	scaledOffset   = 0x0800
	unscaledOffset = 0x1000
	transformFlags = haveScale | haveXYScale | haveTwoByTwo
)

// component is one part of a composite glyph.
type component struct {
	glyph  int
	dx, dy int
	flags  uint16 // transform and offset-scaling flags only
	xform  []byte // the scale or 2x2 matrix, as stored
}

// glyphs reads and flattens the glyphs of one font.
type glyphs struct {
	glyf    []byte
	offsets []int
	flat    map[int][]component // memo of flatten, nil for glyphs that cannot be flattened
}

// data returns the stored bytes of glyph i.
func (g *glyphs) data(i int) []byte { return g.glyf[g.offsets[i]:g.offsets[i+1]] }

// isComposite reports whether glyph i is a composite glyph.
func (g *glyphs) isComposite(i int) bool {
	d := g.data(i)
	return len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0
}

// parts decodes the components of composite glyph i; ok is false if it is malformed or
// positions a part by point matching.
func (g *glyphs) parts(i int) (comps []component, ok bool) {
	d := g.data(i)
	o := 10
	for {
		if o+4 > len(d) {
			return nil, false
		}
		flags := binary.BigEndian.Uint16(d[o:])
		c := component{glyph: int(binary.BigEndian.Uint16(d[o+2:])), flags: flags & (transformFlags | roundXYToGrid | scaledOffset | unscaledOffset)}
		o += 4
		if flags&argsAreXY == 0 || c.glyph >= len(g.offsets)-1 {
			return nil, false
		}
		if flags&argsAreWords != 0 {
			if o+4 > len(d) {
				return nil, false
			}
			c.dx, c.dy = int(int16(binary.BigEndian.Uint16(d[o:]))), int(int16(binary.BigEndian.Uint16(d[o+2:])))
			o += 4
		} else {
			if o+2 > len(d) {
				return nil, false
			}
			c.dx, c.dy = int(int8(d[o])), int(int8(d[o+1]))
			o += 2
		}
		n := 0
		switch {
		case flags&haveScale != 0:
			n = 2
		case flags&haveXYScale != 0:
			n = 4
		case flags&haveTwoByTwo != 0:
			n = 8
		}
		if o+n > len(d) {
			return nil, false
		}
		c.xform = d[o : o+n]
		o += n
		comps = append(comps, c)
		if flags&moreComps == 0 {
			return comps, true
		}
	}
}

// hasCompositePart reports whether composite glyph i has a part that is composite too.
func (g *glyphs) hasCompositePart(i int) bool {
	if !g.isComposite(i) {
		return false
	}
	comps, _ := g.parts(i)
	for _, c := range comps {
		if g.isComposite(c.glyph) {
			return true
		}
	}
	return false
}

// flatten returns the simple glyphs composite glyph i is made of, offsets added up; ok is
// false for a simple glyph or one that cannot be flattened exactly.
func (g *glyphs) flatten(i, depth int) ([]component, bool) {
	if comps, seen := g.flat[i]; seen {
		return comps, comps != nil
	}
	if !g.isComposite(i) || depth > 8 { // depth guards against malformed cyclic fonts
		return nil, false
	}
	g.flat[i] = nil // also breaks cycles
	comps, ok := g.parts(i)
	if !ok {
		return nil, false
	}
	var out []component
	for _, c := range comps {
		if !g.isComposite(c.glyph) {
			out = append(out, c)
			continue
		}
		sub, ok := g.flatten(c.glyph, depth+1)
		if !ok || len(c.xform) > 0 {
			return nil, false
		}
		for _, s := range sub {
			if len(s.xform) > 0 && s.flags&scaledOffset != 0 {
				return nil, false // the outer offset would be scaled too
			}
			s.dx += c.dx
			s.dy += c.dy
			if s.dx < math.MinInt16 || s.dx > math.MaxInt16 || s.dy < math.MinInt16 || s.dy > math.MaxInt16 {
				return nil, false
			}
			out = append(out, s)
		}
	}
	g.flat[i] = out
	return out, true
}

// encodeComposite writes a composite glyph with bounding box bbox (8 bytes) and the given
// parts, without instructions.
func encodeComposite(bbox []byte, comps []component) []byte {
	out := []byte{0xFF, 0xFF} // numberOfContours = -1
	out = append(out, bbox...)
	for k, c := range comps {
		flags := c.flags | argsAreWords | argsAreXY
		if k < len(comps)-1 {
			flags |= moreComps
		}
		out = binary.BigEndian.AppendUint16(out, flags)
		out = binary.BigEndian.AppendUint16(out, uint16(c.glyph))
		out = binary.BigEndian.AppendUint16(out, uint16(int16(c.dx)))
		out = binary.BigEndian.AppendUint16(out, uint16(int16(c.dy)))
		out = append(out, c.xform...)
	}
	return out
}

// sfnt is a TrueType font split into its tables.
type sfnt struct {
	header []byte   // the 12-byte offset table
	tags   []string // in directory order
	tables map[string][]byte
}

// parseSFNT splits a TrueType font into its tables.
func parseSFNT(font []byte) (*sfnt, error) {
	if len(font) < 12 {
		return nil, errors.New("font: too short")
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*n {
		return nil, errors.New("font: truncated table directory")
	}
	f := &sfnt{header: font[:12], tables: make(map[string][]byte, n)}
	for i := range n {
		rec := font[12+16*i:]
		tag := string(rec[:4])
		off, ln := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(font) {
			return nil, fmt.Errorf("font: table %q out of bounds", tag)
		}
		f.tags = append(f.tags, tag)
		f.tables[tag] = font[off : off+ln]
	}
	return f, nil
}

// offsetOf returns where table tag starts in the output of bytes.
func (f *sfnt) offsetOf(tag string) int {
	off := 12 + 16*len(f.tags)
	for _, t := range f.tags {
		if t == tag {
			return off
		}
		off += pad4(len(f.tables[t]))
	}
	return -1
}

// bytes assembles the font, each table 4-byte aligned, with fresh table checksums.
func (f *sfnt) bytes() []byte {
	out := append([]byte(nil), f.header...)
	dir := make([]byte, 16*len(f.tags))
	out = append(out, dir...)
	for i, t := range f.tags {
		data := f.tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		out = append(out, make([]byte, pad4(len(data))-len(data))...)
	}
	return out
}

// pad4 rounds n up to a multiple of 4.
func pad4(n int) int { return (n + 3) &^ 3 }

// checksum is the TrueType table checksum: the sum of the big-endian uint32 words, the last
// one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

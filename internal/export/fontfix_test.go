package export

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters is every Vietnamese vowel with every tone, both cases, and đ/Đ.
func vietnameseLetters() string {
	var b []byte
	for _, base := range []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"} {
		for _, tone := range []string{"", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"} {
			b = append(b, norm.NFC.String(base+tone)...)
		}
	}
	return string(b) + "đĐ"
}

// TestFlattenComposites checks that after flattening, no glyph of the embedded fonts is built
// from a composite part, which is what gopdf's subsetting needs to keep every tone mark.
func TestFlattenComposites(t *testing.T) {
	for _, file := range []string{fileRegular, fileBold} {
		orig, err := fontFS.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		g0 := glyphsOf(t, orig)
		nested := 0
		for i := range len(g0.offsets) - 1 {
			if g0.hasCompositePart(i) {
				nested++
			}
		}
		if nested == 0 {
			t.Fatalf("%s: no nested composites to begin with; is the test still meaningful?", file)
		}
		flat, err := flattenComposites(orig)
		if err != nil {
			t.Fatal(err)
		}
		g := glyphsOf(t, flat)
		left := 0
		for i := range len(g.offsets) - 1 {
			if g.hasCompositePart(i) {
				left++
			}
		}
		t.Logf("%s: %d nested composite glyphs, %d left after flattening", file, nested, left)
		if left != 0 {
			t.Errorf("%s: %d glyphs still have composite parts", file, left)
		}
		// Simple glyphs are copied byte for byte.
		for i := range len(g.offsets) - 1 {
			if !g0.isComposite(i) && !bytes.Equal(trimPad(g0.data(i)), trimPad(g.data(i))) {
				t.Fatalf("%s: simple glyph %d changed", file, i)
			}
		}
		if checksum(flat) != 0xB1B0AFBA {
			t.Errorf("%s: whole-font checksum %#x, want 0xB1B0AFBA", file, checksum(flat))
		}
	}
}

// TestPosterFontSubsetComplete renders every Vietnamese letter and checks, in the font
// subsets embedded in the PDF, that every part of every composite glyph was embedded.
// Without flattenComposites, the dot below of "ệ" and the stacked marks of "ố" are missing
// although text extraction still shows the right letters.
func TestPosterFontSubsetComplete(t *testing.T) {
	p := sctPoster()
	p.UnitName = vietnameseLetters()
	p.Title = vietnameseLetters()
	p.Items = []string{vietnameseLetters()}
	var buf bytes.Buffer
	if err := RenderPoster(&buf, p, Frame{60, 90}); err != nil {
		t.Fatal(err)
	}
	fonts := embeddedFonts(t, buf.Bytes())
	if len(fonts) != 2 {
		t.Fatalf("found %d embedded fonts, want 2 (regular and bold)", len(fonts))
	}
	for n, font := range fonts {
		g := glyphsOf(t, font)
		used := 0
		for i := range len(g.offsets) - 1 {
			if !g.isComposite(i) {
				continue
			}
			used++
			comps, ok := g.parts(i)
			if !ok {
				t.Fatalf("font %d: glyph %d: cannot read its parts", n, i)
			}
			for _, c := range comps {
				if len(g.data(c.glyph)) == 0 {
					t.Errorf("font %d: glyph %d uses glyph %d, which is not in the subset", n, i, c.glyph)
				}
			}
		}
		if used < 50 {
			t.Errorf("font %d: only %d composite glyphs embedded; want the Vietnamese letters", n, used)
		}
	}
}

// glyphsOf reads the glyf and loca tables of a TrueType font.
func glyphsOf(t *testing.T, font []byte) *glyphs {
	t.Helper()
	f, err := parseSFNT(font)
	if err != nil {
		t.Fatal(err)
	}
	head, loca, glyf := f.tables["head"], f.tables["loca"], f.tables["glyf"]
	long := head[51] == 1
	var offsets []int
	if long {
		for i := 0; i+4 <= len(loca); i += 4 {
			offsets = append(offsets, int(uint32(loca[i])<<24|uint32(loca[i+1])<<16|uint32(loca[i+2])<<8|uint32(loca[i+3])))
		}
	} else {
		for i := 0; i+2 <= len(loca); i += 2 {
			offsets = append(offsets, 2*int(uint16(loca[i])<<8|uint16(loca[i+1])))
		}
	}
	return &glyphs{glyf: glyf, offsets: offsets, flat: map[int][]component{}}
}

// trimPad drops the zero padding after a glyph's data.
func trimPad(b []byte) []byte { return bytes.TrimRight(b, "\x00") }

// fontStream matches the dictionary of an embedded TrueType font stream as gopdf writes it.
var fontStream = regexp.MustCompile(`<</Length (\d+)\s*/Filter /FlateDecode\s*/Length1 (\d+)\s*>>\s*stream\r?\n`)

// embeddedFonts returns the decompressed FontFile2 streams of a PDF written by gopdf.
func embeddedFonts(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, m := range fontStream.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		want, _ := strconv.Atoi(string(pdf[m[4]:m[5]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		font, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if len(font) != want {
			t.Fatalf("font stream: %d bytes, /Length1 says %d", len(font), want)
		}
		out = append(out, font)
	}
	return out
}

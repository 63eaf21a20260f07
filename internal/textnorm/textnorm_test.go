package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestClean(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"  Chi bộ Văn phòng \n", "Chi bộ Văn phòng"},
		{"Chi bo\u0302\u0323", "Chi bộ"},             // NFD → NFC
		{"a\x00b\x07c", "abc"},                       // control characters dropped
		{"line one\nline two", "line one\nline two"}, // line breaks kept inside
		{"\u200b\u200b", ""},                         // only invisible characters: empty
		{"\u200bTên\ufeff", "Tên"},                   // invisible at the ends trimmed
		{"bad \xff\xfe utf8", "bad  utf8"},           // invalid UTF-8 dropped
		{"\u0085Đảng\u009f", "Đảng"},                 // C1 controls dropped
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsIdentifier(t *testing.T) {
	t.Parallel()
	cases := []struct {
		s    string
		want bool
	}{
		{"CB-VP", true}, {"cb.vp_2", true}, {"-CB", false}, {"CB VP", false}, {"", false},
		{"Đ-1", false}, {strings.Repeat("a", 51), false}, {"a", true},
	}
	for _, c := range cases {
		if got := IsIdentifier(c.s, "._-", 1, 50); got != c.want {
			t.Errorf("IsIdentifier(%q) = %v", c.s, got)
		}
	}
}

// TestCleanRunesAreNFC: every rune clean lets through as it is, alone and followed by any
// other of them, is in NFC — the normalizer would change nothing — so a string of them is.
func TestCleanRunesAreNFC(t *testing.T) {
	t.Parallel()
	var runes []rune
	for r := rune(0); r <= 0x1eff; r++ {
		if nfcStarter(r) && utf8.ValidRune(r) {
			runes = append(runes, r)
		}
	}
	for _, a := range runes {
		if p := norm.NFC.PropertiesString(string(a)); p.CCC() != 0 || !norm.NFC.IsNormalString(string(a)) {
			t.Fatalf("%U is not an NFC starter", a)
		}
		for _, b := range runes {
			if s := string(a) + string(b); !norm.NFC.IsNormalString(s) {
				t.Fatalf("%U %U is not in NFC", a, b)
			}
		}
	}
}

// TestCleanFastWayAgrees: clean's answer agrees with Clean's full way (normalize) on the cases above and
// on text that must take the full way.
func TestCleanFastWayAgrees(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "Chi bộ Văn phòng", "Học tập và làm theo tư tưởng, đạo đức!\nDòng hai\tcột",
		" lead", "trail ", "\u200bx", "x\ufeff", "a\x00b", "a\x7fb", "\u0085x", "bad \xff", "Chi bo\u0302\u0323",
		"“ngoặc”", "a – b", "Ω", "\u2126", "x\u0301", "ế", "e\u0302\u0301", "\u00a0x", "x\u00a0"} {
		full := normalize(s)
		if clean(s) && full != s {
			t.Errorf("clean(%q) but Clean's full way gives %q", s, full)
		}
		if got := Clean(s); got != full {
			t.Errorf("Clean(%q) = %q, the full way %q", s, got, full)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	s := strings.Repeat("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ở cơ sở. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Clean(s)
	}
}

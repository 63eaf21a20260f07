package textnorm

import (
	"strings"
	"testing"
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

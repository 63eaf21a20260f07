// Package textnorm normalizes text before it is stored: Unicode NFC (Vietnamese typed on
// different keyboards arrives as NFC or NFD), valid UTF-8 only, no control characters but line
// breaks and tabs, and no surrounding white space or invisible characters.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s as valid UTF-8 in NFC, without control characters (except tab and line
// breaks) and trimmed of white space and zero-width characters at both ends.
func Clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.TrimFunc(s, invisible))
}

// invisible reports white space and the zero-width characters that make a name look empty.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// CleanPtr cleans *s in place when s is not nil.
func CleanPtr(s *string) {
	if s != nil {
		*s = Clean(*s)
	}
}

// IsIdentifier reports whether s is minLen–maxLen ASCII letters, digits or bytes of extra,
// starting with a letter or digit: the shape of unit codes, usernames and request ids.
func IsIdentifier(s, extra string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || !strings.ContainsRune(extra, rune(c))) {
			return false
		}
	}
	return true
}

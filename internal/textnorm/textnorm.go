// Package textnorm normalizes text before it is stored: Unicode NFC (Vietnamese typed on
// different keyboards arrives as NFC or NFD), valid UTF-8 only, no control characters but line
// breaks and tabs, and no surrounding white space or invisible characters.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s as valid UTF-8 in NFC, without control characters (except tab and line
// breaks) and trimmed of white space and zero-width characters at both ends.
func Clean(s string) string {
	if clean(s) {
		return s
	}
	return normalize(s)
}

// normalize is Clean's full way, for text that may need a change.
func normalize(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.TrimFunc(s, invisible))
}

// clean reports whether Clean would return s as it is, in one pass that decodes each rune
// once: valid UTF-8, no control character but tab and line breaks, nothing to trim at the
// ends, and only runes below U+0300 (Latin, its extensions, IPA, spacing modifiers) or in
// Latin Extended Additional (U+1E00–U+1EFF, the precomposed Vietnamese letters). Those runes
// are all NFC starters that compose with none of one another (TestCleanRunesAreNFC checks
// every pair), so such a string is in NFC without the normalizer's tables: checking it was a
// third of an import's CPU (#16's profile), for text that is nearly always NFC already.
// Anything else (a combining mark, punctuation beyond Latin-1) takes Clean's full way.
func clean(s string) bool {
	if s == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if invisible(first) || invisible(last) {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if !nfcStarter(r) || unicode.IsControl(r) {
			return false
		}
		i += n
	}
	return true
}

// nfcStarter reports whether r is in the ranges clean takes as NFC as they are.
func nfcStarter(r rune) bool { return r < 0x300 || r >= 0x1e00 && r <= 0x1eff }

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

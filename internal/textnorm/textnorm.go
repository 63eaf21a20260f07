// Package textnorm normalizes text before it is stored: Unicode NFC (Vietnamese typed on
// different keyboards arrives as NFC or NFD) and no surrounding white space.
package textnorm

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s trimmed and in NFC.
func Clean(s string) string {
	return norm.NFC.String(strings.TrimSpace(s))
}

// CleanPtr cleans *s in place when s is not nil.
func CleanPtr(s *string) {
	if s != nil {
		*s = Clean(*s)
	}
}

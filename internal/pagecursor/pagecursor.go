// Package pagecursor encodes the opaque cursors of lists that domain services page in memory
// (coverage reports, in tree order): the cursor is the last row's position, unreadable to
// clients so they never build one.
package pagecursor

import (
	"encoding/base64"
	"strings"

	"lamtheobac/internal/apperr"
)

// marker starts every position we encode, so a made-up cursor is refused rather than read.
const marker = "pc1:"

// Encode returns the cursor for position.
func Encode(position string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(marker + position))
}

// Decode returns the position of a cursor; "" for no cursor; a 400 for a cursor never given out.
func Decode(cursor string) (string, error) {
	if cursor == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	position, ok := strings.CutPrefix(string(b), marker)
	if err != nil || !ok {
		return "", &apperr.Error{Kind: apperr.Invalid, Code: "bad_cursor", Message: "The cursor is not one this server gave out.",
			Fields: []apperr.FieldError{{Field: "/cursor", Message: "unknown cursor"}}}
	}
	return position, nil
}

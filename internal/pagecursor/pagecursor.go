// Package pagecursor holds the cursors of every paged list. Domain services and the store
// encode a position (the last row's key) with their own codecs — Encode and Decode here for
// lists paged in memory in tree order — and the HTTP layer seals each position for the list it
// came from (Sealer): a client can neither build a cursor, nor alter one, nor carry one to
// another list or to the same list under other filters.
package pagecursor

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"

	"lamtheobac/internal/apperr"
)

// ErrInvalid is the answer to a cursor this server did not give out for this list: 400
// invalid_cursor, naming the cursor parameter.
var ErrInvalid = &apperr.Error{Kind: apperr.Invalid, Code: "invalid_cursor", Message: "The cursor is not one this server gave out for this list.",
	Fields: []apperr.FieldError{{Field: "/cursor", Message: "unknown cursor"}}}

// marker starts every position we encode, so a made-up cursor is refused rather than read.
const marker = "pc1:"

// Encode returns the position of a list paged in memory (a unit path, say) as a cursor position.
func Encode(position string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(marker + position))
}

// Decode returns the position Encode encoded; "" for no cursor; ErrInvalid for anything else.
func Decode(cursor string) (string, error) {
	if cursor == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(cursor)
	position, ok := strings.CutPrefix(string(b), marker)
	if err != nil || !ok {
		return "", ErrInvalid
	}
	return position, nil
}

// macSize is how much of the HMAC-SHA256 a cursor carries: 128 bits, beyond guessing.
const macSize = 16

// Sealer signs cursor positions with a key every replica shares, bound to the list they page.
type Sealer struct{ key []byte }

// NewSealer returns a Sealer keyed with key (at least 32 bytes of secret).
func NewSealer(key []byte) *Sealer { return &Sealer{key: key} }

// Seal returns the cursor a client gets for position in list (list names the route, its path
// parameters and its filters: httpapi's listOf). No position ("") is no cursor.
func (s *Sealer) Seal(list, position string) string {
	if position == "" {
		return ""
	}
	return position + "." + base64.RawURLEncoding.EncodeToString(s.mac(list, position))
}

// Open returns the position cursor seals for list; "" for no cursor; ErrInvalid for a cursor
// that is malformed, altered, or sealed for another list.
func (s *Sealer) Open(list, cursor string) (string, error) {
	if cursor == "" {
		return "", nil
	}
	i := strings.LastIndexByte(cursor, '.')
	if i <= 0 {
		return "", ErrInvalid
	}
	position := cursor[:i]
	// Strict: one spelling per MAC, so a cursor cannot be varied without the key.
	mac, err := base64.RawURLEncoding.Strict().DecodeString(cursor[i+1:])
	if err != nil || !hmac.Equal(mac, s.mac(list, position)) {
		return "", ErrInvalid
	}
	return position, nil
}

func (s *Sealer) mac(list, position string) []byte {
	h := hmac.New(sha256.New, s.key)
	// Each part after its length, so no (list, position) pair is spelled like another.
	msg := []byte("lamtheobac cursor v1")
	for _, part := range []string{list, position} {
		msg = binary.AppendUvarint(msg, uint64(len(part)))
		msg = append(msg, part...)
	}
	h.Write(msg)
	return h.Sum(nil)[:macSize]
}

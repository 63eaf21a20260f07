package store

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/pagecursor"
)

// Cursors are opaque to clients: base64url of a small JSON keyset position.

// idCursor is a position in a list ordered by id.
type idCursor struct {
	ID uuid.UUID `json:"id"`
}

// nameCursor is a position in a list ordered by (name in Vietnamese collation, id).
type nameCursor struct {
	Name string    `json:"n"`
	ID   uuid.UUID `json:"id"`
}

func encodeCursor(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

// errBadCursor answers a position that does not decode. The HTTP layer seals positions, so only
// a caller bypassing it (or a bug) gets here; the answer is the same 400 either way.
var errBadCursor = pagecursor.ErrInvalid

// decodeCursor reads a position into v, refusing anything but one JSON object in canonical
// base64url. (Fields v lacks are ignored: the model list reads the id of a search's position.)
func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return errBadCursor
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if len(b) == 0 || b[0] != '{' || dec.Decode(v) != nil || dec.More() {
		return errBadCursor
	}
	return nil
}

// likePrefix turns a path into a LIKE pattern matching it and everything below it. Paths hold
// only hex digits, dashes and slashes, but escape anyway so the pattern can never widen.
func likePrefix(path string) string {
	return escapeLike(path) + "%"
}

// escapeLike escapes LIKE wildcards in user search text.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// afterID applies an id cursor to a list ordered by col (descending, newest first, when desc).
func afterID(q *gorm.DB, col, cursor string, desc bool) (*gorm.DB, error) {
	if cursor == "" {
		return q, nil
	}
	var c idCursor
	if err := decodeCursor(cursor, &c); err != nil {
		return nil, err
	}
	if desc {
		return q.Where(col+" < ?", c.ID), nil
	}
	return q.Where(col+" > ?", c.ID), nil
}

// pageByID keeps limit rows of the limit+1 fetched and, when there were more, returns the cursor
// after the last one kept.
func pageByID[R any](rows []R, limit int, id func(R) uuid.UUID) ([]R, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, encodeCursor(idCursor{ID: id(rows[len(rows)-1])})
}

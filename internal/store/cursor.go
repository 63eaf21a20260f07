package store

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"lamtheobac/internal/apperr"
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

var errBadCursor = &apperr.Error{Kind: apperr.Invalid, Code: "bad_cursor", Message: "The cursor is not one this server gave out.",
	Fields: []apperr.FieldError{{Field: "/cursor", Message: "unknown cursor"}}}

func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, v) != nil {
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

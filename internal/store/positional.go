package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lamtheobac/internal/apperr"
)

// Reads of one record by id, and the lists behind them, scan their columns by position into
// the row's fields instead of letting GORM match names through reflection: that matching was
// the largest single cost of a read after the database itself (issue #16's profiles). Each row
// type names its columns (a ...Columns list, in the fields' order) and its destinations (a
// ...Fields function); a test per row type checks that the two cover the row, so that a
// column added to one and not the other fails there and not as an empty field written back.

// columnList joins column expressions into a SELECT list.
func columnList(cols ...string) string { return strings.Join(cols, ", ") }

// scanRows runs q and scans each row by position through fields.
func scanRows[R any](q *gorm.DB, fields func(*R) []any) ([]R, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []R
	for rows.Next() {
		var r R
		if err := rows.Scan(fields(&r)...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// takeRow reads the row of table with id from q by position, locking it when forUpdate;
// apperr.ErrNotFound when there is none.
func takeRow[R any](q *gorm.DB, table string, id uuid.UUID, forUpdate bool, fields func(*R) []any) (R, error) {
	q = q.Where(table+".id = ?", id).Limit(1)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE", Table: clause.Table{Name: table}})
	}
	var r R
	err := q.Row().Scan(fields(&r)...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, apperr.ErrNotFound
	}
	return r, translate(err)
}

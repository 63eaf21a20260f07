package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

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
// apperr.ErrNotFound when there is none. q must be the table's one read query (the same
// statement on every call but for the id): its SQL is rendered by GORM once per table and
// lock, and run after that on q's connection (the transaction's when q is in one) without
// GORM building it again — building a statement with its joins was the largest cost of a read
// by id outside the database and the driver (issue #16's profiles).
func takeRow[R any](s *Store, q *gorm.DB, table string, id uuid.UUID, forUpdate bool, fields func(*R) []any) (R, error) {
	var r R
	st, err := byIDStatement(q, table, id, forUpdate)
	if err != nil {
		return r, err
	}
	args := st.args(id)
	err = q.Statement.ConnPool.QueryRowContext(q.Statement.Context, st.sql, args...).Scan(fields(&r)...)
	s.direct.ran(st.sql, args)
	if errors.Is(err, sql.ErrNoRows) {
		return r, apperr.ErrNotFound
	}
	return r, translate(err)
}

// byIDStatements are the rendered read-by-id statements, by table and lock.
var byIDStatements sync.Map // byIDKey → renderedByID

type byIDKey struct {
	table     string
	forUpdate bool
}

// renderedByID is one rendered statement: its SQL and its arguments, the id's among them.
type renderedByID struct {
	sql  string
	vars []any
	at   int // the index of the id in vars
}

// args returns the statement's arguments with id in its place.
func (r renderedByID) args(id uuid.UUID) []any {
	out := make([]any, len(r.vars))
	copy(out, r.vars)
	out[r.at] = id
	return out
}

// byIDStatement returns the statement of table's read by id, rendering it from q (without
// running it) the first time.
func byIDStatement(q *gorm.DB, table string, id uuid.UUID, forUpdate bool) (renderedByID, error) {
	key := byIDKey{table, forUpdate}
	if r, ok := byIDStatements.Load(key); ok {
		return r.(renderedByID), nil
	}
	dry := q.Session(&gorm.Session{DryRun: true}).Where(table+".id = ?", id).Limit(1)
	if forUpdate {
		dry = dry.Clauses(clause.Locking{Strength: "UPDATE", Table: clause.Table{Name: table}})
	}
	var probe []map[string]any
	stmt := dry.Find(&probe).Statement
	r := renderedByID{sql: stmt.SQL.String(), vars: append([]any(nil), stmt.Vars...), at: -1}
	for i, v := range r.vars {
		if u, ok := v.(uuid.UUID); ok && u == id {
			if r.at >= 0 {
				return r, fmt.Errorf("render the read of %s by id: the id appears twice in %q", table, r.sql)
			}
			r.at = i
		}
	}
	if r.at < 0 || stmt.Error != nil {
		return r, fmt.Errorf("render the read of %s by id (%q): %v", table, r.sql, stmt.Error)
	}
	byIDStatements.Store(key, r)
	return r, nil
}

// queryRow runs a statement written for the driver ($n placeholders) on ctx's transaction, or
// on the pool, without a GORM session and its parsing of the SQL text for its own
// placeholders (a character at a time, a cost that grows with the statement).
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	s.direct.ran(query, args)
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.Statement.ConnPool.QueryRowContext(ctx, query, args...)
	}
	return s.gdb.Statement.ConnPool.QueryRowContext(ctx, query, args...)
}

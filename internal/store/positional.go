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

// takeRow reads the row of table with id by position, locking it when forUpdate;
// apperr.ErrNotFound when there is none. query must give the table's one read query (the same
// statement on every call but for the id): its SQL is rendered by GORM once per table and
// lock, and run after that (queryRow: on ctx's transaction, or on the pool) without GORM
// building it again — building a statement with its joins was the largest cost of a read by
// id outside the database and the driver (issue #16's profiles).
func takeRow[R any](ctx context.Context, s *Store, query func(context.Context) *gorm.DB, table string, id uuid.UUID, forUpdate bool, fields func(*R) []any) (R, error) {
	var r R
	st, err := byIDStatement(ctx, query, table, id, forUpdate)
	if err != nil {
		return r, err
	}
	err = s.queryRow(ctx, st.sql, st.args(id)...).Scan(fields(&r)...)
	if errors.Is(err, sql.ErrNoRows) { // pgx.ErrNoRows is sql.ErrNoRows too
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

// byIDStatement returns the statement of table's read by id, rendering it from query's
// (without running it) the first time.
func byIDStatement(ctx context.Context, query func(context.Context) *gorm.DB, table string, id uuid.UUID, forUpdate bool) (renderedByID, error) {
	key := byIDKey{table, forUpdate}
	if r, ok := byIDStatements.Load(key); ok {
		return r.(renderedByID), nil
	}
	dry := query(ctx).Session(&gorm.Session{DryRun: true}).Where(table+".id = ?", id).Limit(1)
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

// rowScanner is one row of a statement: database/sql's in a transaction, pgx's on the pool.
type rowScanner interface{ Scan(dest ...any) error }

// queryRow runs a statement written for the driver ($n placeholders) on ctx's transaction, or
// on the pool through pgx directly: no GORM session and its parsing of the SQL text for its own
// placeholders (a character at a time), and no database/sql round of conversions, locks and
// context goroutine (together a tenth of a GET's CPU, issue #16). Either way the row's
// Scan reports no row as an error that is sql.ErrNoRows.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) rowScanner {
	s.direct.ran(query, args)
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.Statement.ConnPool.QueryRowContext(ctx, query, args...)
	}
	return s.pool.QueryRow(ctx, query, pgxArgs(args)...)
}

// pgxArgs hands pgx the uuids among args as the 16 bytes it encodes directly (copyValue),
// in a copy: the tracers keep seeing uuid.UUID values they can run again through database/sql.
func pgxArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = copyValue(a)
	}
	return out
}

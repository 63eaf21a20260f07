// Package store is the only package that talks to Postgres. It maps GORM rows to domain
// types (rows never leave this package), owns transactions and translates database errors
// into apperr errors. Domain packages see it through the small interfaces they declare.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	neturl "net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"lamtheobac/internal/apperr"
	"lamtheobac/internal/platform/dbconn"
)

// Store wraps the GORM handle and the pgx pool beneath it.
type Store struct {
	gdb *gorm.DB
	// pool holds every connection of the instance: GORM's database/sql handle borrows from it
	// for each statement or transaction, and the reads by id run on it directly (issue #16:
	// database/sql's own round of conversions and locks was a tenth of a GET's CPU).
	pool   *pgxpool.Pool
	url    string        // for connections outside the pool (LISTEN)
	direct directTracers // OnStatement's functions, for statements run without GORM
}

// maxConns bounds the connections of one instance to Postgres.
const maxConns = 20

// Open connects to the database at url.
func Open(url string) (*Store, error) {
	url = withPlannerCosts(url)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// One pool, one limit: the pool's connections are the only ones (database/sql keeps none
	// idle of its own, stdlib.OpenDBFromPool). Idle ones are kept for a burst — with fewer than
	// open ones, a burst above the idle count closed a connection after each request and opened
	// another for the next (measured: 241 new Postgres sessions in 10 s at 16 concurrent
	// requests) — and closed after a while, so a quiet instance gives its sessions back. A
	// connection idle for over a second is pinged before it is handed out, so one that a
	// database restart broke is replaced rather than failing a request.
	cfg.MaxConns = maxConns
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	sqlDB.SetMaxOpenConns(maxConns)
	gdb, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // we open transactions explicitly in InTx
		TranslateError:         false,
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := registerOutage(gdb); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return &Store{gdb: gdb, pool: pool, url: url}, nil
}

// randomPageCost tells the planner that a random page read costs about what a sequential one
// does (the default, 4, models spinning disks): the working set is in memory or on SSD. With
// the default, a join that needs a hundred units out of tens of thousands hashes the whole units
// table, a choice that turns wrong as the tree grows; bench/scenario's EXPLAIN test holds every
// scenario to index access on tables over 10,000 rows.
const randomPageCost = "1.1"

// withPlannerCosts adds random_page_cost to the connection's startup parameters, unless the
// URL sets it (an operator who measured otherwise).
func withPlannerCosts(dsn string) string {
	if strings.Contains(dsn, "random_page_cost") {
		return dsn
	}
	if u, err := neturl.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("random_page_cost", randomPageCost)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " random_page_cost=" + randomPageCost
}

// Close releases the connection pool.
func (s *Store) Close() error {
	defer s.pool.Close()
	sqlDB, err := s.gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

type txKey struct{}

// InTx runs fn in a transaction; every store call made with the ctx that fn receives joins it.
// A nested InTx joins the outer transaction. A BEGIN or COMMIT that could not reach the
// database is an outage like any statement's.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	return asOutage(s.gdb.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	}))
}

// db returns the transaction in ctx, or the pool.
func (s *Store) db(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx
	}
	return s.gdb.WithContext(ctx)
}

// translate maps database errors to application errors; others pass through for a 500. A
// database that cannot be reached is 503 database_unavailable, never a 500.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	if dbconn.Unreachable(err) {
		return unavailable(err)
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return apperr.ErrNotFound
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return &apperr.Error{Kind: apperr.Conflict, Code: "duplicate", Message: "A record with the same unique value exists: " + uniqueField(pg.ConstraintName) + ".", Err: err}
		case "23503":
			return &apperr.Error{Kind: apperr.Conflict, Code: "referenced", Message: "The record is referenced by others.", Err: err}
		case "22021", "22P05": // bytes Postgres cannot store in text (NUL, invalid encoding)
			return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_text", Message: "The text contains characters that cannot be stored.", Err: err}
		case "54000", "22001": // an index row or a column value too large
			return &apperr.Error{Kind: apperr.Invalid, Code: "too_long", Message: "A value is too long.", Err: err}
		case "23514":
			return &apperr.Error{Kind: apperr.Unprocessable, Code: "constraint", Message: "The record breaks a rule: " + pg.ConstraintName + ".", Err: err}
		}
	}
	return err
}

// wrap translates err (translate) and prefixes it with the operation that failed, so a 500's
// log line names the statement ("store: get model <id>: ..."); nil stays nil. The wrap keeps
// the cause reachable by errors.As, so an apperr kind and code (not found, conflict,
// database_unavailable) and the HTTP answer they make never change.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: %s: %w", fmt.Sprintf(format, args...), translate(err))
}

// uniqueField names the field a unique index protects, for the problem detail.
func uniqueField(constraint string) string {
	switch constraint {
	case "units_code_key":
		return "code"
	case "users_username_key":
		return "username"
	case "role_assignments_key":
		return "role"
	case "clients_client_id_key":
		return "client_id"
	case "members_user_key":
		return "user_id"
	case "members_card_key":
		return "party_card_number"
	case "commitments_member_year_key":
		return "year"
	}
	return constraint
}

// SQL returns the underlying database/sql handle (for migrations and readiness checks).
func (s *Store) SQL() (*sql.DB, error) { return s.gdb.DB() }

// gormNotFound is GORM's not-found error, for lookups done with Scan (which never returns it).
func gormNotFound() error { return gorm.ErrRecordNotFound }

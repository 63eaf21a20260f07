// Package dbmigrate applies the embedded goose migrations and reports whether a database is
// current, for `migrate`, for `serve` at start-up and for /readyz.
package dbmigrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for goose
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"lamtheobac/migrations"
)

// provider runs the embedded migrations under a Postgres advisory lock, so replicas starting
// together migrate one at a time.
func provider(db *sql.DB) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker))
}

// Up applies every pending migration.
func Up(ctx context.Context, db *sql.DB) error {
	p, err := provider(db)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// Down rolls back the most recent migration.
func Down(ctx context.Context, db *sql.DB) error {
	p, err := provider(db)
	if err != nil {
		return err
	}
	_, err = p.Down(ctx)
	return err
}

// Status returns one line per migration: version, name and whether it is applied.
func Status(ctx context.Context, db *sql.DB) ([]string, error) {
	p, err := provider(db)
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	lines := make([]string, len(st))
	for i, s := range st {
		lines[i] = fmt.Sprintf("%05d %-40s %s", s.Source.Version, s.Source.Path, s.State)
	}
	return lines, nil
}

// Pending reports whether migrations remain to be applied.
func Pending(ctx context.Context, db *sql.DB) (bool, error) {
	p, err := provider(db)
	if err != nil {
		return false, err
	}
	return p.HasPending(ctx)
}

// Files returns the embedded migration file system, for hashing in tests.
func Files() fs.FS { return migrations.FS }

// Open opens a database/sql handle on url with the pgx driver.
func Open(url string) (*sql.DB, error) { return sql.Open("pgx", url) }

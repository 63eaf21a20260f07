// Package testkit gives tests a fresh, migrated Postgres database each: pgtestdb migrates a
// template database once per migration set and clones it per test, so tests run in parallel
// against real Postgres without seeing each other's data.
package testkit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/peterldowns/pgtestdb"

	"lamtheobac/internal/platform/dbmigrate"
	"lamtheobac/internal/platform/devdb"
)

// migrator adapts the embedded goose migrations to pgtestdb.
type migrator struct{}

// Hash changes whenever a migration file changes, so the template is rebuilt.
func (migrator) Hash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(dbmigrate.Files(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dbmigrate.Files(), path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

// Migrate applies the migrations to the template database.
func (migrator) Migrate(ctx context.Context, db *sql.DB, _ pgtestdb.Config) error {
	return dbmigrate.Up(ctx, db)
}

// adminURL is TEST_DATABASE_URL (set by `make test`) or whatever devdb resolves.
func adminURL(t testing.TB) string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	u, err := devdb.Resolve(context.Background(), devdb.Options{DatabaseURL: os.Getenv("DATABASE_URL")})
	if err != nil {
		t.Fatalf("no test database: %v", err)
	}
	return u
}

// DatabaseURL returns the URL of a fresh migrated database for t, dropped after a passing test.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	u, err := url.Parse(adminURL(t))
	if err != nil {
		t.Fatalf("bad test database url: %v", err)
	}
	pw, _ := u.User.Password()
	conf := pgtestdb.Config{
		DriverName: "pgx",
		User:       u.User.Username(),
		Password:   pw,
		Host:       u.Hostname(),
		Port:       u.Port(),
		Database:   strings.TrimPrefix(u.Path, "/"),
		Options:    u.RawQuery,
	}
	if conf.Port == "" {
		conf.Port = "5432"
	}
	if conf.Options == "" {
		conf.Options = "sslmode=disable"
	}
	return pgtestdb.Custom(t, conf, migrator{}).URL()
}

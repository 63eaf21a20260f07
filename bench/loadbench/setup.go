package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"lamtheobac/bench/scenario"
	"lamtheobac/internal/platform/devdb"
	"lamtheobac/internal/seed"
)

// benchDatabase is the database the benchmark loads once and reuses, unless BENCH_DATABASE
// names another.
const benchDatabase = "lamtheobac_bench"

// binaries are the programs a run starts.
type binaries struct{ service, baseline string }

// build compiles the service as `make build` does and the baseline server.
func build(ctx context.Context, dir string) (binaries, error) {
	b := binaries{service: filepath.Join(dir, "lamtheobac"), baseline: filepath.Join(dir, "baseline")}
	goBin := os.Getenv("GO")
	if goBin == "" {
		goBin = "go"
	}
	for pkg, out := range map[string]string{"./cmd/lamtheobac": b.service, "./bench/baseline": b.baseline} {
		cmd := exec.CommandContext(ctx, goBin, "build", "-trimpath", "-o", out, pkg)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return b, fmt.Errorf("build %s: %w", pkg, err)
		}
	}
	return b, nil
}

// database is the prepared benchmark database.
type database struct {
	admin, url string
	sql        *sql.DB
}

func (d *database) close() { _ = d.sql.Close() }

// prepare finds Postgres the way `make test` does (DATABASE_URL's server, a server on
// 127.0.0.1:5432, or a private cluster), creates lamtheobac_bench, migrates it and loads the
// dataset unless it is there already.
func prepare(ctx context.Context, cfg config, bins binaries) (*database, error) {
	admin := os.Getenv("TEST_DATABASE_URL")
	if admin == "" {
		var err error
		if admin, err = devdb.Resolve(ctx, devdb.Options{DatabaseURL: os.Getenv("DATABASE_URL")}); err != nil {
			return nil, err
		}
	}
	url, err := devdb.EnsureDatabase(ctx, admin, cfg.database)
	if err != nil {
		return nil, err
	}
	if err := runService(ctx, bins, url, "migrate", "up"); err != nil {
		return nil, err
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, err
	}
	d := &database{admin: admin, url: url, sql: db}
	loaded, err := d.loaded(ctx, cfg)
	if err != nil {
		d.close()
		return nil, err
	}
	if !loaded {
		logf("loading the %s dataset into %s (once; later runs reuse it)", cfg.dataset, cfg.database)
		args := []string{"seed", "demo"}
		if cfg.dataset == "synthetic" {
			args = []string{"seed", "synthetic", "--blocs", strconv.Itoa(cfg.blocs)}
		}
		if err := runService(ctx, bins, url, args...); err != nil {
			d.close()
			return nil, err
		}
	}
	// Every run starts from a vacuumed, analyzed database: a migration may have rewritten a table
	// since the last run (statistics, and the visibility map index-only scans rely on).
	if _, err := db.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

// loaded reports whether the dataset is in the database: the synthetic data's first bloc code,
// or the demo's.
func (d *database) loaded(ctx context.Context, cfg config) (bool, error) {
	code := "KHOI-CQDN"
	if cfg.dataset == "synthetic" {
		code = "B01"
	}
	var n int
	err := d.sql.QueryRowContext(ctx, "SELECT count(*) FROM units WHERE code = $1", code).Scan(&n)
	return n > 0, err
}

// discover finds the scenarios' ids.
func (d *database) discover(ctx context.Context, cfg config) (scenario.IDs, error) {
	password := seed.DemoPassword
	if cfg.dataset == "synthetic" {
		password = seed.SyntheticPassword
	}
	return scenario.Discover(ctx, d.sql, password)
}

// describe sums up the dataset for the report.
func (d *database) describe(ctx context.Context) string {
	var units, cells, models, nominations, reports int
	err := d.sql.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM units WHERE kind = 'cell'),
		(SELECT count(*) FROM models), (SELECT count(*) FROM nominations), (SELECT count(*) FROM reports)`).
		Scan(&units, &cells, &models, &nominations, &reports)
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return fmt.Sprintf("%d units (%d cells), %d models, %d nominations, %d reports", units, cells, models, nominations, reports)
}

// runService runs a one-shot service command (migrate, seed) against url.
func runService(ctx context.Context, bins binaries, url string, args ...string) error {
	cmd := exec.CommandContext(ctx, bins.service, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+url, "LOG_LEVEL=warn")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("lamtheobac %v: %w", args, err)
	}
	return nil
}

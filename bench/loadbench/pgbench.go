package main

import (
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"

	"lamtheobac/internal/platform/devdb"
)

// pgbenchDatabase is pgbench's own database: `pgbench -S` needs its tables.
const (
	pgbenchDatabase = "lamtheobac_pgbench"
	pgbenchScale    = 10 // 1,000,000 accounts: larger than the caches of a single lookup, small enough to load in seconds
)

// pgbenchResult is what pgbench -S measured.
type pgbenchResult struct {
	tps     float64
	clients int
	seconds int
}

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbenchSelectOnly runs the built-in select-only script (one primary-key lookup per
// transaction) over TCP on loopback, with as many clients as the load has workers, on a
// pgbench-initialized database of its own (the same server and settings as the service's).
func pgbenchSelectOnly(ctx context.Context, admin string, cfg config) (pgbenchResult, error) {
	r := pgbenchResult{clients: cfg.workers, seconds: max(1, int(cfg.duration.Seconds()))}
	url, err := devdb.EnsureDatabase(ctx, admin, pgbenchDatabase)
	if err != nil {
		return r, err
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return r, err
	}
	defer db.Close()
	var ready bool
	if err := db.QueryRowContext(ctx, "SELECT to_regclass('pgbench_accounts') IS NOT NULL").Scan(&ready); err != nil {
		return r, err
	}
	if !ready {
		if out, err := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", strconv.Itoa(pgbenchScale), url).CombinedOutput(); err != nil {
			return r, fmt.Errorf("pgbench -i: %w\n%s", err, out)
		}
	}
	out, err := exec.CommandContext(ctx, "pgbench", "-S", "-n", "-c", strconv.Itoa(r.clients), "-j", "2",
		"-T", strconv.Itoa(r.seconds), url).CombinedOutput()
	if err != nil {
		return r, fmt.Errorf("pgbench -S: %w\n%s", err, out)
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("pgbench -S: no tps in\n%s", out)
	}
	r.tps, err = strconv.ParseFloat(string(m[1]), 64)
	return r, err
}

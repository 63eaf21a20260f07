// Command loadbench is `make bench`'s load benchmark (issue #8): it prepares the database
// lamtheobac_bench with the synthetic dataset (once; later runs reuse it), starts the real
// service binary and the baseline server (bench/baseline) on loopback ports, drives each
// scenario of bench/scenario against both with vegeta for a fixed time, samples the service's
// RSS throughout, runs pgbench -S, prints the table and appends it to docs/benchmarks.md.
//
// Settings (environment): BENCH_DURATION per scenario and side (default 10s), BENCH_WARMUP
// (default 2s, not measured), BENCH_WORKERS closed-loop workers (default 8), BENCH_DATASET
// synthetic (default) or demo, BENCH_BLOCS (default 1), BENCH_DOCS the file to append to
// (default docs/benchmarks.md; "-" for none), BENCH_ONLY a substring of the scenarios to run
// ("import": the bulk import alone; "upload": the upload memory scenario alone),
// BENCH_DATABASE the database to prepare and use (default lamtheobac_bench; another one lets a
// branch with a new migration measure without migrating the shared one), BENCH_FIXED_RATE the
// share of the service's saturated rate at which every read scenario is driven again on both
// sides, for latencies below saturation (default 0.5; 0 for none).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config is what a run is told by the environment.
type config struct {
	duration, warmup time.Duration
	workers          int
	dataset          string
	blocs            int
	docs             string
	only             string
	importRows       int // rows of the bulk import (100,000; smaller runs show the memory is flat)
	database         string
	// fixedShare is the share of the service's saturated rate at which each read scenario is
	// driven again, open loop, on both sides, for p50/p99 below saturation (0: not).
	fixedShare float64
}

func loadConfig() (config, error) {
	c := config{duration: 10 * time.Second, warmup: 2 * time.Second, workers: 8, dataset: "synthetic", blocs: 1,
		docs: "docs/benchmarks.md", only: os.Getenv("BENCH_ONLY"),
		importRows: 100000, database: benchDatabase, fixedShare: 0.5}
	for _, d := range []struct {
		env string
		dst *time.Duration
	}{{"BENCH_DURATION", &c.duration}, {"BENCH_WARMUP", &c.warmup}} {
		if v := os.Getenv(d.env); v != "" {
			x, err := time.ParseDuration(v)
			if err != nil {
				return c, fmt.Errorf("%s: %w", d.env, err)
			}
			*d.dst = x
		}
	}
	for _, n := range []struct {
		env string
		dst *int
	}{{"BENCH_WORKERS", &c.workers}, {"BENCH_BLOCS", &c.blocs}, {"BENCH_IMPORT_ROWS", &c.importRows}} {
		if v := os.Getenv(n.env); v != "" {
			x, err := strconv.Atoi(v)
			if err != nil || x < 1 {
				return c, fmt.Errorf("%s must be a positive integer", n.env)
			}
			*n.dst = x
		}
	}
	if v := os.Getenv("BENCH_DATASET"); v != "" {
		c.dataset = v
	}
	if c.dataset != "synthetic" && c.dataset != "demo" {
		return c, fmt.Errorf("BENCH_DATASET must be synthetic or demo")
	}
	if v := os.Getenv("BENCH_DATABASE"); v != "" {
		c.database = v
	}
	if v := os.Getenv("BENCH_DOCS"); v != "" {
		c.docs = v
	}
	if v := os.Getenv("BENCH_FIXED_RATE"); v != "" {
		x, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if strings.HasSuffix(v, "%") {
			x /= 100
		}
		if err != nil || x < 0 || x >= 1 {
			return c, fmt.Errorf("BENCH_FIXED_RATE must be a share of the saturated rate below 1 (0.5 or 50%%; 0 for none)")
		}
		c.fixedShare = x
	}
	return c, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "loadbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	logf("building the service and the baseline")
	bins, err := build(ctx, work)
	if err != nil {
		return err
	}
	db, err := prepare(ctx, cfg, bins)
	if err != nil {
		return err
	}
	defer db.close()
	ids, err := db.discover(ctx, cfg)
	if err != nil {
		return err
	}
	svc, err := startService(ctx, bins, db.url, work)
	if err != nil {
		return err
	}
	defer svc.stop()
	base, err := startBaseline(ctx, bins, db.url, work)
	if err != nil {
		return err
	}
	defer base.stop()

	res := runResults{started: time.Now().UTC(), cfg: cfg, dataset: db.describe(ctx)}
	for _, sc := range scenarios(ids) {
		if cfg.only != "" && !strings.Contains(sc.Name, cfg.only) {
			continue
		}
		r, err := measure(ctx, cfg, db, sc, ids, svc, base)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.Name, err)
		}
		res.rows = append(res.rows, r)
	}
	if cfg.only == "" || cfg.only == "import" {
		if res.imports, err = runImport(ctx, cfg, db, ids, svc); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	if cfg.only == "" || cfg.only == "upload" {
		if res.uploads, err = runUploadMemory(ctx, db, ids, svc); err != nil {
			return fmt.Errorf("upload memory: %w", err)
		}
	}
	res.peakRSS = svc.peakRSS()
	logf("pgbench -S")
	if res.pgbench, err = pgbenchSelectOnly(ctx, db.admin, cfg); err != nil {
		logf("pgbench: %v", err)
		res.pgbenchErr = err.Error()
	}
	res.machine = machineInfo(ctx, db)
	out := res.markdown()
	fmt.Println(out)
	if cfg.docs != "-" {
		if err := appendDocs(cfg.docs, out); err != nil {
			return err
		}
		logf("appended to %s", cfg.docs)
	}
	return nil
}

// logf reports progress on stderr (the table goes to stdout).
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loadbench: "+format+"\n", args...)
}

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// rssLimitKB is the bound on the server's RSS: 200 MB.
const rssLimitKB = 200 * 1024

// runResults is one run, ready to print.
type runResults struct {
	started    time.Time
	cfg        config
	dataset    string
	rows       []row
	peakRSS    int64 // kB, VmHWM
	pgbench    pgbenchResult
	pgbenchErr string
	machine    string
	imports    *importResult // nil until the import scenario is measured
	uploads    *uploadResult // nil unless the upload memory scenario ran
}

// verdict checks a row against its targets and says why it misses.
func (r row) verdict() (target, result string) {
	t := r.sc.Target
	var goals, misses []string
	if t.MinRatio > 0 {
		goals = append(goals, fmt.Sprintf("≥%.0f%% of baseline", t.MinRatio*100))
		if r.ratio() < t.MinRatio {
			misses = append(misses, fmt.Sprintf("ratio %.2f", r.ratio()))
		}
	}
	if t.MaxP99 > 0 {
		goals = append(goals, fmt.Sprintf("p99 < %d ms", t.MaxP99.Milliseconds()))
		if r.ours.p99 >= float64(t.MaxP99.Milliseconds()) {
			misses = append(misses, fmt.Sprintf("p99 %.1f ms", r.ours.p99))
		}
	}
	if t.Status != 0 {
		goals = append(goals, fmt.Sprintf("all %d", t.Status))
	}
	if t.NoDB {
		goals = append(goals, "no DB")
		// The idle window counts the service's background work and a counter read, as the run's
		// does; a poll more or less either way is jitter.
		if extra := r.dbXacts - r.idleXacts; extra > 2 {
			misses = append(misses, fmt.Sprintf("%d DB transactions more than idle", extra))
		}
	}
	goals = append(goals, "RSS < 200 MB")
	if r.rssKB >= rssLimitKB {
		misses = append(misses, fmt.Sprintf("RSS %d MB", r.rssKB/1024))
	}
	if r.ours.errors > 0 {
		misses = append(misses, fmt.Sprintf("%d errors", r.ours.errors))
	}
	if len(misses) > 0 {
		return strings.Join(goals, ", "), "**MISS** (" + strings.Join(misses, "; ") + ")"
	}
	return strings.Join(goals, ", "), "PASS"
}

// fixedRows is the table of the fixed-rate runs ("" when none ran).
func (res runResults) fixedRows() string {
	var b strings.Builder
	for _, r := range res.rows {
		if r.fixedRate == 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("| scenario | rate req/s | our p50 ms | our p99 ms | errors | baseline p50 ms | baseline p99 ms |\n")
			b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
		}
		errs := fmt.Sprintf("%d", r.oursFixed.errors)
		if r.basFixed.errors > 0 {
			errs += fmt.Sprintf(" (baseline %d)", r.basFixed.errors)
		}
		base50, base99 := "—", "—"
		if r.basFixed.requests > 0 {
			base50, base99 = fmt.Sprintf("%.1f", r.basFixed.p50), fmt.Sprintf("%.1f", r.basFixed.p99)
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.1f | %.1f | %s | %s | %s |\n", r.sc.Name, r.fixedRate, r.oursFixed.p50, r.oursFixed.p99, errs,
			base50, base99)
	}
	return b.String()
}

func (r row) ratio() float64 {
	if r.bas.rps == 0 {
		return 0
	}
	return r.ours.rps / r.bas.rps
}

// markdown renders the run as a section of docs/benchmarks.md.
func (res runResults) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s — %s\n\n", res.started.Format("2006-01-02 15:04 UTC"), gitDescribe())
	fmt.Fprintf(&b, "- Machine: %s\n", res.machine)
	fmt.Fprintf(&b, "- Dataset: %s (database %s)\n", res.dataset, res.cfg.database)
	fmt.Fprintf(&b, "- Load: vegeta v12.13.0 (library) on the same machine, closed loop of %d workers at the highest rate they reach, keep-alive; %s per side after a %s warm-up\n\n",
		res.cfg.workers, res.cfg.duration, res.cfg.warmup)
	if len(res.rows) > 0 { // none when BENCH_ONLY picks the import or the uploads
		b.WriteString("| scenario | our req/s | p50 ms | p99 ms | errors | RSS MB | baseline req/s | baseline p99 ms | ratio | target | result |\n")
		b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
	}
	for _, r := range res.rows {
		target, result := r.verdict()
		base, bp99, ratio := "—", "—", "—"
		if r.bas.requests > 0 {
			base, bp99, ratio = fmt.Sprintf("%.0f", r.bas.rps), fmt.Sprintf("%.1f", r.bas.p99), fmt.Sprintf("%.2f", r.ratio())
		}
		errs := fmt.Sprintf("%d", r.ours.errors)
		if r.bas.errors > 0 {
			errs += fmt.Sprintf(" (baseline %d)", r.bas.errors)
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.1f | %.1f | %s | %d | %s | %s | %s | %s | %s |\n", r.sc.Name, r.ours.rps, r.ours.p50, r.ours.p99,
			errs, r.rssKB/1024, base, bp99, ratio, target, result)
	}
	b.WriteString("\n")
	if fixed := res.fixedRows(); fixed != "" {
		fmt.Fprintf(&b, "At a fixed rate below saturation (%.0f%% of our saturated rate, open loop, the same rate on both sides, %s per side):\n\n%s\n",
			res.cfg.fixedShare*100, res.cfg.duration, fixed)
	}
	for _, r := range res.rows {
		if r.ours.firstError != "" {
			fmt.Fprintf(&b, "- %s, first error: `%s`\n", r.sc.Name, strings.ReplaceAll(r.ours.firstError, "`", "'"))
		}
		if r.bas.firstError != "" {
			fmt.Fprintf(&b, "- %s, first baseline error: `%s`\n", r.sc.Name, strings.ReplaceAll(r.bas.firstError, "`", "'"))
		}
		if r.dbXacts >= 0 {
			fmt.Fprintf(&b, "- %s: %d database transactions during our run, %d in an idle window as long (background: import workers looking for jobs; the counter's own read in both)\n",
				r.sc.Name, r.dbXacts, r.idleXacts)
		}
	}
	b.WriteString(res.imports.markdown())
	b.WriteString(res.uploads.markdown())
	rss := "PASS"
	if res.peakRSS >= rssLimitKB {
		rss = "**MISS**"
	}
	fmt.Fprintf(&b, "- Server peak RSS (VmHWM over the whole run): %d MB — target < 200 MB: %s\n", res.peakRSS/1024, rss)
	if res.pgbenchErr != "" {
		fmt.Fprintf(&b, "- pgbench -S: failed: %s\n", res.pgbenchErr)
	} else {
		fmt.Fprintf(&b, "- pgbench -S (built-in select-only script, database %s at scale %d, %d clients, 2 threads, %d s, TCP loopback): %.0f tps\n",
			pgbenchDatabase, pgbenchScale, res.pgbench.clients, res.pgbench.seconds, res.pgbench.tps)
	}
	return b.String()
}

// docsHeader opens docs/benchmarks.md the first time.
const docsHeader = `# Benchmarks

` + "`make bench`" + ` runs the Go micro-benchmarks and then the load benchmark (` + "`bench/loadbench`" + `), which appends
one section per run below; older runs stay for comparison. How it measures, and why, is in
bench/README.md.

`

// appendDocs appends a run to path, creating it with its header.
func appendDocs(path, section string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(docsHeader), 0o644); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(section + "\n")
	return err
}

// gitDescribe names the commit measured, marked when the tree had changes.
func gitDescribe() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "commit unknown"
	}
	c := "commit " + strings.TrimSpace(string(out))
	if st, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); len(st) > 0 {
		c += " (with uncommitted changes)"
	}
	return c
}

// machineInfo describes the machine: CPU model, cores, memory, Postgres and Go versions.
func machineInfo(ctx context.Context, db *database) string {
	cpu := procField("/proc/cpuinfo", "model name")
	mem := procField("/proc/meminfo", "MemTotal")
	var pg string
	if err := db.sql.QueryRowContext(ctx, "SHOW server_version").Scan(&pg); err != nil {
		pg = "unknown"
	}
	return fmt.Sprintf("%s, %d cores, %s RAM; PostgreSQL %s on the same machine; %s %s/%s",
		cpu, runtime.NumCPU(), mem, pg, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// procField returns the first value of key in a /proc file ("" when absent).
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

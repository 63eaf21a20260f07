package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"lamtheobac/internal/platform/logbuf"
	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
)

func cmdServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "load the demo organization before serving (development only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// The service's logs (an access-log line per request) are buffered and written to stderr
	// in batches: at least every 100 ms, when 64 KiB wait, at once for a warning or an error,
	// and when serve returns (logbuf says what a crash loses).
	out := logbuf.New(os.Stderr, logbuf.DefaultInterval, logbuf.DefaultSize)
	defer out.Close()
	e, err := loadEnvLogging(ctx, out)
	if err != nil {
		return err
	}
	if *demo && e.cfg.Production() {
		return errors.New("--demo is refused in production")
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := e.app(st)
	if err != nil {
		return err
	}
	if *demo {
		if err := seed.Demo(ctx, a); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		printDemoLogins(out, e.cfg.Addr)
	}

	// Everything that listens is bound before anything runs, so a taken port fails the start.
	servers, err := listenAll(e.cfg, a.Router, a.Metrics)
	if err != nil {
		return err
	}
	for _, s := range servers {
		e.log.Info("serving", "listener", s.name, "addr", s.ln.Addr().String(), "env", e.cfg.Env)
	}
	go sweep(ctx, st, e.log)
	// Import workers stop with ctx: a job running then is rolled back and failed as
	// interrupted, to be retried.
	wctx, stopWorkers := context.WithCancel(ctx)
	workers := make(chan struct{})
	go func() { a.Imports.Run(wctx); close(workers) }()
	defer func() { stopWorkers(); <-workers }()
	// Public ETags and token epochs come from memory only while this listens; without it every
	// request reads them from the database.
	go a.Listener.Run(ctx, func(err error) { e.log.Warn("notification listener lost; reading the database", "err", err) })
	return serveAll(ctx, e.log, e.cfg.ShutdownPeriod, servers)
}

// printDemoLogins writes the demo's logins to the log's output in one write, then flushes it,
// so the block comes after the lines logged before it and no log line lands inside it.
func printDemoLogins(out *logbuf.Writer, addr string) {
	host := addr
	if len(host) > 0 && host[0] == ':' {
		host = "localhost" + host
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "\nlamtheobac is serving on http://%s  (API reference: http://%s/docs/)\n", host, host)
	fmt.Fprintf(&b, "Demo logins (password %q):\n", seed.DemoPassword)
	for _, l := range seed.DemoLogins() {
		fmt.Fprintf(&b, "  %-18s %-18s at %s\n", l.Username, l.Role, l.Unit)
	}
	fmt.Fprintf(&b, "Try: curl -s -X POST http://%s/api/v1/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"bloc.officer\",\"password\":\"%s\"}'\n\n", host, seed.DemoPassword)
	_, _ = out.Write(b.Bytes())
	_ = out.Flush()
}

// sweep deletes expired idempotency keys, throttle counters and refresh tokens every hour, so
// those tables do not grow without end. Every replica sweeps; the deletes are idempotent.
func sweep(ctx context.Context, st *store.Store, log *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		n, err := st.Sweep(ctx, time.Now().UTC())
		if err != nil && ctx.Err() == nil {
			log.Error("sweep", "err", err)
		} else if n > 0 {
			log.Info("swept expired rows", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

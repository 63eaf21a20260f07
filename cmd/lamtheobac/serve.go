package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"lamtheobac/internal/seed"
	"lamtheobac/internal/store"
)

func cmdServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "load the demo organization before serving (development only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	e, err := loadEnv(ctx)
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
		printDemoLogins(e.cfg.Addr)
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

func printDemoLogins(addr string) {
	host := addr
	if len(host) > 0 && host[0] == ':' {
		host = "localhost" + host
	}
	fmt.Fprintf(os.Stderr, "\nlamtheobac is serving on http://%s  (API reference: http://%s/docs/)\n", host, host)
	fmt.Fprintf(os.Stderr, "Demo logins (password %q):\n", seed.DemoPassword)
	for _, l := range seed.DemoLogins() {
		fmt.Fprintf(os.Stderr, "  %-18s %-18s at %s\n", l.Username, l.Role, l.Unit)
	}
	fmt.Fprintf(os.Stderr, "Try: curl -s -X POST http://%s/api/v1/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"bloc.officer\",\"password\":\"%s\"}'\n\n", host, seed.DemoPassword)
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

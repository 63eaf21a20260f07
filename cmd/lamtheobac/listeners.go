package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"sync"
	"time"

	"lamtheobac/internal/httpapi"
	"lamtheobac/internal/platform/config"
)

// server is one HTTP server of the process and the socket it serves.
type server struct {
	name string // "api", "metrics", "pprof": for logs and errors
	srv  *http.Server
	ln   net.Listener
}

// listenAll binds the API on cfg.Addr and, each on its own socket, the metrics (METRICS_ADDR)
// and pprof (PPROF_ADDR) when configured. Keeping them off the API's listener keeps the Go
// version, per-route counts and profiles away from whoever can reach the public port.
func listenAll(cfg config.Config, api, metrics http.Handler) ([]server, error) {
	specs := []struct {
		name, addr, env string
		srv             *http.Server
	}{
		{"api", cfg.Addr, "ADDR", &http.Server{Handler: api, ReadHeaderTimeout: httpapi.ReadHeaderTimeout,
			ReadTimeout: httpapi.ReadTimeout, WriteTimeout: httpapi.WriteTimeout, IdleTimeout: httpapi.IdleTimeout}},
		{"metrics", cfg.MetricsAddr, "METRICS_ADDR", &http.Server{Handler: metricsMux(metrics), ReadHeaderTimeout: httpapi.ReadHeaderTimeout,
			ReadTimeout: httpapi.ReadTimeout, WriteTimeout: httpapi.WriteTimeout, IdleTimeout: httpapi.IdleTimeout}},
		// No write timeout: a CPU profile or trace runs for as long as it was asked to.
		{"pprof", cfg.PprofAddr, "PPROF_ADDR", &http.Server{Handler: pprofMux(), ReadHeaderTimeout: httpapi.ReadHeaderTimeout,
			IdleTimeout: httpapi.IdleTimeout}},
	}
	var out []server
	for _, sp := range specs {
		if sp.addr == "" {
			continue
		}
		ln, err := net.Listen("tcp", sp.addr)
		if err != nil {
			for _, s := range out {
				_ = s.ln.Close()
			}
			return nil, fmt.Errorf("%s listener on %s (%s): %w", sp.name, sp.addr, sp.env, err)
		}
		out = append(out, server{name: sp.name, srv: sp.srv, ln: ln})
	}
	return out, nil
}

// serveAll serves every server until ctx ends or one of them fails, then shuts them all down
// gracefully (requests in flight get up to period to finish).
func serveAll(ctx context.Context, log *slog.Logger, period time.Duration, servers []server) error {
	errc := make(chan error, len(servers))
	for _, s := range servers {
		go func() {
			if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("%s server: %w", s.name, err)
				return
			}
			errc <- nil
		}()
	}
	var failed error
	select {
	case failed = <-errc: // a server stopped on its own: stop the others too
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), period)
	defer cancel()
	var wg sync.WaitGroup
	shut := make([]error, len(servers))
	for i, s := range servers {
		wg.Go(func() {
			if err := s.srv.Shutdown(sctx); err != nil {
				shut[i] = fmt.Errorf("%s shutdown: %w", s.name, err)
			}
		})
	}
	wg.Wait()
	// Collect the Serve results of those still counted (one was taken above on failure).
	pending := len(servers)
	if failed != nil {
		pending--
	}
	for range pending {
		if err := <-errc; err != nil && failed == nil {
			failed = err
		}
	}
	return errors.Join(append([]error{failed}, shut...)...)
}

// metricsMux serves the Prometheus handler at /metrics and nothing else.
func metricsMux(metrics http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	return mux
}

// pprofMux serves net/http/pprof under /debug/pprof/ on a mux of its own (the package also
// registers on http.DefaultServeMux, which this process never serves).
func pprofMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

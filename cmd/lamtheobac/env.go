package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"

	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/httpapi"
	"lamtheobac/internal/importer"
	"lamtheobac/internal/platform/config"
	"lamtheobac/internal/platform/dbconn"
	"lamtheobac/internal/platform/dbmigrate"
	"lamtheobac/internal/platform/devdb"
	"lamtheobac/internal/platform/logbuf"
	"lamtheobac/internal/store"
)

// env is what every command that touches the database needs.
type env struct {
	cfg   config.Config
	log   *slog.Logger
	dbURL string
}

// newLogger logs JSON lines at level and above to out. Through a logbuf.Writer (serve's), a
// warning or an error is flushed as soon as it is logged.
func newLogger(level string, out io.Writer) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		l = slog.LevelInfo
	}
	var h slog.Handler = slog.NewJSONHandler(out, &slog.HandlerOptions{Level: l})
	if b, ok := out.(*logbuf.Writer); ok {
		h = logbuf.Handler(h, b, slog.LevelWarn)
	}
	return slog.New(h)
}

// loadEnv reads the configuration and resolves the database: DATABASE_URL, or in development
// a server found or started by devdb, with the service's own database created on it. Logs go
// to stderr as they are written.
func loadEnv(ctx context.Context) (*env, error) { return loadEnvLogging(ctx, os.Stderr) }

// loadEnvLogging is loadEnv logging to out.
func loadEnvLogging(ctx context.Context, out io.Writer) (*env, error) {
	cfg, err := config.FromEnv()
	if err != nil {
		return nil, err
	}
	e := &env{cfg: cfg, log: newLogger(cfg.LogLevel, out), dbURL: cfg.DatabaseURL}
	slog.SetDefault(e.log)
	if e.dbURL == "" {
		admin, err := devdb.Resolve(ctx, devdb.Options{Logger: e.log, AllowInstall: true})
		if err != nil {
			return nil, err
		}
		if e.dbURL, err = devdb.EnsureDatabase(ctx, admin, cfg.DatabaseName); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// open connects to the database and migrates it up. A database not reachable yet (starting
// beside the service, restarting) is retried for DB_CONNECT_TIMEOUT, a line logged per attempt.
func (e *env) open(ctx context.Context) (*store.Store, error) {
	db, err := dbmigrate.Open(e.dbURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := dbconn.Wait(ctx, db.PingContext, dbconn.Waiting{Timeout: e.cfg.DBConnectTimeout, Log: e.log}); err != nil {
		return nil, err
	}
	if err := dbmigrate.Up(ctx, db); err != nil {
		return nil, err
	}
	return store.Open(e.dbURL)
}

// keys returns the configured signing keys; development without keys gets fresh ones (tokens
// then die with the process, which is fine for a laptop and refused in production by config).
func (e *env) keys() (*auth.Keys, error) {
	if e.cfg.JWTPrivateKey == "" {
		e.log.Warn("no JWT_PRIVATE_KEY: using a throwaway signing key (development only)")
		return auth.GenerateKeys()
	}
	extra := make([][]byte, len(e.cfg.JWTPublicKeys))
	for i, k := range e.cfg.JWTPublicKeys {
		extra[i] = []byte(k)
	}
	return auth.LoadKeys([]byte(e.cfg.JWTPrivateKey), extra...)
}

// app assembles the service.
func (e *env) app(st *store.Store) (*app.App, error) {
	keys, err := e.keys()
	if err != nil {
		return nil, err
	}
	return app.New(st, app.Options{Keys: keys, AccessTTL: e.cfg.AccessTTL, CORSOrigins: e.cfg.CORSOrigins,
		TrustProxy: e.cfg.TrustProxy, PublicBaseURL: e.cfg.PublicBaseURL, Log: e.log,
		PublicLimits: httpapi.PublicLimits{Rate: e.cfg.PublicRate, Burst: e.cfg.PublicBurst},
		Imports:      importer.Options{Workers: e.cfg.ImportWorkers, Log: e.log}})
}

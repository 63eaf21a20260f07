package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"lamtheobac/internal/platform/config"
	"lamtheobac/internal/testkit"
)

// TestOpenWaitsForTheDatabase: start-up with the database not reachable yet (the proxy in
// front of it refuses connections) keeps trying, a log line per attempt, and opens and
// migrates it once it answers.
func TestOpenWaitsForTheDatabase(t *testing.T) {
	t.Parallel()
	dbURL := testkit.DatabaseURL(t)
	proxy := testkit.NewProxy(t, dbURL, false)
	var log bytes.Buffer
	e := &env{cfg: config.Config{DBConnectTimeout: time.Minute}, log: slog.New(slog.NewTextHandler(&log, nil)), dbURL: proxy.URL(dbURL)}
	type opened struct{ err error }
	done := make(chan opened, 1)
	go func() {
		st, err := e.open(context.Background())
		if err == nil {
			st.Close()
		}
		done <- opened{err}
	}()
	for {
		n, next := proxy.Accepted()
		if n >= 2 {
			break
		}
		select {
		case <-next:
		case o := <-done:
			t.Fatalf("open returned %v while the database was unreachable", o.err)
		}
	}
	proxy.Restore()
	if o := <-done; o.err != nil {
		t.Fatalf("open: %v\n%s", o.err, log.String())
	}
	if !strings.Contains(log.String(), "database not reachable; retrying") {
		t.Fatalf("no attempt logged:\n%s", log.String())
	}
}

// TestOpenGivesUp: with DB_CONNECT_TIMEOUT=0 an unreachable database fails start-up at once,
// with the driver's message.
func TestOpenGivesUp(t *testing.T) {
	t.Parallel()
	proxy := testkit.NewProxy(t, "postgres://postgres@127.0.0.1:5432/x", false)
	e := &env{cfg: config.Config{DBConnectTimeout: 0}, log: slog.New(slog.DiscardHandler), dbURL: proxy.URL("postgres://postgres@127.0.0.1:5432/x?sslmode=disable")}
	if _, err := e.open(context.Background()); err == nil || !strings.Contains(err.Error(), "failed to connect") {
		t.Fatalf("open: %v", err)
	}
}

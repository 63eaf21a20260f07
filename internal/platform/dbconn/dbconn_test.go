package dbconn_test

import (
	"bytes"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"lamtheobac/internal/platform/dbconn"
	"lamtheobac/internal/platform/dbmigrate"
	"lamtheobac/internal/testkit"
)

// closedPort returns an address on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// connectErr is the error pgconn really returns for url.
func connectErr(t *testing.T, url string) error {
	t.Helper()
	conn, err := pgconn.Connect(context.Background(), url)
	if err == nil {
		conn.Close(context.Background())
		t.Fatalf("connected to %s", url)
	}
	return err
}

// missingDatabase is the test server's URL naming a database that does not exist.
func missingDatabase(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(testkit.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/no_such_database_here"
	return u.String()
}

func TestUnreachable(t *testing.T) {
	t.Parallel()
	refused := connectErr(t, "postgres://postgres@"+closedPort(t)+"/x?sslmode=disable")
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"connection refused", refused, true},
		{"connection refused, wrapped", fmt.Errorf("store: get unit: %w", refused), true},
		{"no such database", connectErr(t, missingDatabase(t)), false},
		{"admin_shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"cannot_connect_now", &pgconn.PgError{Code: "57P03"}, true},
		{"connection_failure", &pgconn.PgError{Code: "08006"}, true},
		{"too_many_connections", &pgconn.PgError{Code: "53300"}, true},
		{"unique_violation", &pgconn.PgError{Code: "23505"}, false},
		{"query_canceled", &pgconn.PgError{Code: "57014"}, false},
		{"network", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, true},
		{"reset", fmt.Errorf("x: %w", syscall.ECONNRESET), true},
		{"EOF mid-query", fmt.Errorf("x: %w", io.ErrUnexpectedEOF), true},
		{"EOF", io.EOF, true},
		{"closed conn", fmt.Errorf("x: %w", pgconn.ErrConnClosed), true},
		{"bad conn", driver.ErrBadConn, true},
		{"pool closed", errors.New("sql: database is closed"), true},
		{"pgx pool closed", fmt.Errorf("get model: %w", puddle.ErrClosedPool), true},
		{"deadline", fmt.Errorf("acquire: %w", context.DeadlineExceeded), true},
		{"caller went away", context.Canceled, false},
		{"a bug", errors.New("boom"), false},
	}
	for _, c := range cases {
		if got := dbconn.Unreachable(c.err); got != c.want {
			t.Errorf("%s: Unreachable(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
}

// logTo is a logger into buf.
func logTo(buf *bytes.Buffer) *slog.Logger { return slog.New(slog.NewTextHandler(buf, nil)) }

// pinger pings the database at url through a database/sql handle, as `serve` does.
func pinger(t *testing.T, url string) func(context.Context) error {
	t.Helper()
	db, err := dbmigrate.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.PingContext
}

// TestWaitGivesUp: against a port nobody listens on, Wait retries with a log line per attempt
// and gives up after its timeout with the driver's own message.
func TestWaitGivesUp(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	err := dbconn.Wait(context.Background(), pinger(t, "postgres://postgres@"+closedPort(t)+"/x?sslmode=disable"),
		dbconn.Waiting{Timeout: 300 * time.Millisecond, First: 20 * time.Millisecond, Max: 100 * time.Millisecond, Log: logTo(&log)})
	var ce *pgconn.ConnectError
	if err == nil || !errors.As(err, &ce) || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), "not reachable after") {
		t.Fatalf("err = %v, want the refused connection after giving up", err)
	}
	if n := strings.Count(log.String(), "database not reachable; retrying"); n < 2 {
		t.Fatalf("%d attempts logged, want several:\n%s", n, log.String())
	}
	if !strings.Contains(log.String(), "attempt=1") || !strings.Contains(log.String(), "attempt=2") {
		t.Fatalf("attempts not numbered:\n%s", log.String())
	}
}

// TestWaitNoTimeoutTriesOnce: DB_CONNECT_TIMEOUT=0 is the old behaviour, one attempt.
func TestWaitNoTimeoutTriesOnce(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	err := dbconn.Wait(context.Background(), pinger(t, "postgres://postgres@"+closedPort(t)+"/x?sslmode=disable"),
		dbconn.Waiting{Timeout: 0, Log: logTo(&log)})
	if err == nil || log.Len() != 0 {
		t.Fatalf("err = %v, log:\n%s", err, log.String())
	}
}

// TestWaitMisconfiguredFailsAtOnce: a database that does not exist is not going to appear by
// waiting: no retry, whatever the timeout.
func TestWaitMisconfiguredFailsAtOnce(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	err := dbconn.Wait(context.Background(), pinger(t, missingDatabase(t)), dbconn.Waiting{Timeout: time.Hour, Log: logTo(&log)})
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Code != "3D000" || log.Len() != 0 {
		t.Fatalf("err = %v, log:\n%s", err, log.String())
	}
}

// TestWaitSucceedsWhenDatabaseComesUp: the database becomes reachable during the wait (the
// proxy in front of it starts forwarding after two refused attempts), and Wait returns
// without error.
func TestWaitSucceedsWhenDatabaseComesUp(t *testing.T) {
	t.Parallel()
	dbURL := testkit.DatabaseURL(t)
	proxy := testkit.NewProxy(t, dbURL, false)
	var log bytes.Buffer
	ping := pinger(t, proxy.URL(dbURL))
	done := make(chan error, 1)
	go func() {
		done <- dbconn.Wait(context.Background(), ping,
			dbconn.Waiting{Timeout: time.Minute, First: 10 * time.Millisecond, Max: 50 * time.Millisecond, Log: logTo(&log)})
	}()
	for {
		n, next := proxy.Accepted()
		if n >= 2 {
			break
		}
		select {
		case <-next:
		case err := <-done:
			t.Fatalf("Wait returned %v before the database came up", err)
		}
	}
	proxy.Restore()
	if err := <-done; err != nil {
		t.Fatalf("Wait: %v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "database not reachable; retrying") || !strings.Contains(log.String(), "database reachable") {
		t.Fatalf("log:\n%s", log.String())
	}
}

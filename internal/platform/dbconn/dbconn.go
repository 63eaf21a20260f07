// Package dbconn tells a database that cannot be reached (down, restarting, cut off, refusing
// connections for now) from one that answered a statement with an error, and waits at start-up
// for a database that is not reachable yet. The store turns the first kind into a 503 for the
// caller; `serve` retries it for a while before giving up.
package dbconn

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"
)

// Unreachable reports whether err says the database could not be reached or dropped the
// connection: a failed connection attempt, a network error, a connection cut mid-statement,
// a server shutting down or starting up, no connection slot free, a deadline that passed
// while waiting for the database. A connection refused for a reason retrying will not fix
// (wrong password, no such database) is not an outage but a misconfiguration, and so is not
// unreachable.
func Unreachable(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		var pg *pgconn.PgError
		if errors.As(ce, &pg) {
			return !misconfigured(pg.Code)
		}
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return outageCode(pg.Code)
	}
	var op *net.OpError
	switch {
	case errors.As(err, &op),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, pgconn.ErrConnClosed), errors.Is(err, driver.ErrBadConn),
		// The pgx pool closed under a request (a stopping process), as database/sql's below.
		errors.Is(err, puddle.ErrClosedPool),
		// Our own deadlines are the only ones on database calls (a request has none): a
		// database that cannot answer within them, or hand out a connection, is unavailable.
		errors.Is(err, context.DeadlineExceeded):
		return true
	}
	// database/sql's "sql: database is closed" is not exported; it is what a pool closed
	// under a request (a stopping process) answers.
	return strings.Contains(err.Error(), "sql: database is closed")
}

// outageCode reports whether a server error is an outage rather than an answer: the server is
// shutting down or starting up (class 57P), the connection broke (class 08), or every
// connection slot is taken (53300).
func outageCode(code string) bool {
	return strings.HasPrefix(code, "57P") || strings.HasPrefix(code, "08") || code == "53300"
}

// misconfigured reports whether a refused connection names a mistake in the configuration:
// credentials (class 28) or a database that does not exist (3D000).
func misconfigured(code string) bool {
	return strings.HasPrefix(code, "28") || code == "3D000"
}

// Waiting tunes Wait; the zero value waits 60 s with waits from 0.5 s doubling to 5 s.
type Waiting struct {
	// Timeout is how long to keep trying; 0 means a single attempt.
	Timeout time.Duration
	// First and Max bound the waits between attempts: First, then doubling, never above Max.
	First, Max time.Duration
	// Attempt bounds one attempt, so a database that swallows packets does not hold it for
	// the kernel's connect timeout; default 5 s.
	Attempt time.Duration
	// Log receives a line per failed attempt; nil means slog.Default().
	Log *slog.Logger
}

// DefaultTimeout is how long `serve` waits for the database unless DB_CONNECT_TIMEOUT says.
const DefaultTimeout = 60 * time.Second

// Wait calls ping until it succeeds, retrying while the database is unreachable (see
// Unreachable) with exponential backoff until w.Timeout has passed; then, or at once for an
// error retrying will not fix, it returns the last error as ping gave it.
func Wait(ctx context.Context, ping func(context.Context) error, w Waiting) error {
	if w.First <= 0 {
		w.First = 500 * time.Millisecond
	}
	if w.Max <= 0 {
		w.Max = 5 * time.Second
	}
	if w.Attempt <= 0 {
		w.Attempt = 5 * time.Second
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
	deadline := time.Now().Add(w.Timeout)
	wait := w.First
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, w.Attempt)
		err := ping(actx)
		cancel()
		if err == nil {
			if attempt > 1 {
				w.Log.Info("database reachable", "attempt", attempt)
			}
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		if !Unreachable(err) {
			return err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("database not reachable after %d attempts in %s: %w", attempt, w.Timeout, err)
		}
		wait = min(wait, left)
		w.Log.Warn("database not reachable; retrying", "attempt", attempt, "retry_in", wait.Round(time.Millisecond).String(),
			"gives_up_in", left.Round(time.Millisecond).String(), "err", err.Error())
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, w.Max)
	}
}

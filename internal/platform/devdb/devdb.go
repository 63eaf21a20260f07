// Package devdb finds or starts a Postgres server for development and tests,
// so that `make run` and `make test` work on a fresh machine without any
// configuration. It knows nothing about the application's schema: it hands
// out a server-level admin URL, and callers create their own databases.
//
// Resolution order (first that works wins):
//
//  1. DATABASE_URL, when set, is used as is.
//  2. A server answering on 127.0.0.1:5432 with trust auth (common on dev
//     machines and CI images).
//  3. A private cluster in ./.data/pg, started from Postgres binaries found on
//     the machine (see cluster.go).
//  4. As root on Debian, and only when allowed, apt-get installs Postgres and
//     step 3 is retried.
//  5. Otherwise an error that says exactly what to do.
package devdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultDataDir is where the private cluster lives when Options.DataDir is
// empty. It is relative to the working directory so each checkout gets its own
// cluster, and it is git-ignored.
const DefaultDataDir = ".data/pg"

// DefaultPort is the port the private cluster tries first. It is deliberately
// not 5432 so it never collides with a system-wide server.
const DefaultPort = 54329

// probeTimeout bounds each connection attempt to 127.0.0.1:5432, so a port
// that silently drops packets does not stall startup.
const probeTimeout = 2 * time.Second

// Options configures Resolve. The zero value is usable.
type Options struct {
	// DatabaseURL is normally the DATABASE_URL environment variable. When
	// non-empty it wins outright: the user has said where the database is.
	DatabaseURL string
	// DataDir holds the private cluster; empty means DefaultDataDir.
	DataDir string
	// Port is the preferred port of the private cluster; 0 means DefaultPort.
	// If it is taken, another free port is chosen.
	Port int
	// AllowInstall lets Resolve run apt-get as root when no Postgres binaries
	// exist. It is opt-in because installing packages is a big side effect.
	AllowInstall bool
	// Logger receives progress messages; nil means slog.Default().
	Logger *slog.Logger
}

// Resolve returns the URL of a server-level admin connection (database
// "postgres", a role that may create databases), following the order in the
// package documentation. Pass the result to EnsureDatabase.
func Resolve(ctx context.Context, opts Options) (string, error) {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if opts.DatabaseURL != "" {
		log.Debug("devdb: using DATABASE_URL")
		return opts.DatabaseURL, nil
	}

	if u, ok := probeLocal(ctx, log); ok {
		log.Info("devdb: using Postgres server on 127.0.0.1:5432", "url", u)
		return u, nil
	}

	dir := opts.DataDir
	if dir == "" {
		dir = DefaultDataDir
	}
	port := opts.Port
	if port == 0 {
		port = DefaultPort
	}

	if _, err := findBinaries(ctx, wantMajor(dir)); errors.Is(err, errNoBinaries) && canInstall(opts) {
		if err := installPostgres(ctx, log); err != nil {
			return "", fmt.Errorf("devdb: installing Postgres: %w\n%s", err, howToFix)
		}
	}
	u, err := startCluster(ctx, log, dir, port)
	if errors.Is(err, errNoBinaries) {
		return "", fmt.Errorf("devdb: no Postgres found: DATABASE_URL is empty, nothing answers on "+
			"127.0.0.1:5432 with trust auth, and there are no Postgres %d+ binaries (initdb, pg_ctl, postgres) "+
			"on PATH or under /usr/lib/postgresql/*/bin.\n%s", minMajor, howToFix)
	}
	return u, err
}

// howToFix is appended to errors a user can only fix by hand, so the message
// itself is the documentation.
const howToFix = `Do one of:
  - export DATABASE_URL='postgres://USER:PASSWORD@HOST:5432/postgres?sslmode=disable'  (a role that may create databases)
  - sudo apt-get install postgresql   (Debian/Ubuntu; then run again)
  - docker compose up -d db && export DATABASE_URL='postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable'`

// probeLocal tries the conventional local server as "postgres" and then as the
// current OS user (Homebrew and Postgres.app create a superuser named after the
// user). It only accepts a role that may create databases, because that is
// what callers will do with the URL.
func probeLocal(ctx context.Context, log *slog.Logger) (string, bool) {
	users := []string{"postgres"}
	if cur, err := user.Current(); err == nil && cur.Username != "postgres" {
		users = append(users, cur.Username)
	}
	for _, name := range users {
		u := (&url.URL{
			Scheme:   "postgres",
			User:     url.User(name),
			Host:     "127.0.0.1:5432",
			Path:     "/postgres",
			RawQuery: "sslmode=disable",
		}).String()
		if err := checkAdmin(ctx, u); err != nil {
			log.Debug("devdb: 127.0.0.1:5432 not usable", "user", name, "err", err)
			continue
		}
		return u, true
	}
	return "", false
}

// checkAdmin connects to u and verifies the role may create databases.
func checkAdmin(ctx context.Context, u string) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var ok bool
	err = conn.QueryRow(ctx,
		`SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user`).Scan(&ok)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("role may not create databases")
	}
	return nil
}

// EnsureDatabase creates database name on the server behind adminURL if it
// does not exist yet, and returns a URL for it with the same host and
// credentials. It is idempotent and safe to call concurrently.
func EnsureDatabase(ctx context.Context, adminURL, name string) (string, error) {
	if name == "" {
		return "", errors.New("devdb: empty database name")
	}
	dbURL, err := withDatabase(adminURL, name)
	if err != nil {
		return "", err
	}
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", fmt.Errorf("devdb: connecting to admin database: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))

	var exists bool
	if err := conn.QueryRow(ctx,
		`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", fmt.Errorf("devdb: checking database %q: %w", name, err)
	}
	if exists {
		return dbURL, nil
	}
	// CREATE DATABASE takes no bind parameters, hence the quoted identifier.
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database: lost a race, fine
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("devdb: creating database %q: %w", name, err)
	}
	return dbURL, nil
}

// withDatabase returns connString pointing at database name. It accepts both
// URL and keyword/value forms because DATABASE_URL may be either.
func withDatabase(connString, name string) (string, error) {
	if strings.HasPrefix(connString, "postgres://") || strings.HasPrefix(connString, "postgresql://") {
		u, err := url.Parse(connString)
		if err != nil {
			return "", fmt.Errorf("devdb: parsing admin URL: %w", err)
		}
		u.Path = "/" + name
		u.RawPath = ""
		return u.String(), nil
	}
	// Keyword/value: a later keyword overrides an earlier one.
	quoted := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(name)
	return strings.TrimSpace(connString) + " dbname='" + quoted + "'", nil
}

// canInstall reports whether step 4 (apt-get install) is allowed and possible.
func canInstall(opts Options) bool {
	if !opts.AllowInstall || os.Geteuid() != 0 {
		return false
	}
	if _, err := os.Stat("/etc/debian_version"); err != nil {
		return false
	}
	_, err := exec.LookPath("apt-get")
	return err == nil
}

// installPostgres installs the distribution's Postgres. Output goes to stderr
// because stdout may be carrying the URL to a shell (`lamtheobac devdb`).
func installPostgres(ctx context.Context, log *slog.Logger) error {
	log.Info("devdb: no Postgres binaries found; installing with apt-get (this takes a minute)")
	for _, args := range [][]string{{"update"}, {"install", "-y", "postgresql"}} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %w", strings.Join(args, " "), err)
		}
	}
	return nil
}

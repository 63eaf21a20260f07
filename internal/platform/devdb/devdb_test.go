package devdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func TestResolveUsesDatabaseURL(t *testing.T) {
	const want = "postgres://someone:secret@db.example:6543/postgres?sslmode=require"
	got, err := Resolve(t.Context(), Options{DatabaseURL: want, DataDir: t.TempDir(), Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("Resolve = %q, want %q unchanged", got, want)
	}
}

func TestResolveFindsLocalServer(t *testing.T) {
	want, ok := probeLocal(t.Context(), testLogger(t))
	if !ok {
		t.Skip("no trust-auth Postgres on 127.0.0.1:5432")
	}
	// DataDir is a temp dir so a failure can never leave a cluster in the package directory.
	got, err := Resolve(t.Context(), Options{DataDir: t.TempDir(), Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("Resolve = %q, want %q", got, want)
	}
	if u, _ := url.Parse(got); u.Host != "127.0.0.1:5432" || u.Path != "/postgres" {
		t.Fatalf("Resolve = %q, want the postgres database on 127.0.0.1:5432", got)
	}
}

// adminForTest returns the admin URL `make test` passes in, or the local server.
func adminForTest(t *testing.T) string {
	t.Helper()
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	if u, ok := probeLocal(t.Context(), testLogger(t)); ok {
		return u
	}
	t.Skip("no TEST_DATABASE_URL and no trust-auth Postgres on 127.0.0.1:5432")
	return ""
}

// checkEnsureDatabase creates a database whose name needs quoting, twice, and
// checks the returned URL really points at it.
func checkEnsureDatabase(t *testing.T, admin string) {
	t.Helper()
	ctx := t.Context()
	name := fmt.Sprintf(`devdb test "%d" %d`, os.Getpid(), time.Now().UnixNano())
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Errorf("cleanup connect: %v", err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(),
			"DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("cleanup drop: %v", err)
		}
	})

	var first string
	for i := range 2 { // the second call must find the database and not fail
		dbURL, err := EnsureDatabase(ctx, admin, name)
		if err != nil {
			t.Fatalf("EnsureDatabase call %d: %v", i+1, err)
		}
		if i == 0 {
			first = dbURL
		} else if dbURL != first {
			t.Fatalf("EnsureDatabase not stable: %q then %q", first, dbURL)
		}
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			t.Fatalf("connect to %q: %v", dbURL, err)
		}
		var got string
		err = conn.QueryRow(ctx, "SELECT current_database()").Scan(&got)
		conn.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != name {
			t.Fatalf("connected to %q, want %q", got, name)
		}
	}
}

func TestEnsureDatabase(t *testing.T) {
	checkEnsureDatabase(t, adminForTest(t))
}

func TestWithDatabase(t *testing.T) {
	tests := []struct{ in, name, want string }{
		{"postgres://u:p@h:5432/postgres?sslmode=disable", "app", "postgres://u:p@h:5432/app?sslmode=disable"},
		{"postgresql://h/postgres", "a b", "postgresql://h/a%20b"},
		{"host=h user=u dbname=postgres", "it's", `host=h user=u dbname=postgres dbname='it\'s'`},
	}
	for _, tt := range tests {
		got, err := withDatabase(tt.in, tt.name)
		if err != nil || got != tt.want {
			t.Errorf("withDatabase(%q, %q) = %q, %v; want %q", tt.in, tt.name, got, err, tt.want)
		}
	}
}

// TestPrivateCluster exercises step 3 for real: initdb, start, reuse, restart,
// and database creation, as an unprivileged user when the test runs as root.
func TestPrivateCluster(t *testing.T) {
	ctx := t.Context()
	log := testLogger(t)
	bin, err := findBinaries(ctx, 0)
	if errors.Is(err, errNoBinaries) {
		t.Skip("no Postgres binaries on this machine")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("using Postgres %d from %s", bin.major, bin.dir)

	dir := filepath.Join(t.TempDir(), "pg")
	c, err := newCluster(ctx, log, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, ok := c.running(context.Background()); ok {
			if err := c.stop(context.Background()); err != nil {
				t.Error(err)
			}
		}
	})
	port := freePort(0)
	u, err := c.start(ctx, port)
	if err != nil {
		t.Fatal(err)
	}
	if want := adminURL(port); u != want {
		t.Fatalf("start = %q, want %q", u, want)
	}
	if err := checkAdmin(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf(".s.PGSQL.%d", port))); err != nil {
		t.Errorf("unix socket not in data dir: %v", err)
	}
	if os.Geteuid() == 0 {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if uid, _, ok := fileOwner(fi); ok && uid == 0 {
			t.Errorf("data dir owned by root; want an unprivileged owner")
		}
	}

	// A second caller must reuse the running server, whatever port it prefers.
	again, err := startCluster(ctx, log, dir, freePort(0))
	if err != nil || again != u {
		t.Fatalf("reuse: startCluster = %q, %v; want %q", again, err, u)
	}

	// An initialized but stopped cluster starts again without initdb.
	if err := c.stop(ctx); err != nil {
		t.Fatal(err)
	}
	restarted, err := startCluster(ctx, log, dir, port)
	if err != nil || restarted != u {
		t.Fatalf("restart: startCluster = %q, %v; want %q", restarted, err, u)
	}

	checkEnsureDatabase(t, u)
}

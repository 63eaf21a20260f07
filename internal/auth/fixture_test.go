package auth_test

import (
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/platform/dbmigrate"
	"lamtheobac/internal/store"
	"lamtheobac/internal/testkit"
)

// clock is a settable time source shared by the service under test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a fresh database with one bloc and one committee under it.
type fixture struct {
	svc         *auth.Service
	issuer      *auth.Issuer
	db          *sql.DB
	clock       *clock
	blocID      uuid.UUID
	committeeID uuid.UUID
	committee   string // path
}

func setup(t *testing.T, opts auth.Options) *fixture {
	t.Helper()
	url := testkit.DatabaseURL(t)
	st, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	db, err := dbmigrate.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	keys, err := auth.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{issuer: auth.NewIssuer(keys, 0), db: db, clock: &clock{now: time.Now().UTC()},
		blocID: uuid.Must(uuid.NewV7()), committeeID: uuid.Must(uuid.NewV7())}
	opts.Now = f.clock.Now
	f.svc = auth.NewService(st, f.issuer, opts)

	blocPath := f.blocID.String() + "/"
	f.committee = blocPath + f.committeeID.String() + "/"
	f.exec(t, `INSERT INTO units (id, kind, code, name, parent_id, bloc_id, path) VALUES
		($1, 'bloc', 'KHOI', 'Đảng bộ Khối', NULL, $1, $2),
		($3, 'committee', 'SCT', 'Đảng ủy Sở Công Thương', $1, $1, $4)`,
		f.blocID, blocPath, f.committeeID, f.committee)
	return f
}

func (f *fixture) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := f.db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func hash(t *testing.T, pw string) string {
	t.Helper()
	h, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// addUser creates a user in the committee holding role there (admin: globally).
func (f *fixture) addUser(t *testing.T, username, password string, role access.Role) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	f.exec(t, `INSERT INTO users (id, username, full_name, unit_id, unit_path, password_hash)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, username, "Người dùng "+username, f.committeeID, f.committee, hash(t, password))
	f.grant(t, id, "user", role)
	return id
}

// addClient creates a service client in the committee holding role there.
func (f *fixture) addClient(t *testing.T, clientID, secret string, role access.Role, disabled bool) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	f.exec(t, `INSERT INTO clients (id, client_id, name, unit_id, unit_path, secret_hash, disabled)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, clientID, "Cổng "+clientID, f.committeeID, f.committee, hash(t, secret), disabled)
	f.grant(t, id, "client", role)
	return id
}

func (f *fixture) grant(t *testing.T, id uuid.UUID, kind string, role access.Role) {
	t.Helper()
	var unit *uuid.UUID
	if role != access.Admin {
		unit = &f.committeeID
	}
	f.exec(t, `INSERT INTO role_assignments (id, principal_id, principal_kind, role, unit_id) VALUES ($1, $2, $3, $4, $5)`,
		uuid.Must(uuid.NewV7()), id, kind, string(role), unit)
}

// wantErr fails unless err is an *apperr.Error of kind and code.
func wantErr(t *testing.T, err error, kind apperr.Kind, code string) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != kind || e.Code != code {
		t.Fatalf("err = %v, want kind %d code %s", err, kind, code)
	}
	return e
}

// Package apptest wires the service for tests exactly as `serve` does: a store over a test
// database, fresh signing keys, a silent log unless the test brings one.
package apptest

import (
	"io"
	"log/slog"
	"testing"

	"lamtheobac/internal/app"
	"lamtheobac/internal/auth"
	"lamtheobac/internal/store"
)

// Open opens a store on the migrated database at url (closed when the test ends) and
// assembles the service over it with o.
func Open(t testing.TB, url string, o app.Options) *app.App {
	t.Helper()
	st, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return Over(t, st, o)
}

// Over assembles the service over an open store (a second instance over the same database is
// another replica), with fresh keys unless o has some (replicas share theirs, as they share
// JWT_PRIVATE_KEY) and, unless o has one, a silent log.
func Over(t testing.TB, st *store.Store, o app.Options) *app.App {
	t.Helper()
	if o.Keys == nil {
		keys, err := auth.GenerateKeys()
		if err != nil {
			t.Fatal(err)
		}
		o.Keys = keys
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	a, err := app.New(st, o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

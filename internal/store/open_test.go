package store

import (
	"database/sql"
	"testing"

	"lamtheobac/internal/testkit"
)

// openTest opens a store on a fresh test database and returns it with its database/sql handle,
// both closed when the test ends.
func openTest(t *testing.T) (*Store, *sql.DB) {
	t.Helper()
	st, err := Open(testkit.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	db, err := st.SQL()
	if err != nil {
		t.Fatal(err)
	}
	return st, db
}

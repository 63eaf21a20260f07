package dbmigrate_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"

	"lamtheobac/internal/platform/dbmigrate"
	"lamtheobac/internal/testkit"
)

// TestUpDownUp: every migration rolls back cleanly and applies again; the template database of
// the tests is already migrated, so start by rolling everything back.
func TestUpDownUp(t *testing.T) {
	t.Parallel()
	db := open(t)
	ctx := context.Background()
	for {
		pending, err := dbmigrate.Pending(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if pending {
			break
		}
		if err := dbmigrate.Down(ctx, db); err != nil {
			t.Fatalf("down: %v", err)
		}
		var n int
		if err := db.QueryRow("SELECT count(*) FROM goose_db_version WHERE version_id > 0 AND is_applied").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	if err := dbmigrate.Up(ctx, db); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if pending, err := dbmigrate.Pending(ctx, db); err != nil || pending {
		t.Fatalf("pending after up: %v %v", pending, err)
	}
}

// TestConcurrentUpIsSafe: replicas starting together must not race each other's migrations.
func TestConcurrentUpIsSafe(t *testing.T) {
	t.Parallel()
	db := open(t)
	ctx := context.Background()
	for range 2 { // roll back to an empty schema first
		_ = dbmigrate.Down(ctx, db)
	}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = dbmigrate.Up(ctx, db) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent up: %v", err)
		}
	}
	if pending, err := dbmigrate.Pending(ctx, db); err != nil || pending {
		t.Fatalf("pending after concurrent up: %v %v", pending, err)
	}
}

func open(t *testing.T) *sql.DB {
	t.Helper()
	db, err := dbmigrate.Open(testkit.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

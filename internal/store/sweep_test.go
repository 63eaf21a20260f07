package store

import (
	"context"
	"testing"
	"time"

	"lamtheobac/internal/testkit"
)

func TestSweepDeletesOnlyWhatExpired(t *testing.T) {
	t.Parallel()
	st, err := Open(testkit.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db, _ := st.SQL()
	now := time.Now().UTC()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(`INSERT INTO idempotency_keys (principal_id, key, method, path, request_hash, created_at) VALUES
		('p', 'old', 'POST', '/x', '\x00', $1), ('p', 'new', 'POST', '/x', '\x00', $2)`, now.Add(-25*time.Hour), now)
	mustExec(`INSERT INTO login_throttle (key, attempts, window_start, locked_until) VALUES
		('ip:old', 3, $1, NULL), ('user:locked', 5, $1, $2), ('ip:new', 1, $3, NULL)`, now.Add(-48*time.Hour), now.Add(time.Hour), now)
	n, err := st.Sweep(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("swept %d rows, want 2 (the old key and the old unlocked counter)", n)
	}
	var left int
	_ = db.QueryRow("SELECT count(*) FROM idempotency_keys WHERE key = 'new'").Scan(&left)
	var locked int
	_ = db.QueryRow("SELECT count(*) FROM login_throttle WHERE key IN ('user:locked', 'ip:new')").Scan(&locked)
	if left != 1 || locked != 2 {
		t.Fatalf("live rows were swept: keys %d, throttles %d", left, locked)
	}
}

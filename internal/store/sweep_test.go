package store

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

func TestSweepDeletesOnlyWhatExpired(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	now := time.Now().UTC()
	mustExec := execer(t, db)
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

// TestSweepDropsOldImportFiles: the file of a job finished more than 30 days ago goes, the job
// stays; the files of recent or running jobs stay.
func TestSweepDropsOldImportFiles(t *testing.T) {
	t.Parallel()
	st, db := openTest(t)
	now := time.Now().UTC()
	mustExec := execer(t, db)
	unit := "01900000-0000-7000-8000-000000000001"
	mustExec(`INSERT INTO units (id, kind, code, name, bloc_id, path) VALUES ($1, 'bloc', 'SW', 'Khối', $1, $2)`, unit, unit+"/")
	for i, job := range []struct {
		state    string
		finished *time.Time
	}{{"succeeded", ptrTime(now.Add(-40 * 24 * time.Hour))}, {"failed", ptrTime(now.Add(-24 * time.Hour))}, {"applying", nil}} {
		id := "01900000-0000-7000-8000-00000000001" + string(rune('0'+i))
		mustExec(`INSERT INTO import_jobs (id, unit_id, unit_path, bloc_id, kind, dry_run, state, file_name, file_format, file_size,
			file_sha256, actor_id, actor_kind, actor_name, created_at, finished_at)
			VALUES ($1, $2, $3, $2, 'models', false, $4, 'a.csv', 'csv', 1, '', $2, 'user', 'x', $5, $6)`,
			id, unit, unit+"/", job.state, now.Add(-41*24*time.Hour), job.finished)
		mustExec(`INSERT INTO import_file_chunks (job_id, seq, data) VALUES ($1, 0, 'x')`, id)
	}
	if _, err := st.Sweep(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	var chunks, jobs int
	_ = db.QueryRow("SELECT count(*) FROM import_file_chunks").Scan(&chunks)
	_ = db.QueryRow("SELECT count(*) FROM import_jobs").Scan(&jobs)
	if chunks != 2 || jobs != 3 {
		t.Fatalf("%d files and %d jobs left, want 2 and 3", chunks, jobs)
	}
	var old int
	_ = db.QueryRow("SELECT count(*) FROM import_file_chunks WHERE job_id = '01900000-0000-7000-8000-000000000010'").Scan(&old)
	if old != 0 {
		t.Fatal("the old job's file was kept")
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

// execer returns a func running a statement on db that fails the test on an error.
func execer(t *testing.T, db *sql.DB) func(q string, args ...any) {
	return func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
}

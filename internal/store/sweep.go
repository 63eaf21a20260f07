package store

import (
	"context"
	"time"

	"lamtheobac/internal/importer"
)

// Sweep deletes what has expired: idempotency keys past their 24 hours, login throttle
// counters untouched for a day and not locked, refresh tokens expired or revoked for 30 days,
// the files of import jobs finished longer ago than importer.FileRetention (the jobs and their
// problems stay).
// It returns how many rows went.
func (s *Store) Sweep(ctx context.Context, now time.Time) (int64, error) {
	var total int64
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"DELETE FROM idempotency_keys WHERE created_at < ?", []any{now.Add(-idempotencyTTL)}},
		{"DELETE FROM login_throttle WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)", []any{now.Add(-24 * time.Hour), now}},
		{"DELETE FROM refresh_tokens WHERE coalesce(revoked_at, expires_at) < ?", []any{now.Add(-30 * 24 * time.Hour)}},
		{"DELETE FROM import_file_chunks WHERE job_id IN (SELECT id FROM import_jobs WHERE state IN ('succeeded', 'failed') AND finished_at < ?)",
			[]any{now.Add(-importer.FileRetention)}},
	} {
		res := s.db(ctx).Exec(q.sql, q.args...)
		if res.Error != nil {
			return total, wrap(res.Error, "sweep")
		}
		total += res.RowsAffected
	}
	return total, nil
}

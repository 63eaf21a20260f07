package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"
)

// idempotencyRow is a row of idempotency_keys.
type idempotencyRow struct {
	PrincipalID string `gorm:"primaryKey"`
	Key         string `gorm:"primaryKey"`
	Method      string
	Path        string
	RequestHash []byte
	Status      *int
	ContentType *string
	Headers     []byte
	Body        []byte
	CreatedAt   time.Time
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

// IdempotentResponse is a stored first answer to a POST.
type IdempotentResponse struct {
	RequestHash []byte
	Done        bool // false while the first request is still running
	NotStored   bool // the answer held a secret (Cache-Control: no-store) and was not kept
	Status      int
	ContentType string
	Headers     map[string]string
	Body        []byte
}

// idempotencyTTL is how long a key is remembered; a retry later than that runs again.
const idempotencyTTL = 24 * time.Hour

// idempotencyLease is how long an unfinished claim holds: a claim whose process died is taken
// over by the next retry after it.
const idempotencyLease = time.Minute

// ClaimIdempotencyKey records that principal is running the request with key. It returns nil
// when the claim is new, or the earlier claim (finished or not) when the key was used before.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, principal, key, method, path string, hash []byte) (*IdempotentResponse, error) {
	db := s.db(ctx)
	// Forget an expired key, or an unfinished claim whose lease ran out (its process died), so
	// the request can run again.
	now := time.Now()
	if err := db.Where("principal_id = ? AND key = ? AND (created_at < ? OR (status IS NULL AND created_at < ?))",
		principal, key, now.Add(-idempotencyTTL), now.Add(-idempotencyLease)).Delete(&idempotencyRow{}).Error; err != nil {
		return nil, wrap(err, "claim idempotency key")
	}
	row := idempotencyRow{PrincipalID: principal, Key: key, Method: method, Path: path, RequestHash: hash, CreatedAt: time.Now().UTC()}
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return nil, wrap(res.Error, "claim idempotency key")
	}
	if res.RowsAffected == 1 {
		return nil, nil
	}
	var prev idempotencyRow
	if err := db.Take(&prev, "principal_id = ? AND key = ?", principal, key).Error; err != nil {
		return nil, wrap(err, "claim idempotency key")
	}
	out := &IdempotentResponse{RequestHash: prev.RequestHash, Body: prev.Body}
	if prev.Status != nil {
		out.Done, out.Status = true, *prev.Status
		out.NotStored = prev.Body == nil && *prev.Status < 300
	}
	if prev.ContentType != nil {
		out.ContentType = *prev.ContentType
	}
	_ = json.Unmarshal(prev.Headers, &out.Headers)
	return out, nil
}

// CompleteIdempotencyKey stores the answer to replay.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, principal, key string, r IdempotentResponse) error {
	headers, _ := json.Marshal(r.Headers)
	return wrap(s.db(ctx).Model(&idempotencyRow{}).Where("principal_id = ? AND key = ?", principal, key).
		Updates(map[string]any{"status": r.Status, "content_type": r.ContentType, "headers": headers, "body": r.Body}).Error, "complete idempotency key")
}

// ReleaseIdempotencyKey forgets a claim whose request failed on our side, so a retry runs again.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, principal, key string) error {
	return wrap(s.db(ctx).Where("principal_id = ? AND key = ?", principal, key).Delete(&idempotencyRow{}).Error, "release idempotency key")
}

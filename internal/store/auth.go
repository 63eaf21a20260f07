package store

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/auth"
)

var _ auth.Store = (*Store)(nil)

// refreshTokenRow is a row of refresh_tokens.
type refreshTokenRow struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	FamilyID  uuid.UUID
	UserID    uuid.UUID
	TokenHash []byte
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

func (refreshTokenRow) TableName() string { return "refresh_tokens" }

// throttleRow is a row of login_throttle.
type throttleRow struct {
	Key         string `gorm:"primaryKey"`
	Attempts    int
	WindowStart time.Time
	LockedUntil *time.Time
}

func (throttleRow) TableName() string { return "login_throttle" }

func toThrottle(r throttleRow) auth.Throttle {
	return auth.Throttle{Attempts: r.Attempts, WindowStart: r.WindowStart, LockedUntil: r.LockedUntil}
}

func userAccount(r userRow) auth.Account {
	return auth.Account{ID: r.ID, Kind: access.UserPrincipal, Login: r.Username, Name: r.FullName,
		UnitID: derefUUID(r.UnitID), UnitPath: r.UnitPath, SecretHash: r.PasswordHash, Disabled: r.Disabled,
		TokenEpoch: r.TokenEpoch, TokensValidFrom: r.TokensValidFrom}
}

// derefUUID is the id or uuid.Nil (administrators created from the CLI have no home unit).
func derefUUID(id *uuid.UUID) uuid.UUID {
	if id == nil {
		return uuid.Nil
	}
	return *id
}

func clientAccount(r clientRow) auth.Account {
	return auth.Account{ID: r.ID, Kind: access.ClientPrincipal, Login: r.ClientID, Name: r.Name,
		UnitID: r.UnitID, UnitPath: r.UnitPath, SecretHash: r.SecretHash, Disabled: r.Disabled,
		TokenEpoch: r.TokenEpoch, TokensValidFrom: r.TokensValidFrom}
}

// AuthAccountByLogin finds a user by username, case-insensitively (matching the unique index
// on lower(username)), or a client by its exact client_id.
func (s *Store) AuthAccountByLogin(ctx context.Context, kind access.PrincipalKind, login string) (auth.Account, error) {
	return s.authAccount(ctx, kind, "lower(username) = lower(?)", "client_id = ?", login)
}

// AuthAccount finds a user or a client by id.
func (s *Store) AuthAccount(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) (auth.Account, error) {
	return s.authAccount(ctx, kind, "id = ?", "id = ?", id)
}

func (s *Store) authAccount(ctx context.Context, kind access.PrincipalKind, userWhere, clientWhere string, arg any) (auth.Account, error) {
	switch kind {
	case access.UserPrincipal:
		var row userRow
		if err := s.db(ctx).Take(&row, userWhere, arg).Error; err != nil {
			return auth.Account{}, wrap(err, "auth account")
		}
		return userAccount(row), nil
	case access.ClientPrincipal:
		var row clientRow
		if err := s.db(ctx).Take(&row, clientWhere, arg).Error; err != nil {
			return auth.Account{}, wrap(err, "auth account")
		}
		return clientAccount(row), nil
	}
	return auth.Account{}, apperr.ErrNotFound
}

// AuthRoles lists the principal's role assignments, each with its unit's path (empty for
// admin, which has no unit), oldest first.
func (s *Store) AuthRoles(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) ([]access.Assignment, error) {
	var rows []struct {
		Role     string
		UnitID   *uuid.UUID
		UnitPath string
	}
	err := s.db(ctx).Raw(`SELECT ra.role, ra.unit_id, coalesce(u.path, '') AS unit_path
		FROM role_assignments ra LEFT JOIN units u ON u.id = ra.unit_id
		WHERE ra.principal_id = ? AND ra.principal_kind = ?
		ORDER BY ra.created_at, ra.id`, id, string(kind)).Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "auth roles %s", id)
	}
	out := make([]access.Assignment, len(rows))
	for i, r := range rows {
		out[i] = access.Assignment{Role: access.Role(r.Role), UnitPath: r.UnitPath}
		if r.UnitID != nil {
			out[i].UnitID = *r.UnitID
		}
	}
	return out, nil
}

// CreateRefreshToken stores t.
func (s *Store) CreateRefreshToken(ctx context.Context, t auth.RefreshToken) error {
	row := refreshTokenRow{ID: t.ID, FamilyID: t.FamilyID, UserID: t.UserID, TokenHash: t.Hash,
		ExpiresAt: t.ExpiresAt, UsedAt: t.UsedAt, RevokedAt: t.RevokedAt, CreatedAt: t.CreatedAt}
	return wrap(s.db(ctx).Create(&row).Error, "create refresh token")
}

// RefreshTokenForUpdate finds the token with hash and locks its row (SELECT … FOR UPDATE)
// until the transaction of ctx ends; outside a transaction the lock would end at once.
func (s *Store) RefreshTokenForUpdate(ctx context.Context, hash []byte) (auth.RefreshToken, error) {
	var row refreshTokenRow
	err := s.db(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&row, "token_hash = ?", hash).Error
	if err != nil {
		return auth.RefreshToken{}, wrap(err, "refresh token for update")
	}
	return auth.RefreshToken{ID: row.ID, FamilyID: row.FamilyID, UserID: row.UserID, Hash: row.TokenHash,
		ExpiresAt: row.ExpiresAt, UsedAt: row.UsedAt, RevokedAt: row.RevokedAt, CreatedAt: row.CreatedAt}, nil
}

// MarkRefreshTokenUsed records that the token with id was spent at at.
func (s *Store) MarkRefreshTokenUsed(ctx context.Context, id uuid.UUID, at time.Time) error {
	return wrap(s.db(ctx).Model(&refreshTokenRow{}).Where("id = ?", id).Update("used_at", at).Error, "mark refresh token used %s", id)
}

// RevokeRefreshFamily revokes every token of the family that is not revoked yet, keeping the
// first revocation time of those that are.
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID uuid.UUID, at time.Time) error {
	return wrap(s.db(ctx).Model(&refreshTokenRow{}).
		Where("family_id = ? AND revoked_at IS NULL", familyID).Update("revoked_at", at).Error, "revoke refresh family familyID=%s", familyID)
}

// HitThrottle counts one attempt under key in one statement (an upsert), so concurrent
// attempts on any replica never lose a count. A window older than window restarts at now.
func (s *Store) HitThrottle(ctx context.Context, key string, now time.Time, window time.Duration) (auth.Throttle, error) {
	cutoff := now.Add(-window)
	var row throttleRow
	err := s.db(ctx).Raw(`INSERT INTO login_throttle AS t (key, attempts, window_start) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			attempts     = CASE WHEN t.window_start <= ? THEN 1 ELSE t.attempts + 1 END,
			window_start = CASE WHEN t.window_start <= ? THEN excluded.window_start ELSE t.window_start END
		RETURNING key, attempts, window_start, locked_until`, key, now, cutoff, cutoff).Scan(&row).Error
	if err != nil {
		return auth.Throttle{}, wrap(err, "hit throttle")
	}
	if row.Key == "" {
		return auth.Throttle{}, fmt.Errorf("store: hit throttle %q: no row returned", key)
	}
	return toThrottle(row), nil
}

// GetThrottle returns the counter of key, the zero Throttle when there is none.
func (s *Store) GetThrottle(ctx context.Context, key string) (auth.Throttle, error) {
	var rows []throttleRow
	if err := s.db(ctx).Where("key = ?", key).Limit(1).Find(&rows).Error; err != nil {
		return auth.Throttle{}, wrap(err, "get throttle")
	}
	if len(rows) == 0 {
		return auth.Throttle{}, nil
	}
	return toThrottle(rows[0]), nil
}

// LockThrottle locks key until until and restarts its counter, so failures after the lock
// ends are counted afresh.
func (s *Store) LockThrottle(ctx context.Context, key string, until time.Time) error {
	return wrap(s.db(ctx).Model(&throttleRow{}).Where("key = ?", key).
		Updates(map[string]any{"locked_until": until, "attempts": 0}).Error, "lock throttle")
}

// ResetThrottle forgets key.
func (s *Store) ResetThrottle(ctx context.Context, key string) error {
	return wrap(s.db(ctx).Where("key = ?", key).Delete(&throttleRow{}).Error, "reset throttle")
}

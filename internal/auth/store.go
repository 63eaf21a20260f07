package auth

import (
	"context"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/audit"
)

// Store is what authentication needs from persistence. Lookups that find nothing return an
// error of Kind apperr.NotFound.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	audit.Recorder

	// AuthAccountByLogin finds a user by username (case-insensitive) or a client by client_id.
	AuthAccountByLogin(ctx context.Context, kind access.PrincipalKind, login string) (Account, error)
	// AuthAccount finds a user or a client by id.
	AuthAccount(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) (Account, error)
	// AuthRoles lists the principal's role assignments with their units' paths. Read after
	// AuthAccount (never before), so the roles are at least as new as the account's epoch.
	AuthRoles(ctx context.Context, kind access.PrincipalKind, id uuid.UUID) ([]access.Assignment, error)

	CreateRefreshToken(ctx context.Context, t RefreshToken) error
	// RefreshTokenForUpdate finds a token by hash and locks its row until the transaction
	// of ctx ends, so concurrent uses of one token are serialized.
	RefreshTokenForUpdate(ctx context.Context, hash []byte) (RefreshToken, error)
	MarkRefreshTokenUsed(ctx context.Context, id uuid.UUID, at time.Time) error
	// RevokeRefreshFamily sets revoked_at on every token of the family not yet revoked.
	RevokeRefreshFamily(ctx context.Context, familyID uuid.UUID, at time.Time) error

	// HitThrottle counts one attempt under key in a fixed window starting at the first attempt
	// (a window older than window restarts at now) and returns the updated counter.
	HitThrottle(ctx context.Context, key string, now time.Time, window time.Duration) (Throttle, error)
	// GetThrottle returns the counter of key, the zero Throttle when there is none.
	GetThrottle(ctx context.Context, key string) (Throttle, error)
	// LockThrottle locks key until the given time and restarts its counter.
	LockThrottle(ctx context.Context, key string, until time.Time) error
	// ResetThrottle forgets key.
	ResetThrottle(ctx context.Context, key string) error
}

// Account is what authentication knows of a user or a service client.
type Account struct {
	ID         uuid.UUID
	Kind       access.PrincipalKind
	Login      string // username, or client_id for a client
	Name       string // full name, or the client's name
	UnitID     uuid.UUID
	UnitPath   string
	SecretHash string // argon2id of the password or client secret
	Disabled   bool
	// TokenEpoch moves whenever the account's roles, credentials or standing change;
	// TokensValidFrom is the lowest epoch whose tokens are still honoured (see Epochs).
	TokenEpoch      int64
	TokensValidFrom int64
}

// RefreshToken is a stored refresh token; only the SHA-256 of the token is kept, so a leak
// of the table gives nobody a usable token.
type RefreshToken struct {
	ID        uuid.UUID
	FamilyID  uuid.UUID // every rotation of one login shares it
	UserID    uuid.UUID
	Hash      []byte
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// Throttle is a login attempt counter, kept in the database so every replica shares it.
type Throttle struct {
	Attempts    int
	WindowStart time.Time
	LockedUntil *time.Time
}

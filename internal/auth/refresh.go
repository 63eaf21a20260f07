package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// refreshTokenBytes is the entropy of a refresh token: 256 bits, beyond guessing, which is
// also why a plain SHA-256 (no salt, no stretching) is enough to store it.
const refreshTokenBytes = 32

// hashToken is the stored form of a refresh token.
func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// issuePair mints an access token for p and a new refresh token in family.
func (s *Service) issuePair(ctx context.Context, p *access.Principal, family uuid.UUID, now time.Time) (Tokens, error) {
	accessToken, ttl, err := s.issuer.Issue(p)
	if err != nil {
		return Tokens{}, err
	}
	raw := make([]byte, refreshTokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return Tokens{}, fmt.Errorf("refresh token: %w", err)
	}
	refresh := base64.RawURLEncoding.EncodeToString(raw)
	err = s.store.CreateRefreshToken(ctx, RefreshToken{
		ID: uuid.Must(uuid.NewV7()), FamilyID: family, UserID: p.ID, Hash: hashToken(refresh),
		ExpiresAt: now.Add(s.opts.RefreshTTL), CreatedAt: now,
	})
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{AccessToken: accessToken, RefreshToken: refresh, ExpiresIn: ttl}, nil
}

// Refresh spends a refresh token for a new access token and a new refresh token of the same
// family, with the user's current roles. A token presented a second time means it was stolen
// (or the client is broken): the whole family is revoked, and the thief and the owner both
// have to log in again. The row lock makes two concurrent uses of one token count as reuse.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (Tokens, error) {
	now := s.opts.Now()
	var tokens Tokens
	var answer error // a refusal whose writes (revocations) must still commit
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		rt, err := s.store.RefreshTokenForUpdate(ctx, hashToken(refreshToken))
		if apperr.KindOf(err) == apperr.NotFound {
			answer = ErrInvalidRefresh
			return nil
		}
		if err != nil {
			return err
		}
		if rt.RevokedAt != nil || !now.Before(rt.ExpiresAt) {
			answer = ErrInvalidRefresh
			return nil
		}
		if rt.UsedAt != nil {
			answer = ErrRefreshReused
			return s.revokeReused(ctx, rt, now)
		}
		if err := s.store.MarkRefreshTokenUsed(ctx, rt.ID, now); err != nil {
			return err
		}
		acct, err := s.store.AuthAccount(ctx, access.UserPrincipal, rt.UserID)
		if err != nil {
			return err
		}
		if acct.Disabled {
			answer = ErrInvalidRefresh
			return s.store.RevokeRefreshFamily(ctx, rt.FamilyID, now)
		}
		p, err := s.principal(ctx, acct)
		if err != nil {
			return err
		}
		tokens, err = s.issuePair(ctx, p, rt.FamilyID, now)
		return err
	})
	if err != nil {
		return Tokens{}, err
	}
	if answer != nil {
		return Tokens{}, answer
	}
	return tokens, nil
}

// revokeReused revokes the family of a reused token and audits it with the user as actor.
func (s *Service) revokeReused(ctx context.Context, rt RefreshToken, now time.Time) error {
	if err := s.store.RevokeRefreshFamily(ctx, rt.FamilyID, now); err != nil {
		return err
	}
	acct, err := s.store.AuthAccount(ctx, access.UserPrincipal, rt.UserID)
	if err != nil {
		return err
	}
	return s.store.Record(ctx, accountEvent("auth.token_reuse", acct, map[string]any{"family_id": rt.FamilyID}))
}

// Logout revokes the family of refreshToken: every refresh token of that login. An unknown
// token is not an error, so logging out twice, or with a stale token, just succeeds.
func (s *Service) Logout(ctx context.Context, refreshToken string) error {
	now := s.opts.Now()
	return s.store.InTx(ctx, func(ctx context.Context) error {
		rt, err := s.store.RefreshTokenForUpdate(ctx, hashToken(refreshToken))
		if apperr.KindOf(err) == apperr.NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		return s.store.RevokeRefreshFamily(ctx, rt.FamilyID, now)
	})
}

package auth

import (
	"time"

	"lamtheobac/internal/apperr"
)

// The answers of the service. One message for unknown users, bad passwords and disabled
// accounts, so the answer does not tell which usernames exist.
var (
	ErrInvalidCredentials = apperr.New(apperr.Unauthenticated, "invalid_credentials", "The username or password is incorrect.")
	ErrInvalidClient      = apperr.New(apperr.Unauthenticated, "invalid_client", "The client credentials are invalid.")
	ErrInvalidRefresh     = apperr.New(apperr.Unauthenticated, "invalid_refresh_token", "The refresh token is invalid, expired or revoked; log in again.")
	ErrRefreshReused      = apperr.New(apperr.Unauthenticated, "refresh_token_reused", "The refresh token was already used; every session of this login has been revoked. Log in again.")
)

// retryAfter rounds d up to whole seconds (Retry-After is in seconds) and never below one,
// so a client told to wait never retries immediately.
func retryAfter(d time.Duration) time.Duration {
	if d < time.Second {
		return time.Second
	}
	return (d + time.Second - 1).Truncate(time.Second)
}

// rateLimited is the answer when an address has made too many attempts.
func rateLimited(wait time.Duration) *apperr.Error {
	return &apperr.Error{Kind: apperr.RateLimited, Code: "rate_limited",
		Message: "Too many attempts from your address; try again later.", RetryAfter: retryAfter(wait)}
}

// accountLocked is the answer while an account is locked after repeated failures.
func accountLocked(wait time.Duration) *apperr.Error {
	return &apperr.Error{Kind: apperr.Locked, Code: "account_locked",
		Message: "Too many failed logins; the account is locked for a while.", RetryAfter: retryAfter(wait)}
}

// Package auth authenticates callers: argon2id passwords, EdDSA access tokens (JWT with a kid,
// public keys served as a JWKS), opaque refresh tokens rotated on use, OAuth2 client
// credentials for service clients, login throttling shared by every replica, and the token
// epochs that end access tokens at once when their principal changes (epochs.go).
//
// It knows nothing of HTTP: the API layer turns its *apperr.Error answers into statuses and
// puts the principal returned by Service.Authenticate into the request context.
package auth

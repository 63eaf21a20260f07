// Package auth authenticates callers: argon2id passwords, EdDSA access tokens (JWT with a kid,
// public keys served as a JWKS), opaque refresh tokens rotated on use, OAuth2 client
// credentials for service clients, and login throttling shared by every replica.
//
// It knows nothing of HTTP: the API layer turns its *apperr.Error answers into statuses and
// puts the principal returned by Issuer.Verify into the request context.
package auth

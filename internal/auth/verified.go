package auth

import (
	"crypto/sha256"
	"errors"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// verifiedTokens remembers the access tokens this instance has already verified, keyed by the
// token's SHA-256, so the Ed25519 check and the claims decoding run once per token rather than
// once per request (they were a fifth of the CPU of a GET). Only a token that passed every
// check of Verify is remembered, and only until it expires: a hit proves the caller holds the
// very bytes that verified. What may change during a token's life — a disable, a new password,
// a role change — is not the token's business: Service.Authenticate checks the token epoch on
// every request, hit or miss.
type verifiedTokens struct {
	lru *lru.Cache[[sha256.Size]byte, verifiedToken] // safe for concurrent use
}

// verifiedToken is what Verify concluded from a token.
type verifiedToken struct {
	principal access.Principal
	notBefore time.Time
	expires   time.Time
}

// verifiedCapacity bounds the memory: about 300 bytes per token, so at most a few megabytes for
// more concurrent callers than one instance serves.
const verifiedCapacity = 10_000

func newVerifiedTokens() *verifiedTokens {
	// Expired entries are refused on lookup and pushed out by newer tokens: no sweeper (and no
	// goroutine) is needed.
	c, _ := lru.New[[sha256.Size]byte, verifiedToken](verifiedCapacity)
	return &verifiedTokens{lru: c}
}

// lookup returns the principal of a token verified before, or ok=false. A remembered token
// past its expiry (with the same leeway Verify allows) answers token_expired, as Verify would.
func (v *verifiedTokens) lookup(token string, now time.Time) (p *access.Principal, ok bool, err error) {
	e, ok := v.lru.Get(sha256.Sum256([]byte(token)))
	if !ok {
		return nil, false, nil
	}
	if now.Before(e.notBefore.Add(-clockLeeway)) { // only if the clock went back: not valid yet
		return nil, true, invalidToken(errors.New("remembered token not yet valid"))
	}
	if now.After(e.expires.Add(clockLeeway)) {
		return nil, true, apperr.New(apperr.Unauthenticated, "token_expired", "The access token has expired; refresh it.")
	}
	cp := e.principal // each request gets its own copy: nothing shared is handed out
	return &cp, true, nil
}

// remember keeps what Verify concluded from token.
func (v *verifiedTokens) remember(token string, p *access.Principal, notBefore, expires time.Time) {
	v.lru.Add(sha256.Sum256([]byte(token)), verifiedToken{principal: *p, notBefore: notBefore, expires: expires})
}

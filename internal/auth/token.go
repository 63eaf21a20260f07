package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
)

// The fixed claims of every access token. The audience keeps a token minted for this API
// from being accepted by some other service that trusts the same keys, and vice versa.
const (
	IssuerName       = "lamtheobac"
	Audience         = "lamtheobac-api"
	DefaultAccessTTL = 15 * time.Minute
	// MaxAccessTTL is the longest lifetime an access token may have (ACCESS_TOKEN_TTL's bound).
	MaxAccessTTL = 15 * time.Minute
	// clockLeeway absorbs clock skew between replicas and clients on exp/nbf/iat.
	clockLeeway = 30 * time.Second
)

// claims is the payload of an access token: the registered claims plus what the API needs
// to authorize a request without a database round trip.
type claims struct {
	jwt.RegisteredClaims
	Kind     access.PrincipalKind `json:"kind"`
	Name     string               `json:"name"`
	Username string               `json:"username,omitempty"`
	Roles    []access.Assignment  `json:"roles"`
	// Epoch is the principal's token epoch at issue; tokens of before the epoch support
	// (migration 0010) have none and act with their principal's current roles.
	Epoch int64 `json:"epoch,omitempty"`
}

// Issuer mints and verifies access tokens.
type Issuer struct {
	keys     *Keys
	issuer   string
	audience string
	ttl      time.Duration
	now      func() time.Time
	verified *verifiedTokens
}

// NewIssuer returns an Issuer signing with keys; ttl <= 0 means DefaultAccessTTL, and a ttl
// beyond MaxAccessTTL is cut to it (Verify refuses longer-lived tokens).
func NewIssuer(keys *Keys, ttl time.Duration) *Issuer {
	if ttl <= 0 {
		ttl = DefaultAccessTTL
	}
	ttl = min(ttl, MaxAccessTTL)
	return &Issuer{keys: keys, issuer: IssuerName, audience: Audience, ttl: ttl, now: time.Now, verified: newVerifiedTokens()}
}

// Keys returns the keys the Issuer signs and verifies with, for the JWKS endpoint.
func (i *Issuer) Keys() *Keys { return i.keys }

// Issue returns a signed access token for p and how long it is valid.
func (i *Issuer) Issue(p *access.Principal) (token string, expiresIn time.Duration, err error) {
	if p == nil {
		return "", 0, errors.New("auth: issue a token for a nil principal")
	}
	now := i.now().Truncate(time.Second) // NumericDate has second precision
	roles := p.Roles
	if roles == nil {
		roles = []access.Assignment{} // "roles": [] rather than null, for clients that decode it
	}
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    i.issuer,
			Subject:   p.ID.String(),
			Audience:  jwt.ClaimStrings{i.audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(i.ttl)),
			ID:        uuid.Must(uuid.NewV7()).String(),
		},
		Kind: p.Kind, Name: p.Name, Username: p.Username, Roles: roles, Epoch: p.Epoch,
	}
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	t.Header["kid"] = i.keys.Kid()
	signed, err := t.SignedString(i.keys.signing)
	if err != nil {
		return "", 0, fmt.Errorf("sign access token: %w", err)
	}
	return signed, i.ttl, nil
}

// errUnknownKid is the cause logged for a token naming a key this server does not hold.
var errUnknownKid = errors.New("unknown kid")

// Verify checks token and returns the principal it carries. It knows nothing of what changed
// since the token was issued: requests go through Service.Authenticate, which also checks the
// principal's token epoch. Only EdDSA signatures by a known
// kid are accepted: pinning the algorithm defeats "alg: none" and the HS256-keyed-with-the-
// public-key confusion. Every failure is Unauthenticated: token_expired for a token that was
// valid but has run out (the client should refresh), invalid_token for anything else.
func (i *Issuer) Verify(token string) (*access.Principal, error) {
	if p, ok, err := i.verified.lookup(token, i.now()); ok {
		return p, err
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(i.issuer),
		jwt.WithAudience(i.audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(clockLeeway),
		jwt.WithTimeFunc(i.now),
		// Only the canonical base64url of each segment: without it the unused low bits of a
		// segment's last character are ignored, so one token would have several spellings.
		jwt.WithStrictDecoding(),
	)
	// Go's base64 decoder skips CR and LF anywhere, and the JWS compact form has no room for
	// anything but base64url and two dots: refuse the rest before parsing.
	if !compactJWS(token) {
		return nil, invalidToken(errors.New("not a compact JWS"))
	}
	var c claims
	_, err := parser.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) {
		// RFC 7515 §4.1.11: a token naming extensions we do not implement must be refused.
		if _, ok := t.Header["crit"]; ok {
			return nil, errors.New("crit header")
		}
		kid, _ := t.Header["kid"].(string)
		pub, ok := i.keys.publicKey(kid)
		if !ok {
			return nil, errUnknownKid
		}
		return pub, nil
	})
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			return nil, &apperr.Error{Kind: apperr.Unauthenticated, Code: "token_expired",
				Message: "The access token has expired; refresh it.", Err: err}
		}
		return nil, invalidToken(err)
	}
	// Every token we issue carries iat and lives at most MaxAccessTTL: a longer one was not
	// minted by this service's rules, whatever key signed it.
	if c.IssuedAt == nil || c.NotBefore == nil {
		return nil, invalidToken(errors.New("no iat or nbf"))
	}
	if c.ExpiresAt.Sub(c.IssuedAt.Time) > MaxAccessTTL {
		return nil, invalidToken(fmt.Errorf("lifetime %v beyond %v", c.ExpiresAt.Sub(c.IssuedAt.Time), MaxAccessTTL))
	}
	id, err := uuid.Parse(c.Subject)
	if err != nil {
		return nil, invalidToken(fmt.Errorf("subject: %w", err))
	}
	if c.Kind != access.UserPrincipal && c.Kind != access.ClientPrincipal {
		return nil, invalidToken(fmt.Errorf("unknown principal kind %q", c.Kind))
	}
	for _, a := range c.Roles {
		if !a.Role.Valid() {
			return nil, invalidToken(fmt.Errorf("unknown role %q", a.Role))
		}
	}
	p := &access.Principal{ID: id, Kind: c.Kind, Name: c.Name, Username: c.Username, Roles: c.Roles, Epoch: c.Epoch}
	i.verified.remember(token, p, c.NotBefore.Time, c.ExpiresAt.Time)
	return p, nil
}

// invalidToken is the answer for a token that is not one of ours; the cause is for logs only,
// since telling a caller why a forged token failed helps nobody but the forger.
func invalidToken(cause error) *apperr.Error {
	return &apperr.Error{Kind: apperr.Unauthenticated, Code: "invalid_token",
		Message: "The access token is invalid.", Err: cause}
}

// compactJWS reports whether token has the JWS compact form's shape: three non-empty segments
// of base64url characters (no padding, no whitespace) joined by dots.
func compactJWS(token string) bool {
	segments, dots := 0, 0
	run := 0
	for i := 0; i < len(token); i++ {
		switch ch := token[i]; {
		case ch == '.':
			if run == 0 {
				return false
			}
			dots++
			run = 0
		case ch >= 'A' && ch <= 'Z', ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9', ch == '-', ch == '_':
			if run == 0 {
				segments++
			}
			run++
		default:
			return false
		}
	}
	return dots == 2 && segments == 3 && run > 0
}
